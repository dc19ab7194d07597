"""The list editor: the items of one meeting list, each field autosaving, a remove button per item
and a "new item" field whose draft survives a reload."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from hgs.i18n import t
from hgs.ui.context import Context
from hgs.ui.fields import after_save, int_or_none, remember_seen, save, seen_key, show_error


@dataclass(frozen=True)
class Col:
    """One field of a list item as a widget: kind is text, area, bool, score, weight, date,
    select (with `options`: value -> label), or person (`options`: the names at the table ->
    label; "someone else" opens a text field for a name that is not among them; stored as
    the name's text)."""
    field: str
    label: str
    kind: str = "text"
    width: float = 1.0
    options: dict | None = None
    placeholder: str | None = None


def _save_item(ctx: Context, list_name: str, item_id: str, col: Col, key: str) -> None:
    value = st.session_state[key]
    if col.kind in ("score", "weight"):
        value = int_or_none(value)
    elif col.kind == "select" and value is None:  # the choice cleared: nothing chosen to save
        return
    seen = st.session_state.get(seen_key(key))
    conflict: list[bool] = []
    if save(key, lambda: conflict.append(ctx.store.save_item_field(
            *ctx.ids, list_name, item_id, col.field, value, seen))):
        after_save(key, value, conflict)


# A live list reruns every 2 s; a rerun that starts before the browser has the cleared field
# back sends the same text a second time. The same text in the same field within this many
# seconds is that echo, not a second entry.
ECHO_SECONDS = 10.0


def _add_item(ctx: Context, list_name: str, where: dict, field: str, key: str,
              draft: str, draft_key: str) -> None:
    """Enter in (or leaving) a list's "new item" field: the typed text becomes an item, and
    its draft (saved while typing) goes in the same write."""
    text = (st.session_state[key] or "").strip()
    if not text:
        return
    last_text, last_time = st.session_state.get(f"{key}::added", ("", 0.0))
    if text == last_text and time.monotonic() - last_time < ECHO_SECONDS:
        st.session_state[key] = ""
        return
    if save(key, lambda: ctx.store.add_item(*ctx.ids, list_name, draft=draft, **where,
                                            **{field: text})):
        st.session_state[f"{key}::added"] = (text, time.monotonic())
        st.session_state[key] = ""
        st.session_state[draft_key] = ""


def _save_draft(ctx: Context, draft: str, key: str) -> None:
    """A pause in a "new item" field: what was typed is kept as the list's draft, so a reload
    or a crash never loses it (the browser's autosave fills the hidden twin field)."""
    save(key, lambda: ctx.store.set_field(*ctx.ids, f"drafts.{draft}",
                                          st.session_state[key] or ""), toast=False)


# The choice "someone else" of a person field: not a name, so never stored.
OTHER = "\x00other"


def _save_person(ctx: Context, list_name: str, item_id: str, col: Col, key: str) -> None:
    """A name picked (or the choice cleared) saves the name; "someone else" saves nothing yet
    (empty, so the screen and the file agree) and the name typed beside it saves it."""
    chosen = st.session_state[key]
    value = "" if chosen in (None, OTHER) else chosen
    seen = st.session_state.get(seen_key(key))
    conflict: list[bool] = []
    if save(key, lambda: conflict.append(ctx.store.save_item_field(
            *ctx.ids, list_name, item_id, col.field, value, seen))):
        after_save(key, value, conflict)


def _person_widget(ctx: Context, list_name: str, item: Any, col: Col, key: str, value: str,
                   visibility: str) -> None:
    names = dict(col.options or {})
    typed = bool(value) and value not in names
    choices = [*names, OTHER]
    index = choices.index(value) if value in names else (len(names) if typed else None)
    words = {**names, OTHER: t("retype.iemand_anders")}
    st.selectbox(col.label, choices, index=index, placeholder=t("ui.kies"),
                 format_func=lambda v: words.get(v, v), key=key, on_change=_save_person,
                 args=(ctx, list_name, item.id, col, key), label_visibility=visibility)
    if typed or st.session_state.get(key) == OTHER:
        other_key = f"{key}-other"
        remember_seen(other_key, value)
        st.text_input(t("retype.naam_iemand_anders"), value=value if typed else "", key=other_key,
                      placeholder=t("retype.naam_iemand_anders"), label_visibility="collapsed",
                      on_change=_save_item,
                      args=(ctx, list_name, item.id, Col(col.field, col.label), other_key))
        show_error(other_key)


def _remove_item(ctx: Context, list_name: str, item_id: str, key: str) -> None:
    save(key, lambda: ctx.store.remove_item(*ctx.ids, list_name, item_id), toast=False)
    st.toast(t("ui.verwijderd"), icon=":material/delete:")


def _item_widget(ctx: Context, list_name: str, item: Any, col: Col, show_label: bool) -> None:
    key = ctx.key(list_name, item.id, col.field)
    value = getattr(item, col.field)
    remember_seen(key, value)
    visibility = "visible" if show_label else "collapsed"
    args = dict(key=key, on_change=_save_item, args=(ctx, list_name, item.id, col, key),
                label_visibility=visibility)
    if col.kind == "text":
        st.text_input(col.label, value=value or "", placeholder=col.placeholder, **args)
    elif col.kind == "area":
        st.text_area(col.label, value=value or "", placeholder=col.placeholder, height=68,
                     **args)
    elif col.kind == "bool":
        st.checkbox(col.label, value=bool(value), key=key, on_change=_save_item,
                    args=(ctx, list_name, item.id, col, key))
    elif col.kind == "score":
        st.number_input(col.label, min_value=0, max_value=10, step=1, value=value,
                        placeholder="0 – 10", **args)
    elif col.kind == "weight":
        st.number_input(col.label, min_value=1, max_value=3, step=1, value=value, **args)
    elif col.kind == "date":
        st.date_input(col.label, value=value, format="DD-MM-YYYY", **args)
    elif col.kind == "select":  # a value not among the options (a role not chosen yet) shows
        choices = list(col.options or {})  # empty with "Kies …", never a silent first option
        st.selectbox(col.label, choices, index=choices.index(value) if value in choices else None,
                     placeholder=t("ui.kies"), format_func=lambda v: col.options[v], **args)
    elif col.kind == "person":
        _person_widget(ctx, list_name, item, col, key, value or "", visibility)
    else:
        raise ValueError(col.kind)
    show_error(key)


def item_list(ctx: Context, list_name: str, cols: list[Col], *, where: dict | None = None,
              new_label: str | None = None, new_placeholder: str | None = None,
              new_field: str = "text", empty: str | None = None, labels: bool = False,
              keep: Callable[[Any], bool] | None = None, can_add: bool = True,
              defaults: dict | None = None, action: Callable[[Any], None] | None = None,
              action_width: float = 2.1) -> list:
    """Edit the items of one meeting list (filtered by `where`), each field autosaving, with a
    field at the bottom that adds an item as soon as something is typed in it. `action(item)`
    draws a column of its own beside each item's fields (step 7: "Maak er een afspraak van")."""
    where = where or {}
    items = [item for item in getattr(ctx.meeting, list_name)
             if all(getattr(item, k) == v for k, v in where.items()) and (keep is None or keep(item))]
    tag = "-".join(str(v) for v in where.values()) or "all"
    if not items and empty:
        st.caption(empty)
    widths = [c.width for c in cols] + ([action_width] if action else []) + [0.18]
    for index, item in enumerate(items):
        row = st.columns(widths, vertical_alignment="bottom" if labels else "top")
        for cell, col in zip(row, cols):
            with cell:
                _item_widget(ctx, list_name, item, col,
                             show_label=labels or (index == 0 and len(cols) > 1))
        if action:
            with row[len(cols)]:
                action(item)
        with row[-1]:
            remove_key = ctx.key(list_name, item.id, "remove")
            st.button("", icon=":material/delete:", key=remove_key, help=t("ui.verwijderen"),
                      on_click=_remove_item, args=(ctx, list_name, item.id, remove_key))
    if can_add:
        new_key, draft_key = ctx.key("new", list_name, tag), ctx.key("draft", list_name, tag)
        draft = f"{list_name}:{tag}"
        st.text_input(new_label or t("ui.nieuw"), key=new_key,
                      placeholder=new_placeholder or t("ui.typ_en_druk_op_enter"),
                      on_change=_add_item,
                      args=(ctx, list_name, {**(defaults or {}), **where}, new_field, new_key,
                            draft, draft_key),
                      label_visibility="visible" if not items else "collapsed")
        # The hidden twin that carries a draft: the browser fills it after a pause in typing
        # and, after a reload, puts what it holds back into the field above.
        stored = ctx.meeting.drafts.get(draft, "")
        st.text_input(t("ui.concept"), key=draft_key, label_visibility="collapsed",
                      on_change=_save_draft, args=(ctx, draft, draft_key),
                      **({} if draft_key in st.session_state else {"value": stored}))
        if stored:
            st.caption(t("ui.concept_nog_niet_toegevoegd"))
        show_error(new_key)
        show_error(draft_key)
    return items
