"""Step 8: agreements — who does what by when — and the evaluation date."""

import streamlit as st

from hgs.i18n import t
from hgs.method import cycle, texts
from hgs.ui import downloads as ui_downloads
from hgs.ui import fields, frame, lists, readlink
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = frame.step_header(8)
st.subheader(t("step8.afspraken"))
lists.item_list(ctx, "agreements", [
    lists.Col("what", t("step8.wat"), "area", width=4),
    lists.Col("who", t("step8.wie"), "person", width=1.5,
              options=cycle.people_at_table(ctx.meeting)),
    lists.Col("due", t("step8.uiterlijk"), "date", width=1.2),
    lists.Col("status", t("step8.status"), "select", width=1, options=texts.AGREEMENT_STATUS),
], new_label=t("step8.nieuwe_afspraak"), new_placeholder=t("step8.wat_gaan_we_doen_enter"), new_field="what",
   labels=True, empty=t("step8.nog_geen_afspraken"))
st.subheader(t("step8.hoe_verder"))
fields.meeting_field(ctx, "progress_followed", t("retype.hoe_volgen_we_de_voortgang"),
                     placeholder=t("retype.hoe_volgen_placeholder"), height=90)
fields.meeting_field(ctx, "evaluation_date", t("step8.wanneer_evalueren_we_datum"),
                     kind="date")
ui_downloads.download_buttons(
    ui_downloads.evaluation_files(ctx.store, ctx.case, ctx.meeting), key="agreements-eval",
    caption=ui_downloads.ics_caption())
readlink.panel(ctx)  # the parents read the verslag and the agreements through a lees-link
frame.step_nav(8)
