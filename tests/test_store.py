"""Tests for hgs.store: every test on each backend (TinyDB files in a temporary folder, a real
PostgreSQL), several threads and processes; the tests about TinyDB's files on TinyDB only."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from pathlib import Path

import pytest

from hgs.errors import InvalidInput, NotFound, StorageError
from hgs.method.records import SCHEMA_VERSION, Case, Consent, Goal, Meeting, Organisation, Question
from hgs.store import Store, TinyDBStore, atomic_write, open_store
from hgs.store.tinydb import AtomicJSONStorage
from tests.conftest import store_target
from tests.processes import killed_once_ready, run_python, run_together

DAY = dt.date(2026, 3, 2)
BAD_IDS = ["../x", "../../etc/passwd", "a/b", "", ".", "x.json", "a" * 65, "x y"]


def path_of(store: Store, case_id: str) -> Path:
    return store.case_path(case_id)


def stored(store: Store, case_id: str) -> object:
    """Everything stored of a case, as stored: to show that a refused write wrote nothing (on
    PostgreSQL the case's version moves with every write)."""
    if isinstance(store, TinyDBStore):
        return path_of(store, case_id).read_bytes()
    with store.pool.connection() as conn:
        return conn.execute(
            "SELECT c.version, c.doc::text, array(SELECT m.doc::text FROM meetings m "
            "WHERE m.case_id = c.id ORDER BY m.id) FROM cases c WHERE c.id = %s",
            (case_id,)).fetchall()


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def all_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_open_store_makes_the_data_folder(tmp_path):
    store = open_store(tmp_path / "nieuw")
    assert isinstance(store, TinyDBStore)
    assert (tmp_path / "nieuw" / "cases").is_dir()


def test_open_store_reads_hgs_data_dir_at_call_time(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path / "a"))
    first = open_store()
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path / "b"))
    second = open_store()
    assert first.data_dir == tmp_path / "a"
    assert second.data_dir == tmp_path / "b"
    assert (tmp_path / "a" / "cases").is_dir() and (tmp_path / "b" / "cases").is_dir()


