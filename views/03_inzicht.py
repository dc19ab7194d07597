"""Step 3: insight — explanations per area, and whether research is truly needed."""

import streamlit as st

from hgs import texts, ui, ui_method

ui.guard(__file__)
ctx = ui.step_header(3)
for area in ("kind", "onderwijs", "opvoeding"):
    st.subheader(texts.AREAS[area])
    items = ui.item_list(ctx, "explanations", [ui.Col("text", "Verklaring", "area")],
                         where={"area": area}, new_label="Mogelijke verklaring",
                         new_placeholder="Hoe zou het kunnen komen? (Enter)")
    for item in items:
        ui_method.show_hints(item)
st.subheader("Onderzoek")
ui.meeting_field(ctx, "research_needed", "Is verder onderzoek nodig voor wat we gaan doen?",
                 kind="choice", options=texts.RESEARCH)
ui.meeting_field(ctx, "research_reason", "Waarom wel of niet? Welke vraag moet het onderzoek "
                 "beantwoorden?", height=90)
ui.step_nav(3)
