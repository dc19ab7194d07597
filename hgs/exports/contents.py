"""What the verslag of an MDO says, for the team or for the parents: the recorded steps, the
participants and, at a follow-up, the goals' progress, built once into a Document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from hgs.analytics import goals as analytics
from hgs.errors import InvalidInput
from hgs.exports import circles as circle_picture
from hgs.exports.document import Block, Bullets, Document, Heading, Image, Paragraph, Section, Table
from hgs.exports.images import CHART_WIDTH, chart_pngs, figure_height
from hgs.i18n import Labels, format_date, language, t, tn, using
from hgs.method import cases, circles, cycle, texts
from hgs.method.records import Case, Meeting, Need
from hgs.method.steps import STEPS
from hgs.store import Store

AUDIENCES = Labels("verslag.audiences", ("team", "ouders"))

# What the parents' version leaves out: the professionals' working notes. Everything the table
# agreed on, the parents' own words and the child's words stay in. Keys name the recorded field
# (`support_needs.school`: the support needs of step 6 that are for teacher and school); values
# say what is missing ([verslag.leave_out] in the catalogues), in the note at the top of the
# parents' version. The chair's prompts are guidance, not a record, and are in neither version.
SUPPORT_KINDS = Labels("verslag.kinds", ("kennis", "vaardigheden", "ondersteuning"))
PARENTS_LEAVE_OUT = Labels("verslag.leave_out",
                           ("explanations", "research_reason", "support_needs.school"))


def left_out(audience: str, field: str) -> bool:
    """Does the version for `audience` leave the recorded `field` out? The one rule, read by
    the verslag and the flap (hgs.exports.flap) alike."""
    return audience == "ouders" and field in PARENTS_LEAVE_OUT


@dataclass(frozen=True)
class _Source:
    case: Case
    meeting: Meeting
    history: list[Meeting]  # the case's meetings up to and including this one
    organisation: str
    audience: str
    charts: bool
    circles_drawn: bool = False  # the screen draws the cirkelgesprek itself (Presentatie)

    def hides(self, field: str) -> bool:
        return left_out(self.audience, field)

    @property
    def follow_up(self) -> bool:
        return self.meeting.kind == "evaluatie"


def _section(title: str, blocks: Sequence[Block], left_out: bool = False) -> Section:
    """A section; one that has nothing says so instead of staying blank."""
    if not blocks:
        blocks = [Paragraph(t("verslag.alleen_team") if left_out
                            else t("verslag.niet_ingevuld"))]
    return Section(title, tuple(blocks))


def _by(text: str, who: str) -> str:
    return f"{text} ({who})" if who else text


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def _participants(src: _Source) -> Section:
    blocks: list[Block] = []
    if src.meeting.chair:
        blocks.append(Paragraph(src.meeting.chair, label=t("verslag.voorzitter")))
    people = src.meeting.participants
    if people:
        blocks.append(Table((t("verslag.naam"), t("verslag.rol"), t("verslag.organisatie"),
                             t("verslag.aanwezig")),
                            tuple((p.name, texts.ROLES.get(p.role, p.role),
                                   p.organisation or "–",
                                   t("verslag.ja") if p.present else t("verslag.nee"))
                                  for p in people),
                            (6, 6, 6, 3)))
    if basis := cycle.consent_basis(src.case, src.meeting):  # with whose consent was shared
        blocks.append(Paragraph(basis, label=t("consent.verslag_label")))
    return _section(t("verslag.wie_waren_erbij"), blocks)


def _registration(src: _Source) -> Section:
    m = src.meeting
    blocks: list[Block] = []
    if m.reason:
        blocks.append(Paragraph(m.reason, label=t("verslag.reden")))
    asked = [f"{texts.PARTIES[party]}: {text}" for party, text in m.party_questions.items()
             if text]
    if asked:
        blocks += [Heading(t("verslag.vragen_vooraf")), Bullets(tuple(asked))]
    return _section(t("verslag.aanmelding"), blocks)


def _step1(src: _Source) -> Section:
    questions = [_by(q.text, cycle.asked_by_words(q)) for q in src.meeting.questions if q.text]
    return _section(STEPS[0].label, [Bullets(tuple(questions))] if questions else [])


def circle_blocks(meeting: Meeting, first_name: str, drawn: bool = True) -> list[Block]:
    """The cirkelgesprek as the verslag says it: the three circles drawn (`drawn`), a table of
    every word per circle and sign, and the essence in the child's words."""
    said = circles.grouped(meeting)
    blocks: list[Block] = [Heading(t("circles.verslag_titel", first_name=first_name))]
    if not circles.heard(meeting):
        return [*blocks, Paragraph(t("verslag.niet_ingevuld"))]
    if any(any(by_sign.values()) for by_sign in said.values()):
        if drawn:
            blocks.append(Image(circle_picture.circles_png(meeting), circle_picture.WIDTH,
                                circle_picture.HEIGHT))
        rows = tuple((texts.CIRCLE_SIGNS[sign], *("; ".join(i.text for i in said[c][sign])
                                                   or "–" for c in circles.CIRCLES))
                     for sign in circles.SIGNS)
        blocks.append(Table(("", *(texts.CIRCLES[c] for c in circles.CIRCLES)), rows,
                            (2, 3, 3, 3)))
    if meeting.circle_essence.strip():
        blocks.append(Paragraph(meeting.circle_essence, label=t("circles.essentie_kort"),
                                quote=True))
    return blocks