def test_open_store_defaults_to_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("HGS_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert open_store().data_dir == tmp_path / "data"  # hgs.config: absolute, read now
    assert (tmp_path / "data" / "cases").is_dir()


def test_open_store_on_a_file_raises_storage_error(tmp_path):
    (tmp_path / "bestand").write_text("geen map")
    with pytest.raises(StorageError, match="gegevensmap"):
        open_store(tmp_path / "bestand")


# -- organisations and settings -----------------------------------------------------------------

def test_no_organisations_in_a_new_store(store):
    assert store.organisations() == []


def test_organisations_roundtrip(store, new_organisation):
    school = new_organisation()
    care = new_organisation(name="Jeugdhulp Almere", sector="jeugdhulp/ketenpartner")
    assert store.organisations() == [school, care]
    assert store.organisation(care.id) == care


def test_save_organisation_updates_by_id(store, new_organisation):
    school = new_organisation()
    store.save_organisation(school.model_copy(update={"name": "De Regenboog (Almere)"}))
    assert [o.name for o in store.organisations()] == ["De Regenboog (Almere)"]


def test_save_organisation_validates(store):
    with pytest.raises(InvalidInput, match="Naam is verplicht"):
        store.save_organisation(Organisation.model_construct(id="o1", name="", sector="PO"))
    assert store.organisations() == []


def test_remove_organisation(store, new_organisation):
    school, other = new_organisation(), new_organisation(name="Het Kompas")
    store.remove_organisation(school.id)
    assert store.organisations() == [other]
    with pytest.raises(NotFound):
        store.organisation(school.id)


def test_setting_default_without_network_file(store):
    assert store.setting("netwerknaam") is None
    assert store.setting("netwerknaam", "Almere") == "Almere"


def test_settings_roundtrip(store, reopen):
    store.set_setting("netwerknaam", "Passend Onderwijs Almere")
    store.set_setting("periodes", [{"van": "2026-01-01", "tot": "2026-07-31"}])
    store.set_setting("netwerknaam", "SWV Almere")
    assert store.setting("netwerknaam") == "SWV Almere"
    assert store.setting("periodes") == [{"van": "2026-01-01", "tot": "2026-07-31"}]
    assert store.setting("onbekend", 7) == 7
    assert reopen(store).setting("netwerknaam") == "SWV Almere"


def test_settings_lists_every_setting(store, reopen):
    assert store.settings() == {}
    store.set_setting("netwerknaam", "SWV Almere")
    store.set_setting("core_max_participants", 8)
    store.set_setting("leeg", None)
    assert reopen(store).settings() == {"netwerknaam": "SWV Almere",
                                        "core_max_participants": 8, "leeg": None}


def test_network_file_stores_schema_version(tinydb_store, new_organisation):
    new_organisation()
    assert read_json(tinydb_store.network_path)["meta"] == {"1": {"schema": SCHEMA_VERSION}}


# -- cases --------------------------------------------------------------------------------------

def test_create_and_get_case(store):
    case = Case(code="L-2026-0042", first_name="Joris", organisation_id="o1", group="groep 5")
    assert store.create_case(case) == case
    assert store.get_case(case.id) == case
    assert store.case_ids() == [case.id]
    assert store.cases() == [case]


def test_case_is_one_file_named_by_its_id(tinydb_store, case):
    store = tinydb_store
    assert path_of(store, case.id) == store.data_dir / "cases" / f"{case.id}.json"
    assert read_json(path_of(store, case.id))["case"]["1"]["code"] == case.code


def test_case_file_stores_schema_version(tinydb_store, case):
    assert read_json(path_of(tinydb_store, case.id))["meta"] == {"1": {"schema": SCHEMA_VERSION}}


def test_duplicate_code_is_rejected(store, case):
    with pytest.raises(InvalidInput, match=case.code):
        store.create_case(Case(code=case.code, first_name="Joost", organisation_id="o1"))
    assert store.case_ids() == [case.id]


def test_duplicate_id_is_rejected(store, case):
    with pytest.raises(InvalidInput):
        store.create_case(case.model_copy(update={"code": "L-2026-0999"}))
    assert store.get_case(case.id) == case


def test_create_case_validates(store):
    bad = Case.model_construct(id="c1", code="2026-42", first_name="Joris", organisation_id="o")
    with pytest.raises(InvalidInput, match="L-2026-0042"):
        store.create_case(bad)
    assert store.case_ids() == []


def test_update_case(store, case):
    consent = Consent(given_by=["ouders"], date=DAY)
    updated = store.update_case(case.id, lambda c: c.consents.append(consent))
    assert updated.consents == [consent]
    assert store.get_case(case.id).consents == [consent]


def test_update_case_with_invalid_assignment_raises_invalid_input(store, case):
    before = stored(store, case.id)
    with pytest.raises(InvalidInput, match="Voornaam is verplicht"):
        store.update_case(case.id, lambda c: setattr(c, "first_name", ""))
    assert stored(store, case.id) == before


def test_update_case_with_invalid_content_raises_invalid_input(store, case):
    before = stored(store, case.id)
    consent = Consent.model_construct(id="k1", given_by=[], date=DAY, scope=[], withdrawn=None)
    with pytest.raises(InvalidInput):
        store.update_case(case.id, lambda c: c.consents.append(consent))
    assert stored(store, case.id) == before


def test_update_case_rejects_a_code_already_in_use(store, new_case):
    case, other = new_case(), new_case()
    with pytest.raises(InvalidInput, match=other.code):
        store.update_case(case.id, lambda c: setattr(c, "code", other.code))
    assert store.get_case(case.id).code == case.code


def _unsafe_calls(store: Store, bad_id: str) -> list:
    return [lambda: store.get_case(bad_id), lambda: store.meetings(bad_id),
            lambda: store.erase_case(bad_id),
            lambda: store.update_case(bad_id, lambda c: None),
            lambda: store.set_field(bad_id, "m1", "chair", "Anna"),
            lambda: store.add_item(bad_id, "m1", "questions", text="?")]


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_unsafe_case_ids_are_not_found(store, bad_id):
    for call in _unsafe_calls(store, bad_id):
        with pytest.raises(NotFound):
            call()
    assert store.case_ids() == []


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_unsafe_case_ids_never_reach_a_file(tinydb_store, tmp_path, bad_id):
    outside = tmp_path / "x.json"
    outside.write_text('{"case": {"1": {}}}')
    for call in _unsafe_calls(tinydb_store, bad_id):
        with pytest.raises(NotFound):
            call()
    assert outside.read_text() == '{"case": {"1": {}}}'
    assert all_files(tinydb_store.data_dir / "cases") == []


def test_unknown_case_is_not_found(store):
    for call in (lambda: store.get_case("onbekend"), lambda: store.meetings("onbekend"),
                 lambda: store.update_case("onbekend", lambda c: None),
                 lambda: store.get_meeting("onbekend", "m1"),
                 lambda: store.set_field("onbekend", "m1", "chair", "Anna"),
                 lambda: store.create_meeting(Meeting(case_id="onbekend", date=DAY))):
        with pytest.raises(NotFound):
            call()
    assert store.case_ids() == []


def test_not_found_message_is_dutch(store):
    with pytest.raises(NotFound) as info:
        store.get_case("onbekend")
    assert str(info.value) == "Deze casus bestaat niet (meer)."


def test_erase_case_removes_the_case_and_its_meetings(store, new_case, new_meeting):
    case, other = new_case(), new_case()
    new_meeting(case)
    kept = new_meeting(other)
    store.erase_case(case.id)
    assert store.case_ids() == [other.id]
    assert store.cases() == [other]
    assert store.meetings(other.id) == [kept]
    for call in (lambda: store.get_case(case.id), lambda: store.meetings(case.id)):
        with pytest.raises(NotFound):
            call()


def test_erase_case_removes_its_file_and_lock(tinydb_store, new_case, new_meeting):
    store = tinydb_store
    case, other = new_case(), new_case()
    new_meeting(case)
    path = path_of(store, case.id)
    assert path.exists() and Path(f"{path}.lock").exists()
    store.erase_case(case.id)
    assert not path.exists()
    assert not Path(f"{path}.lock").exists()
    assert store.case_ids() == [other.id]
    assert not any(case.id in name for name in all_files(store.data_dir))
    with pytest.raises(NotFound):
        store.get_case(case.id)


def test_erase_unknown_case_is_harmless(store, case):
    store.erase_case("onbekend")
    assert store.case_ids() == [case.id]


def test_erased_case_code_can_be_reused(store, case):
    store.erase_case(case.id)
    again = store.create_case(Case(code=case.code, first_name="Joris", organisation_id="o1"))
    assert store.case_ids() == [again.id]


def test_corrupt_case_file_raises_storage_error(tinydb_store, case):
    store = tinydb_store
    path_of(store, case.id).write_text('{"case": {"1": ', encoding="utf-8")
    with pytest.raises(StorageError, match="beschadigd"):
        store.get_case(case.id)


# -- schema version -----------------------------------------------------------------------------

def _make_newer(path: Path) -> bytes:
    data = read_json(path)
    data["meta"] = {"1": {"schema": SCHEMA_VERSION + 1}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path.read_bytes()


def test_case_file_from_newer_version_is_refused(tinydb_store, meeting):
    store = tinydb_store
    path = path_of(store, meeting.case_id)
    before = _make_newer(path)
    with pytest.raises(StorageError, match="nieuwere versie"):
        store.get_case(meeting.case_id)
    with pytest.raises(StorageError):
        store.update_case(meeting.case_id, lambda c: setattr(c, "group", "groep 6"))
    with pytest.raises(StorageError):
        store.create_meeting(Meeting(case_id=meeting.case_id, date=DAY))
    assert stored(store, meeting.case_id) == before




@pytest.mark.parametrize("operation", [
    pytest.param(lambda s, m: s.meetings(m.case_id), id="meetings"),
    pytest.param(lambda s, m: s.get_meeting(m.case_id, m.id), id="get_meeting"),
    pytest.param(lambda s, m: s.set_field(m.case_id, m.id, "chair", "Anna"), id="set_field"),
    pytest.param(lambda s, m: s.add_item(m.case_id, m.id, "questions", text="?"),
                 id="add_item"),
])
def test_meetings_in_file_from_newer_version_are_refused(tinydb_store, meeting, operation):
    store = tinydb_store
    path = path_of(store, meeting.case_id)
    before = _make_newer(path)
    with pytest.raises(StorageError, match="nieuwere versie"):
        operation(store, meeting)
    assert stored(store, meeting.case_id) == before


# -- meetings -----------------------------------------------------------------------------------

def test_create_and_get_meeting(store, case):
    meeting = Meeting(case_id=case.id, date=DAY, chair="Anna")
    assert store.create_meeting(meeting) == meeting
    assert store.get_meeting(case.id, meeting.id) == meeting
    assert store.meetings(case.id) == [meeting]


def test_meetings_sorted_by_date(store, case, new_meeting):
    dates = [dt.date(2026, 5, 1), dt.date(2026, 1, 15), dt.date(2026, 3, 2), dt.date(2025, 11, 3)]
    for date in dates:
        new_meeting(case, date=date)
    assert [m.date for m in store.meetings(case.id)] == sorted(dates)


def test_meetings_of_a_new_case_are_empty(store, case):
    assert store.meetings(case.id) == []


def test_unknown_meeting_is_not_found(store, meeting):
    for call in (lambda: store.get_meeting(meeting.case_id, "onbekend"),
                 lambda: store.set_field(meeting.case_id, "onbekend", "chair", "Anna"),
                 lambda: store.add_item(meeting.case_id, "onbekend", "questions", text="?"),
                 lambda: store.remove_item(meeting.case_id, "onbekend", "questions", "q1")):
        with pytest.raises(NotFound):
            call()


def test_meeting_of_another_case_is_not_found(store, new_meeting):
    meeting, other = new_meeting(), new_meeting()
    with pytest.raises(NotFound):
        store.get_meeting(other.case_id, meeting.id)


def test_create_meeting_validates(store, case):
    bad = Meeting.model_construct(**{**Meeting(case_id=case.id, date=DAY).__dict__,
                                     "rating": 11})
    with pytest.raises(InvalidInput, match="Rapportcijfer"):
        store.create_meeting(bad)
    assert store.meetings(case.id) == []


@pytest.mark.parametrize("field, value, expected", [
    ("chair", "  Anna de Vries ", "Anna de Vries"),
    ("reason", "Joris komt moeilijk tot werken.", "Joris komt moeilijk tot werken."),
    ("status", "gestart", "gestart"),
    ("research_needed", False, False),
    ("evaluation_date", "2026-06-01", dt.date(2026, 6, 1)),
    ("rating", 8, 8),
    ("circle_essence", "Ik wil graag naast Sem zitten.", "Ik wil graag naast Sem zitten."),
])
def test_set_field(store, meeting, field, value, expected):
    returned = store.set_field(meeting.case_id, meeting.id, field, value)
    assert getattr(returned, field) == expected
    assert getattr(store.get_meeting(meeting.case_id, meeting.id), field) == expected


def test_set_field_sets_one_party_question(store, meeting):
    store.set_field(meeting.case_id, meeting.id, "party_questions.ouders", "Hoe helpen we thuis?")
    store.set_field(meeting.case_id, meeting.id, "party_questions.kind", "Mag ik bewegen?")
    store.set_field(meeting.case_id, meeting.id, "party_questions.ouders", "Wat kunnen wij doen?")
    stored = store.get_meeting(meeting.case_id, meeting.id)
    assert stored.party_questions == {"ouders": "Wat kunnen wij doen?", "kind": "Mag ik bewegen?"}


def test_set_field_sets_one_goal_score(store, meeting):
    first = store.add_item(meeting.case_id, meeting.id, "goals", area="kind", text="leest zelf")
    second = store.add_item(meeting.case_id, meeting.id, "goals", area="opvoeding", text="rust")
    store.set_field(meeting.case_id, meeting.id, f"scores.{first.id}", 6)
    store.set_field(meeting.case_id, meeting.id, f"scores.{second.id}", 0)
    store.set_field(meeting.case_id, meeting.id, f"scores.{first.id}", 7)
    assert store.get_meeting(meeting.case_id, meeting.id).scores == {first.id: 7, second.id: 0}


@pytest.mark.parametrize("field", ["diagnosis", "goals", "questions", "id", "case_id",
                                   "goals.0", "", "score.x"])
def test_set_field_rejects_unknown_fields(store, meeting, field):
    before = stored(store, meeting.case_id)
    with pytest.raises(InvalidInput, match="Onbekend veld"):
        store.set_field(meeting.case_id, meeting.id, field, "x")
    assert stored(store, meeting.case_id) == before


@pytest.mark.parametrize("field, value, message", [
    ("rating", 11, "Rapportcijfer mag niet hoger zijn dan 10."),
    ("evaluation_date", "2026-01-01", "De evaluatiedatum ligt vóór het MDO."),
    ("date", "1999-01-01", "Datum van het MDO ligt te ver terug."),
    ("reason", "a" * 4001, None),  # wording: see test_errors
    ("status", "klaar", "Status heeft geen toegestane waarde."),
    ("party_questions.buren", "?", None),
    ("scores.g1", 11, None),  # wording: see test_errors
])
def test_invalid_set_field_raises_and_writes_nothing(store, meeting, field, value,
                                                            message):
    before = stored(store, meeting.case_id)
    with pytest.raises(InvalidInput) as info:
        store.set_field(meeting.case_id, meeting.id, field, value)
    if message:
        assert str(info.value) == message
    assert stored(store, meeting.case_id) == before
    assert store.get_meeting(meeting.case_id, meeting.id) == meeting


def test_add_item(store, meeting):
    question = store.add_item(meeting.case_id, meeting.id, "questions",
                              text="Als we weten wat Joris helpt, dan kunnen we …",
                              asked_by="ouders")
    assert isinstance(question, Question)
    assert store.get_meeting(meeting.case_id, meeting.id).questions == [question]


def test_add_item_keeps_order(store, meeting):
    added = [store.add_item(meeting.case_id, meeting.id, "overview", area="kind", sign="plus",
                            text=f"sterk punt {i}") for i in range(5)]
    assert store.get_meeting(meeting.case_id, meeting.id).overview == added


def test_update_item(store, meeting):
    goal = store.add_item(meeting.case_id, meeting.id, "goals", area="kind", text="leest")
    other = store.add_item(meeting.case_id, meeting.id, "goals", area="onderwijs", text="rust")
    updated = store.update_item(meeting.case_id, meeting.id, "goals", goal.id,
                                text="leest zelfstandig 10 minuten", start=3, target=7)
    assert isinstance(updated, Goal)
    assert updated.id == goal.id
    assert (updated.text, updated.start, updated.target, updated.area) == (
        "leest zelfstandig 10 minuten", 3, 7, "kind")
    assert store.get_meeting(meeting.case_id, meeting.id).goals == [updated, other]


def test_remove_item(store, meeting):
    keep = store.add_item(meeting.case_id, meeting.id, "agreements", who="Anna", what="belt")
    gone = store.add_item(meeting.case_id, meeting.id, "agreements", who="Piet", what="mailt")
    store.remove_item(meeting.case_id, meeting.id, "agreements", gone.id)
    assert store.get_meeting(meeting.case_id, meeting.id).agreements == [keep]
    store.remove_item(meeting.case_id, meeting.id, "agreements", gone.id)  # already gone: fine
    assert store.get_meeting(meeting.case_id, meeting.id).agreements == [keep]


def test_unknown_list_is_rejected(store, meeting):
    for call in (lambda: store.add_item(meeting.case_id, meeting.id, "diagnoses", text="x"),
                 lambda: store.update_item(meeting.case_id, meeting.id, "scores", "g1"),
                 lambda: store.remove_item(meeting.case_id, meeting.id, "chair", "x")):
        with pytest.raises(InvalidInput, match="Onbekende lijst"):
            call()


@pytest.mark.parametrize("list_name, fields", [
    ("goals", {"area": "kind", "start": 11}),
    ("goals", {"area": "kind", "weight": 4}),
    ("goals", {"area": "gezin"}),
    ("participants", {"name": "Els", "role": "conciërge"}),
    ("participants", {"name": "", "role": "jeugdhulp"}),
    ("questions", {"text": "a" * 4001}),
    ("questions", {"text": "?", "diagnosis": "ADHD"}),
    ("agreements", {"due": "morgen"}),
])
def test_invalid_add_item_raises_and_writes_nothing(store, meeting, list_name, fields):
    before = stored(store, meeting.case_id)
    with pytest.raises(InvalidInput):
        store.add_item(meeting.case_id, meeting.id, list_name, **fields)
    assert stored(store, meeting.case_id) == before


@pytest.mark.parametrize("fields, message", [
    ({"start": 11}, "Startscore mag niet hoger zijn dan 10."),
    ({"weight": 0}, "Gewicht mag niet lager zijn dan 1."),
    ({"text": "a" * 4001}, "Tekst is te lang (hoogstens 4000 tekens)."),
    ({"area": "jeugdhulp"}, "Gebied heeft geen toegestane waarde."),
    ({"diagnosis": "ADHD"}, None),
])
def test_invalid_update_item_raises_and_writes_nothing(store, meeting, fields, message):
    goal = store.add_item(meeting.case_id, meeting.id, "goals", area="kind", text="leest", start=3)
    before = stored(store, meeting.case_id)
    with pytest.raises(InvalidInput) as info:
        store.update_item(meeting.case_id, meeting.id, "goals", goal.id, **fields)
    if message:
        assert str(info.value) == message
    assert stored(store, meeting.case_id) == before
    assert store.get_meeting(meeting.case_id, meeting.id).goals == [goal]


def test_update_of_removed_item_is_not_found(store, meeting):
    before = stored(store, meeting.case_id)
    with pytest.raises(NotFound, match="verwijderd"):
        store.update_item(meeting.case_id, meeting.id, "goals", "weg", text="x")
    assert stored(store, meeting.case_id) == before


def test_meetings_of_one_case_are_independent_of_another(store, new_meeting):
    first, second = new_meeting(), new_meeting()
    store.set_field(first.case_id, first.id, "chair", "Anna")
    assert store.get_meeting(second.case_id, second.id).chair == ""


# -- import -------------------------------------------------------------------------------------

def _case_with_meetings():
    case = Case(code="L-2025-0007", first_name="Sara", organisation_id="o1",
                consents=[Consent(given_by=["ouders"], date=dt.date(2025, 9, 1))])
    goal = Goal(area="kind", text="vraagt hulp", start=2, target=6)
    first = Meeting(case_id=case.id, date=dt.date(2025, 10, 1), goals=[goal],
                    questions=[Question(text="Wat helpt Sara?")])
    second = Meeting(case_id=case.id, date=dt.date(2026, 1, 12), kind="evaluatie",
                     previous_id=first.id, goals=[goal], scores={goal.id: 4})
    return case, [second, first]


def test_import_case(store):
    case, meetings = _case_with_meetings()
    store.import_case(case, meetings)
    assert store.get_case(case.id) == case
    assert store.meetings(case.id) == sorted(meetings, key=lambda m: m.date)


def test_imported_case_file_stores_schema_version(tinydb_store):
    case, meetings = _case_with_meetings()
    tinydb_store.import_case(case, meetings)
    assert read_json(path_of(tinydb_store, case.id))["meta"] == {"1": {"schema": SCHEMA_VERSION}}


def test_imported_case_can_be_changed_further(store):
    case, meetings = _case_with_meetings()
    store.import_case(case, meetings)
    store.add_item(case.id, meetings[0].id, "tops_tips", kind="top", text="fijn overleg")
    third = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 4, 1)))
    stored = store.meetings(case.id)
    assert [m.id for m in stored] == [meetings[1].id, meetings[0].id, third.id]
    assert stored[1].tops_tips[0].text == "fijn overleg"


