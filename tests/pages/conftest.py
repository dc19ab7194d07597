"""Shared page-test fixtures: one case in an otherwise empty folder, and the 40-case demo
network built once per session."""

import datetime as dt

import pytest

from hgs import demo
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import open_store


@pytest.fixture
def data(tmp_path, monkeypatch):
    """An empty-but-for-one-case data folder (no demo): the store, a case and its first MDO of
    2 November 2026."""
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 11, 2)))
    return store, case, meeting


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory):
    """A data folder holding the seeded demo network of 28 November 2026, and its store.
    Tests read it; a test that writes uses its own folder."""
    folder = tmp_path_factory.mktemp("demo")
    store = open_store(folder)
    demo.build_network(store, today=dt.date(2026, 11, 28))
    store.set_setting("initialised", True)
    return folder, store
