"""Step 5: what the child needs, per category."""

import streamlit as st

from hgs import texts, ui

ctx = ui.step_header(5)
for category, title in texts.NEED_CATEGORIES.items():
    st.subheader(f"{ctx.case.first_name} heeft nodig: {title.lower()}")
    ui.item_list(ctx, "needs", [
        ui.Col("text", "Behoefte", "area", width=5),
        ui.Col("more_pupils", "Meer leerlingen gebaat", "bool", width=1.2),
    ], where={"category": category}, new_label="Toevoegen",
       new_placeholder=f"{ctx.case.first_name} heeft … nodig (Enter)")
ui.step_nav(5)
