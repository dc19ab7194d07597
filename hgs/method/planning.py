"""An MDO's planning: when and where it is, moving its date without breaking the order of first
and follow-up MDOs, cancelling it (and undoing that), and removing one that is still empty."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from hgs.errors import InvalidInput
from hgs.i18n import t
from hgs.method.records import Meeting
from hgs.method.steps import is_empty
from hgs.method.texts import date_nl

if TYPE_CHECKING:  # hgs.store imports this module for its remove_meeting check
    from hgs.store import Store

# "14:30", "14.30", "14u30", "1430", "9", "9 uur": how people type a time of day
_TIME = re.compile(r"^(\d{1,2})(?:\s*[:.uh]\s*(\d{2}))?\s*(?:uur|u|h)?$")
_DIGITS = re.compile(r"^(\d{1,2})(\d{2})$")


def parse_time(text: str | None) -> dt.time | None:
    """A typed start time; None for an empty field; InvalidInput with a Dutch (or English)
    example for anything else."""
    text = (text or "").strip().lower()
    if not text:
        return None
    match = _TIME.match(text) or _DIGITS.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise InvalidInput(t("errors.planning.time_form", text=text[:20]))


def format_time(value: dt.time | None) -> str:
    return "" if value is None else f"{value:%H:%M}"


# An MDO without a planned start time or length (Voorbereiding › Planning) goes into the calendar
# at this time and for this long; the chair moves it in the calendar if needed.
DEFAULT_START = dt.time(9, 0)
DEFAULT_DURATION = dt.timedelta(hours=1)


def calendar_times(meeting: Meeting) -> tuple[dt.time, dt.timedelta]:
    """The start and length of the MDO's calendar event: as planned, else 09:00 for an hour."""
    duration = dt.timedelta(minutes=meeting.duration) if meeting.duration else DEFAULT_DURATION
    return meeting.start_time or DEFAULT_START, duration


def end_time(meeting: Meeting) -> dt.time | None:
    """When the MDO ends: its start plus its duration (None without both)."""
    if meeting.start_time is None or meeting.duration is None:
        return None
    end = dt.datetime.combine(meeting.date, meeting.start_time) + \
        dt.timedelta(minutes=meeting.duration)
    return end.time()


# -- the date ------------------------------------------------------------------------------------
def date_problem(meetings: Sequence[Meeting], meeting_id: str, new_date: dt.date) -> str | None:
    """Why `new_date` cannot be the date of this MDO, or None. A follow-up builds on the MDO it
    follows (what carried over, the goals' scores over time): it must stay after that one, and
    before every MDO that follows it. MDOs outside that chain (a cancelled one, say) may be
    passed."""
    meeting = next(m for m in meetings if m.id == meeting_id)
    before = next((m for m in meetings if m.id == meeting.previous_id), None)
    if before is not None and new_date <= before.date:
        return t("errors.planning.before_previous", date=date_nl(before.date))
    after = sorted((m for m in meetings if m.previous_id == meeting.id), key=lambda m: m.date)
    if after and new_date >= after[0].date:
        return t("errors.planning.after_next", date=date_nl(after[0].date))
    return None


def change_date(store: Store, case_id: str, meeting_id: str, new_date: dt.date) -> Meeting:
    """Move the MDO to `new_date`; InvalidInput when that breaks the order of first and
    follow-up (date_problem) or puts the evaluation date before it (the model's rule)."""
    if problem := date_problem(store.meetings(case_id), meeting_id, new_date):
        raise InvalidInput(problem)
    return store.set_field(case_id, meeting_id, "date", new_date)


# -- cancelling ------------------------------------------------------------------------------------
def cancel(store: Store, case_id: str, meeting_id: str, reason: str, on: dt.date, *,
           close_joining: Callable[[Store, str, str], None]) -> Meeting:
    """Mark the MDO cancelled ("geannuleerd") on `on`, with why; it then no longer counts on the
    Netwerk page, and joining from one's own device closes (`close_joining`: the caller passes
    hgs.access.joining.close_joining). `undo_cancel` takes it back."""
    if not (reason or "").strip():
        raise InvalidInput(t("errors.planning.reason_needed"))
    if store.get_meeting(case_id, meeting_id).join_open:
        close_joining(store, case_id, meeting_id)
    return store.update_meeting(case_id, meeting_id, lambda m: (
        setattr(m, "cancelled", on), setattr(m, "cancel_reason", reason.strip())))


def undo_cancel(store: Store, case_id: str, meeting_id: str) -> Meeting:
    """The MDO goes ahead after all; the reason stays stored (nothing typed is lost) and shows
    again if it is cancelled once more."""
    return store.set_field(case_id, meeting_id, "cancelled", None)


# -- removing an empty MDO -------------------------------------------------------------------------
def removal_problem(meeting: Meeting, meetings: Sequence[Meeting]) -> str | None:
    """Why this MDO cannot be removed, or None: only an MDO with nothing of its own in any step
    (steps.is_empty) that no other MDO follows may go."""
    if not is_empty(meeting, meetings):
        return t("errors.planning.not_empty")
    follower = next((m for m in meetings if m.previous_id == meeting.id), None)
    if follower is not None:
        return t("errors.planning.followed", date=date_nl(follower.date))
    return None


def remove(store: Store, case_id: str, meeting_id: str) -> None:
    """Remove an empty MDO (the store checks removal_problem under the case's lock) and its
    join link."""
    meeting = store.get_meeting(case_id, meeting_id)
    store.remove_meeting(case_id, meeting_id)
    if meeting.join_token:
        store.set_setting(f"join:{meeting.join_token}", None)
