"""Step 8: agreements — who does what by when — and the evaluation date."""

import streamlit as st

from hgs import texts, ui, ui_downloads

ui.guard(__file__)
ctx = ui.step_header(8)
st.subheader("Afspraken")
ui.item_list(ctx, "agreements", [
    ui.Col("what", "Wat", "area", width=4),
    ui.Col("who", "Wie", width=1.5),
    ui.Col("due", "Uiterlijk", "date", width=1.2),
    ui.Col("status", "Status", "select", width=1, options=texts.AGREEMENT_STATUS),
], new_label="Nieuwe afspraak", new_placeholder="Wat gaan we doen? (Enter)", new_field="what",
   labels=True, empty="Nog geen afspraken.")
st.subheader("Hoe verder")
ui.meeting_field(ctx, "evaluation_date", "Wanneer evalueren we? (datum vervolg-MDO)",
                 kind="date")
ui_downloads.download_buttons(
    ui_downloads.evaluation_files(ctx.store, ctx.case, ctx.meeting), key="agreements-eval",
    caption=ui_downloads.ICS_CAPTION)
ui.step_nav(8)
