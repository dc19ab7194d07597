"""Step 4: outlook — observable goals for child, education and parenting, on a 0–10 scale."""

import streamlit as st

from hgs.i18n import t
from hgs.method import cycle, texts
from hgs.ui import fields, frame, lists
from hgs.ui import method as ui_method
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = frame.step_header(4)
follow_up = ctx.meeting.kind == "evaluatie"
if follow_up:
    st.caption(t("step4.vervolg_mdo_de_doelen_van_de"))
for area in ("kind", "onderwijs", "opvoeding"):
    st.subheader(texts.AREAS[area])
    goals = lists.item_list(ctx, "goals", [
        lists.Col("text", t("step4.doel"), "area", width=3),
        lists.Col("observable", t("step4.wat_zien_en_horen_we_dan"), "area", width=3),
        lists.Col("start", t("step4.start_010"), "score", width=1),
        lists.Col("target", t("step4.doel_010"), "score", width=1),
        lists.Col("weight", t("step4.gewicht"), "weight", width=0.8),
        *([lists.Col("dropped", t("step4.vervallen"), "bool", width=0.8)] if follow_up else []),
    ], where={"area": area}, new_label=t("step4.nieuw_doel"), new_placeholder=t("step4.het_doel_dan_enter"),
       labels=True)
    for goal in goals:
        ui_method.show_hints(goal)
    scored = {g.id for g in cycle.goals_to_score(ctx.meeting)}
    for goal in goals:
        if goal.id in scored:
            fields.meeting_field(ctx, f"scores.{goal.id}",
                                 t("step4.score_nu", value=texts.plain(goal.text) or 'doel'),
                                 kind="score")
frame.step_nav(4)
