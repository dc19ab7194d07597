"""Step 4: outlook — observable goals for child, education and parenting, on a 0–10 scale."""

import streamlit as st

from hgs import texts, ui, ui_method

ui.guard(__file__)
ctx = ui.step_header(4)
follow_up = ctx.meeting.kind == "evaluatie"
if follow_up:
    st.caption("Vervolg-MDO: de doelen van de vorige keer staan er al. Geef bij elk doel de score "
               "van nu, of zet een doel op ‘vervallen’.")
for area in ("kind", "onderwijs", "opvoeding"):
    st.subheader(texts.AREAS[area])
    goals = ui.item_list(ctx, "goals", [
        ui.Col("text", "Doel", "area", width=3),
        ui.Col("observable", "Wat zien en horen we dan?", "area", width=3),
        ui.Col("start", "Start (0–10)", "score", width=1),
        ui.Col("target", "Doel (0–10)", "score", width=1),
        ui.Col("weight", "Gewicht", "weight", width=0.8),
        *([ui.Col("dropped", "Vervallen", "bool", width=0.8)] if follow_up else []),
    ], where={"area": area}, new_label="Nieuw doel", new_placeholder="Het doel, dan Enter",
       labels=True)
    for goal in goals:
        ui_method.show_hints(goal)
    for goal in goals:
        if follow_up and goal.id in ctx.meeting.scores and not goal.dropped:
            ui.meeting_field(ctx, f"scores.{goal.id}",
                             f"Score nu: {texts.plain(goal.text) or 'doel'}",
                             kind="score")
ui.step_nav(4)
