"""Step 6: what teacher/school and parents need to offer what the child needs."""

import streamlit as st

from hgs import texts, ui

ui.guard(__file__)
ctx = ui.step_header(6)
for for_whom, title in texts.SUPPORT_FOR.items():
    st.subheader(f"{title} hebben nodig")
    for kind, label in texts.SUPPORT_KINDS.items():
        st.markdown(f"**{label}**")
        ui.item_list(ctx, "support_needs", [
            ui.Col("text", label, "area", width=4),
            ui.Col("from_whom", "Van wie?", width=1.5),
        ], where={"for_whom": for_whom, "kind": kind}, new_label="Toevoegen",
           new_placeholder="Typ en druk op Enter")
ui.step_nav(6)