def _step2(src: _Source) -> Section:
    m = src.meeting
    items = [item for item in m.overview if item.text]
    if not items and (src.circles_drawn or not circles.heard(m)):
        return _section(STEPS[1].label, [])
    blocks = [] if src.circles_drawn else circle_blocks(m, src.case.first_name,
                                                        drawn=src.charts)
    for area, title in texts.AREAS.items():
        here = [item for item in items if item.area == area]
        if not here:
            continue
        blocks.append(Heading(title))
        for sign, label in texts.SIGNS.items():
            said = tuple(_by(i.text, ", ".join(filter(None, [
                i.by, texts.PARTIES[i.group] if i.group else ""]))) for i in here
                if i.sign == sign)
            if said:
                blocks += [Paragraph("", label=label), Bullets(said)]
    return _section(STEPS[1].label, blocks)


def _step3(src: _Source) -> Section:
    m = src.meeting
    blocks: list[Block] = []
    if not src.hides("explanations"):
        for area in ("kind", "onderwijs", "opvoeding"):
            said = tuple(e.text for e in m.explanations if e.area == area and e.text)
            if said:
                blocks += [Heading(t("verslag.verklaringen", area=texts.AREAS[area])),
                           Bullets(said)]
    if m.research_needed is not None or (m.research_reason and not src.hides("research_reason")):
        blocks += [Heading(t("verslag.onderzoek")),
                   Paragraph(texts.RESEARCH[m.research_needed],
                             label=t("verslag.onderzoek_nodig"))]
        if m.research_reason and not src.hides("research_reason"):
            blocks.append(Paragraph(m.research_reason, label=t("verslag.waarom")))
    had = any(e.text for e in m.explanations) or bool(m.research_reason)
    return _section(STEPS[2].label, blocks, left_out=had)


def _step4(src: _Source) -> Section:
    m = src.meeting
    goals = [g for g in m.goals if g.text or g.observable]
    if not goals:
        return _section(STEPS[3].label, [])
    header = [t("verslag.gebied"), t("verslag.doel"), t("verslag.zien_en_horen"),
              t("verslag.start"), t("verslag.streven")]
    widths = [4, 8, 9, 3, 3]
    if src.follow_up:
        header.append(t("verslag.nu"))
        widths.append(2)
    rows = []
    for g in goals:
        row = [texts.AREA_SHORT[g.area], t("verslag.vervallen", text=g.text) if g.dropped
               else g.text,
               g.observable or "–", _score(g.start), _score(g.target)]
        if src.follow_up:
            row.append(_score(m.scores.get(g.id)))
        rows.append(tuple(row))
    note = t("verslag.schaal_nu") if src.follow_up else t("verslag.schaal")
    return _section(STEPS[3].label,
                    [Table(tuple(header), tuple(rows), tuple(widths)), Paragraph(note)])


def _need(meeting: Meeting, need: Need) -> str:
    """A need as the verslag says it: with the goal it serves, and whether more pupils gain."""
    text = t("verslag.meer_leerlingen", text=need.text) if need.more_pupils else need.text
    if (goal := cycle.goal_served(meeting, need.goal_id)) and goal.text:
        text = t("retype.om_dit_doel", text=text, goal=goal.text)
    return text


