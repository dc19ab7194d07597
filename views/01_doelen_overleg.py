"""Step 1: the meeting's goals — the questions to answer and who asks them."""

import streamlit as st

from hgs import texts, ui

ui.guard(__file__)
ctx = ui.step_header(1)
asked = [(texts.PARTIES[p], q) for p, q in ctx.meeting.party_questions.items() if q]
if asked:
    with st.container(border=True):
        st.markdown("**Vragen uit de aanmelding**")
        for who, question in asked:
            st.markdown(f"- *{who}:* {texts.plain(question)}")
st.subheader("Vragen en besluiten voor vandaag")
ui.live_section(ctx, lambda live: ui.item_list(live, "questions", [
    ui.Col("text", "Vraag: als we weten dat …, dan kunnen we …", "area", width=4),
    ui.Col("asked_by", "Wie wil dit weten?", width=1.5),
], new_label="Nieuwe vraag", new_placeholder="Als we weten dat …, dan kunnen we … (Enter)",
   empty="Nog geen vragen. Wie wil wat weten?"))
ui.step_nav(1)
