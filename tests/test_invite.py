"""The gouden mailtje as .eml and the MDO and its evaluation as .ics, read back with Python's
`email` parser and `icalendar`."""

import datetime as dt
import email
from email import policy
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from hgs.errors import InvalidInput
from hgs.exports import invitation as invite
from tests.report_data import AGREEMENTS, EVALUATION_DATE, MEETING_DATE, dutch_case

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_eml_is_addressed_to_every_participant_with_the_invitation_text(store, tmp_path):
    case, meeting = dutch_case(store)
    path = tmp_path / "uitnodiging.eml"
    path.write_bytes(invite.invitation_eml(case, meeting, "Basisschool De Regenboog"))
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)

    assert message["Subject"] == invite.invitation_subject(case, meeting)
    assert "Noëlle" in message["Subject"]
    to = {(a.display_name, a.addr_spec) for a in message["To"].addresses}
    assert to == {(p.name, p.email) for p in meeting.participants}
    assert message["From"].addresses[0].addr_spec == "i.bakker@regenboog.example"  # the chair
    assert message["X-Unsent"] == "1"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content().replace("\r\n", "\n")
    assert body == invite.invitation_text(case, meeting, "Basisschool De Regenboog")
    assert "zorgcoördinator" in body and "Noëlle" in body


def test_eml_without_addresses_is_still_a_message_to_fill_in(store):
    case, meeting = dutch_case(store)
    store.update_meeting(case.id, meeting.id, lambda m: [
        setattr(p, "email", "") for p in m.participants])
    meeting = store.get_meeting(case.id, meeting.id)
    message = email.message_from_bytes(invite.invitation_eml(case, meeting),
                                       policy=policy.default)
    assert message["To"] is None and message["From"] is None
    assert message.get_content().startswith("Beste deelnemers,")


def _event(data: bytes):
    calendar = Calendar.from_ical(data)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    assert [c for c in calendar.walk() if c.name == "VTIMEZONE"]
    return events[0]


def test_meeting_ics_is_the_mdo_at_nine_for_an_hour_with_everyone_invited(store, tmp_path):
    case, meeting = dutch_case(store)
    path = tmp_path / "mdo.ics"
    path.write_bytes(invite.meeting_ics(case, meeting, "Basisschool De Regenboog"))
    event = _event(path.read_bytes())

    start = event.decoded("dtstart")
    assert start == dt.datetime(2026, 3, 3, 9, 0, tzinfo=AMSTERDAM)
    assert event.decoded("dtend") - start == dt.timedelta(hours=1)
    assert str(event["summary"]) == "Eerste MDO Noëlle (L-2026-0042)"
    assert str(event["location"]) == "Basisschool De Regenboog"
    assert str(event["description"]) == invite.invitation_text(case, meeting,
                                                               "Basisschool De Regenboog")
    attendees = {str(a) for a in event["attendee"]}
    assert attendees == {f"mailto:{p.email}" for p in meeting.participants}
    assert {a.params["CN"] for a in event["attendee"]} >= {"Mohamed El Amrani"}
    assert str(event["uid"]) == f"mdo-{meeting.id}@hgs"


def test_meeting_ics_takes_another_time_and_length(store):
    case, meeting = dutch_case(store)
    event = _event(invite.meeting_ics(case, meeting, start=dt.time(14, 30),
                                      duration=dt.timedelta(minutes=90)))
    assert event.decoded("dtstart") == dt.datetime.combine(MEETING_DATE, dt.time(14, 30),
                                                           tzinfo=AMSTERDAM)
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=90)


def test_evaluation_ics_is_on_the_evaluation_date_and_lists_goals_and_agreements(store):
    case, meeting = dutch_case(store)
    event = _event(invite.evaluation_ics(case, meeting, "Basisschool De Regenboog"))
    assert event.decoded("dtstart").date() == EVALUATION_DATE
    assert str(event["summary"]) == "Vervolg-MDO Noëlle (L-2026-0042)"
    description = str(event["description"])
    assert "Noëlle leest zelfstandig een korte tekst" in description
    for agreement in AGREEMENTS:
        assert agreement in description
    assert "coördinator, uiterlijk 20 maart 2026" in description
    assert str(event["uid"]) != f"mdo-{meeting.id}@hgs"


def test_evaluation_ics_without_a_date_says_so_in_dutch(store):
    case, meeting = dutch_case(store)
    meeting = store.set_field(case.id, meeting.id, "evaluation_date", None)
    with pytest.raises(InvalidInput, match="evaluatiedatum"):
        invite.evaluation_ics(case, meeting)


def test_the_invitation_carries_the_join_link_only_when_given():
    import datetime as dt

    from hgs.exports import invitation as invite
    from hgs.method.records import Case, Meeting

    case = Case(code="L-2026-0001", first_name="Joris", organisation_id="o")
    meeting = Meeting(case_id=case.id, date=dt.date(2026, 12, 1))
    assert "telefoon" not in invite.invitation_text(case, meeting)
    text = invite.invitation_text(case, meeting, join_link="https://hgs.example/?t=abc")
    assert "https://hgs.example/?t=abc" in text
    assert "https%3A//hgs.example/%3Ft%3Dabc" in invite.invitation_mailto(
        case, meeting, join_link="https://hgs.example/?t=abc")


PLACE = "Lokaal 3, Basisschool De Regenboog"
LINK = "https://meet.example.nl/mdo-noelle?pwd=abc"


def planned(store, **fields):
    case, meeting = dutch_case(store)
    planning = {"start_time": dt.time(14, 30), "duration": 90, "place": PLACE,
                "online_link": LINK, **fields}
    for field, value in planning.items():
        meeting = store.set_field(case.id, meeting.id, field, value)
    return case, meeting


def test_the_invitation_files_carry_the_planned_time_length_place_and_link(store):
    case, meeting = planned(store)
    text = invite.invitation_text(case, meeting, "Basisschool De Regenboog")
    assert "op 3 maart 2026 van 14:30 tot 16:00." in text
    assert f"Plaats: {PLACE}\nOnline: {LINK}\n" in text
    body = email.message_from_bytes(invite.invitation_eml(case, meeting),
                                    policy=policy.default).get_content().replace("\r\n", "\n")
    assert "van 14:30 tot 16:00" in body and PLACE in body and LINK in body

    event = _event(invite.meeting_ics(case, meeting, "Basisschool De Regenboog"))
    assert event.decoded("dtstart") == dt.datetime(2026, 3, 3, 14, 30, tzinfo=AMSTERDAM)
    assert event.decoded("dtend") == dt.datetime(2026, 3, 3, 16, 0, tzinfo=AMSTERDAM)
    assert str(event["location"]) == PLACE
    assert str(event["url"]) == LINK
    assert PLACE in str(event["description"]) and LINK in str(event["description"])


def test_an_online_mdo_has_its_link_as_location_and_a_start_without_length_lasts_an_hour(store):
    case, meeting = planned(store, place="", duration=None)
    text = invite.invitation_text(case, meeting)
    assert "op 3 maart 2026 om 14:30." in text and "Plaats:" not in text
    event = _event(invite.meeting_ics(case, meeting, "Basisschool De Regenboog"))
    assert str(event["location"]) == LINK
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(hours=1)
    assert event.decoded("dtstart").time() == dt.time(14, 30)


def test_the_planned_time_reads_in_english_too(store):
    from hgs.i18n import using

    case, meeting = planned(store)
    with using("en"):
        text = invite.invitation_text(case, meeting)
    assert "on 3 March 2026 from 14:30 to 16:00." in text and f"Place: {PLACE}" in text
