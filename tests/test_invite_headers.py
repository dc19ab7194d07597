"""A line break or a control character in a participant's name, the child's name or the
subject never adds a header to the invitation's .eml or a property to its .ics: the message
is built with the email package's strict policy and read back to check."""

import datetime as dt
import email
from email import policy

import pytest
from icalendar import Calendar

from hgs.exports import invitation as invite
from hgs.method.records import Case, Meeting, Participant

HEADERS = {"Subject", "To", "From", "Date", "Message-ID", "X-Unsent", "MIME-Version",
           "Content-Type", "Content-Transfer-Encoding"}
NAMES = ["Anna\nBcc: evil@x.example", "Anna\r\nX-Evil: 1", "Anna\n\nkop", "Anna\x0bBcc: e@x.nl",
         "Anna\u2028Bcc: e@x.nl", "Anna\u0085Bcc: e@x.nl", "\"Anna\" <evil@x.example>, Bcc",
         "=?utf-8?q?Bcc=3A_evil=40x=2Eexample?=", "Anna " * 24]


def meeting_with(name: str) -> tuple[Case, Meeting]:
    case = Case(code="L-2026-0042", first_name=name[:120], organisation_id="o1")
    meeting = Meeting(case_id=case.id, date=dt.date(2026, 3, 3), chair=name[:200],
                      participants=[Participant(name=name[:120], role="ouder/verzorger",
                                                email="anna@thuis.example"),
                                    Participant(name="Ingrid", role="zorgcoördinator",
                                                email="i@school.example")])
    return case, meeting


@pytest.mark.parametrize("name", NAMES)
def test_a_name_cannot_add_a_header_to_the_eml(name):
    case, meeting = meeting_with(name)
    data = invite.invitation_eml(case, meeting)
    message = email.message_from_bytes(data, policy=policy.default)
    assert set(message.keys()) <= HEADERS, message.keys()
    assert [a.addr_spec for a in message["To"].addresses] == ["anna@thuis.example",
                                                              "i@school.example"]
    assert message["From"].addresses[0].addr_spec == "anna@thuis.example"
    shown = message["To"].addresses[0].display_name
    assert "\n" not in shown and "\r" not in shown
    assert "Anna" in shown or shown.startswith("= ?")  # an encoded word stays as typed
    assert "\n" not in message["Subject"] and case.code in message["Subject"]
    assert not message.defects and "Bcc" not in [k.title() for k in message.keys()]
    for line in data.split(b"\r\n"):
        assert b"\n" not in line and b"\r" not in line  # every line ends as a line should


@pytest.mark.parametrize("name", NAMES)
def test_a_name_cannot_add_a_property_to_the_ics(name):
    case, meeting = meeting_with(name)
    (event,) = Calendar.from_ical(invite.meeting_ics(case, meeting)).walk("VEVENT")
    assert len(event.get("attendee")) == 2
    assert {k for k in event.keys()} <= {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY",
                                          "DESCRIPTION", "LOCATION", "URL", "ATTENDEE"}
    assert "\n" not in str(event["summary"])


def test_a_header_the_mail_program_would_read_otherwise_is_refused_in_dutch(monkeypatch):
    """The last check reads the .eml back: were a name still to slip a header in, the
    invitation is refused with a Dutch message instead of handed out."""
    from hgs.errors import InvalidInput

    monkeypatch.setattr(invite, "header_text", lambda text: str(text).replace("\n", " "))
    case, meeting = meeting_with("=?utf-8?q?Bcc=3A_evil=40x=2Eexample?=")  # decoded: a group
    with pytest.raises(InvalidInput, match="past niet in een e-mailkop"):
        invite.invitation_eml(case, meeting)
