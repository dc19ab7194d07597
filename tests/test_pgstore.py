"""Tests for hgs.pgstore that are about PostgreSQL itself: choosing it, the schema and its
migration, the rows behind the documents, and the dashboard's source. (Everything a store does
is tested on both backends in tests/test_store.py.)"""

from __future__ import annotations

import datetime as dt
import socket
import threading

import pandas as pd
import psycopg
import pytest

from hgs import demo
from hgs.analytics import network
from hgs.errors import InvalidInput, StorageError
from hgs.method.records import SCHEMA_VERSION, Case, Meeting
from hgs.store import TinyDBStore, open_store
from hgs.store.pgschema import SCHEMA
from hgs.store.postgres import PostgresStore

DAY = dt.date(2026, 3, 2)
TABLES = ["case_facts", "case_index", "cases", "meetings", "organisations", "schema_version",
          "settings"]


def rows(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def opened():
    """`opened(target)`: open_store(target), closed after the test."""
    stores = []

    def make(target) -> PostgresStore:
        stores.append(open_store(target))
        return stores[-1]

    yield make
    for store in stores:
        store.close()


# -- choosing the backend -------------------------------------------------------------------------

def test_hgs_database_url_chooses_postgres_at_call_time(postgres_url, tmp_path, monkeypatch,
                                                        opened):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DATABASE_URL", postgres_url)
    store = opened(None)
    assert isinstance(store, PostgresStore) and store.url == postgres_url
    monkeypatch.delenv("HGS_DATABASE_URL")
    assert isinstance(opened(None), TinyDBStore)


def test_a_folder_named_explicitly_stays_tinydb(postgres_url, tmp_path, monkeypatch, opened):
    monkeypatch.setenv("HGS_DATABASE_URL", postgres_url)
    assert isinstance(opened(tmp_path), TinyDBStore)


def test_an_unreachable_server_is_a_dutch_storage_error_without_the_password():
    with socket.socket() as sock:  # a port on which nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StorageError, match=f"De database 127.0.0.1:{port}/hgs is niet te ") as info:
        open_store(f"postgresql://hgs:geheim@127.0.0.1:{port}/hgs")
    assert "geheim" not in str(info.value)


# -- the schema ---------------------------------------------------------------------------------

def test_the_schema_is_made_on_first_start(postgres_url, opened):
    opened(postgres_url)
    tables = rows(postgres_url, "SELECT table_name FROM information_schema.tables "
                                "WHERE table_schema = current_schema() ORDER BY table_name")
    assert [t for (t,) in tables] == TABLES
    assert rows(postgres_url, "SELECT version, documents FROM schema_version") == [
        (SCHEMA, SCHEMA_VERSION)]


def test_a_second_start_keeps_the_data_and_migrates_nothing(postgres_url, opened):
    opened(postgres_url).set_setting("netwerknaam", "SWV Almere")
    assert opened(postgres_url).setting("netwerknaam") == "SWV Almere"
    assert rows(postgres_url, "SELECT version FROM schema_version") == [(SCHEMA,)]


def test_processes_starting_at_once_migrate_once(postgres_url, opened):
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def start() -> None:
        try:
            barrier.wait()
            opened(postgres_url)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    starters = [threading.Thread(target=start) for _ in range(6)]
    for starter in starters:
        starter.start()
    for starter in starters:
        starter.join(timeout=60)
    assert errors == []
    assert rows(postgres_url, "SELECT version FROM schema_version") == [(SCHEMA,)]


def test_a_database_from_a_newer_hgs_is_refused(postgres_url, opened):
    opened(postgres_url)
    with psycopg.connect(postgres_url) as conn:
        conn.execute("UPDATE schema_version SET version = %s", (SCHEMA + 1,))
    with pytest.raises(StorageError, match="nieuwere versie van HGS"):
        open_store(postgres_url)


def test_a_connection_the_server_dropped_is_replaced_before_the_next_save(postgres_store, case):
    with postgres_store.pool.connection() as conn:
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    rows(postgres_store.url, "SELECT pg_terminate_backend(%s)", (pid,))
    postgres_store.update_case(case.id, lambda c: setattr(c, "group", "groep 7"))
    assert postgres_store.get_case(case.id).group == "groep 7"


def test_documents_from_an_older_hgs_are_upgraded_on_start(postgres_store, case, meeting):
    """A version-0 meeting (the chair under its Dutch name) in a version-0 database, as the
    stored TinyDB sample tests/data/schema_v0 has it."""
    url = postgres_store.url
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE meetings SET doc = doc - 'chair' || '{\"voorzitter\": \"Anna\"}'")
        conn.execute("UPDATE schema_version SET documents = 0")
    upgraded = open_store(url)
    try:
        assert upgraded.get_meeting(case.id, meeting.id).chair == "Anna"
    finally:
        upgraded.close()
    assert rows(url, "SELECT doc ? 'voorzitter', doc->>'chair' FROM meetings") == [(False, "Anna")]
    assert rows(url, "SELECT version, documents FROM schema_version") == [(SCHEMA, SCHEMA_VERSION)]


def test_documents_from_a_newer_hgs_are_refused(postgres_store):
    with psycopg.connect(postgres_store.url) as conn:
        conn.execute("UPDATE schema_version SET documents = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StorageError, match="nieuwere versie van HGS"):
        open_store(postgres_store.url)


# -- rows ---------------------------------------------------------------------------------------

def test_the_dashboard_columns_follow_the_documents(postgres_store, case, meeting):
    url = postgres_store.url
    assert rows(url, "SELECT code, organisation_id, doc->>'first_name' FROM cases") == [
        (case.code, case.organisation_id, "Joris")]
    postgres_store.update_case(case.id, lambda c: setattr(c, "code", "L-2026-0999"))
    postgres_store.set_field(case.id, meeting.id, "date", "2026-04-01")
    postgres_store.set_field(case.id, meeting.id, "kind", "evaluatie")
    assert rows(url, "SELECT code FROM cases") == [("L-2026-0999",)]
    assert rows(url, "SELECT case_id, id, date, kind, doc->>'date' FROM meetings") == [
        (case.id, meeting.id, dt.date(2026, 4, 1), "evaluatie", "2026-04-01")]


def test_erasing_a_case_leaves_no_row_of_it_in_any_table(postgres_store, new_case, new_meeting):
    case, other = new_case(), new_case()
    for _ in range(3):
        new_meeting(case)
    new_meeting(other)
    postgres_store.erase_case(case.id)
    url = postgres_store.url
    for table in TABLES:
        found = rows(url, f"SELECT count(*) FROM {table} t WHERE t::text LIKE %s",
                     (f"%{case.id}%",))
        assert found == [(0,)], table
    assert rows(url, "SELECT count(*) FROM meetings") == [(1,)]


def test_every_write_moves_the_case_version_and_a_refused_one_does_not(postgres_store, case):
    def version() -> int:
        return rows(postgres_store.url, "SELECT version FROM cases WHERE id = %s", (case.id,))[0][0]

    seen = [version()]
    meeting = postgres_store.create_meeting(Meeting(case_id=case.id, date=DAY))
    seen.append(version())
    postgres_store.set_field(case.id, meeting.id, "chair", "Anna")
    seen.append(version())
    postgres_store.update_case(case.id, lambda c: setattr(c, "group", "groep 6"))
    seen.append(version())
    postgres_store.import_case(postgres_store.get_case(case.id), [meeting])
    seen.append(version())
    assert seen == sorted(set(seen))  # five writes, five new versions, always higher
    with pytest.raises(InvalidInput):
        postgres_store.set_field(case.id, meeting.id, "rating", 11)
    assert version() == seen[-1]


def test_a_code_is_unique_in_the_database_also_on_import(postgres_store, case):
    other = Case(code=case.code, first_name="Sara", organisation_id="o1")
    with pytest.raises(InvalidInput, match=f"De code {case.code} is al in gebruik."):
        postgres_store.import_case(other, [])
    assert postgres_store.case_ids() == [case.id]


def test_a_meeting_id_twice_in_one_case_is_refused(postgres_store, meeting):
    with pytest.raises(InvalidInput, match="bestaat al een MDO"):
        postgres_store.create_meeting(meeting)
    assert postgres_store.meetings(meeting.case_id) == [meeting]


# -- the dashboard's source ---------------------------------------------------------------------

def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame without the anonymous case numbers (they follow reading order), in one order."""
    frame = frame.drop(columns="case")
    return frame.sort_values(list(frame.columns), ignore_index=True, key=lambda c: c.astype(str))


def test_the_dashboard_on_postgres_equals_the_dashboard_on_files(postgres_store, tmp_path):
    files = open_store(tmp_path)
    for store in (postgres_store, files):
        demo.build_network(store, cases=12, today=DAY)
    orgs = {o.id: (o.name, o.sector) for o in postgres_store.organisations()}
    from_rows = network.NetworkCache(postgres_store.documents()).frames(orgs)
    from_files = network.NetworkCache(open_store(tmp_path).documents()).frames(orgs)
    for name in ("meetings", "agreements", "goals", "texts"):
        pd.testing.assert_frame_equal(_sorted(getattr(from_rows, name)),
                                      _sorted(getattr(from_files, name)))
    assert from_rows.drop_words == from_files.drop_words


def test_the_dashboard_rereads_only_the_cases_that_changed(postgres_store):
    demo.build_network(postgres_store, cases=8, today=DAY)
    orgs = {o.id: (o.name, o.sector) for o in postgres_store.organisations()}
    cache = network.NetworkCache(postgres_store.documents())
    first = cache.frames(orgs)
    assert cache.reads == 8
    assert cache.frames(orgs) is first and cache.reads == 8  # nothing changed: nothing read
    case_id = postgres_store.case_ids()[0]
    meeting = postgres_store.meetings(case_id)[-1]
    postgres_store.set_field(case_id, meeting.id, "rating", 3)
    after = cache.frames(orgs)
    assert cache.reads == 9
    assert 3 in set(after.meetings.rating)
    postgres_store.erase_case(postgres_store.case_ids()[1])
    assert cache.frames(orgs).meetings.case.nunique() == 7
    assert cache.reads == 9
