"""Tests for the schema migrations in hgs.store: the stored sample folder of every schema version
opens with the current HGS, reads the same records, and is upgraded on the next write."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from hgs.errors import StorageError
from hgs.method.records import SCHEMA_VERSION, Case, Meeting
from hgs.store import TinyDBStore
from hgs.store.document import MIGRATIONS, migrate, parse_document

SAMPLES = Path(__file__).parent / "data"
VERSIONS = sorted(int(re.fullmatch(r"schema_v(\d+)", p.name).group(1))
                  for p in SAMPLES.glob("schema_v*"))


def sample(version: int, tmp_path: Path, name: str = "data") -> Path:
    folder = tmp_path / f"{name}-v{version}"
    shutil.copytree(SAMPLES / f"schema_v{version}", folder)
    return folder


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_version_up_to_the_current_one_has_a_sample_folder():
    assert VERSIONS == list(range(SCHEMA_VERSION + 1))


def test_every_older_version_has_a_migration_to_the_next():
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


@pytest.mark.parametrize("version", VERSIONS)
def test_sample_folder_opens_with_every_record(version, tmp_path):
    store = TinyDBStore(sample(version, tmp_path))
    current = TinyDBStore(sample(SCHEMA_VERSION, tmp_path, "current"))
    assert store.cases() == current.cases()
    assert len(store.cases()) == 2
    for case in store.cases():
        assert store.get_case(case.id) == case
        assert store.meetings(case.id) == current.meetings(case.id)
        assert all(m.chair for m in store.meetings(case.id))
    assert store.organisations() == current.organisations()
    assert store.settings() == current.settings()
    assert store.quarantined() == []


@pytest.mark.parametrize("version", VERSIONS)
def test_reading_changes_no_file(version, tmp_path):
    folder = sample(version, tmp_path)
    before = {p: p.read_bytes() for p in folder.rglob("*.json")}
    store = TinyDBStore(folder)
    for case in store.cases():
        store.meetings(case.id)
    store.organisations()
    assert {p: p.read_bytes() for p in folder.rglob("*.json")} == before


@pytest.mark.parametrize("version", VERSIONS)
def test_the_next_write_stores_the_upgraded_file(version, tmp_path):
    store = TinyDBStore(sample(version, tmp_path))
    case = store.cases()[0]
    meeting = store.meetings(case.id)[0]
    store.set_field(case.id, meeting.id, "reason", "bijgewerkt")
    data = read_json(store.case_path(case.id))
    assert data["meta"] == {"1": {"schema": SCHEMA_VERSION}}
    doc = next(d for d in data["meetings"].values() if d["id"] == meeting.id)
    assert "voorzitter" not in doc and doc["chair"] == meeting.chair
    assert all(Meeting.model_validate(d) for d in data["meetings"].values())
    store.update_case(case.id, lambda c: setattr(c, "group", "groep 8"))
    assert Case.model_validate(read_json(store.case_path(case.id))["case"]["1"]).group == "groep 8"
    store.set_setting("netwerknaam", "SWV")
    assert read_json(store.network_path)["meta"] == {"1": {"schema": SCHEMA_VERSION}}
    again = TinyDBStore(store.data_dir)
    assert again.get_meeting(case.id, meeting.id).reason == "bijgewerkt"
    assert again.get_meeting(case.id, meeting.id).chair == meeting.chair


def test_v0_chair_is_renamed():
    data = {"meetings": {"1": {"id": "m1", "voorzitter": "Anna"}}}
    assert migrate(data) == {"meetings": {"1": {"id": "m1", "chair": "Anna"}},
                             "meta": {"1": {"schema": SCHEMA_VERSION}}}


def test_an_empty_document_needs_no_upgrade():
    assert migrate({}) == {}
    assert migrate({"meta": {}}) == {"meta": {}}


def test_a_newer_file_is_left_as_it_is():
    data = {"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "case": {"1": {"x": 1}}}
    assert migrate(json.loads(json.dumps(data))) == data


def test_a_version_without_migration_is_refused(monkeypatch):
    monkeypatch.delitem(MIGRATIONS, 0)
    with pytest.raises(StorageError, match="schemaversie 0"):
        parse_document("x.json", '{"case": {"1": {"id": "x"}}}')


@pytest.mark.parametrize("schema", ['"1"', "-1", "1.5", "true", "null"])
def test_an_odd_schema_version_is_refused(schema):
    with pytest.raises(StorageError, match="onbekende schemaversie"):
        parse_document("x.json", f'{{"meta": {{"1": {{"schema": {schema}}}}}, "case": {{"1": {{}}}}}}')


def test_the_childs_words_of_version_2_become_the_essence_of_the_cirkelgesprek():
    meeting = {"id": "m1", "case_id": "c1", "date": "2026-03-02",
               "child_words": "Ik wil naast Sem zitten.", "overview": []}
    empty = {**meeting, "id": "m2", "child_words": "  "}
    data = migrate({"meta": {"1": {"schema": 2}}, "meetings": {"1": meeting, "2": empty}})
    upgraded, blank = (Meeting.model_validate(data["meetings"][k]) for k in ("1", "2"))
    assert upgraded.circle_essence == "Ik wil naast Sem zitten." and upgraded.circles == []
    assert blank.circle_essence == "" and "child_words" not in data["meetings"]["2"]
