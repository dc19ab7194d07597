"""Voortgang: how the goals of the active case moved, what the tops and tips said, and where
the agreements stand."""

import streamlit as st

from hgs import texts, ui

st.title("Voortgang")
case = ui.active_case()
if case is None:
    st.info("Kies eerst een casus op de pagina Start.", icon=":material/info:")
    st.page_link(ui.START_PAGE, label="Naar Start", icon=":material/home:")
    st.stop()
meetings = ui.store().meetings(case.id)
st.caption(f"{case.first_name} · {case.code} · {len(meetings)} MDO('s)")
if not meetings:
    st.info("Deze casus heeft nog geen MDO. Plan er een op de pagina Start.",
            icon=":material/info:")
    st.stop()
if len(meetings) == 1:
    st.info(f"Dit is het eerste MDO ({texts.date_nl(meetings[0].date)}). Vanaf het vervolg-MDO "
            "ziet u hier hoe elk doel verandert; nu staan de startpunten er.",
            icon=":material/info:")
ui.goal_progress(meetings)
