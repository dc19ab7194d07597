"""Autosaving fields: every widget writes what is typed straight to the store, through one save
path that keeps a failed save's text on screen and runs it again once the store is back; the
browser script that commits while typing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from hgs.errors import HGSError, StorageError, disk_problem
from hgs.i18n import t
from hgs.method.records import Meeting
from hgs.store import Store
from hgs.ui.context import Context
from hgs.ui.session import store

UNSAVED_STATE = "unsaved"  # widget key -> the text typed while the store could not save it
RETRY_STATE = "unsaved_saves"  # widget key -> the save that failed, to run again once back


def reachable_store() -> Store:
    """The store for the frame, checked with one round trip (PostgreSQL; a folder has nothing
    to check). While the database is away: its Dutch message, what was typed and not saved yet,
    a button to try again, then a stop, so no page hangs or fails on its reads. Once it is
    back, the saves that failed meanwhile run again (the later save wins, and is told)."""
    try:
        opened = store()
        getattr(opened, "check", lambda: None)()
    except StorageError as error:
        st.error(str(error), icon=":material/cloud_off:")
        unsaved_notice(away=True)
        st.button(t("ui.opnieuw_proberen"), key="store-retry", icon=":material/refresh:")
        st.stop()
    for key, action in list(st.session_state.get(RETRY_STATE, {}).items()):
        st.session_state[RETRY_STATE].pop(key, None)
        save(key, action)  # what failed while the database was away, saved now it is back
    unsaved_notice(away=False)
    return opened


def unsaved_notice(away: bool) -> None:
    """What was typed while it could not be saved, shown as text to copy; it goes when that
    field saves (again), or, the store back, when the person says they have it."""
    unsaved = st.session_state.get(UNSAVED_STATE) or {}
    if not unsaved:
        return
    with st.container(border=True, key="unsaved-texts"):
        st.markdown(t("ui.niet_bewaard"))
        for text in unsaved.values():
            st.code(text, language=None, wrap_lines=True)
        if not away and st.button(t("ui.niet_bewaard_gezien"), key="unsaved-seen",
                                  icon=":material/check:"):
            st.session_state[UNSAVED_STATE] = {}
            st.rerun()


def _errors() -> dict[str, str]:
    return st.session_state.setdefault("save_errors", {})


def save(key: str, action: Callable[[], Any], toast: bool = True) -> bool:
    """Run a store write for widget `key`; a message (in the session's
    language) stays beside the widget on failure."""
    try:
        action()
    except StorageError as error:  # the store is away: keep what was typed to show it again
        _errors()[key] = str(error)
        if isinstance(typed := st.session_state.get(key), str) and typed.strip():
            st.session_state.setdefault(UNSAVED_STATE, {})[key] = typed
        st.session_state.setdefault(RETRY_STATE, {})[key] = action
        return False
    except HGSError as error:
        _errors()[key] = str(error)
        return False
    except OSError as error:  # disk full, folder read-only: keep the screen, say what happened
        _errors()[key] = t("ui.opslaan_is_niet_gelukt_wat_u", disk_problem=disk_problem(error))
        return False
    _errors().pop(key, None)
    for pending in (UNSAVED_STATE, RETRY_STATE):
        st.session_state.get(pending, {}).pop(key, None)
    if toast:
        st.toast(t("common.saved"), icon=":material/check:")
    return True


def show_error(key: str) -> None:
    if message := _errors().get(key):
        st.error(message, icon=":material/error:")


def _field_value(meeting: Meeting, field: str) -> Any:
    name, _, sub = field.partition(".")
    value = getattr(meeting, name)
    return value.get(sub) if sub else value


# Two people can change the same field at once (the chair, a participant, a second screen).
# Each widget remembers the stored value it last showed or saved ("seen"); when the store holds
# something else at save time, the later save still wins, and the person is told.
def seen_key(key: str) -> str:
    return f"{key}::seen"


def remember_seen(key: str, value: Any) -> None:
    if key not in st.session_state:  # a fresh widget shows the stored value
        st.session_state[seen_key(key)] = value


def after_save(key: str, value: Any, conflict: list[bool]) -> None:
    st.session_state[seen_key(key)] = value
    if conflict and conflict[0]:
        st.toast(t("ui.conflict"), icon=":material/sync_problem:")


def _unchanged(value: Any) -> Any:
    return value


def _save_field(ctx: Context, field: str, key: str, convert: Callable[[Any], Any]) -> None:
    value = convert(st.session_state[key])
    seen = st.session_state.get(seen_key(key))
    conflict: list[bool] = []
    if save(key, lambda: conflict.append(ctx.store.save_field(*ctx.ids, field, value, seen))):
        after_save(key, value, conflict)


def meeting_field(ctx: Context, field: str, label: str, kind: str = "area", *,
                  help: str | None = None, placeholder: str | None = None,
                  options: dict | None = None, height: int | None = None) -> None:
    """One autosaving widget for a field of the meeting (`party_questions.ouders` for a dict)."""
    key = ctx.key(field)
    value = _field_value(ctx.meeting, field)
    remember_seen(key, value)
    common = dict(key=key, help=help)
    convert: Callable[[Any], Any] = _unchanged
    if kind == "area":
        st.text_area(label, value=value or "", placeholder=placeholder, height=height,
                     on_change=_save_field, args=(ctx, field, key, convert), **common)
    elif kind == "text":
        st.text_input(label, value=value or "", placeholder=placeholder,
                      on_change=_save_field, args=(ctx, field, key, convert), **common)
    elif kind == "date":
        st.date_input(label, value=value, format="DD-MM-YYYY",
                      on_change=_save_field, args=(ctx, field, key, convert), **common)
    elif kind == "choice":
        choices = list(options or {})
        st.radio(label, choices, index=choices.index(value) if value in choices else 0,
                 format_func=lambda v: options[v], horizontal=True,
                 on_change=_save_field, args=(ctx, field, key, convert), **common)
    elif kind == "score":
        st.number_input(label, min_value=0, max_value=10, step=1, value=value,
                        placeholder=t("ui.nog_geen_score"),
                        on_change=_save_field, args=(ctx, field, key, int_or_none), **common)
    elif kind == "rating":
        st.number_input(label, min_value=1, max_value=10, step=1, value=value,
                        placeholder="1 – 10",
                        on_change=_save_field, args=(ctx, field, key, int_or_none), **common)
    else:
        raise ValueError(kind)
    show_error(key)


def int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)



# What a person types is committed as they type it (a pause, Enter, Tab, leaving the field,
# a click on a page link right after typing): the rules are in the script itself.
_AUTOSAVE_JS = Path(__file__).with_name("autosave.js")


def autosave_while_typing() -> None:
    st.html(f"<script>{_AUTOSAVE_JS.read_text(encoding='utf-8')}</script>",
            unsafe_allow_javascript=True)
