"""Voortgang: how the goals of the active case moved, what the tops and tips said, and where
the agreements stand."""

import streamlit as st

from hgs import pages
from hgs.i18n import t, tn
from hgs.method import texts
from hgs.ui import bodies, context, session
from hgs.ui import downloads as ui_downloads
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
st.title(t("voortgang.voortgang"))
case = context.active_case()
if case is None:
    st.info(t("voortgang.kies_eerst_een_casus_op_de_pagina"), icon=":material/info:")
    st.page_link(pages.START.path, label=t("voortgang.naar_start"), icon=":material/home:")
    st.stop()
meetings = session.store().meetings(case.id)
st.caption(tn("voortgang.mdo_s", len(meetings), first_name=texts.plain(case.first_name), code=case.code))
if not meetings:
    st.info(t("voortgang.deze_casus_heeft_nog_geen_mdo"),
            icon=":material/info:")
    st.stop()
if len(meetings) == 1:
    st.info(t("voortgang.dit_is_het_eerste_mdo_vanaf_het", date=texts.date_nl(meetings[0].date)),
            icon=":material/info:")
bodies.goal_progress(meetings)

st.subheader(t("voortgang.verslag_en_export"))
labels = ui_downloads.meeting_labels(meetings)
chosen_id = st.selectbox(t("voortgang.verslag_van_welk_mdo"), list(labels), index=len(labels) - 1,
                         format_func=labels.get, key="dl-progress-meeting")
chosen = next(m for m in meetings if m.id == chosen_id)
ui_downloads.download_buttons(ui_downloads.report_files(session.store(), case, chosen, "team"),
                              key="progress-team", title=t("voortgang.verslag_voor_het_team"))
ui_downloads.download_buttons(ui_downloads.report_files(session.store(), case, chosen, "ouders"),
                              key="progress-ouders", title=t("voortgang.verslag_voor_ouders"),
                              caption=ui_downloads.parents_caption())
ui_downloads.download_buttons(
    ui_downloads.export_files(session.store(), case, session.today()), key="progress-export",
    title=t("voortgang.de_hele_casus"),
    caption=t("voortgang.alle_gegevens_van_de_casus_om"))