def test_import_replaces_a_case_with_the_same_id(store):
    case, meetings = _case_with_meetings()
    store.import_case(case, meetings)
    renamed = case.model_copy(update={"first_name": "Sarah"})
    store.import_case(renamed, meetings[:1])
    assert store.get_case(case.id).first_name == "Sarah"
    assert store.meetings(case.id) == meetings[:1]
    assert store.case_ids() == [case.id]


def test_import_rejects_meeting_of_another_case(store):
    case, meetings = _case_with_meetings()
    stray = Meeting(case_id="anders", date=DAY)
    with pytest.raises(InvalidInput, match="andere casus"):
        store.import_case(case, [*meetings, stray])
    assert store.case_ids() == []


def test_import_validates(store):
    case, meetings = _case_with_meetings()
    bad = Case.model_construct(**{**case.__dict__, "code": "fout"})
    with pytest.raises(InvalidInput):
        store.import_case(bad, meetings)
    assert store.case_ids() == []


# -- atomic writes ------------------------------------------------------------------------------

def test_writes_replace_the_file_instead_of_rewriting_it_in_place(tinydb_store, meeting):
    store = tinydb_store
    path = path_of(store, meeting.case_id)
    inodes = [path.stat().st_ino]
    store.set_field(meeting.case_id, meeting.id, "chair", "Anna")
    inodes.append(path.stat().st_ino)
    store.add_item(meeting.case_id, meeting.id, "questions", text="?")
    inodes.append(path.stat().st_ino)
    store.update_case(meeting.case_id, lambda c: setattr(c, "group", "groep 6"))
    inodes.append(path.stat().st_ino)
    # each write makes a new file while the old one still exists (inodes may be reused later)
    assert all(before != after for before, after in zip(inodes, inodes[1:]))


