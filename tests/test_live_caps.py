"""Caps on what one participant adds from their own device: at most 20 entries a minute and
200 a meeting per name, and 1,000 participant entries a meeting in all; each refusal a
friendly Dutch message, and nothing of an entry that is refused is stored (both backends)."""

import pytest

from hgs.access import joining as live
from hgs.errors import InvalidInput


@pytest.fixture
def token(store, meeting):
    return live.open_joining(store, meeting.case_id, meeting.id)


@pytest.fixture
def clock(monkeypatch):
    """The caps' clock, moved by hand: `clock[0] += 61` is a minute later."""
    now = [1000.0]
    monkeypatch.setattr(live, "recent_entries", live.RecentEntries(clock=lambda: now[0]))
    return now


def add(store, token, name="Moeder", text="top", role="ouder/verzorger"):
    live.add_entry(store, token, "tops_tips", name, role, kind="top", text=text)


def entries(store, meeting) -> int:
    saved = store.get_meeting(meeting.case_id, meeting.id)
    return len(saved.tops_tips) + len(saved.questions)


def test_twenty_entries_a_minute_then_a_friendly_wait(store, meeting, token, clock):
    for i in range(live.PER_MINUTE):
        add(store, token, text=f"top {i}")
        clock[0] += 1
    with pytest.raises(InvalidInput, match="Wacht even"):
        add(store, token, text="nog een")
    with pytest.raises(InvalidInput, match="Wacht even"):  # another role: the same person
        live.add_entry(store, token, "questions", " moeder ", "netwerk van het gezin",
                       text="vraag")
    add(store, token, name="Vader")  # someone else goes on
    clock[0] += 60
    add(store, token, text="na een minuut")
    assert entries(store, meeting) == live.PER_MINUTE + 2


def test_two_hundred_entries_a_meeting_per_name(store, meeting, token, clock):
    for i in range(live.PER_MEETING):
        add(store, token, text=f"top {i}")
        clock[0] += 4  # 15 a minute: within the rate
    with pytest.raises(InvalidInput, match="al 200 bijdragen"):
        add(store, token, text="een te veel")
    with pytest.raises(InvalidInput, match="al 200 bijdragen"):
        add(store, token, name="MOEDER", text="hoofdletters tellen niet")
    add(store, token, name="Juf Anna", role="leerkracht/mentor")
    assert entries(store, meeting) == live.PER_MEETING + 1


def test_a_meeting_takes_at_most_a_thousand_participant_entries(store, meeting, token, clock,
                                                                monkeypatch):
    monkeypatch.setattr(live, "MEETING_MAX", 30)  # the same rule, smaller: a faster test
    for i in range(30):
        add(store, token, name=f"Deelnemer {i % 3}", text=f"top {i}")
        clock[0] += 10
    with pytest.raises(InvalidInput, match="al 30 bijdragen van deelnemers"):
        add(store, token, name="Nieuw", text="te veel")
    store.add_item(meeting.case_id, meeting.id, "tops_tips", kind="tip", text="de voorzitter",
                   by="school")  # the chair's own entries are not capped
    assert entries(store, meeting) == 31
