"""Step 7: are the questions of step 1 answered, and which decisions are taken by whom."""

import streamlit as st

from hgs import texts, ui

ui.guard(__file__)
ctx = ui.step_header(7)
st.subheader("Antwoorden op de vragen van stap 1")
questions = [q for q in ctx.meeting.questions if q.text]
if not questions:
    st.caption("Bij stap 1 zijn geen vragen genoteerd.")
for question in questions:
    with st.container(border=True):
        st.markdown(f"**{texts.plain(question.text)}**"
                    + (f" — {texts.plain(question.asked_by)}" if question.asked_by else ""))
        ui.item_list(ctx, "questions", [
            ui.Col("answer", "Antwoord", "area", width=5),
            ui.Col("answered", "Beantwoord", "bool", width=1),
        ], keep=lambda q, qid=question.id: q.id == qid, can_add=False)
st.subheader("Besluiten")
ui.item_list(ctx, "decisions", [
    ui.Col("text", "Besluit", "area", width=4),
    ui.Col("decided_by", "Wie besluit?", width=1.5),
], new_label="Nieuw besluit", new_placeholder="Het besluit, dan Enter",
   empty="Nog geen besluiten. Ieder besluit binnen de eigen rol.")
ui.step_nav(7)
