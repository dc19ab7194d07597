"""What one browser session holds besides its language: the store of this server, the active case
and meeting (kept in step with the address), a participant's join token, and today's date."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from hgs import config, i18n
from hgs.access.readlinks import URL_PARAM as READ_PARAM
from hgs.store import Store, open_store
from hgs.ui.language import LANGUAGE_PARAM, LAST_LANGUAGE


@st.cache_resource(show_spinner=False)
def open_store_for(target: str) -> Store:
    """One store per data folder or database URL for the whole server (kept across runs)."""
    return open_store(target)


def store() -> Store:
    """The store of this server: PostgreSQL at `HGS_DATABASE_URL`, else the data folder
    `HGS_DATA_DIR` (both read on every call)."""
    return open_store_for(config.store_target())


def sync_active() -> None:
    """Keep `?case=…&meeting=…` and the session in step: the URL wins when it names a case (a
    reload or a shared link), the session puts it back after the sidebar dropped it."""
    params, state = st.query_params, st.session_state
    if "case" in params:
        state["active_case"] = params["case"]
        state["active_meeting"] = params.get("meeting")
    elif state.get("active_case"):
        params["case"] = state["active_case"]
        if state.get("active_meeting"):
            params["meeting"] = state["active_meeting"]


def participant_token() -> str | None:  # "" for a participant with an empty token
    """The join token of a participant's session (from `?t=…`). A session that came in through
    a join link stays a participant session: it never gets the chair's pages."""
    if "t" in st.query_params:  # an empty or wrong token is still a participant: no way in
        st.session_state["participant_token"] = st.query_params.get("t") or ""
    return st.session_state.get("participant_token")


def reader_token() -> str | None:
    """The token of a lees-link's session (from `?lees=…`): like a participant's, a session
    that came in through one never gets another page (not even with a wrong token)."""
    if READ_PARAM in st.query_params:
        st.session_state["reader_token"] = st.query_params.get(READ_PARAM) or ""
    return st.session_state.get("reader_token")


def choose(case_id: str | None, meeting_id: str | None = None) -> None:
    st.session_state["active_case"] = case_id
    st.session_state["active_meeting"] = meeting_id
    st.query_params.clear()
    if st.session_state.get(LAST_LANGUAGE, i18n.DEFAULT) != i18n.DEFAULT:
        st.query_params[LANGUAGE_PARAM] = st.session_state[LAST_LANGUAGE]
    if case_id:
        st.query_params["case"] = case_id
        if meeting_id:
            st.query_params["meeting"] = meeting_id


def active_params() -> dict[str, str]:
    state = st.session_state
    return params_for(state.get("active_case"), state.get("active_meeting"))


def params_for(case_id: str | None, meeting_id: str | None = None) -> dict[str, str]:
    """The address of a case (and MDO) for a link, in this session's language."""
    state = st.session_state
    params = {"case": case_id, "meeting": meeting_id,
              LANGUAGE_PARAM: state.get(LAST_LANGUAGE) if state.get(LAST_LANGUAGE)
              != i18n.DEFAULT else None}
    return {k: v for k, v in params.items() if v}


def today() -> dt.date:
    return dt.date.today()
