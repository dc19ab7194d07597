"""De flap (hgs.exports.flap_pdf): one A3 landscape page read back with pypdf, every item's
text on it, the parents' version without what it leaves out, a long meeting continued on a
next page instead of cut, and page 1 rendered to an image."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from hgs.exports import flap, flap_pdf
from hgs.store import open_store
from tests.report_data import AGREEMENTS, CHILD_WORDS, INTERNAL, dutch_case, flat, pdf_text

MM = 72 / 25.4


@pytest.fixture
def sheet_data(tmp_path):
    store = open_store(tmp_path)
    case, meeting = dutch_case(store)
    return store, case, meeting


def made(store, case, meeting, audience="team") -> bytes:
    return flap_pdf.to_pdf(flap.format_sheet(store, case.id, meeting.id, audience))


def items(sheet: flap.Sheet) -> list[str]:
    boxes = [*sheet.boxes, *([sheet.child] if sheet.child else [])]
    return [item for box in boxes for part in box.parts for item in part.items]


def test_one_a3_landscape_page_with_every_item(sheet_data):
    store, case, meeting = sheet_data
    reader = PdfReader(io.BytesIO(made(store, case, meeting)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (420, 297)
    text = pdf_text(made(store, case, meeting))
    sheet = flap.format_sheet(store, case.id, meeting.id)
    assert all(flat(item) in text for item in items(sheet))
    assert all(f"{b.number}. {b.title}" in text for b in sheet.boxes)
    assert CHILD_WORDS in text and all(a in text for a in AGREEMENTS)


def test_the_parents_flap_leaves_out_the_professionals_notes(sheet_data):
    store, case, meeting = sheet_data
    team, parents = pdf_text(made(store, case, meeting)), pdf_text(made(store, case, meeting,
                                                                         "ouders"))
    assert all(line in team for line in INTERNAL[1:])
    assert not any(line in parents for line in INTERNAL)
    assert "staat alleen in de versie voor het team" in parents
    assert "Informatie over voorlezen in de eigen taal" in parents


def test_a_long_meeting_goes_on_to_a_second_a3_page_and_loses_nothing(sheet_data):
    store, case, meeting = sheet_data
    for n in range(45):
        store.add_item(case.id, meeting.id, "agreements", who="juf Anna",
                       what=f"Afspraak {n:02d}: de mentor belt de ouders over het dagschema")
        store.add_item(case.id, meeting.id, "overview", area="kind", sign="plus",
                       text=f"Sterkte {n:02d}: Noëlle helpt een klasgenoot met lezen")
    data = made(store, case, meeting)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    assert all(round(float(p.mediabox.width) / MM) == 420 for p in reader.pages)
    text = pdf_text(data)
    for n in range(45):
        assert f"Afspraak {n:02d}: de mentor belt de ouders over het dagschema" in text
        assert f"Sterkte {n:02d}: Noëlle helpt een klasgenoot met lezen" in text
    assert "verder op de volgende bladzijde" in text and "6. Afspraken (vervolg)" in text


def test_page_one_renders_to_an_image(sheet_data, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    store, case, meeting = sheet_data
    pdf = tmp_path / "flap.pdf"
    pdf.write_bytes(made(store, case, meeting))
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "flap")], check=True, timeout=60)
    png = next(tmp_path.glob("flap*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png.read_bytes()[16:20]), int.from_bytes(
        png.read_bytes()[20:24])
    assert width > height  # landscape: 420 x 297 mm at 40 dpi is about 661 x 468