def _step5(src: _Source) -> Section:
    blocks: list[Block] = []
    for category, title in texts.NEED_CATEGORIES.items():
        needs = tuple(_need(src.meeting, n)
                      for n in src.meeting.needs if n.category == category and n.text)
        if needs:
            blocks += [Heading(title), Bullets(needs)]
    return _section(STEPS[4].label, blocks)


def _step6(src: _Source) -> Section:
    support = [s for s in src.meeting.support_needs if s.text]
    shown = [s for s in support
             if not (s.for_whom == "school" and src.hides("support_needs.school"))]
    blocks: list[Block] = []
    if shown:
        blocks.append(Table(
            (t("verslag.voor_wie"), t("verslag.soort"), t("verslag.wat_nodig"),
             t("verslag.van_wie")),
            tuple((texts.SUPPORT_FOR[s.for_whom], SUPPORT_KINDS[s.kind], s.text,
                   s.from_whom or "–") for s in shown),
            (3, 3, 6, 4)))
    return _section(STEPS[5].label, blocks, left_out=bool(support))


def _step7(src: _Source) -> Section:
    m = src.meeting
    blocks: list[Block] = []
    questions = [q for q in m.questions if q.text]
    if any(q.answer or q.answered for q in questions):
        blocks += [Heading(t("verslag.antwoorden")), Table(
            (t("verslag.vraag"), t("verslag.antwoord")),
            tuple((q.text, q.answer or (t("verslag.beantwoord") if q.answered
                                        else t("verslag.niet_beantwoord")))
                  for q in questions),
            (1, 1))]
    decisions = tuple(_by(d.text, t("verslag.besloten_door", who=d.decided_by)
                          if d.decided_by else "")
                      for d in m.decisions if d.text)
    if decisions:
        blocks += [Heading(t("verslag.besluiten")), Bullets(decisions)]
    return _section(STEPS[6].label, blocks)


def _step8(src: _Source) -> Section:
    m = src.meeting
    blocks: list[Block] = []
    agreements = [a for a in m.agreements if a.what]
    if agreements:
        blocks.append(Table(
            (t("verslag.wat"), t("verslag.wie"), t("verslag.uiterlijk"), t("verslag.status")),
            tuple((a.what, a.who or "–", texts.date_nl(a.due) or "–",
                   texts.AGREEMENT_STATUS[a.status]) for a in agreements),
            (6, 2, 2, 1)))
    if m.progress_followed:
        blocks.append(Paragraph(m.progress_followed, label=t("retype.voortgang_label")))
    if m.evaluation_date or agreements:
        blocks.append(Paragraph(texts.date_nl(m.evaluation_date)
                                or t("verslag.nog_niet_afgesproken"),
                                label=t("verslag.we_evalueren_op")))
    return _section(STEPS[7].label, blocks)


def _step9(src: _Source) -> Section:
    m = src.meeting
    blocks: list[Block] = []
    if src.follow_up and cycle.goals_to_score(m):
        blocks += [Heading(t("verslag.hoe_ver")), *_progress(src)]
    for kind, title in texts.TOPTIP.items():
        said = tuple(_by(tt.text,
                         ", ".join(filter(None, [tt.by, texts.GIVERS[tt.group].lower()])))
                     for tt in m.tops_tips if tt.kind == kind and tt.text)
        if said:
            blocks += [Heading(title), Bullets(said)]
    if m.rating is not None:
        blocks.append(Paragraph(str(m.rating), label=t("verslag.rapportcijfer")))
    return _section(STEPS[8].label, blocks)


def _progress(src: _Source) -> list[Block]:
    """At a follow-up: the goal progress charts as images, or the scores as a table."""
    from hgs.analytics import charts  # plotly, loaded only when a verslag has charts

    scores = analytics.goal_scores(src.history)
    att = analytics.attainment(src.history)
    blocks: list[Block] = []
    here = att[att.meeting_id == src.meeting.id].dropna(subset=["t_score"])
    if not here.empty:
        row = here.iloc[0]
        blocks.append(Paragraph(
            tn("verslag.kort", int(row.reached), goals=tn("verslag.van_doelen", int(row.goals_scored)),
               t_score=f"{row.t_score:.0f}"), label=t("verslag.in_het_kort")))
    table = progress_table(scores, att)
    if src.charts:
        figures = [charts.t_score_figure(att)]
        figures += [charts.goal_figure(scores[scores.goal_id == goal_id])
                    for goal_id in dict.fromkeys(scores.goal_id)]
        figures = [f for f in figures if f is not None]
        pngs = chart_pngs(figures)
        if pngs:
            return blocks + [Image(png, CHART_WIDTH, figure_height(fig))
                             for png, fig in zip(pngs, figures)]
        blocks.append(Paragraph(t("verslag.grafiek_mislukt")))
    else:
        blocks.append(Paragraph(t("verslag.scores_tabel")))
    return blocks + [table]