def test_network_writes_replace_the_file(tinydb_store, new_organisation):
    store = tinydb_store
    new_organisation()
    before = store.network_path.stat().st_ino
    store.set_setting("netwerknaam", "Almere")
    assert store.network_path.stat().st_ino != before


def test_no_temporary_files_left_after_writes(tinydb_store, new_organisation, new_case,
                                              new_meeting):
    store = tinydb_store
    new_organisation()
    store.set_setting("netwerknaam", "Almere")
    meeting = new_meeting(new_case())
    store.set_field(meeting.case_id, meeting.id, "chair", "Anna")
    item = store.add_item(meeting.case_id, meeting.id, "questions", text="?")
    store.update_item(meeting.case_id, meeting.id, "questions", item.id, answered=True)
    with pytest.raises(InvalidInput):
        store.update_item(meeting.case_id, meeting.id, "questions", item.id, text="a" * 5000)
    store.remove_item(meeting.case_id, meeting.id, "questions", item.id)
    case, meetings = _case_with_meetings()
    store.import_case(case, meetings)
    files = all_files(store.data_dir)
    assert files == sorted(["network.json", "network.json.lock",
                            f"cases/{meeting.case_id}.json", f"cases/{meeting.case_id}.json.lock",
                            f"cases/{case.id}.json", f"cases/{case.id}.json.lock"])


