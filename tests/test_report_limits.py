"""The documents never fail on valid input: every text at its field's limit at once (Text 4,000,
Short 200, Name 120 characters), in many lines, as one long word or link, as emoji, right-to-left
script or typed markup, written as PDF, Word, Markdown and the case ZIP, and read back with pypdf,
python-docx and zipfile. When a document still cannot be made, the person gets a Dutch message."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile

import docx
import pytest
from pypdf import PdfReader

from hgs.exports import archive as export
from hgs.exports import pdf
from hgs.exports import verslag as report
from hgs.method.records import (
    Agreement,
    Case,
    Decision,
    Explanation,
    Goal,
    Meeting,
    Need,
    Organisation,
    OverviewItem,
    Participant,
    Question,
    SupportNeed,
    TopTip,
)
from hgs.store import open_store
from tests.report_data import docx_text, flat, pdf_text

TEXT, SHORT, NAME = 4000, 200, 120  # the model's limits (hgs.model Text, Short, Name)
PATTERNS = {  # hostile but valid: what people paste
    "woorden": "woord ",
    "regels": "regel\n",  # 4,000 characters: 666 lines
    "een_woord": "a",
    "link": "https://example.org/pad/",
    "emoji": "😀👍🏽🇳🇱 ",
    "rtl": "مرحبا بالعالم שלום עולם ",
    "opmaak": "## Afspraken\n| a | b |\n|---|---|\n<b>vet</b> **x** [k](javascript:x) ",
    "tekens": "e\u0301\u0308\u200b\u202e\ufeff\t€–“”ĳ ",
}
ITEMS = 2  # entries per list, each at the limit


def filled(pattern: str, limit: int, marker: str) -> str:
    """`marker`, then `pattern` repeated up to exactly `limit` characters (no trailing space)."""
    text = marker + " " + pattern * (limit // len(pattern) + 1)
    return text[:limit].rstrip() + "z" * (limit - len(text[:limit].rstrip()))


def full_meeting(case_id: str, pattern: str, day: dt.date, kind: str = "eerste",
                 previous: Meeting | None = None) -> Meeting:
    """Every text field of every step at its limit, ITEMS entries in every list."""
    n = iter(range(1, 10_000))

    def text(limit: int = TEXT) -> str:
        return filled(pattern, limit, f"V{next(n):03d}")

    goals = [Goal(id=f"goal{i}", area="kind", text=text(), observable=text(), start=2,
                  target=8, weight=3) for i in range(ITEMS)]
    return Meeting(
        case_id=case_id, date=day, kind=kind, previous_id=previous.id if previous else None,
        chair=text(SHORT), place=text(SHORT),
        online_link=("https://example.org/" + "x" * SHORT)[:SHORT], reason=text(),
        party_questions={p: text() for p in ("ouders", "kind", "school", "professionals")},
        participants=[Participant(name=text(NAME), role=role, organisation=text(SHORT),
                                  email=f"p{i}@example.org")
                      for i, role in enumerate(("ouder/verzorger", "jeugdhulp"))],
        questions=[Question(text=text(), asked_by=text(SHORT), answer=text(), answered=True)
                   for _ in range(ITEMS)],
        overview=[OverviewItem(area=area, sign=sign, text=text(), by=text(SHORT))
                  for area in ("kind", "onderwijs") for sign in ("plus", "vraag")],
        circle_essence=text(),
        explanations=[Explanation(area="kind", text=text()) for _ in range(ITEMS)],
        research_needed=True, research_reason=text(),
        goals=goals, scores={g.id: 6 for g in goals} if kind == "evaluatie" else {},
        needs=[Need(category="een leraar die", text=text(), more_pupils=True)
               for _ in range(ITEMS)],
        support_needs=[SupportNeed(for_whom=who, kind="kennis", text=text(),
                                   from_whom=text(SHORT)) for who in ("school", "ouders")],
        decisions=[Decision(text=text(), decided_by=text(SHORT)) for _ in range(ITEMS)],
        agreements=[Agreement(what=text(), who=text(SHORT), due=day) for _ in range(ITEMS)],
        evaluation_date=day + dt.timedelta(days=60),
        tops_tips=[TopTip(kind=k, text=text(), by=text(SHORT), group="ouders")
                   for k in ("top", "tip")],
        rating=7)


NOT_IN_THE_VERSLAG = {"place", "drafts"}  # planning and unsaved input: the invitation's, not its


def texts_of(meeting: Meeting) -> list[str]:
    """Every text recorded in the meeting that the verslag carries (the markers tell them
    apart)."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str) and value[:1] == "V" and value[1:4].isdigit():
            found.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in NOT_IN_THE_VERSLAG:
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(meeting.model_dump())
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A case per pattern, with one MDO whose every field is at its limit."""
    store = open_store(tmp_path_factory.mktemp("limits"))
    org = store.save_organisation(Organisation(name=filled("organisatie ", NAME, "O"),
                                               sector="PO"))
    made = {}
    for number, (name, pattern) in enumerate(PATTERNS.items(), 1):
        case = store.create_case(Case(code=f"L-2026-{number:04d}",
                                      first_name=filled(pattern, NAME, "Kind"),
                                      group=filled(pattern, SHORT, "Groep"),
                                      organisation_id=org.id))
        made[name] = case, store.create_meeting(full_meeting(case.id, pattern,
                                                             dt.date(2026, 3, 3)))
    return store, made


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_field_at_its_limit_gives_a_readable_pdf_with_every_text(folder, pattern):
    store, made = folder
    case, meeting = made[pattern]
    started = time.perf_counter()
    pdf = report.render(store, case.id, meeting.id, "pdf")
    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    for recorded in texts_of(meeting):
        assert recorded[:4] in text  # every entry is there, its marker first
    assert len(reader.pages) > 10
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_field_at_its_limit_comes_back_whole_in_word(folder, pattern):
    store, made = folder
    case, meeting = made[pattern]
    text = docx_text(report.render(store, case.id, meeting.id, "docx"))
    for recorded in texts_of(meeting):
        if recorded.startswith("V") and len(recorded) <= TEXT:
            assert flat(recorded) in text, recorded[:20]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_field_at_its_limit_is_in_the_markdown(folder, pattern):
    store, made = folder
    case, meeting = made[pattern]
    text = report.render(store, case.id, meeting.id, "md").decode("utf-8")
    for recorded in texts_of(meeting):
        assert recorded[:4] in text


def test_a_follow_up_at_every_limit_exports_as_a_zip_that_imports_again(store, tmp_path):
    """The AVG export of a case whose two MDOs have every field at its limit: the data and a
    PDF and Word verslag per MDO (the follow-up's charts drawn for real), on both backends."""
    org = store.save_organisation(Organisation(name=filled("school ", NAME, "O"), sector="PO"))
    case = store.create_case(Case(code="L-2026-0900", first_name=filled("Sem ", NAME, "Kind"),
                                  group=filled("groep ", SHORT, "G"), organisation_id=org.id))
    first = store.create_meeting(full_meeting(case.id, "woord ", dt.date(2026, 3, 3)))
    second = store.create_meeting(full_meeting(case.id, "regel\n", dt.date(2026, 6, 1),
                                               "evaluatie", first))
    started = time.perf_counter()
    data = export.export_case(store, case.id)
    assert time.perf_counter() - started < 40
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        for meeting in (first, second):
            stem = f"verslagen/MDO-{case.code}-{meeting.date.isoformat()}"
            text = pdf_text(zf.read(f"{stem}.pdf"))
            assert all(recorded[:4] in text for recorded in texts_of(meeting))
            assert docx.Document(io.BytesIO(zf.read(f"{stem}.docx"))).paragraphs
        pdf = PdfReader(io.BytesIO(zf.read(f"verslagen/MDO-{case.code}-2026-06-01.pdf")))
        assert sum(len(page.images) for page in pdf.pages) == 3  # T-score and both goals
        assert json.loads(zf.read("casus.json"))["case"]["first_name"] == case.first_name
    empty = open_store(tmp_path / "leeg")
    export.import_case_archive(empty, data)
    assert empty.meetings(case.id) == store.meetings(case.id)


def test_a_character_the_pdf_font_lacks_shows_as_a_box_not_as_nothing():
    cmap = {ord(c): 1 for c in "ab 😀"}
    assert pdf._drawable("a👍🏽b\tb😀", cmap) == "a□b b😀"  # the skin tone is a modifier
    assert pdf._drawable("a\u200db\n", cmap) == "ab\n"  # a joiner it lacks: left out


MARKUP = ("## Afspraken\n| a | b |\n|---|---|\n| nep | nep |\n- nep\n1. nep\n> nep\n```\ncode\n```"
          "\n    ingesprongen\n---\n===\n<script>alert(1)</script> [klik](https://evil.example) "
          "![x](https://evil.example/x.png) https://evil.example www.evil.example a@evil.example "
          "*schuin* __vet__ ~~weg~~ `code` &amp; \\ $x$")


def markdown_tokens(data: bytes):
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like").parse(data.decode("utf-8"))


def test_typed_markup_in_the_markdown_verslag_cannot_fake_a_section_a_table_or_a_link(store):
    """The Markdown file read by a GitHub-flavoured parser: with markup typed in every field it
    has the very blocks (headings, tables, lists, quotes) the same verslag has with plain
    words, and nothing typed became a link, an image, code, HTML or emphasis."""
    org = store.save_organisation(Organisation(name="<b>De</b> [Regenboog](x)", sector="PO"))

    def verslag(code: str, first_name: str, typed: str) -> list:
        case = store.create_case(Case(code=code, first_name=first_name, group=typed[:200],
                                      organisation_id=org.id))
        meeting = store.create_meeting(full_meeting(case.id, typed, dt.date(2026, 3, 3)))
        data = report.render(store, case.id, meeting.id, "md")
        assert all(recorded[:4] in data.decode() for recorded in texts_of(meeting))
        return markdown_tokens(data)

    hostile = verslag("L-2026-0901", "Joris\n## Nep", MARKUP + " ")
    words = verslag("L-2026-0902", "Joris Nep", "woord ")
    blocks = [t.type for t in hostile]
    assert blocks == [t.type for t in words]  # headings, tables, lists: the verslag's own
    assert blocks.count("table_open") == 5 and blocks.count("heading_open") > 10

    def inline(tokens) -> list[str]:
        return [c.type for t in tokens for c in (t.children or [])
                if c.type not in ("text", "softbreak", "hardbreak")
                and c.content != "<br>"]  # a line break in a table cell: the verslag's own

    assert inline(hostile) == inline(words)  # bold labels, the subtitle in italics: ours only
    assert not {"link_open", "image", "html_inline", "code_inline", "s_open"} & \
        set(inline(hostile))
