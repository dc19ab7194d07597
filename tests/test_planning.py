"""Tests for hgs.planning and the stores' remove_meeting: a typed start time, a date change that
keeps first and follow-up in order, cancelling and undoing it, and removing only an empty MDO,
on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from hgs.access import joining as live
from hgs.errors import InvalidInput, NotFound
from hgs.i18n import using
from hgs.method import cycle, planning

DAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize("typed,expected", [
    ("14:30", dt.time(14, 30)), ("14.30", dt.time(14, 30)), ("9:05", dt.time(9, 5)),
    ("1430", dt.time(14, 30)), ("930", dt.time(9, 30)), ("9", dt.time(9, 0)),
    ("9 uur", dt.time(9, 0)), ("14u30", dt.time(14, 30)), (" 08:00 ", dt.time(8, 0)),
    ("", None), ("   ", None),
])
def test_a_start_time_is_read_as_people_type_it(typed, expected):
    assert planning.parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "14:75", "half drie", "14:3", "12345"])
def test_a_wrong_time_gets_a_dutch_message(typed):
    with pytest.raises(InvalidInput) as info:
        planning.parse_time(typed)
    assert str(info.value).endswith("Typ de begintijd als 14:30.")
    with using("en"), pytest.raises(InvalidInput) as info:
        planning.parse_time(typed)
    assert "Type the start time as 14:30." in str(info.value)


def chain(store, new_case):
    """A case with a first MDO and a follow-up of it 10 weeks later."""
    case = new_case()
    first = cycle.start_meeting(store, case.id, DAY)
    store.add_item(case.id, first.id, "questions", text="Wat helpt Joris?")
    follow = cycle.start_meeting(store, case.id, DAY + dt.timedelta(weeks=10))
    assert follow.previous_id == first.id and follow.kind == "evaluatie"
    return case, first, follow


def test_a_date_moves_between_the_mdo_before_and_the_one_after(store, new_case):
    case, first, follow = chain(store, new_case)
    moved = planning.change_date(store, case.id, follow.id, DAY + dt.timedelta(weeks=8))
    assert store.get_meeting(case.id, follow.id).date == moved.date == DAY + dt.timedelta(weeks=8)
    planning.change_date(store, case.id, first.id, DAY - dt.timedelta(days=3))
    assert store.get_meeting(case.id, first.id).date == DAY - dt.timedelta(days=3)


def test_a_follow_up_cannot_move_before_the_mdo_it_follows(store, new_case):
    case, first, follow = chain(store, new_case)
    with pytest.raises(InvalidInput) as info:
        planning.change_date(store, case.id, follow.id, DAY - dt.timedelta(days=1))
    assert "bouwt voort op het MDO van 2 maart 2026" in str(info.value)
    with pytest.raises(InvalidInput) as info:
        planning.change_date(store, case.id, first.id, DAY + dt.timedelta(weeks=11))
    assert "Kies een datum vóór 11 mei 2026" in str(info.value)
    assert [m.date for m in store.meetings(case.id)] == [first.date, follow.date]
    assert [m.kind for m in store.meetings(case.id)] == ["eerste", "evaluatie"]


def test_a_date_after_the_evaluation_date_is_refused_in_dutch(store, new_case):
    case, first, _ = chain(store, new_case)
    store.set_field(case.id, first.id, "evaluation_date", DAY + dt.timedelta(weeks=2))
    with pytest.raises(InvalidInput) as info:
        planning.change_date(store, case.id, first.id, DAY + dt.timedelta(weeks=3))
    assert "evaluatiedatum ligt vóór het MDO" in str(info.value)
    assert store.get_meeting(case.id, first.id).date == DAY


def test_a_cancelled_mdo_keeps_its_date_and_reason_and_can_go_ahead_again(store, new_meeting):
    meeting = new_meeting()
    token = live.open_joining(store, meeting.case_id, meeting.id)
    with pytest.raises(InvalidInput, match="waarom het MDO niet doorgaat"):
        planning.cancel(store, meeting.case_id, meeting.id, "  ", DAY, close_joining=live.close_joining)
    planning.cancel(store, meeting.case_id, meeting.id, "Moeder is ziek", DAY,
                    close_joining=live.close_joining)
    stored = store.get_meeting(meeting.case_id, meeting.id)
    assert stored.cancelled == DAY and stored.cancel_reason == "Moeder is ziek"
    assert not stored.join_open and store.setting(f"join:{token}") is None
    planning.undo_cancel(store, meeting.case_id, meeting.id)
    stored = store.get_meeting(meeting.case_id, meeting.id)
    assert stored.cancelled is None and stored.cancel_reason == "Moeder is ziek"


def test_an_empty_mdo_is_removed(store, new_case):
    case = new_case()
    meeting = cycle.start_meeting(store, case.id, DAY)
    store.set_field(case.id, meeting.id, "reason", "Joris loopt vast")  # preparation only
    token = live.open_joining(store, case.id, meeting.id)
    planning.remove(store, case.id, meeting.id)
    assert store.meetings(case.id) == []
    assert store.setting(f"join:{token}") is None
    with pytest.raises(NotFound):
        store.remove_meeting(case.id, meeting.id)


def test_a_fresh_follow_up_made_by_mistake_is_removed(store, new_case):
    case, first, follow = chain(store, new_case)
    store.remove_meeting(case.id, follow.id)
    assert [m.id for m in store.meetings(case.id)] == [first.id]


def test_a_meeting_with_content_is_never_removed(store, new_case):
    case, first, follow = chain(store, new_case)
    store.add_item(case.id, follow.id, "tops_tips", kind="top", text="Fijn overleg")
    with pytest.raises(InvalidInput) as info:
        store.remove_meeting(case.id, follow.id)
    assert str(info.value).startswith("Dit MDO heeft al inhoud in de stappen")
    with pytest.raises(InvalidInput) as info:
        store.remove_meeting(case.id, first.id)
    assert "inhoud" in str(info.value)
    assert len(store.meetings(case.id)) == 2


def test_an_mdo_another_one_follows_is_not_removed(store, new_case):
    case = new_case()
    first = cycle.start_meeting(store, case.id, DAY)
    follow = cycle.start_meeting(store, case.id, DAY + dt.timedelta(weeks=10))
    with pytest.raises(InvalidInput) as info:
        store.remove_meeting(case.id, first.id)
    assert "Op dit MDO volgt het vervolg-MDO van 11 mei 2026" in str(info.value)
    store.remove_meeting(case.id, follow.id)
    store.remove_meeting(case.id, first.id)
    assert store.meetings(case.id) == []


def test_a_new_mdo_follows_the_latest_one_that_was_not_cancelled(store, new_case):
    case, first, follow = chain(store, new_case)
    planning.cancel(store, case.id, follow.id, "Ouders konden niet", follow.date,
                    close_joining=live.close_joining)
    again = cycle.start_meeting(store, case.id, follow.date + dt.timedelta(weeks=2))
    assert again.previous_id == first.id and again.kind == "evaluatie"
    assert [q.text for q in again.questions] == ["Wat helpt Joris?"]