def test_atomic_write_failure_keeps_old_content_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "x.json"
    atomic_write(path, '{"oud": 1}')

    def broken_replace(src, dst):
        raise OSError("schijf vol")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="schijf vol"):
        atomic_write(path, '{"nieuw": 2}')
    assert path.read_text() == '{"oud": 1}'
    assert all_files(tmp_path) == ["x.json"]


def test_atomic_storage_reads_missing_and_empty_files_as_empty(tmp_path):
    assert AtomicJSONStorage(tmp_path / "nergens.json").read() is None
    (tmp_path / "leeg.json").write_text("  \n")
    assert AtomicJSONStorage(tmp_path / "leeg.json").read() is None


CRASHING_WRITER = """
    import os, sys, time
    from pathlib import Path
    import hgs.store.files
    from hgs.store import open_store

    data_dir, case_id, meeting_id, ready, where = sys.argv[1:]

    def hang():
        Path(ready).touch()
        time.sleep(60)

    if where == "fsync":  # the temp file is written in full, not yet renamed
        def fsync(fd):
            hang()
        hgs.store.files.os.fsync = fsync
    else:  # half of the text is in the temp file
        real_fdopen = os.fdopen
        class HalfWriter:
            def __init__(self, handle):
                self.handle = handle
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return self.handle.__exit__(*exc)
            def write(self, text):
                self.handle.write(text[: len(text) // 2])
                self.handle.flush()
                hang()
            def __getattr__(self, name):
                return getattr(self.handle, name)
        hgs.store.files.os.fdopen = lambda *a, **k: HalfWriter(real_fdopen(*a, **k))

    open_store(data_dir).set_field(case_id, meeting_id, "reason", "NIEUW " * 600)
"""


