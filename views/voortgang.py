"""Voortgang: how the goals of the active case moved, what the tops and tips said, and where
the agreements stand."""

import streamlit as st

from hgs import texts, ui, ui_downloads

ui.guard(__file__)
st.title("Voortgang")
case = ui.active_case()
if case is None:
    st.info("Kies eerst een casus op de pagina Start.", icon=":material/info:")
    st.page_link(ui.START_PAGE, label="Naar Start", icon=":material/home:")
    st.stop()
meetings = ui.store().meetings(case.id)
st.caption(f"{texts.plain(case.first_name)} · {case.code} · {len(meetings)} MDO('s)")
if not meetings:
    st.info("Deze casus heeft nog geen MDO. Plan er een op de pagina Start.",
            icon=":material/info:")
    st.stop()
if len(meetings) == 1:
    st.info(f"Dit is het eerste MDO ({texts.date_nl(meetings[0].date)}). Vanaf het vervolg-MDO "
            "ziet u hier hoe elk doel verandert; nu staan de startpunten er.",
            icon=":material/info:")
ui.goal_progress(meetings)

st.subheader("Verslag en export")
labels = ui_downloads.meeting_labels(meetings)
chosen_id = st.selectbox("Verslag van welk MDO?", list(labels), index=len(labels) - 1,
                         format_func=labels.get, key="dl-progress-meeting")
chosen = next(m for m in meetings if m.id == chosen_id)
ui_downloads.download_buttons(ui_downloads.report_files(ui.store(), case, chosen, "team"),
                              key="progress-team", title="Verslag voor het team")
ui_downloads.download_buttons(ui_downloads.report_files(ui.store(), case, chosen, "ouders"),
                              key="progress-ouders", title="Verslag voor ouders",
                              caption=ui_downloads.PARENTS_CAPTION)
ui_downloads.download_buttons(
    ui_downloads.export_files(ui.store(), case, ui.today()), key="progress-export",
    title="De hele casus",
    caption="Alle gegevens van de casus (om later weer in te lezen) en het verslag van elk MDO "
            "als PDF en Word, samen in één ZIP-bestand. Vertrouwelijk: bewaar het als een "
            "leerlingdossier.")
