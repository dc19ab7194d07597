"""The verslag of an MDO: built once from what was recorded into a small format-neutral document
(sections of headings, paragraphs, bullet lists, tables and images), then written as DOCX, PDF
or Markdown, for the team or for the parents."""

from __future__ import annotations

import io
import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from hgs.analytics import goals as analytics
from hgs.method import cycle
from hgs.method import texts
from hgs.errors import HGSError, InvalidInput
from hgs.i18n import DEFAULT, Labels, format_date, language, t, using
from hgs.method.records import Case, Meeting
from hgs.method.steps import STEPS
from hgs.store import Store

log = logging.getLogger(__name__)

AUDIENCES = Labels("verslag.audiences", ("team", "ouders"))
MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown",
}

# What the parents' version leaves out: the professionals' working notes. Everything the table
# agreed on, the parents' own words and the child's words stay in. Keys name the recorded field
# (`support_needs.school`: the support needs of step 6 that are for teacher and school); values
# say what is missing ([verslag.leave_out] in the catalogues), in the note at the top of the
# parents' version. The chair's prompts are guidance, not a record, and are in neither version.
SUPPORT_KINDS = Labels("verslag.kinds", ("kennis", "vaardigheden", "ondersteuning"))
PARENTS_LEAVE_OUT = Labels("verslag.leave_out",
                           ("explanations", "research_reason", "support_needs.school"))

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CHART_TIMEOUT = 30.0  # seconds for all chart images of one verslag; then the table instead
CHART_WIDTH = 900  # pixels, drawn at scale 2; the height is the figure's own


# -- the document ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    """A heading inside a section."""
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str = ""  # a bold lead-in, such as "Voorzitter:"
    quote: bool = False  # someone's own words


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] = ()  # relative column widths; equal when empty


@dataclass(frozen=True)
class Image:
    png: bytes
    width: int
    height: int


Block = Union[Heading, Paragraph, Bullets, Table, Image]


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    footer: str
    lang: str = DEFAULT  # the language it is written in (for the file's language tag)


# -- building it from the records ---------------------------------------------------------------
@dataclass(frozen=True)
class _Source:
    case: Case
    meeting: Meeting
    history: list[Meeting]  # the case's meetings up to and including this one
    organisation: str
    audience: str
    charts: bool

    def hides(self, field: str) -> bool:
        return self.audience == "ouders" and field in PARENTS_LEAVE_OUT

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
    questions = [_by(q.text, q.asked_by) for q in src.meeting.questions if q.text]
    return _section(STEPS[0].label, [Bullets(tuple(questions))] if questions else [])


def _step2(src: _Source) -> Section:
    m = src.meeting
    items = [item for item in m.overview if item.text]
    if not items and not m.child_words:
        return _section(STEPS[1].label, [])
    blocks: list[Block] = [Heading(t("verslag.wat_zeggen_zij", first_name=src.case.first_name)),
                           Paragraph(m.child_words, quote=True) if m.child_words
                           else Paragraph(t("verslag.niet_ingevuld"))]
    for area, title in texts.AREAS.items():
        here = [item for item in items if item.area == area]
        if not here:
            continue
        blocks.append(Heading(title))
        for sign, label in texts.SIGNS.items():
            said = tuple(_by(i.text, i.by) for i in here if i.sign == sign)
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


def _step5(src: _Source) -> Section:
    blocks: list[Block] = []
    for category, title in texts.NEED_CATEGORIES.items():
        needs = tuple(t("verslag.meer_leerlingen", text=n.text) if n.more_pupils else n.text
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
    from hgs.analytics import charts

    scores = analytics.goal_scores(src.history)
    att = analytics.attainment(src.history)
    blocks: list[Block] = []
    here = att[att.meeting_id == src.meeting.id].dropna(subset=["t_score"])
    if not here.empty:
        row = here.iloc[0]
        blocks.append(Paragraph(
            t("verslag.kort", reached=int(row.reached), scored=int(row.goals_scored),
              t_score=f"{row.t_score:.0f}"), label=t("verslag.in_het_kort")))
    table = progress_table(scores, att)
    if src.charts:
        figures = [charts.t_score_figure(att)]
        figures += [charts.goal_figure(scores[scores.goal_id == goal_id])
                    for goal_id in dict.fromkeys(scores.goal_id)]
        figures = [f for f in figures if f is not None]
        pngs = chart_pngs(figures)
        if pngs:
            return blocks + [Image(png, CHART_WIDTH, _height(fig))
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
    import pandas as pd

    return "–" if value is None or pd.isna(value) else form.format(value)


LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}


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
           charts: bool) -> Document:
    case = store.get_case(case_id)
    meeting = store.get_meeting(case_id, meeting_id)
    history = [m for m in store.meetings(case_id) if m.date <= meeting.date]
    try:
        organisation = store.organisation(case.organisation_id).name
    except HGSError:
        organisation = ""
    src = _Source(case, meeting, history, organisation, audience, charts)
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