@pytest.mark.parametrize("where", ["half-written", "fsync"])
def test_writer_killed_mid_write_leaves_previous_content(tinydb_store, meeting, tmp_path, where):
    store = tinydb_store
    store.set_field(meeting.case_id, meeting.id, "reason", "oud")
    path = path_of(store, meeting.case_id)
    before = path.read_bytes()
    ready = tmp_path / "ready"
    writer = run_python(CRASHING_WRITER, str(store.data_dir), meeting.case_id, meeting.id,
                        str(ready), where)
    with killed_once_ready(ready, writer):
        temp_files = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        assert temp_files and temp_files[0].stat().st_size > 0  # the crash is really mid-write
    assert path.read_bytes() == before
    json.loads(path.read_text(encoding="utf-8"))
    assert store.get_meeting(meeting.case_id, meeting.id).reason == "oud"
    assert store.case_ids() == [meeting.case_id]  # the left-over temp file is no case
    # the dead writer's file lock is gone: the next write goes through
    store.set_field(meeting.case_id, meeting.id, "reason", "daarna")
    assert store.get_meeting(meeting.case_id, meeting.id).reason == "daarna"


HOLDING_WRITER = """
    import sys, time
    from pathlib import Path
    from hgs.store import open_store

    target, case_id, meeting_id, ready = sys.argv[1:]

    def change(meeting):
        meeting.reason = "NIEUW"
        Path(ready).touch()
        time.sleep(60)

    open_store(target).update_meeting(case_id, meeting_id, change)
"""


