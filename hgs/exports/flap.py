"""The seed's information format as one sheet ("het format", written "op flap/A3" in front of
everyone): six numbered boxes filled from what the MDO recorded, for the team or for the
parents. Built once as plain data, so the screen (hgs.ui.flap) and the A3 PDF
(hgs.exports.flap_pdf) cannot show different things."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hgs.errors import InvalidInput
from hgs.exports.contents import AUDIENCES, SUPPORT_KINDS, left_out
from hgs.i18n import DEFAULT, Labels, language, t, using
from hgs.method import cases, circles, cycle, texts
from hgs.method.records import Meeting, OverviewItem
from hgs.store import Store

# The boxes in the seed's numbering: 1 across the top, 2–4 as three columns, 5 and 6 below.
BOX_TITLES = Labels("flap.boxes", ("vragen", "leerling", "onderwijs", "opvoeding",
                                   "jeugdhulp", "afspraken"))
PART_TITLES = Labels("flap.parts", (
    "vragen", "plus", "min", "vraag", "doelen", "behoeften_kind", "behoeften_school",
    "behoeften_ouders", "betrokken", "onderzoek", "afspraken", "besluiten", "evaluatie",
    "thuis", "kind", "school", "essentie"))


@dataclass(frozen=True)
class Part:
    """One part of a box ("+", "Doelen" …) and what was said; never blank: `empty` parts carry
    a short word instead ("nog niets"), `left_out` ones say the team's version has them."""
    key: str
    title: str
    items: tuple[str, ...]
    empty: bool = False
    left_out: bool = False


@dataclass(frozen=True)
class Box:
    number: int  # the seed's number; 0 for the child's own box (the circles' spot)
    key: str
    title: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Sheet:
    title: str
    subtitle: str
    boxes: tuple[Box, ...]  # the six boxes, 1 … 6
    footer: str
    audience: str
    # The child's own box, the cirkelgesprek (`child_box`): beside box 1 on screen and in the
    # PDF; None while the child has said nothing yet.
    child: Box | None = None
    lang: str = DEFAULT


def _part(key: str, items: Iterable[str], hidden: bool = False) -> Part:
    if hidden:
        return Part(key, PART_TITLES[key], (t("flap.alleen_team"),), left_out=True)
    said = tuple(item for item in items if item)
    if not said:
        return Part(key, PART_TITLES[key], (t("flap.nog_niets"),), empty=True)
    return Part(key, PART_TITLES[key], said)


def _said(item: OverviewItem) -> str:
    who = ", ".join(filter(None, [item.by, texts.PARTIES[item.group] if item.group else ""]))
    return f"{item.text} ({who})" if who else item.text


def _signs(meeting: Meeting, area: str) -> list[Part]:
    """The area's +, − and ? of step 2, each with who said it."""
    return [_part(sign, (_said(i) for i in meeting.overview
                         if i.area == area and i.sign == sign and i.text))
            for sign in texts.SIGNS]


def _goals(meeting: Meeting, area: str) -> Part:
    def words(goal) -> str:
        return " — ".join(filter(None, [goal.text, goal.observable]))
    return _part("doelen", (words(g) for g in meeting.goals if g.area == area and not g.dropped))


def _needs(meeting: Meeting) -> Part:
    """Step 5: what the child needs, by category; with the goal it serves when named."""
    def words(need) -> str:
        text = f"{texts.NEED_CATEGORIES[need.category].rstrip(' …')}: {need.text}"
        if (goal := cycle.goal_served(meeting, need.goal_id)) and goal.text:
            text = t("retype.om_dit_doel", text=text, goal=goal.text)
        return text
    return _part("behoeften_kind", (words(n) for n in meeting.needs if n.text))


def _support(meeting: Meeting, for_whom: str, audience: str) -> Part:
    """Step 6: what school resp. parents need to offer that, and from whom."""
    def words(s) -> str:
        text = f"{SUPPORT_KINDS[s.kind]}: {s.text}"
        return f"{text} ({s.from_whom})" if s.from_whom else text
    return _part(f"behoeften_{for_whom}",
                 (words(s) for s in meeting.support_needs if s.for_whom == for_whom and s.text),
                 hidden=left_out(audience, f"support_needs.{for_whom}"))


def _youth_care(meeting: Meeting, audience: str) -> list[Part]:
    """Box 5: the jeugdhulp area of step 2, the professionals from outside the school at the
    table, and whether research is needed (the professionals' reasons only for the team)."""
    outside = (", ".join(filter(None, [p.name, texts.ROLES.get(p.role, p.role), p.organisation]))
               for p in meeting.participants if p.group == "extern")
    research: list[str] = []
    if meeting.research_needed is not None:
        research.append(texts.RESEARCH[meeting.research_needed])
    if meeting.research_reason and not left_out(audience, "research_reason"):
        research.append(meeting.research_reason)
    return [*_signs(meeting, "jeugdhulp"), _part("betrokken", outside),
            _part("onderzoek", research)]


