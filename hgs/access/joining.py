"""Joining a meeting from one's own device: the per-meeting token, what a participant may add,
and who gave it. Everything a participant adds is one list item, added under the case's lock,
so nobody's entry is lost or overwritten by someone else's save."""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass

from hgs.errors import InvalidInput, NotFound
from hgs.i18n import t
from hgs.method.cycle import outside_may_join
from hgs.method.records import GIVER_GROUPS, LIST_TYPES, ROLE_GROUPS, Case, Meeting
from hgs.store import Store
from hgs.store.document import setting_refers_to
from hgs.store.editing import validated


def _setting_name(token: str) -> str:
    return f"join:{token}"


def open_joining(store: Store, case_id: str, meeting_id: str) -> str:
    """Open the meeting for participants; the same token while it stays open."""
    meeting = store.get_meeting(case_id, meeting_id)
    token = meeting.join_token or secrets.token_urlsafe(24)
    store.set_setting(_setting_name(token), {"case": case_id, "meeting": meeting_id})
    store.update_meeting(case_id, meeting_id,
                         lambda m: (setattr(m, "join_token", token),
                                    setattr(m, "join_open", True)))
    return token


def close_joining(store: Store, case_id: str, meeting_id: str) -> None:
    """Close the link: the token stops working at once; a new opening gives a new token."""
    meeting = store.get_meeting(case_id, meeting_id)
    if meeting.join_token:
        store.set_setting(_setting_name(meeting.join_token), None)
    store.update_meeting(case_id, meeting_id,
                         lambda m: (setattr(m, "join_token", None),
                                    setattr(m, "join_open", False)))


def close_all(store: Store) -> int:
    """Close every join link of every meeting (after a restore: a link closed since the back-up
    was taken must not work again); how many meetings had one. Writes only what changes."""
    for name, value in store.settings().items():
        if name.startswith(_setting_name("")) and value:
            store.set_setting(name, None)
    closed = 0
    for case_id in store.case_ids():
        for meeting in store.meetings(case_id):
            if meeting.join_token or meeting.join_open:
                store.update_meeting(case_id, meeting.id,
                                     lambda m: (setattr(m, "join_token", None),
                                                setattr(m, "join_open", False)))
                closed += 1
    return closed


def forget_case(store: Store, case_id: str) -> None:
    """Every join link and lees-link to the case's meetings stops working and leaves no trace
    of the case in the settings: those its meetings name, and any stale one that points at it."""
    for name, value in store.settings().items():
        if setting_refers_to(value, case_id):
            store.set_setting(name, None)


@dataclass(frozen=True)
class Seat:
    """A participant's way in: the case and meeting behind a valid, open token."""
    token: str
    case: Case
    meeting: Meeting


def resolve(store: Store, token: str | None) -> Seat:
    """The seat for `token`; NotFound with a message for a wrong, missing or closed one."""
    if not token or len(token) > 100:
        raise NotFound(t("errors.live.closed"))
    where = store.setting(_setting_name(token))
    if not where:
        raise NotFound(t("errors.live.closed"))
    try:
        case = store.get_case(where["case"])
        meeting = store.get_meeting(where["case"], where["meeting"])
    except NotFound:
        raise NotFound(t("errors.live.closed")) from None
    # compare in constant time: the setting could be stale after a close that half-failed
    if not meeting.join_open or not secrets.compare_digest(meeting.join_token or "", token):
        raise NotFound(t("errors.live.closed"))
    return Seat(token, case, meeting)


def may_take_part(seat: Seat, role: str) -> bool:
    """A role of the table (chosen, not empty); outside professionals only while the consent
    the child's age asks for is in force (`cycle.outside_may_join`)."""
    if role not in ROLE_GROUPS:
        return False
    return ROLE_GROUPS[role] != "extern" or outside_may_join(seat.case, seat.meeting.date)


def giver_group(role: str) -> str:
    """The group a participant speaks for (school, ouders, kind, professionals)."""
    return GIVER_GROUPS[ROLE_GROUPS.get(role, "extern")]


