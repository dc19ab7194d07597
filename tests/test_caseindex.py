"""The case index (hgs.store.caseindex): on both backends it agrees with the cases after every
kind of write; on TinyDB it is one file that heals after a crash and is not rewritten by an
autosave that changes no row."""

from __future__ import annotations

import datetime as dt

import orjson

from hgs import demo
from hgs.method.records import Case, Consent, Meeting
from hgs.store import TinyDBStore, atomic_write, backup
from hgs.store.caseindex import INDEX, CaseRow, row_of
from hgs.store.document import case_document

DAY = dt.date(2026, 3, 2)


def expected(store) -> list[CaseRow]:
    """The rows worked out from the cases themselves, read whole."""
    return sorted((row_of(case.model_dump(mode="json"),
                          [m.model_dump(mode="json") for m in store.meetings(case.id)])
                   for case in store.cases()), key=lambda row: row.code)


def agrees(store) -> list[CaseRow]:
    rows = store.case_index()
    assert rows == expected(store)
    return rows


def test_the_index_follows_every_write(store, new_case, new_organisation):
    assert store.case_index() == []
    joris = new_case(first_name="Joris", group="7b")
    sara = new_case(first_name="Sara")
    assert [r.first_name for r in agrees(store)] == ["Joris", "Sara"]
    first = store.create_meeting(Meeting(case_id=joris.id, date=DAY))
    later = store.create_meeting(Meeting(case_id=joris.id, date=DAY + dt.timedelta(days=60),
                                         kind="evaluatie", previous_id=first.id))
    row = next(r for r in agrees(store) if r.id == joris.id)
    assert (row.mdos, row.last_mdo, row.planned) == (2, None, (first.date, later.date))
    store.update_meeting(joris.id, first.id, lambda m: setattr(m, "status", "afgerond"))
    store.update_meeting(joris.id, later.id, lambda m: setattr(m, "cancelled", DAY))
    row = next(r for r in agrees(store) if r.id == joris.id)
    assert (row.mdos, row.last_mdo, row.planned) == (2, DAY, ())
    store.update_meeting(joris.id, later.id, lambda m: setattr(m, "cancelled", None))
    store.remove_meeting(joris.id, later.id)
    assert next(r for r in agrees(store) if r.id == joris.id).mdos == 1
    store.update_case(sara.id, lambda c: setattr(c, "status", "afgesloten"))
    store.update_case(sara.id, lambda c: setattr(c, "consents", [
        Consent(given_by=["ouders"], date=DAY, withdrawn=DAY)]))
    row = next(r for r in agrees(store) if r.id == sara.id)
    assert (row.status, row.no_consent) == ("afgesloten", True)
    store.erase_case(joris.id)
    assert [r.id for r in agrees(store)] == [sara.id]
    org = new_organisation()
    demo.build_network(store, cases=3, today=DAY)  # import_case, with meetings
    assert len(agrees(store)) == 4
    store.import_case(Case(id=sara.id, code=sara.code, first_name="Sarah",
                           organisation_id=org.id), [])
    assert next(r for r in agrees(store) if r.id == sara.id).first_name == "Sarah"


def test_an_autosave_that_changes_no_row_leaves_the_index_file_alone(tinydb_store, meeting):
    tinydb_store.case_index()
    index = tinydb_store.data_dir / INDEX
    before = index.stat().st_ino
    tinydb_store.set_field(meeting.case_id, meeting.id, "reason", "Zorgen om lezen")
    assert index.stat().st_ino == before  # not written again
    tinydb_store.update_meeting(meeting.case_id, meeting.id,
                                lambda m: setattr(m, "status", "gestart"))
    assert index.stat().st_ino != before  # its row changed: written
    agrees(tinydb_store)


def test_a_crash_between_the_case_write_and_the_index_write_heals(tinydb_store, new_case):
    case = new_case(first_name="Joris")
    tinydb_store.case_index()
    # what a writer killed after its case file and before the index leaves behind: the file
    # changed, the index not (written here without the store)
    path = tinydb_store.case_path(case.id)
    renamed = case.model_copy(update={"first_name": "Jorien"})
    atomic_write(path, orjson.dumps(case_document(renamed, [])).decode())
    other = Case(code="L-2026-0099", first_name="Bram", organisation_id="org1")
    atomic_write(tinydb_store.case_path(other.id),
                 orjson.dumps(case_document(other, [])).decode())
    for store in (tinydb_store, TinyDBStore(tinydb_store.data_dir)):  # this process, a new one
        assert {r.first_name for r in agrees(store)} == {"Jorien", "Bram"}
    path.unlink()  # an erase killed before the index
    assert [r.first_name for r in agrees(TinyDBStore(tinydb_store.data_dir))] == ["Bram"]
    assert [r.first_name for r in agrees(tinydb_store)] == ["Bram"]


def test_a_missing_or_damaged_index_is_built_again(tinydb_store, new_case):
    new_case(first_name="Joris")
    index = tinydb_store.data_dir / INDEX
    assert not index.exists()  # writes alone never build it (the demo writes thousands)
    agrees(tinydb_store)
    assert index.exists()
    index.write_text("{niet af")
    assert [r.first_name for r in agrees(TinyDBStore(tinydb_store.data_dir))] == ["Joris"]
    index.unlink()
    assert [r.first_name for r in agrees(tinydb_store)] == ["Joris"]


def test_a_write_by_another_process_is_seen(store, new_case, reopen):
    case = new_case(first_name="Joris")
    store.case_index()
    other = reopen(store)
    other.update_case(case.id, lambda c: setattr(c, "first_name", "Jorien"))
    assert [r.first_name for r in agrees(store)] == ["Jorien"]
    other.erase_case(case.id)
    assert agrees(store) == []


def test_after_a_restore_the_index_holds_the_restored_cases(tinydb_store, new_case):
    joris = new_case(first_name="Joris")
    tinydb_store.case_index()
    made = backup.create_backup(tinydb_store)
    tinydb_store.update_case(joris.id, lambda c: setattr(c, "first_name", "Jorien"))
    new_case(first_name="Bram")
    assert len(agrees(tinydb_store)) == 2
    backup.restore(made.path, tinydb_store.data_dir)
    assert [r.first_name for r in agrees(tinydb_store)] == ["Joris"]
    assert [r.first_name for r in agrees(TinyDBStore(tinydb_store.data_dir))] == ["Joris"]


def test_the_index_is_never_in_a_backup(tinydb_store, new_case):
    import zipfile

    new_case(first_name="Joris")
    tinydb_store.case_index()
    made = backup.create_backup(tinydb_store)
    assert INDEX not in zipfile.ZipFile(made.path).namelist()


def test_a_database_from_before_the_index_gets_its_rows_on_start(postgres_store, new_case,
                                                                  reopen):
    import psycopg

    new_case(first_name="Joris")
    with psycopg.connect(postgres_store.url, autocommit=True) as conn:
        conn.execute("DROP TABLE case_index")  # as the first schema step left it
        conn.execute("DROP TABLE case_facts")  # (a later step made this one)
        conn.execute("UPDATE schema_version SET version = 1")
    assert [r.first_name for r in agrees(reopen(postgres_store))] == ["Joris"]