# -- chart images ------------------------------------------------------------------------------
# kaleido's sync server is one Chromium for the whole process; it answers one caller at a time
# and mixes up answers when two threads (two browser sessions) ask at once, hence the lock.
_export_lock = threading.Lock()


def chart_pngs(figures: Sequence) -> list[bytes] | None:
    """PNG images of plotly figures via kaleido (its sync server, started once), or None when
    the export fails or takes longer than CHART_TIMEOUT; the caller then shows a table."""
    if not figures:
        return None
    result: dict[str, object] = {}

    def work() -> None:
        try:
            with _export_lock:
                import kaleido

                kaleido.start_sync_server(silence_warnings=True, timeout=CHART_TIMEOUT)
                result["pngs"] = [kaleido.calc_fig_sync(
                    fig.to_dict(),
                    opts=dict(format="png", width=CHART_WIDTH, height=_height(fig), scale=2))
                    for fig in figures]
        except Exception as error:  # no Chromium, a crash, a bad figure: the table will do
            result["error"] = error

    worker = threading.Thread(target=work, name="hgs-chart-export", daemon=True)
    worker.start()
    worker.join(CHART_TIMEOUT)
    if "pngs" not in result:
        log.warning("chart export failed: %s", result.get("error", "timed out"))
        return None
    return result["pngs"]  # type: ignore[return-value]


def _height(fig) -> int:
    return int(fig.layout.height or 380)


# -- writers -----------------------------------------------------------------------------------
# What the Markdown file escapes in typed text, so that a typed "## Afspraken", "| a | b |",
# "<script>" or "[klik](…)" stays text and cannot fake a section, a table or a link, while the
# file stays readable in a text editor (punctuation without meaning keeps no backslash).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~$])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^([#>+=\-]|\d{1,9}(?=[.)]))")


def markdown_text(text: str, one_line: bool = False) -> str:
    """Typed text for the Markdown verslag: markup characters escaped, every line's first
    character too when it would start a heading, quote, list or rule, addresses `unlinked`;
    its line breaks as hard breaks (`one_line`: after a heading's "#" or in a cell, where a
    line starts nothing, the lines joined)."""
    lines = [" ".join(line.split()) for line in str(text).splitlines()]
    lines = [line for line in lines if line]
    if one_line:
        lines = [" ".join(lines)] if lines else []
    out = []
    for line in lines:
        line = _MD_ENTITY.sub("&amp;", _MD_INLINE.sub(r"\\\1", texts.unlinked(line)))
        if not one_line:  # after "# ", in a cell, a "1." or "-" starts nothing
            line = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit()
                                      else "\\" + m.group(1), line)
        out.append(line)
    return "  \n".join(out)


def markdown_lines(items: Sequence[Block],
                   escape: Callable[[str], str] | None = None) -> list[str]:
    """Blocks as Markdown lines (images left out: the Markdown carries tables instead), every
    recorded text as typed, never as markup: on screen `escape` is hgs.texts.plain, in the
    Markdown file `markdown_text`."""
    text: Callable[[str], str] = escape or markdown_text
    heading: Callable[[str], str] = escape or (lambda value: markdown_text(value, True))
    out: list[str] = []

    def cell(value: str) -> str:
        if escape is not None:
            return escape(" ".join(value.split()))
        return "<br>".join(markdown_text(line, one_line=True) for line in value.splitlines()
                           if line.strip())

    for block in items:
        if isinstance(block, Heading):
            out.extend([f"### {heading(block.text)}", ""])
        elif isinstance(block, Paragraph):
            if block.quote:
                out.extend(["> " + line for line in text(block.text).splitlines()] + [""])
            else:
                label = f"**{text(block.label)}** " if block.label else ""
                out.extend([(label + text(block.text)).strip(), ""])
        elif isinstance(block, Bullets):
            out.extend([f"- {text(item)}".replace("\n", "\n  ") for item in block.items] + [""])
        elif isinstance(block, Table):
            out.append("| " + " | ".join(map(cell, block.header)) + " |")
            out.append("|" + "---|" * len(block.header))
            out.extend("| " + " | ".join(map(cell, row)) + " |" for row in block.rows)
            out.append("")
    return out


