"""The case and meeting a page works on, fresh from the store and checked against the user's
organisations (an audited store for its writes); a clear message and a stop when there is none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from hgs import pages
from hgs.errors import HGSError
from hgs.i18n import t
from hgs.method.records import Case, Meeting
from hgs.store import Store
from hgs.ui import signin as ui_auth
from hgs.ui.session import choose, store


@dataclass(frozen=True)
class Context:
    store: Store
    case: Case
    meeting: Meeting

    @property
    def ids(self) -> tuple[str, str]:
        return self.case.id, self.meeting.id

    def key(self, *parts: Any) -> str:
        return "-".join(["m", self.meeting.id, *map(str, parts)])


def active_case() -> Case | None:
    case_id = st.session_state.get("active_case")
    if not case_id:
        return None
    try:
        case = store().get_case(case_id)
    except HGSError:
        return None
    if not ui_auth.may_see(case):  # a link to another organisation's case: drop it, say so
        ui_auth.log_refused(case.id)
        choose(None)
        st.warning(t("ui_auth.other_organisation"), icon=":material/lock:")
        return None
    ui_auth.log_read(case)
    return case


def require_meeting() -> Context:
    """The active case and meeting, fresh from the store; a clear message and a stop if none."""
    case_id = st.session_state.get("active_case")
    meeting_id = st.session_state.get("active_meeting")
    try:
        if case_id and meeting_id:
            s = store()
            case = s.get_case(case_id)
            if not ui_auth.may_see(case):  # another organisation's case: show nothing of it
                ui_auth.log_refused(case.id)
                choose(None)
                st.error(t("ui_auth.other_organisation"), icon=":material/lock:")
                st.stop()
            ui_auth.log_read(case)
            return Context(ui_auth.audited(s, case_id), case, s.get_meeting(case_id, meeting_id))
    except HGSError as error:
        st.warning(str(error))
    st.info(t("common.no_meeting"), icon=":material/info:")
    st.page_link(pages.START.path, label=t("ui.naar_start"), icon=":material/home:")
    st.stop()
    raise AssertionError("unreachable")