def test_writer_killed_while_it_holds_the_meeting_leaves_it_whole(store, meeting, tmp_path):
    """SIGKILL in the middle of update_meeting: TinyDB's file lock dies with the process,
    PostgreSQL rolls the transaction back and frees the row; the next write goes through."""
    store.set_field(meeting.case_id, meeting.id, "reason", "oud")
    ready = tmp_path / "ready"
    writer = run_python(HOLDING_WRITER, store_target(store), meeting.case_id, meeting.id,
                        str(ready))
    with killed_once_ready(ready, writer):
        pass
    assert store.get_meeting(meeting.case_id, meeting.id).reason == "oud"
    store.set_field(meeting.case_id, meeting.id, "reason", "daarna")
    assert store.get_meeting(meeting.case_id, meeting.id).reason == "daarna"


# -- concurrency --------------------------------------------------------------------------------

def _add_from_threads(stores: list[Store], meeting: Meeting, threads: int = 16,
                      per_thread: int = 25) -> list[BaseException]:
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            store = stores[n % len(stores)]
            barrier.wait()
            for i in range(per_thread):
                store.add_item(meeting.case_id, meeting.id, "questions", text=f"{n}-{i}")
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not any(worker.is_alive() for worker in workers)
    return errors


def _expected_texts(threads: int, per_thread: int) -> set[str]:
    return {f"{n}-{i}" for n in range(threads) for i in range(per_thread)}


def test_threads_through_one_store_lose_no_update(store, meeting):
    stop = threading.Event()
    read_errors: list[BaseException] = []
    counts: list[int] = []

    def read() -> None:  # readers never see a half-written file
        while not stop.is_set():
            try:
                counts.append(len(store.get_meeting(meeting.case_id, meeting.id).questions))
            except BaseException as error:  # noqa: BLE001
                read_errors.append(error)
            time.sleep(0.01)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        errors = _add_from_threads([store], meeting)
    finally:
        stop.set()
        reader.join()
    assert errors == []
    assert read_errors == []
    assert counts == sorted(counts)
    texts = [q.text for q in store.get_meeting(meeting.case_id, meeting.id).questions]
    assert len(texts) == 400
    assert set(texts) == _expected_texts(16, 25)


def test_threads_through_separate_stores_lose_no_update(store, meeting, reopen):
    stores = [reopen(store) for _ in range(4)]
    errors = _add_from_threads(stores, meeting)
    assert errors == []
    texts = [q.text for q in store.get_meeting(meeting.case_id, meeting.id).questions]
    assert len(texts) == 400
    assert set(texts) == _expected_texts(16, 25)


def test_threads_setting_fields_and_adding_items_together(store, meeting):
    goals = [store.add_item(meeting.case_id, meeting.id, "goals", area="kind", text=f"doel {i}")
             for i in range(8)]
    errors: list[BaseException] = []

    def score(goal) -> None:
        try:
            for value in range(11):
                store.set_field(meeting.case_id, meeting.id, f"scores.{goal.id}", value)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    workers = [threading.Thread(target=score, args=(goal,)) for goal in goals]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    assert store.get_meeting(meeting.case_id, meeting.id).scores == {g.id: 10 for g in goals}


