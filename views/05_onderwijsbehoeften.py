"""Step 5: what the child needs, per category."""

import streamlit as st

from hgs import texts, ui, ui_method

ui.guard(__file__)
ctx = ui.step_header(5)
for category, title in texts.NEED_CATEGORIES.items():
    st.subheader(f"{texts.plain(ctx.case.first_name)} heeft nodig: {title.lower()}")
    needs = ui.item_list(ctx, "needs", [
        ui.Col("text", "Behoefte", "area", width=5),
        ui.Col("more_pupils", "Meer leerlingen gebaat", "bool", width=1.2),
    ], where={"category": category}, new_label="Toevoegen",
       new_placeholder=f"{ctx.case.first_name} heeft … nodig (Enter)")
    for need in needs:
        ui_method.show_hints(need)
ui_method.show_strength_hints(ctx.meeting, needs=True)
ui.step_nav(5)
