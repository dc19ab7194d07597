"""The "gouden mailtje": the invitation that tells every participant the meeting's goals and
questions beforehand, as plain text, a mailto: link, an .eml message and .ics calendar files."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from urllib.parse import quote
from zoneinfo import ZoneInfo

from hgs.errors import InvalidInput
from hgs.i18n import t
from hgs.method.planning import (
    DEFAULT_DURATION,
    DEFAULT_START,
    calendar_times,
    end_time,
    format_time,
)
from hgs.method.records import Case, Meeting, Participant
from hgs.method.texts import MEETING_KINDS, PARTIES, ROLES, date_nl

TIMEZONE = ZoneInfo("Europe/Amsterdam")


def _kind(meeting: Meeting) -> str:
    """"eerste MDO" / "first MDO" inside a sentence (only the first letter lower case)."""
    label = MEETING_KINDS[meeting.kind]
    return label[:1].lower() + label[1:]


def when(meeting: Meeting) -> str:
    """The day and, when planned, the time: "3 maart 2026 van 14:30 tot 16:00", "3 maart 2026
    om 14:30" or "3 maart 2026"."""
    day = date_nl(meeting.date)
    if meeting.start_time is None:
        return day
    end = end_time(meeting)
    if end is None:
        return t("planning.op_om", date=day, start=format_time(meeting.start_time))
    return t("planning.op_van_tot", date=day, start=format_time(meeting.start_time),
             end=format_time(end))


def invitation_subject(case: Case, meeting: Meeting) -> str:
    return t("uitnodiging.onderwerp", kind=_kind(meeting),
             first_name=case.first_name, code=case.code, date=date_nl(meeting.date))


def invitation_text(case: Case, meeting: Meeting, organisation: str = "",
                    join_link: str | None = None) -> str:
    """The body: why we meet, the questions we want answered, who comes (and, when joining is
    open, the link to add one's own questions and tops and tips from one's own device)."""
    about = f"{case.first_name} ({organisation})" if organisation else case.first_name
    lines = [t("uitnodiging.aanhef"), "",
             t("uitnodiging.graag", kind=_kind(meeting), about=about, date=when(meeting))]
    if meeting.place:
        lines.append(t("planning.plaats_regel", place=meeting.place))
    if meeting.online_link:
        lines.append(t("planning.online_regel", link=meeting.online_link))
    lines.append("")
    if meeting.reason:
        lines += [t("uitnodiging.waarom"), meeting.reason, ""]
    questions = [q.text for q in meeting.questions if q.text]
    party = [(PARTIES[p], text) for p, text in meeting.party_questions.items() if text]
    if questions or party:
        lines.append(t("uitnodiging.beantwoorden"))
        lines += [f"- {text}" for text in questions]
        lines += [f"- {who}: {text}" for who, text in party]
        lines.append("")
    open_goals = [g.text for g in meeting.goals if g.text and not g.dropped]
    if meeting.kind == "evaluatie" and open_goals:
        lines.append(t("uitnodiging.doelen"))
        lines += [f"- {text}" for text in open_goals]
        lines.append("")
    people = [p for p in meeting.participants if p.name]
    if people:
        lines.append(t("uitnodiging.aan_tafel"))
        lines += [f"- {p.name}, {ROLES.get(p.role, p.role)}"
                  + (f" ({p.organisation})" if p.organisation else "")
                  for p in people]
        lines.append("")
    if join_link:
        lines += [t("uitnodiging.meedoen", link=join_link), ""]
    lines += [t("uitnodiging.vooraf"), "", t("uitnodiging.groet"), meeting.chair or ""]
    return "\n".join(lines).rstrip() + "\n"


def invitation_mailto(case: Case, meeting: Meeting, organisation: str = "",
                      join_link: str | None = None) -> str:
    to = ",".join(p.email for p in meeting.participants if p.email)
    body = invitation_text(case, meeting, organisation, join_link)
    return (f"mailto:{quote(to, safe='@,')}?subject={quote(invitation_subject(case, meeting))}"
            f"&body={quote(body)}")