def _agreements(meeting: Meeting) -> list[Part]:
    def words(a) -> str:
        when = t("flap.uiterlijk", date=texts.date_nl(a.due)) if a.due else ""
        done = texts.AGREEMENT_STATUS["gedaan"] if a.status == "gedaan" else ""
        tail = ", ".join(filter(None, [a.who, when, done]))
        return f"{a.what} ({tail})" if tail else a.what
    decisions = (f"{d.text} ({d.decided_by})" if d.decided_by else d.text
                 for d in meeting.decisions if d.text)
    evaluation = [texts.date_nl(meeting.evaluation_date)] if meeting.evaluation_date else []
    return [_part("afspraken", (words(a) for a in meeting.agreements if a.what)),
            _part("besluiten", decisions), _part("evaluatie", evaluation)]


def _questions(meeting: Meeting) -> Part:
    def words(q) -> str:
        who = cycle.asked_by_words(q)
        text = f"{q.text} ({who})" if who else q.text
        return t("flap.antwoord", question=text, answer=q.answer) if q.answer else text
    return _part("vragen", (words(q) for q in meeting.questions if q.text))


def child_box(meeting: Meeting, first_name: str) -> Box | None:
    """The cirkelgesprek (step 2): a part per circle the child said something in (Thuis,
    Kind, School), each item with its mark (+ − ? ★), and the essence in the child's words;
    None when the child has said nothing yet."""
    if not circles.heard(meeting):
        return None
    said = circles.grouped(meeting)
    parts = [_part(circle, (f"{circles.MARKS[sign]} {item.text}" for sign in circles.SIGNS
                            for item in said[circle][sign]))
             for circle in circles.CIRCLES if any(said[circle].values())]
    if meeting.circle_essence.strip():
        parts.append(_part("essentie", (meeting.circle_essence,)))
    return Box(0, "kind", t("circles.verslag_titel", first_name=first_name), tuple(parts))


def boxes(meeting: Meeting, audience: str) -> tuple[Box, ...]:
    """The six boxes of the format for `audience`, in the seed's numbering."""
    def box(number: int, key: str, parts: list[Part]) -> Box:
        return Box(number, key, BOX_TITLES[key], tuple(parts))
    return (
        box(1, "vragen", [_questions(meeting)]),
        box(2, "leerling", [*_signs(meeting, "kind"), _goals(meeting, "kind"), _needs(meeting)]),
        box(3, "onderwijs", [*_signs(meeting, "onderwijs"), _goals(meeting, "onderwijs"),
                             _support(meeting, "school", audience)]),
        box(4, "opvoeding", [*_signs(meeting, "opvoeding"), _goals(meeting, "opvoeding"),
                             _support(meeting, "ouders", audience)]),
        box(5, "jeugdhulp", _youth_care(meeting, audience)),
        box(6, "afspraken", _agreements(meeting)),
    )


def format_sheet(store: Store, case_id: str, meeting_id: str, audience: str = "team",
                 lang: str | None = None) -> Sheet:
    """The format of one meeting for `audience` ("team" or "ouders"), in `lang` (by default
    the session's), with the child's three circles in the child's own box."""
    if audience not in AUDIENCES:
        raise InvalidInput(t("verslag.kies_publiek"))
    with using(lang or language()):
        case = store.get_case(case_id)
        meeting = store.get_meeting(case_id, meeting_id)
        organisation = cases.organisation_name(case, store.organisations())
        subtitle = " · ".join(filter(None, [
            t("verslag.op", kind=texts.MEETING_KINDS[meeting.kind],
              date=texts.date_nl(meeting.date)),
            organisation, case.group, t("verslag.code", code=case.code),
            t("verslag.versie_ouders") if audience == "ouders" else ""]))
        return Sheet(
            title=t("flap.titel", first_name=case.first_name), subtitle=subtitle,
            boxes=boxes(meeting, audience),
            footer=t("verslag.footer", code=case.code, date=texts.date_nl(meeting.date)),
            audience=audience, child=child_box(meeting, case.first_name), lang=language())


def filename(case_code: str, meeting_date, audience: str = "team") -> str:
    """`Flap-<code>-<date>.pdf`; the parents' version ends in `-ouders`."""
    suffix = "-ouders" if audience == "ouders" else ""
    return f"Flap-{case_code}-{meeting_date.isoformat()}{suffix}.pdf"
