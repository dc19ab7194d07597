"""Tests for hgs.migrate: a demo network moves from a data folder into PostgreSQL and back
intact, reports its counts, and a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from hgs import demo
from hgs.method.records import Case
from hgs.store import Store, open_store
from hgs.store.transfer import copy_network, main

REPO = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 3, 2)


def everything(store: Store) -> tuple:
    """All of a network's records, to compare two stores."""
    return (store.organisations(), store.settings(), store.cases(),
            [store.meetings(case_id) for case_id in store.case_ids()])


@pytest.fixture
def folder(tmp_path) -> Path:
    """A data folder with a demo network of 6 cases and a setting of its own."""
    store = open_store(tmp_path / "bron")
    demo.build_network(store, cases=6, today=DAY)
    store.set_setting("core_max_participants", 7)
    return tmp_path / "bron"


@pytest.fixture
def database(postgres_url):
    store = open_store(postgres_url)
    yield store
    store.close()


def test_a_folder_moves_into_postgres_and_back_intact(folder, database, tmp_path):
    source = open_store(folder)
    counts = copy_network(source, database)
    assert everything(database) == everything(source)
    assert {kind: (c.total, c.copied) for kind, c in counts.items()} == {
        "organisaties": (len(source.organisations()), len(source.organisations())),
        "instellingen": (2, 2),
        "casussen": (6, 6),
        "MDO's": (sum(len(m) for m in everything(source)[3]),) * 2,
    }
    back = open_store(tmp_path / "terug")
    copy_network(database, back)
    assert everything(back) == everything(source)


def test_a_second_run_changes_nothing(folder, database, tmp_path):
    source = open_store(folder)
    copy_network(source, database)
    versions = database._rows("SELECT id, version FROM cases ORDER BY id")
    again = copy_network(source, database)
    assert all(count.copied == 0 for count in again.values())
    assert database._rows("SELECT id, version FROM cases ORDER BY id") == versions
    back = open_store(tmp_path / "terug")
    copy_network(database, back)
    stamps = sorted((p.name, p.stat().st_mtime_ns) for p in (tmp_path / "terug").rglob("*.json"))
    assert all(count.copied == 0 for count in copy_network(database, back).values())
    assert sorted((p.name, p.stat().st_mtime_ns)
                  for p in (tmp_path / "terug").rglob("*.json")) == stamps


def test_a_changed_case_is_copied_again_and_records_only_in_the_target_stay(folder, database):
    source = open_store(folder)
    copy_network(source, database)
    case_id = source.case_ids()[0]
    source.update_case(case_id, lambda c: setattr(c, "group", "groep 8"))
    extra = database.create_case(Case(code="Z-2026-0001", first_name="Ties", organisation_id="o"))
    counts = copy_network(source, database)
    assert (counts["casussen"].total, counts["casussen"].copied) == (6, 1)
    assert database.get_case(case_id).group == "groep 8"
    assert extra.id in database.case_ids()


def test_command_line_reports_counts_both_ways(folder, postgres_url, tmp_path, capsys):
    assert main(["--from", str(folder), "--to", postgres_url]) == 0
    first = capsys.readouterr().out
    assert first.splitlines()[0].split() == ["totaal", "gekopieerd", "al", "gelijk"]
    assert first.splitlines()[3].split() == ["casussen", "6", "6", "0"]
    assert main(["--from", str(folder), "--to", postgres_url]) == 0
    assert capsys.readouterr().out.splitlines()[3].split() == ["casussen", "6", "0", "6"]
    assert main(["--from", postgres_url, "--to", str(tmp_path / "terug")]) == 0
    assert capsys.readouterr().out.splitlines()[3].split() == ["casussen", "6", "6", "0"]
    assert everything(open_store(tmp_path / "terug")) == everything(open_store(folder))


def test_a_code_taken_by_another_case_in_the_target_stops_with_a_dutch_message(
        folder, database, capsys):
    source = open_store(folder)
    taken = source.cases()[0]
    database.create_case(Case(code=taken.code, first_name="Ander", organisation_id="o"))
    assert main(["--from", str(folder), "--to", database.url]) == 1
    err = capsys.readouterr().err
    assert f"casus {taken.code}" in err and "al in gebruik" in err


def test_folder_to_folder_and_a_missing_source_folder(folder, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "hgs.migrate", "--from", str(folder),
         "--to", str(tmp_path / "kopie")],
        cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "organisaties" in result.stdout
    assert everything(open_store(tmp_path / "kopie")) == everything(open_store(folder))
    with pytest.raises(SystemExit):
        main(["--from", str(tmp_path / "nergens"), "--to", str(tmp_path / "kopie")])
    assert not (tmp_path / "nergens").exists()