def to_markdown(doc: Document) -> bytes:
    """The verslag as a Markdown file; every text in it escaped (`markdown_text`), so its only
    headings, tables and emphasis are the document's own."""
    def line(value: str) -> str:
        return markdown_text(value, one_line=True)

    out = [f"# {line(doc.title)}", "", f"*{line(doc.subtitle)}*", ""]
    out.extend(markdown_lines(doc.intro))
    for section in doc.sections:
        out.extend([f"## {line(section.title)}", ""])
        out.extend(markdown_lines(section.blocks))
    out.extend(["---", f"*{line(doc.footer)}*", ""])
    return "\n".join(out).encode("utf-8")


def step_section(store: Store, case_id: str, meeting_id: str, number: int) -> Section:
    """What was recorded at step `number` (1–9), as the verslag says it (no chart images)."""
    if not 1 <= number <= 9:
        raise InvalidInput(t("verslag.stap_bestaat_niet"))
    return build(store, case_id, meeting_id, charts=False).sections[number + 1]


def _property(text: str, limit: int = 255) -> str:
    """A document property (title, subject) within Word's limit of 255 characters: a child's
    name, group and school at their limits take more."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def to_docx(doc: Document) -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    word = docx.Document()
    word.core_properties.title = _property(doc.title)
    word.core_properties.subject = _property(doc.subtitle)
    word.core_properties.author = "HGS"
    word.core_properties.language = LANGUAGE_TAGS[doc.lang]
    normal = word.styles["Normal"]
    normal.font.size = Pt(11)
    lang = OxmlElement("w:lang")  # Word's spelling check in the document's language
    lang.set(qn("w:val"), LANGUAGE_TAGS[doc.lang])
    normal.element.get_or_add_rPr().append(lang)
    word.add_heading(doc.title, 0)
    sub = word.add_paragraph().add_run(doc.subtitle)
    sub.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    width = word.sections[0].page_width - word.sections[0].left_margin \
        - word.sections[0].right_margin

    def blocks(items: Sequence[Block]) -> None:
        for block in items:
            if isinstance(block, Heading):
                word.add_heading(block.text, 2)
            elif isinstance(block, Paragraph):
                para = word.add_paragraph(style="Quote" if block.quote else None)
                if block.label:
                    para.add_run(block.label + " ").bold = True
                para.add_run(block.text)
            elif isinstance(block, Bullets):
                for item in block.items:
                    word.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                table = word.add_table(rows=1, cols=len(block.header))
                table.style = "Table Grid"
                widths = block.widths or (1,) * len(block.header)
                for cell, text, w in zip(table.rows[0].cells, block.header, widths):
                    cell.paragraphs[0].add_run(text).bold = True
                    cell.width = int(width * w / sum(widths))
                for row in block.rows:
                    cells = table.add_row().cells
                    for cell, text, w in zip(cells, row, widths):
                        cell.text = text
                        cell.width = int(width * w / sum(widths))
                word.add_paragraph()
            elif isinstance(block, Image):
                word.add_picture(io.BytesIO(block.png), width=Cm(16))

    blocks(doc.intro)
    for section in doc.sections:
        word.add_heading(section.title, 1)
        blocks(section.blocks)
    word.sections[0].footer.paragraphs[0].text = doc.footer
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


MISSING_GLYPH = "□"  # in the PDF, for a character the font cannot draw (most emoji)
PDF_LINE = 5.6  # mm: a line of body text
PDF_CELL_LINE = 5.0  # mm: a line of text in a table cell
PDF_CELL_PADDING = 1.2  # mm


def _drawable(text: str, cmap: dict[int, int]) -> str:
    """`text` as the PDF font can draw it: a character the font lacks becomes a box (a
    modifier, a joiner or a combining mark it lacks is left out), a tab a space. Without this
    fpdf2 drops the character silently, and the reader cannot tell something was there."""
    out = []
    for ch in text:
        if ch == "\n" or ord(ch) in cmap:
            out.append(ch)
        elif ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) not in ("Mn", "Me", "Cf", "Sk"):
            out.append(MISSING_GLYPH)
    return "".join(out)


def _row_pieces(row: Sequence[str], lines_of: Callable[[int, str], list[str]],
                most: int) -> list[tuple[str, ...]]:
    """A table row as one or more rows of at most `most` lines each: fpdf2 cannot break a row
    across pages and refuses one taller than a page (a question of 3,900 characters). The
    pieces continue the same columns, on the next page under the repeated header."""
    lines = [lines_of(column, value) for column, value in enumerate(row)]
    tallest = max((len(cell) for cell in lines), default=0)
    if tallest <= most:
        return [tuple(row)]
    return [tuple("\n".join(cell[start:start + most]) for cell in lines)
            for start in range(0, tallest, most)]


def to_pdf(doc: Document) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue
    from fpdf.fonts import FontFace

    class PDF(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("DejaVu", size=8)
            self.set_text_color(110)
            self.cell(0, 8, draw(f"{doc.footer} · ") + t("verslag.pagina", page=self.page_no(),
                                                               pages="{nb}"), align="C")

    pdf = PDF(format="A4")
    try:
        pdf.add_font("DejaVu", "", FONT_DIR / "DejaVuSans.ttf")
        pdf.add_font("DejaVu", "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        pdf.add_font("DejaVu", "I", FONT_DIR / "DejaVuSans-Oblique.ttf")
    except (OSError, FileNotFoundError) as error:
        raise HGSError(t("verslag.geen_lettertype")) from error
    cmaps = {style: pdf.fonts[f"dejavu{style}"].cmap for style in ("", "B", "I")}

    def draw(value: str, style: str = "") -> str:
        return _drawable(value, cmaps[style])

    pdf.set_title(doc.title)
    pdf.set_subject(doc.subtitle)
    pdf.set_author("HGS")
    pdf.set_lang(LANGUAGE_TAGS[doc.lang])
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    line = PDF_LINE

    def text(size: float = 10.5, style: str = "", colour: int = 0) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(colour)

    text(18, "B")
    pdf.multi_cell(0, 9, draw(doc.title, "B"), align="L", new_x="LMARGIN", new_y="NEXT")
    text(10, colour=85)
    pdf.multi_cell(0, line, draw(doc.subtitle), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    def table(block: Table) -> None:
        widths = block.widths or (1,) * len(block.header)
        # the width fpdf2 leaves for a cell's text, a millimetre less: a piece measured here
        # never wraps again when it is drawn
        inner = [pdf.epw * w / sum(widths) - 2 * PDF_CELL_PADDING - pdf.line_width - 1
                 for w in widths]

        def lines_of(column: int, value: str) -> list[str]:
            return pdf.multi_cell(inner[column], PDF_CELL_LINE, value, dry_run=True,
                                  output=MethodReturnValue.LINES) or [""]

        header = tuple(draw(value, "B") for value in block.header)
        text(9.5, "B")
        header_lines = max(len(lines_of(c, v)) for c, v in enumerate(header))
        text(9.5)
        page = pdf.h - pdf.t_margin - pdf.b_margin  # what one page holds below its top margin
        most = max(1, int((page - (header_lines + 2) * PDF_CELL_LINE - 4 * PDF_CELL_PADDING)
                          / PDF_CELL_LINE) - 2)
        rows = [piece for row in block.rows
                for piece in _row_pieces([draw(value) for value in row], lines_of, most)]
        # cells aligned at the top: pypdf then reads a wrapped cell as one text
        with pdf.table(col_widths=widths, text_align="LEFT", v_align="TOP",
                       line_height=PDF_CELL_LINE, width=pdf.epw, padding=PDF_CELL_PADDING,
                       headings_style=FontFace(emphasis="BOLD",
                                               fill_color=(226, 234, 242))) as grid:
            for row in (header, *rows):
                cells = grid.row()
                for value in row:
                    cells.cell(value)
        pdf.ln(3)

    def blocks(items: Sequence[Block]) -> None:
        for block in items:
            if isinstance(block, Heading):
                pdf.ln(1.5)
                text(11.5, "B")
                pdf.multi_cell(0, 6.5, draw(block.text, "B"), align="L", new_x="LMARGIN",
                               new_y="NEXT")
            elif isinstance(block, Paragraph):
                if block.quote:
                    # in italics, unless the italic font lacks a letter (Arabic) the plain has
                    style = "I" if draw(block.text, "I") == draw(block.text) else ""
                    text(10.5, style, 40)
                    pdf.set_x(pdf.l_margin + 6)
                    pdf.multi_cell(pdf.epw - 6, line, f"“{draw(block.text, style)}”",
                                   align="L", new_x="LMARGIN", new_y="NEXT")
                else:
                    if block.label:
                        text(style="B")
                        pdf.write(line, draw(block.label, "B") + " ")
                    text()
                    pdf.write(line, draw(block.text))
                    pdf.ln(line)
                pdf.ln(1.5)
            elif isinstance(block, Bullets):
                text()
                for item in block.items:
                    pdf.set_x(pdf.l_margin + 2)
                    pdf.cell(5, line, "•")
                    pdf.multi_cell(pdf.epw - 7, line, draw(item), align="L", new_x="LMARGIN",
                                   new_y="NEXT")
                pdf.ln(1.5)
            elif isinstance(block, Table):
                table(block)
            elif isinstance(block, Image):
                height = pdf.epw * block.height / block.width
                if pdf.will_page_break(height):
                    pdf.add_page()
                pdf.image(io.BytesIO(block.png), w=pdf.epw, h=height)
                pdf.ln(2)

    blocks(doc.intro)
    for section in doc.sections:
        pdf.ln(2)
        if pdf.will_page_break(22):  # keep a section title with its first lines
            pdf.add_page()
        text(14, "B", 20)
        pdf.multi_cell(0, 8, draw(section.title, "B"), align="L", new_x="LMARGIN",
                       new_y="NEXT")
        pdf.set_draw_color(180)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(2)
        blocks(section.blocks)
    return bytes(pdf.output())


WRITERS: dict[str, Callable[[Document], bytes]] = {
    "docx": to_docx, "pdf": to_pdf, "md": to_markdown}


def notice(fmt: str, title: str, message: str) -> bytes:
    """A small file in `fmt` (pdf, docx, md) that says in words why the file asked for could
    not be made: what a download button gives instead of nothing. Without the PDF font, a PDF
    in the built-in Helvetica (Latin-1 only)."""
    doc = Document(title=title, subtitle="", intro=(Paragraph(message),), sections=(),
                   footer="HGS", lang=language())
    try:
        return write(doc, fmt)
    except HGSError:
        if fmt != "pdf":
            raise
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    for size, value in ((16, title), (11, message)):
        pdf.set_font("Helvetica", size=size)
        pdf.multi_cell(0, size * 0.5, value.encode("latin-1", "replace").decode("latin-1"),
                       new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write(doc: Document, fmt: str) -> bytes:
    if fmt not in WRITERS:
        raise InvalidInput(t("verslag.onbekend_formaat", fmt=fmt))
    with using(doc.lang):  # the PDF's page footer
        return WRITERS[fmt](doc)


def render(store: Store, case_id: str, meeting_id: str, fmt: str,
           audience: str = "team", lang: str | None = None) -> bytes:
    """The verslag of one meeting as a DOCX, PDF or Markdown file (bytes), in `lang` (by
    default the session's language)."""
    if fmt not in WRITERS:
        raise InvalidInput(t("verslag.onbekend_formaat", fmt=fmt))
    return write(build(store, case_id, meeting_id, audience, charts=fmt != "md", lang=lang),
                 fmt)


def filename(case: Case, meeting: Meeting, ext: str, audience: str = "team") -> str:
    """`MDO-<code>-<date>.<ext>`; the parents' version ends in `-ouders`."""
    suffix = "-ouders" if audience == "ouders" else ""
    return f"MDO-{case.code}-{meeting.date.isoformat()}{suffix}.{ext.lstrip('.')}"