def progress_table(scores, att) -> Table:
    """Scores per goal (rows) per MDO (columns), the GAS T-score of each follow-up below."""
    meetings = scores[["meeting_no", "date"]].drop_duplicates().sort_values("meeting_no")
    numbers = list(meetings.meeting_no)
    header = (t("verslag.doel"), t("verslag.start"), t("verslag.streven"),
              *(t("verslag.mdo_kolom", n=n, date=format_date(d, "short"))
                for n, d in zip(meetings.meeting_no, meetings.date)))
    rows = []
    for goal_id in dict.fromkeys(scores.goal_id):
        part = scores[scores.goal_id == goal_id]
        first = part.iloc[0]
        by_no = {int(r.meeting_no): r.score for r in part.itertuples()}
        goal = (t("verslag.vervallen", text=first.goal) if bool(part.dropped.iloc[-1])
                else first.goal)
        rows.append((f"{texts.AREA_SHORT[first.area]}: {goal}",
                     _cell(first.start), _cell(first.target),
                     *(_cell(by_no.get(n)) if n in by_no else "" for n in numbers)))
    t_scores = {int(r.meeting_no): r.t_score for r in att.itertuples()}
    rows.append((t("verslag.t_score_rij"), "", "",
                 *(_cell(t_scores.get(n), "{:.0f}") for n in numbers)))
    return Table(header, tuple(rows), (5, 1, 1, *([2] * len(numbers))))


def _cell(value, form: str = "{}") -> str:
    return "–" if value is None or pd.isna(value) else form.format(value)


def build(store: Store, case_id: str, meeting_id: str, audience: str = "team",
          charts: bool = True, lang: str | None = None) -> Document:
    """The verslag of one meeting as a Document in `lang` (by default the language of the
    person who asks: Dutch unless they chose English); `charts=False` gives the progress as a
    table only (no image export)."""
    if audience not in AUDIENCES:
        raise InvalidInput(t("verslag.kies_publiek"))
    with using(lang or language()):
        return _build(store, case_id, meeting_id, audience, charts)


def _build(store: Store, case_id: str, meeting_id: str, audience: str,
           charts: bool, circles_drawn: bool = False) -> Document:
    case = store.get_case(case_id)
    meeting = store.get_meeting(case_id, meeting_id)
    history = cycle.history(store.meetings(case_id), meeting)
    organisation = cases.organisation_name(case, store.organisations())
    src = _Source(case, meeting, history, organisation, audience, charts, circles_drawn)
    kind = texts.MEETING_KINDS[meeting.kind]
    parents = audience == "ouders"
    subtitle = " · ".join(filter(None, [
        t("verslag.op", kind=kind, date=texts.date_nl(meeting.date)), organisation, case.group,
        t("verslag.code", code=case.code), t("verslag.versie_ouders") if parents else ""]))
    intro: list[Block] = [Paragraph(t("verslag.intro", first_name=case.first_name))]
    if parents:
        intro.append(Paragraph(
            t("verslag.ouders_intro", left_out="; ".join(PARENTS_LEAVE_OUT.values())),
            label=t("verslag.let_op")))
    sections = (_participants(src), _registration(src), _step1(src), _step2(src), _step3(src),
                _step4(src), _step5(src), _step6(src), _step7(src), _step8(src), _step9(src))
    return Document(
        title=t("verslag.titel", first_name=case.first_name), subtitle=subtitle,
        intro=tuple(intro), sections=sections,
        footer=t("verslag.footer", code=case.code, date=texts.date_nl(meeting.date)),
        lang=language())


def step_section(store: Store, case_id: str, meeting_id: str, number: int,
                 circles_drawn: bool = False) -> Section:
    """What was recorded at step `number` (1–9), as the verslag says it (no chart images);
    `circles_drawn`: the screen draws the cirkelgesprek itself, so step 2 leaves it out."""
    if not 1 <= number <= 9:
        raise InvalidInput(t("verslag.stap_bestaat_niet"))
    return _build(store, case_id, meeting_id, "team", charts=False,
                  circles_drawn=circles_drawn).sections[number + 1]
