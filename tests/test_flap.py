"""The format as one sheet (hgs.exports.flap): six boxes in the seed's numbering, filled from a
hand-made meeting in a real TinyDB folder, for the team and for the parents."""

from __future__ import annotations

import pytest

from hgs.errors import InvalidInput
from hgs.exports import flap
from hgs.store import open_store
from tests.report_data import AGREEMENTS, CHILD_WORDS, INTERNAL, dutch_case


@pytest.fixture
def sheet_data(tmp_path):
    store = open_store(tmp_path)
    case, meeting = dutch_case(store)
    return store, case, meeting


def parts(sheet: flap.Sheet) -> dict[tuple[int, str], flap.Part]:
    return {(box.number, part.key): part for box in sheet.boxes for part in box.parts}


def everything(sheet: flap.Sheet) -> str:
    return " ".join(item for box in sheet.boxes for part in box.parts for item in part.items)


def test_six_boxes_in_the_seeds_numbering_with_their_parts(sheet_data):
    store, case, meeting = sheet_data
    sheet = flap.format_sheet(store, case.id, meeting.id)
    assert [(b.number, b.title) for b in sheet.boxes] == [
        (1, "Vragen ouders, kind/jongere, school en professionals onderwijs en jeugdzorg"),
        (2, "Leerling"), (3, "Onderwijs"), (4, "Opvoeding"), (5, "Jeugdhulp?"),
        (6, "Afspraken")]
    assert [p.title for p in sheet.boxes[1].parts] == \
        ["+", "−", "?", "Doelen", "Onderwijs- en opvoedbehoeften"]
    assert [p.title for p in sheet.boxes[2].parts][-1] == "Ondersteuningsbehoeften school"
    assert [p.title for p in sheet.boxes[3].parts][-1] == "Ondersteuningsbehoeften ouders"
    assert sheet.title == "Het format: Noëlle"
    assert "3 maart 2026" in sheet.subtitle and "L-2026-0042" in sheet.subtitle


def test_each_item_lands_in_its_box_and_part(sheet_data):
    store, case, meeting = sheet_data
    found = parts(flap.format_sheet(store, case.id, meeting.id))
    question, = found[1, "vragen"].items
    assert question.startswith("Als we weten wat Noëlle helpt")
    assert "(coördinator)" in question and "Korte teksten over ĳs" in question  # who, answer
    assert found[2, "plus"].items == ("Noëlle helpt anderen graag (school)",)
    assert found[2, "min"].items == ("Noëlle haakt af bij lange teksten (school)",)
    assert found[4, "vraag"].items == ("Welke taal spreken we thuis? (ouders)",)
    assert found[2, "doelen"].items[0].startswith("Noëlle leest zelfstandig een korte tekst")
    assert found[2, "behoeften_kind"].items == (
        "Instructie, uitleg en feedback: Noëlle heeft uitleg met plaatjes nodig",)
    assert found[3, "behoeften_school"].items == (
        f"Vaardigheden: {INTERNAL[2]} (onderwijsadviseur)",)
    assert found[4, "behoeften_ouders"].items == (
        "Kennis: Informatie over voorlezen in de eigen taal (JGZ)",)
    assert found[5, "betrokken"].items == ("Sanne Visser, jeugdhulp, Jeugdhulp Flevoland",)
    assert found[5, "onderzoek"].items == ("Ja, onderzoek is nodig", INTERNAL[1])
    said = " ".join(found[6, "afspraken"].items)
    assert all(agreement in said for agreement in AGREEMENTS)
    assert "coördinator, uiterlijk 20 maart 2026" in said
    assert found[6, "evaluatie"].items == ("1 juni 2026",)


def test_an_empty_part_says_so_never_blank(sheet_data):
    store, case, meeting = sheet_data
    found = parts(flap.format_sheet(store, case.id, meeting.id))
    assert found[3, "plus"].items == ("nog niets",) and found[3, "plus"].empty
    assert found[5, "plus"].empty
    assert all(part.items and all(part.items) for part in found.values())


def test_the_parents_version_leaves_out_what_the_parents_verslag_leaves_out(sheet_data):
    store, case, meeting = sheet_data
    team = flap.format_sheet(store, case.id, meeting.id, "team")
    parents = flap.format_sheet(store, case.id, meeting.id, "ouders")
    assert all(line in everything(team) for line in INTERNAL[1:])
    assert not any(line in everything(parents) for line in INTERNAL)
    left = parts(parents)[3, "behoeften_school"]
    assert left.left_out and left.items == ("staat alleen in de versie voor het team",)
    # what the table agreed on and the parents' own part stay in
    assert parts(parents)[4, "behoeften_ouders"].items == parts(team)[4, "behoeften_ouders"].items
    assert "Ja, onderzoek is nodig" in parts(parents)[5, "onderzoek"].items
    assert "versie voor ouders" in parents.subtitle and "ouders" not in team.subtitle


def test_the_childs_box_holds_the_three_circles_and_the_essence(sheet_data):
    store, case, meeting = sheet_data
    sheet = flap.format_sheet(store, case.id, meeting.id)
    assert sheet.child is not None and sheet.child.parts[-1].items == (CHILD_WORDS,)
    assert [p.key for p in sheet.child.parts] == ["essentie"]  # no circle said anything yet
    store.add_item(case.id, meeting.id, "circles", circle="school", sign="doel",
                   text="Een vast maatje op het plein")
    school = flap.format_sheet(store, case.id, meeting.id).child.parts[0]
    assert (school.key, school.items) == ("school", ("★ Een vast maatje op het plein",))
    store.set_field(case.id, meeting.id, "circle_essence", "")
    store.update_meeting(case.id, meeting.id, lambda m: setattr(m, "circles", []))
    assert flap.format_sheet(store, case.id, meeting.id).child is None


def test_english_and_an_unknown_audience(sheet_data):
    store, case, meeting = sheet_data
    sheet = flap.format_sheet(store, case.id, meeting.id, lang="en")
    assert sheet.boxes[1].title == "Pupil" and sheet.lang == "en"
    with pytest.raises(InvalidInput):
        flap.format_sheet(store, case.id, meeting.id, "buren")
