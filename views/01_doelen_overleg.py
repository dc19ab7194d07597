"""Step 1: the meeting's goals — the questions to answer and who asks them."""

import streamlit as st

from hgs.i18n import t
from hgs.method import cycle
from hgs.ui import fields, frame, lists, live_panel
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = frame.step_header(1)
if cycle.registration_to_carry(ctx.meeting):  # the aanmelding's questions, carried once
    fields.save("step1-carry", lambda: ctx.store.update_meeting(*ctx.ids,
                                                                cycle.carry_registration),
                toast=False)
fields.show_error("step1-carry")
st.subheader(t("step1.vragen_en_besluiten_voor_vandaag"))
if ctx.meeting.party_questions:
    st.caption(t("retype.vragen_uit_de_aanmelding_staan_hier"))
live_panel.live_section(ctx, lambda live: lists.item_list(live, "questions", [
    lists.Col("text", t("step1.vraag_als_we_weten_dat_dan_kunnen"), "area", width=4),
    lists.Col("asked_by", t("step1.wie_wil_dit_weten"), width=1.5),
], new_label=t("step1.nieuwe_vraag"), new_placeholder=t("step1.als_we_weten_dat_dan_kunnen_we"),
   empty=t("step1.nog_geen_vragen_wie_wil_wat_weten")))
frame.step_nav(1)
