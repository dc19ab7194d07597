"""The "gouden mailtje": the invitation that tells every participant the meeting's goals and
questions beforehand, as plain text and as a mailto: link."""

from __future__ import annotations

from urllib.parse import quote

from hgs.model import Case, Meeting
from hgs.texts import MEETING_KINDS, PARTIES, date_nl


def invitation_subject(case: Case, meeting: Meeting) -> str:
    return f"Uitnodiging {MEETING_KINDS[meeting.kind].lower()} {case.first_name} ({case.code}) " \
           f"op {date_nl(meeting.date)}"


def invitation_text(case: Case, meeting: Meeting, organisation: str = "") -> str:
    """The body: why we meet, the questions we want answered, who comes."""
    lines = ["Beste deelnemers,", "",
             f"Graag nodig ik u uit voor het {MEETING_KINDS[meeting.kind].lower()} over "
             f"{case.first_name}{f' ({organisation})' if organisation else ''} "
             f"op {date_nl(meeting.date)}.", ""]
    if meeting.reason:
        lines += ["Waarom we samenkomen:", meeting.reason, ""]
    questions = [q.text for q in meeting.questions if q.text]
    party = [(PARTIES[p], text) for p, text in meeting.party_questions.items() if text]
    if questions or party:
        lines.append("Dit willen we samen beantwoorden:")
        lines += [f"- {text}" for text in questions]
        lines += [f"- {who}: {text}" for who, text in party]
        lines.append("")
    open_goals = [g.text for g in meeting.goals if g.text and not g.dropped]
    if meeting.kind == "evaluatie" and open_goals:
        lines.append("We kijken samen hoe ver we zijn met deze doelen:")
        lines += [f"- {text}" for text in open_goals]
        lines.append("")
    people = [p for p in meeting.participants if p.name]
    if people:
        lines.append("Aan tafel:")
        lines += [f"- {p.name}, {p.role}{f' ({p.organisation})' if p.organisation else ''}"
                  for p in people]
        lines.append("")
    lines += ["Wilt u vooraf nadenken over wat goed gaat, wat beter kan en welke vraag u zelf "
              "heeft? Zo kunnen we samen snel tot afspraken komen.", "",
              "Met vriendelijke groet,", meeting.chair or ""]
    return "\n".join(lines).rstrip() + "\n"


def invitation_mailto(case: Case, meeting: Meeting, organisation: str = "") -> str:
    to = ",".join(p.email for p in meeting.participants if p.email)
    return (f"mailto:{quote(to, safe='@,')}?subject={quote(invitation_subject(case, meeting))}"
            f"&body={quote(invitation_text(case, meeting, organisation))}")
