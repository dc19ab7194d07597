"""The language of a person's session: Dutch until they choose, kept in the session and in the
address (`?lang=`), and the switch in the sidebar. Importing this module tells `hgs.i18n` where
the session's choice is."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from hgs import i18n
from hgs.i18n import t


def _session_language() -> str | None:
    """The person's language choice in the running Streamlit session, if any."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or i18n.SESSION_KEY not in ctx.session_state:
        return None
    return ctx.session_state[i18n.SESSION_KEY]


i18n.set_language_source(_session_language)


LAST_LANGUAGE = "language"  # the last choice, kept when the switch is clicked off or unseen


LANGUAGE_PARAM = "lang"  # `?lang=en` in the address: a reload or a shared link keeps English


def remembered_language() -> str:
    """The session's language (Dutch until the person chooses; a new session takes `?lang=` from
    the address), put where the switch reads it and, when not Dutch, back in the address."""
    state, params = st.session_state, st.query_params
    if state.get(i18n.SESSION_KEY) not in i18n.LANGUAGES:
        asked = params.get(LANGUAGE_PARAM)
        state[i18n.SESSION_KEY] = state.get(
            LAST_LANGUAGE, asked if asked in i18n.LANGUAGES else i18n.DEFAULT)
    state[LAST_LANGUAGE] = lang = state[i18n.SESSION_KEY]
    if lang != i18n.DEFAULT:
        if params.get(LANGUAGE_PARAM) != lang:
            params[LANGUAGE_PARAM] = lang
    elif LANGUAGE_PARAM in params:
        del params[LANGUAGE_PARAM]
    return lang


def _keep_a_language() -> None:
    state = st.session_state
    if state.get(i18n.SESSION_KEY) not in i18n.LANGUAGES:  # the chosen option clicked off
        state[i18n.SESSION_KEY] = state.get(LAST_LANGUAGE, i18n.DEFAULT)
    state[LAST_LANGUAGE] = state[i18n.SESSION_KEY]


def language_switch(place=None) -> None:
    """Nederlands | English in the sidebar (or `place`), per person (per session), and the
    page's `<html lang>` to match, so a screen reader pronounces Dutch as Dutch."""
    with place if place is not None else st.sidebar:
        st.segmented_control(t("app.language"), list(i18n.LANGUAGES), key=i18n.SESSION_KEY,
                             format_func=i18n.LANGUAGES.get, on_change=_keep_a_language,
                             label_visibility="collapsed")
        # Streamlit's page says lang="en" whatever the app speaks, and has no option for it.
        st.html(f"<script>document.documentElement.lang = {i18n.language()!r};</script>",
                unsafe_allow_javascript=True)