# Typed text that goes into a header: a line break or control character there would end the
# header and start another ("Anna\nBcc: …"); quotes and angle brackets in a display name could
# make a mail program read another address. They become spaces.
_NOT_IN_HEADERS = re.compile(r'[\s"<>\\]+')
EMAIL_POLICY = SMTP.clone(raise_on_defect=True)  # a header that would not parse back: refused


def header_text(text: str) -> str:
    """Typed text fit for one header line (of an e-mail, or a calendar's one-line property):
    control characters and line breaks (also Unicode's own) as spaces, quotes, angle brackets
    and backslashes out, no encoded word, spaces collapsed."""
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
                   for ch in str(text))
    # "=?utf-8?q?…?=" would be decoded by the mail program into anything
    return _NOT_IN_HEADERS.sub(" ", text).replace("=?", "= ?").strip()


def address(name: str, email: str) -> Address:
    """A recipient or sender for a header: the name as `header_text`, the address as typed;
    InvalidInput (Dutch) when it cannot be one."""
    try:
        user, _, domain = email.rpartition("@")
        return Address(display_name=header_text(name), username=user, domain=domain)
    except (ValueError, TypeError) as error:
        raise InvalidInput(t("uitnodiging.adres_klopt_niet", name=header_text(name),
                             email=email)) from error


def _address(person: Participant) -> Address:
    return address(person.name, person.email)


def invitation_eml(case: Case, meeting: Meeting, organisation: str = "") -> bytes:
    """The invitation as an e-mail message (.eml, UTF-8) to every participant with an address,
    marked unsent so a mail program opens it as a draft ready to send. Names and the subject
    are `header_text`; the message is read back and must name exactly these addresses."""
    message = EmailMessage(policy=EMAIL_POLICY)
    message["Subject"] = header_text(invitation_subject(case, meeting))
    to = [_address(p) for p in meeting.participants if p.email]
    if to:
        message["To"] = to
    chair = next((p for p in meeting.participants if p.email and p.name == meeting.chair), None)
    if chair is not None:
        message["From"] = _address(chair)
    message["Date"] = format_datetime(dt.datetime.now(TIMEZONE))
    message["Message-ID"] = make_msgid(domain="hgs.invalid")
    message["X-Unsent"] = "1"
    message.set_content(invitation_text(case, meeting, organisation), charset="utf-8")
    data = message.as_bytes()
    _check_headers(data, to, chair is not None)
    return data


def _check_headers(data: bytes, to: list[Address], sender: bool) -> None:
    """The .eml read back as a mail program reads it: the headers HGS wrote and no other, the
    addresses it meant. Anything else is refused (a Dutch message) rather than sent on."""
    expected = {"Subject", "Date", "Message-ID", "X-Unsent", "MIME-Version", "Content-Type",
                "Content-Transfer-Encoding"} | ({"To"} if to else set()) | \
        ({"From"} if sender else set())
    check_headers(data, expected, to)


def check_headers(data: bytes, expected: set[str], to: list[Address]) -> None:
    """A message read back as a mail program reads it: exactly the `expected` headers, each
    once, no defect, and `to` as its recipients; InvalidInput otherwise (also for a message
    HGS sends itself, hgs.mail)."""
    from email import message_from_bytes
    from email.policy import default

    back = message_from_bytes(data, policy=default)
    addresses = [a.addr_spec for a in back["To"].addresses] if to else []
    if set(back.keys()) != expected or len(back.keys()) != len(expected) or back.defects \
            or addresses != [a.addr_spec for a in to]:
        raise InvalidInput(t("uitnodiging.kop_klopt_niet"))


