"""Voorbereiding's "Planning" block: the MDO's date, start time, length, place and online link,
each saved as it changes, and cancelling the MDO (undoable) or removing it while it is empty.
The rules are in hgs.planning; this module lays out the widgets."""

from __future__ import annotations

import streamlit as st

from hgs import pages
from hgs.access import joining as live
from hgs.i18n import t
from hgs.method import planning, texts
from hgs.ui import confirm as ui_confirm
from hgs.ui import context, fields, session
from hgs.ui import signin as ui_auth

_FILLED_PREPARATION = ("reason", "party_questions", "participants")


def _save_date(ctx: context.Context, key: str) -> None:
    fields.save(key, lambda: planning.change_date(ctx.store, *ctx.ids, st.session_state[key]))


def _save_time(ctx: context.Context, key: str) -> None:
    def save() -> None:
        value = planning.parse_time(st.session_state[key])
        ctx.store.set_field(*ctx.ids, "start_time", value)
        st.session_state[key] = planning.format_time(value)  # "1430" reads back as 14:30

    fields.save(key, save)


def _save_duration(ctx: context.Context, key: str) -> None:
    value = st.session_state[key]
    fields.save(key, lambda: ctx.store.set_field(*ctx.ids, "duration",
                                             None if value is None else int(value)))


def planning_block(ctx: context.Context) -> None:
    """When and where; below it, cancelling or removing the MDO."""
    meeting = ctx.meeting
    st.header(t("planning.planning"))
    if meeting.cancelled:
        st.warning(t("planning.geannuleerd_op", date=texts.date_nl(meeting.cancelled),
                     reason=texts.plain(meeting.cancel_reason)), icon=":material/event_busy:")
    when = st.columns([1.2, 1, 1])
    with when[0]:
        key = ctx.key("date")
        st.date_input(t("planning.datum"), value=meeting.date, format="DD-MM-YYYY", key=key,
                      on_change=_save_date, args=(ctx, key))
        fields.show_error(key)
    with when[1]:
        key = ctx.key("start_time")
        st.text_input(t("planning.begintijd"), value=planning.format_time(meeting.start_time),
                      placeholder=t("planning.begintijd_voorbeeld"), key=key, max_chars=10,
                      on_change=_save_time, args=(ctx, key))
        fields.show_error(key)
    with when[2]:
        key = ctx.key("duration")
        st.number_input(t("planning.duur"), min_value=5, max_value=600, step=5,
                        value=meeting.duration, placeholder=t("planning.duur_standaard"),
                        key=key, on_change=_save_duration, args=(ctx, key))
        fields.show_error(key)
    where = st.columns(2)
    with where[0]:
        fields.meeting_field(ctx, "place", t("planning.plaats"), kind="text",
                             placeholder=t("planning.plaats_voorbeeld"))
    with where[1]:
        fields.meeting_field(ctx, "online_link", t("planning.online"), kind="text",
                             placeholder="https://…")
    _cancel_or_remove(ctx)


def _cancel_or_remove(ctx: context.Context) -> None:
    meeting = ctx.meeting
    with st.expander(t("planning.annuleren_of_verwijderen"), icon=":material/event_busy:",
                     expanded=meeting.cancelled is not None):
        if meeting.cancelled:
            key = f"plan-{meeting.id}-uncancel"
            if st.button(t("planning.gaat_toch_door"), key=key, icon=":material/event_available:"):
                if fields.save(key, lambda: planning.undo_cancel(ctx.store, *ctx.ids)):
                    ui_auth.log("meeting-uncancelled", ctx.case.id, meeting_id=meeting.id)
                    st.rerun()
            fields.show_error(key)
        else:
            st.caption(t("planning.annuleren_uitleg"))
            key = f"plan-{meeting.id}-cancel"
            reason = st.text_input(t("planning.waarom_niet_door"), value=meeting.cancel_reason,
                                   key=key + "-reason", max_chars=400)
            if st.button(t("planning.mdo_annuleren"), key=key, icon=":material/event_busy:"):
                if fields.save(key, lambda: planning.cancel(ctx.store, *ctx.ids, reason, session.today(),
                                                             close_joining=live.close_joining)):
                    ui_auth.log("meeting-cancelled", ctx.case.id, meeting_id=meeting.id)
                    st.rerun()
            fields.show_error(key)
        st.divider()
        meetings = ctx.store.meetings(ctx.case.id)
        if problem := planning.removal_problem(meeting, meetings):
            st.caption(problem)
            return
        st.caption(t("planning.verwijderen_uitleg"))
        ui_confirm.destructive_button(
            t("planning.mdo_verwijderen"), f"plan-{meeting.id}-remove",
            lambda: _removal_question(ctx), lambda: planning.remove(ctx.store, *ctx.ids),
            after=lambda: session.choose(ctx.case.id), next_page=pages.START.path)


def _removal_question(ctx: context.Context) -> ui_confirm.Question:
    meeting = ctx.meeting
    kind = texts.MEETING_KINDS[meeting.kind]
    what = t("planning.het_mdo_van", kind=kind[:1].lower() + kind[1:],
             date=texts.date_nl(meeting.date))
    prepared = [t(f"planning.voorbereid_{name}") for name in _FILLED_PREPARATION
                if getattr(meeting, name)]
    if meeting.start_time or meeting.duration or meeting.place or meeting.online_link:
        prepared.append(t("planning.voorbereid_planning"))
    goes = [what] + ([t("planning.met_voorbereiding", parts=", ".join(prepared))]
                     if prepared else [])
    return ui_confirm.Question(
        title=t("planning.verwijderen_titel"), goes=goes,
        stays=[t("planning.casus_en_andere_mdos", code=ctx.case.code)],
        confirm=t("planning.verwijderen_ja"), done=t("planning.verwijderd", what=what),
        audit="meeting-removed", case_id=ctx.case.id, meeting_id=meeting.id,
        backup_reason="verwijderen MDO")
