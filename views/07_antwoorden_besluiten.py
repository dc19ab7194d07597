"""Step 7: are the questions of step 1 answered, and which decisions are taken by whom."""

import streamlit as st

from hgs.i18n import t
from hgs.method import cycle, texts
from hgs.ui import context, fields, frame, lists
from hgs.ui import decisions as ui_decisions
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = frame.step_header(7)
if cycle.registration_to_carry(ctx.meeting):  # step 1 skipped: the aanmelding's questions too
    if fields.save("step7-carry", lambda: ctx.store.update_meeting(*ctx.ids,
                                                                   cycle.carry_registration),
                   toast=False):
        ctx = context.Context(ctx.store, ctx.case, ctx.store.get_meeting(*ctx.ids))
fields.show_error("step7-carry")
st.subheader(t("step7.antwoorden_op_de_vragen_van_stap"))
questions = [q for q in ctx.meeting.questions if q.text]
if not questions:
    st.caption(t("step7.bij_stap_1_zijn_geen_vragen"))
for question in questions:
    with st.container(border=True):
        st.markdown(f"**{texts.plain(question.text)}**"
                    + (f" — {texts.plain(asker)}" if (asker := cycle.asked_by_words(question))
                       else ""))
        lists.item_list(ctx, "questions", [
            lists.Col("answer", t("step7.antwoord"), "area", width=5),
            lists.Col("answered", t("step7.beantwoord"), "bool", width=1),
        ], keep=lambda q, qid=question.id: q.id == qid, can_add=False)
st.subheader(t("step7.besluiten"))
lists.item_list(ctx, "decisions", [
    lists.Col("text", t("step7.besluit"), "area", width=4),
    lists.Col("decided_by", t("step7.wie_besluit"), width=1.5),
], new_label=t("step7.nieuw_besluit"), new_placeholder=t("step7.het_besluit_dan_enter"),
   empty=t("step7.nog_geen_besluiten_ieder_besluit"),
   action=lambda decision: ui_decisions.to_agreement(ctx, decision))
frame.step_nav(7)