def notice_eml(subject: str, message: str) -> bytes:
    """A draft e-mail that only says why the invitation could not be made (what the download
    button gives instead of nothing)."""
    draft = EmailMessage(policy=SMTP)
    draft["Subject"] = subject
    draft["X-Unsent"] = "1"
    draft.set_content(message + "\n", charset="utf-8")
    return draft.as_bytes()


def _calendar(uid: str, summary: str, description: str, day: dt.date, location: str,
              people: list[Participant], start: dt.time, duration: dt.timedelta,
              url: str = "") -> bytes:
    from icalendar import Alarm, Calendar, Event, vCalAddress, vText

    begin = dt.datetime.combine(day, start, tzinfo=TIMEZONE)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("dtstart", begin)
    event.add("dtend", begin + duration)
    event.add("summary", header_text(summary))
    event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    for person in people:
        if person.email:
            attendee = vCalAddress(f"mailto:{person.email}")
            attendee.params["cn"] = vText(header_text(person.name))
            event.add("attendee", attendee, encode=0)
    alarm = Alarm()  # "both parents work, need a reminder, then they come"
    alarm.add("action", "DISPLAY")
    alarm.add("description", t("uitnodiging.morgen", summary=header_text(summary)))
    alarm.add("trigger", -dt.timedelta(days=1))
    event.add_component(alarm)
    calendar = Calendar()
    calendar.add("prodid", "-//HGS//MDO//NL")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    # the time zone's rules for a few years around the event keep the file small
    calendar.add_missing_timezones(first_date=dt.date(day.year - 1, 1, 1),
                                   last_date=dt.date(day.year + 2, 1, 1))
    return calendar.to_ical()


def meeting_ics(case: Case, meeting: Meeting, organisation: str = "",
                start: dt.time | None = None, duration: dt.timedelta | None = None) -> bytes:
    """The MDO as a calendar event (.ics) with the invitation text: at its planned time and
    length (calendar_times) unless told otherwise; its place (else the online link, else the
    organisation) as the location, and the online link as the event's address."""
    planned_start, planned_duration = calendar_times(meeting)
    location = meeting.place or meeting.online_link or organisation
    return _calendar(f"mdo-{meeting.id}@hgs", f"{MEETING_KINDS[meeting.kind]} {case.first_name} "
                     f"({case.code})", invitation_text(case, meeting, organisation),
                     meeting.date, location, meeting.participants, start or planned_start,
                     duration or planned_duration, url=meeting.online_link)


def evaluation_text(case: Case, meeting: Meeting) -> str:
    """What the evaluation looks back on: the goals and agreements of this meeting."""
    lines = [t("uitnodiging.evaluatie_van", first_name=case.first_name,
               date=date_nl(meeting.date)), ""]
    goals = [g.text for g in meeting.goals if g.text and not g.dropped]
    if goals:
        lines += [t("uitnodiging.doelen"),
                  *[f"- {text}" for text in goals], ""]
    agreements = [a for a in meeting.agreements if a.what]
    if agreements:
        lines.append(t("uitnodiging.afspraken"))
        for a in agreements:
            detail = ", ".join(filter(None, [a.who, a.due and t("uitnodiging.uiterlijk",
                                                                date=date_nl(a.due))]))
            lines.append(f"- {a.what}" + (f" ({detail})" if detail else ""))
    return "\n".join(lines).rstrip() + "\n"


def evaluation_ics(case: Case, meeting: Meeting, organisation: str = "",
                   start: dt.time = DEFAULT_START,
                   duration: dt.timedelta = DEFAULT_DURATION) -> bytes:
    """The evaluation date set at step 8 as a calendar event; InvalidInput when there is none."""
    if meeting.evaluation_date is None:
        raise InvalidInput(t("uitnodiging.geen_evaluatiedatum"))
    return _calendar(f"evaluatie-{meeting.id}@hgs",
                     t("uitnodiging.evaluatie_mdo", first_name=case.first_name, code=case.code),
                     evaluation_text(case, meeting), meeting.evaluation_date, organisation,
                     meeting.participants, start, duration)