ADDING_WRITER = """
    import sys, time
    from pathlib import Path
    from hgs.store import open_store

    data_dir, case_id, meeting_id, n, go = sys.argv[1:]
    store = open_store(data_dir)
    Path(f"{go}.{n}").touch()
    while not Path(go).exists():
        time.sleep(0.005)
    for i in range(25):
        store.add_item(case_id, meeting_id, "questions", text=f"{n}-{i}")
"""


def test_processes_lose_no_update(store, meeting, tmp_path):
    run_together(ADDING_WRITER, [(store_target(store), meeting.case_id, meeting.id, str(n))
                                 for n in range(4)], tmp_path / "go")
    assert [m.id for m in store.meetings(meeting.case_id)] == [meeting.id]
    texts = [q.text for q in store.get_meeting(meeting.case_id, meeting.id).questions]
    assert len(texts) == 100
    assert set(texts) == _expected_texts(4, 25)


def test_the_interface_is_its_primitives_and_quarantine_is_tinydb_only():
    assert Store.__abstractmethods__ == {
        "organisations", "save_organisation", "remove_organisation", "settings", "set_setting",
        "case_ids", "get_case", "create_case", "update_case", "erase_case", "import_case",
        "meetings", "create_meeting", "update_meeting", "remove_meeting", "case_index",
        "documents", "case_facts", "close"}
    assert not hasattr(Store, "quarantined") and hasattr(TinyDBStore, "quarantined")


def test_a_setting_is_read_from_the_settings(store):
    assert store.setting("nergens", "standaard") == "standaard"
    store.set_setting("drempel", 5)
    assert store.setting("drempel") == 5 == store.settings()["drempel"]


# -- the Netwerk source: raw documents with a stamp ------------------------------------------------

def test_documents_are_the_raw_cases_and_meetings_with_their_stamps(store, new_case, new_meeting):
    first, second = new_case(), new_case()
    meetings = [new_meeting(first), new_meeting(first, date=dt.date(2026, 6, 1))]
    source = store.documents()
    stamps = source.stamps()
    assert set(stamps) == {first.id, second.id}
    read = {case_id: (stamp, doc) for case_id, stamp, doc in source.read(list(stamps))}
    assert {case_id: stamp for case_id, (stamp, _) in read.items()} == stamps
    assert read[first.id][1]["case"] == first.model_dump(mode="json")
    assert sorted(m["id"] for m in read[first.id][1]["meetings"]) == sorted(m.id for m in meetings)
    assert read[first.id][1]["meetings"][0] == store.meetings(first.id)[0].model_dump(mode="json")
    assert read[second.id][1] == {"case": second.model_dump(mode="json"), "meetings": []}
    assert list(source.read([])) == []


def test_a_write_moves_the_stamp_of_that_case_only(store, new_case, meeting):
    other = new_case()
    source = store.documents()
    before = source.stamps()
    time.sleep(0.01)  # a file's stamp holds its modification time
    store.set_field(meeting.case_id, meeting.id, "reason", "Rekenen")
    after = source.stamps()
    assert after[meeting.case_id] != before[meeting.case_id]
    assert after[other.id] == before[other.id]
    [(_, _, doc)] = source.read([meeting.case_id])
    assert doc["meetings"][0]["reason"] == "Rekenen"
    store.erase_case(other.id)
    assert set(source.stamps()) == {meeting.case_id}


def test_a_damaged_newer_or_odd_case_file_reads_as_none_and_the_others_still_read(
        tinydb_store, new_case, meeting):
    store = tinydb_store
    damaged, newer, odd = new_case(), new_case(), new_case()
    path_of(store, damaged.id).write_bytes(b'{"case": {"1": {"id": ')
    _make_newer(path_of(store, newer.id))
    path_of(store, odd.id).write_text('["geen", "tabellen"]', encoding="utf-8")
    os.mkfifo(path_of(store, "pijp"))  # read as it is, a named pipe would wait forever
    source = store.documents()
    read = {case_id: doc for case_id, _, doc in source.read(source.stamps())}
    assert read[damaged.id] is None and read[newer.id] is None and read[odd.id] is None
    assert read["pijp"] is None
    assert read[meeting.case_id]["meetings"][0]["id"] == meeting.id


def test_an_old_case_file_is_read_at_the_current_schema(tinydb_store, meeting):
    path = path_of(tinydb_store, meeting.case_id)
    data = read_json(path)
    del data["meta"]  # version 0: no schema mark, the chair under its Dutch name
    data["meetings"]["1"]["voorzitter"] = data["meetings"]["1"].pop("chair") or "Anna"
    path.write_text(json.dumps(data), encoding="utf-8")
    [(_, _, doc)] = tinydb_store.documents().read([meeting.case_id])
    assert doc["meetings"][0]["chair"] == "Anna" and "voorzitter" not in doc["meetings"][0]
