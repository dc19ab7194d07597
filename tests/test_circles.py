"""The cirkelgesprek (issue 16, part 1): the child's three circles grouped one way, counted as
the child's voice (from a record and from a stored document), entered from a participant's
device with who typed it, and in the verslag as a picture and a table in every format."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as Docx
from PIL import Image as PILImage
from pypdf import PdfReader

from hgs.access import joining as live
from hgs.errors import InvalidInput
from hgs.exports import circles as picture
from hgs.exports import contents, markdown, pdf, word
from hgs.exports.document import Image, Table
from hgs.method import checks, circles
from hgs.method.records import Case, CircleItem, Meeting, Organisation
from hgs.store import open_store

SAID = [("thuis", "plus", "Met mijn broertje spelen"),
        ("kind", "min", "Als ik boos word, weet ik niet hoe ik moet stoppen"),
        ("school", "vraag", "Mag ik een koptelefoon als het druk is?"),
        ("school", "doel", "Een vast maatje op het plein"),
        ("kind", "plus", "   ")]  # an empty one says nothing


@pytest.fixture
def folder(tmp_path):
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0777", first_name="Noor", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(
        case_id=case.id, date=dt.date(2026, 11, 2),
        circles=[CircleItem(circle=c, sign=s, text=x) for c, s, x in SAID],
        circle_essence="Ik wil dat de juf even komt als ik vastzit."))
    return store, case, meeting


def test_grouped_by_circle_and_sign_in_order_leaving_out_empty_items(folder):
    _, _, meeting = folder
    said = circles.grouped(meeting)
    assert list(said) == ["thuis", "kind", "school"]
    assert [i.text for i in said["school"]["vraag"]] == ["Mag ik een koptelefoon als het druk is?"]
    assert said["kind"]["plus"] == [] and said["thuis"]["doel"] == []


def test_only_the_circles_count_as_the_childs_voice_without_the_child_at_the_table():
    day = dt.date(2026, 11, 2)
    bare = Meeting(case_id="c", date=day)
    one = Meeting(case_id="c", date=day,
                  circles=[CircleItem(circle="school", sign="doel", text="Een maatje")])
    blank = Meeting(case_id="c", date=day,
                    circles=[CircleItem(circle="school", sign="doel", text="  ")])
    assert [checks.results(checks.meeting_facts(m))["child_voice"]
            for m in (bare, one, blank)] == [False, True, False]
    stored = one.model_dump(mode="json")
    assert checks.results(checks.document_facts(stored))["child_voice"]
    old = {**bare.model_dump(mode="json"), "child_words": "Ik wil buiten spelen"}
    assert checks.results(checks.document_facts(old))["child_voice"]  # a version-2 file


def test_a_child_with_a_trusted_adult_adds_to_a_circle_from_the_participant_link(folder):
    store, case, meeting = folder
    token = live.open_joining(store, case.id, meeting.id)
    live.add_entry(store, token, "circles", "Noor", "kind/jongere", circle="thuis",
                   sign="doel", text="Samen met mama lezen")
    added = store.get_meeting(case.id, meeting.id).circles[-1]
    assert (added.circle, added.sign, added.text, added.by) == (
        "thuis", "doel", "Samen met mama lezen", "Noor (kind/jongere)")
    with pytest.raises(InvalidInput):
        live.add_entry(store, token, "circles", "Noor", "kind/jongere", circle="thuis",
                       sign="doel", text="   ")
    with pytest.raises(InvalidInput):
        live.add_entry(store, token, "circles", "Noor", "kind/jongere", circle="zolder",
                       sign="doel", text="Ergens anders")
    assert len(store.get_meeting(case.id, meeting.id).circles) == len(SAID) + 1


def test_the_verslag_draws_the_three_circles_and_tables_every_word(folder):
    store, case, meeting = folder
    section = contents.build(store, case.id, meeting.id, charts=False).sections[3]
    assert section.title.startswith("Stap 2") or "Overzicht" in section.title
    images = [b for b in contents.build(store, case.id, meeting.id).sections[3].blocks
              if isinstance(b, Image)]
    assert len(images) == 1
    drawn = PILImage.open(io.BytesIO(images[0].png))
    assert drawn.size == (picture.WIDTH, picture.HEIGHT)
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert table.header == ("", "Thuis", "Kind", "School")
    cells = " ".join(" ".join(row) for row in table.rows)
    for _, _, text in SAID[:4]:
        assert text in cells
    doc = contents.build(store, case.id, meeting.id)
    text = markdown.to_markdown(doc).decode()
    assert "Wat zegt Noor zelf? (cirkelgesprek)" in text and "vastzit" in text
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.to_pdf(doc))).pages)
    assert "koptelefoon" in pdf_text and "Een vast maatje" in " ".join(pdf_text.split())
    docx = Docx(io.BytesIO(word.to_docx(doc)))
    assert docx.inline_shapes, "the circles are a picture in the Word file"
    words = " ".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert "Met mijn broertje spelen" in words


def test_what_does_not_fit_in_a_circle_is_counted_not_cut(folder):
    _, _, meeting = folder
    many = meeting.model_copy(update={"circles": [
        CircleItem(circle="kind", sign="plus", text=f"Ding nummer {n} dat ik goed kan doen")
        for n in range(30)]})
    lines = picture.item_lines(many)["kind"]
    assert len(lines) <= picture.MAX_LINES
    assert lines[-1].startswith("…") and lines[-1].split()[2].isdigit()
    shown = sum(1 for line in lines if line.startswith("+"))
    assert int(lines[-1].split()[2]) == 30 - shown


def test_presentatie_leaves_the_circles_to_its_drawing(folder):
    store, case, meeting = folder
    drawn = contents.step_section(store, case.id, meeting.id, 2, circles_drawn=True)
    told = contents.step_section(store, case.id, meeting.id, 2)
    assert not any(isinstance(b, Table) for b in drawn.blocks)
    assert any(isinstance(b, Table) for b in told.blocks)