def add_entry(store: Store, token: str, list_name: str, name: str, role: str,
              **fields) -> None:
    """Add one participant entry, marked with who gave it. Only these lists are open to
    participants: questions (step 1), overview and the child's circles (step 2), giver_scores and
    tops_tips (step 9)."""
    seat = resolve(store, token)
    if not name.strip():
        raise InvalidInput(t("errors.live.name_first"))
    if role not in ROLE_GROUPS:
        raise InvalidInput(t("consent.role_first"))
    if not may_take_part(seat, role):
        raise InvalidInput(t("errors.live.no_consent"))
    by = f"{name.strip()} ({role})"
    if list_name == "questions":
        fields = {"text": fields["text"], "asked_by": by}
    elif list_name == "overview":
        fields = {"area": fields["area"], "sign": fields["sign"], "text": fields["text"], "by": by}
    elif list_name == "circles":  # the child, with an adult it trusts, on a tablet
        fields = {"circle": fields["circle"], "sign": fields["sign"], "text": fields["text"],
                  "by": by}
    elif list_name == "tops_tips":
        fields = {"kind": fields["kind"], "text": fields["text"], "by": by,
                  "group": giver_group(role)}
    elif list_name == "giver_scores":
        if fields["goal_id"] not in seat.meeting.scores:
            raise InvalidInput(t("errors.live.goal_not_here"))
        fields = {"goal_id": fields["goal_id"], "score": fields["score"], "by": by,
                  "group": giver_group(role)}
    else:
        raise InvalidInput(t("errors.live.not_here"))
    if "text" in fields and not str(fields["text"]).strip():
        raise InvalidInput(t("errors.live.type_first"))
    item = validated(LIST_TYPES[list_name], fields)
    person = _person(name)
    recent_entries.take((seat.meeting.id, person))

    def change(meeting: Meeting) -> None:  # counted under the case's lock: no race past a cap
        mine = [who for who in _givers(meeting) if who == person]
        if len(mine) >= PER_MEETING:
            raise InvalidInput(t("errors.live.too_many", limit=PER_MEETING))
        if sum(1 for _ in _givers(meeting)) >= MEETING_MAX:
            raise InvalidInput(t("errors.live.meeting_full", limit=MEETING_MAX))
        getattr(meeting, list_name).append(item)

    store.update_meeting(seat.case.id, seat.meeting.id, change)


# -- caps ----------------------------------------------------------------------------------------
# A participant's entries go into the case file the chair works in: without a cap, one phone
# (or a script with a join link) could add thousands (1,500 took a file from 27 KB to 5.9 MB
# and an autosave from 10 to 156 ms). A person at the table adds a few a minute.
PER_MINUTE = 20  # entries per name per minute (per app process)
PER_MEETING = 200  # entries per name per meeting
MEETING_MAX = 1000  # participant entries per meeting, all names together
_WHO_LISTS = {"questions": "asked_by", "overview": "by", "circles": "by", "tops_tips": "by",
              "giver_scores": "by"}


def _person(name: str) -> str:
    """Who gave an entry, for the caps: the name as typed, case and spacing aside."""
    return " ".join(name.split()).casefold()


def _givers(meeting: Meeting) -> Iterator[str]:
    """The person behind every participant entry of the meeting ("Name (role)" as add_entry
    writes it; the chair's own entries name no role and do not count)."""
    for list_name, field in _WHO_LISTS.items():
        for item in getattr(meeting, list_name):
            who, _, role = getattr(item, field).rpartition(" (")
            if who and role.removesuffix(")") in ROLE_GROUPS:
                yield _person(who)


class RecentEntries:
    """Entries per person in the last minute, in this process (a sliding window); `take`
    refuses the one over PER_MINUTE with a message to wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._times: dict[Hashable, deque[float]] = {}

    def take(self, key: Hashable) -> None:
        now = self.clock()
        with self._lock:
            times = self._times.setdefault(key, deque())
            while times and times[0] <= now - 60:
                times.popleft()
            if len(times) >= PER_MINUTE:
                raise InvalidInput(t("errors.live.too_fast", limit=PER_MINUTE))
            times.append(now)
            if len(self._times) > 10_000:  # forget the quiet ones
                self._times = {k: v for k, v in self._times.items() if v and v[-1] > now - 60}


recent_entries = RecentEntries()


def join_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/?t={token}"
