"""Tests for hgs.backup: snapshots of a real data folder in a temporary folder, their rotation,
the daily back-up, the check before a restore, and a restore that can be undone."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
import zipfile
from pathlib import Path

import pytest
from filelock import FileLock

from hgs import demo
from hgs.errors import InvalidInput, StorageError
from hgs.method.records import SCHEMA_VERSION, Organisation
from hgs.store import QUARANTINE, Store, TinyDBStore, backup
from hgs.store.reflections import open_reflections

DAY = dt.datetime(2026, 3, 2, 9, 30)


@pytest.fixture(autouse=True)
def _own_settings(monkeypatch):
    monkeypatch.delenv("HGS_BACKUP_DIR", raising=False)
    monkeypatch.delenv("HGS_BACKUP_KEEP", raising=False)


@pytest.fixture
def data(tmp_path) -> Path:
    """A data folder with a small demo network, a reflection and an audit log."""
    folder = tmp_path / "data"
    demo.build_network(TinyDBStore(folder), cases=4, seed=5, meetings=2)
    open_reflections(folder).update("Anna de Vries",
                                    lambda r: setattr(r.plan, "goal", "vaker doelen samen"))
    (folder / "audit").mkdir()
    (folder / "audit" / "audit-2026-03.jsonl").write_text('{"what": "create"}\n')
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a folder (lock files left out) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


def zip_names(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as zf:
        return set(zf.namelist())


# -- where ---------------------------------------------------------------------------------------

def test_backups_go_beside_the_data_folder(data):
    assert backup.backup_dir(data) == data.parent / "data-backups"
    made = backup.create_backup(data, now=DAY)
    assert made.path.parent == data.parent / "data-backups"
    assert made.path.name == "hgs-backup-2026-03-02-093000.zip"
    assert not any(p.suffix == ".zip" for p in data.rglob("*"))


def test_hgs_backup_dir_is_used(data, tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_BACKUP_DIR", str(tmp_path / "elders"))
    assert backup.create_backup(data).path.parent == tmp_path / "elders"


@pytest.mark.parametrize("inside", [".", "backups", "cases/x"])
def test_a_backup_folder_inside_the_data_folder_is_refused(data, monkeypatch, inside):
    monkeypatch.setenv("HGS_BACKUP_DIR", str(data / inside))
    with pytest.raises(StorageError, match="in de gegevensmap zelf"):
        backup.create_backup(data)
    assert not (data / "backups").exists()


# -- taking a back-up ----------------------------------------------------------------------------

def test_backup_holds_every_data_file_but_locks_and_temporary_files(data):
    (data / "cases" / ".half.json.tmp").write_text("{")
    made = backup.create_backup(data, now=DAY)
    names = zip_names(made.path)
    expected = {name for name in tree(data) if not name.endswith(".tmp")}
    assert names == expected | {backup.MANIFEST}
    assert any(n.startswith("reflections/") for n in names)
    assert "audit/audit-2026-03.jsonl" in names
    with zipfile.ZipFile(made.path) as zf:
        for name in expected:
            assert zf.read(name) == (data / name).read_bytes()
        manifest = json.loads(zf.read(backup.MANIFEST))
    assert manifest["format"] == "hgs-backup" and manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["counts"]["cases"] == 4 == made.cases
    assert made.meetings == manifest["counts"]["meetings"] > 0
    assert made.organisations == len(TinyDBStore(data).organisations())
    assert made.path.stat().st_mode & 0o777 == 0o600  # as confidential as the data itself


def test_backup_waits_for_a_write_in_progress(data):
    store = TinyDBStore(data)
    case = store.cases()[0]
    path = store.case_path(case.id)
    lock = FileLock(str(path) + ".lock")
    lock.acquire()
    done: list[backup.Backup] = []
    worker = threading.Thread(target=lambda: done.append(backup.create_backup(data)))
    worker.start()
    time.sleep(0.5)
    assert not done  # the back-up waits on the case's lock
    data_now = path.read_bytes().replace(b'"group":"', b'"group":"NIEUW ')
    path.write_bytes(data_now)
    lock.release()
    worker.join(30)
    with zipfile.ZipFile(done[0].path) as zf:
        assert zf.read(f"cases/{path.name}") == data_now


def test_backup_sets_a_damaged_case_aside_first(data):
    store = TinyDBStore(data)
    damaged = store.case_path(store.case_ids()[0])
    damaged.write_text("{kapot")
    made = backup.create_backup(data)
    assert made.cases == 3
    assert backup.check_backup(made.path).ok
    assert f"{QUARANTINE}/{damaged.name}" in zip_names(made.path)


def test_rotation_keeps_the_last_n(data, monkeypatch):
    monkeypatch.setenv("HGS_BACKUP_KEEP", "3")
    folder = backup.backup_dir(data)
    folder.mkdir()
    (folder / "mijn-eigen-kopie.zip").write_bytes(b"niet van HGS")
    made = [backup.create_backup(data, now=DAY + dt.timedelta(days=n)) for n in range(5)]
    left = [b.path for b in backup.list_backups(data)]
    assert left == [b.path for b in reversed(made[2:])]
    assert (folder / "mijn-eigen-kopie.zip").exists()


def test_backups_before_a_removal_never_push_the_daily_ones_out(data, monkeypatch):
    monkeypatch.setenv("HGS_BACKUP_KEEP", "2")
    daily = [backup.create_backup(data, "dagelijks", now=DAY + dt.timedelta(days=n))
             for n in range(2)]
    before = [backup.before_change(data, "wissen casus") for _ in range(3)]
    left = {b.path for b in backup.list_backups(data)}
    assert {b.path for b in daily} <= left  # three removals later, both days are still there
    assert left == {b.path for b in daily + before[1:]}
    assert before[0].reason == "voor wissen casus"


def test_no_backup_before_a_removal_where_there_is_no_data_folder():
    class Database:  # PostgreSQL: a store without a data folder
        pass

    assert backup.before_change(Database(), "wissen casus") is None


def test_two_backups_in_one_second_both_stay(data):
    first, second = backup.create_backup(data, now=DAY), backup.create_backup(data, now=DAY)
    assert first.path != second.path
    assert [b.path for b in backup.list_backups(data)] == [second.path, first.path]


def test_an_unreadable_backup_is_listed_as_such(data):
    folder = backup.backup_dir(data)
    folder.mkdir()
    (folder / "hgs-backup-2026-01-01-000000.zip").write_bytes(b"geen zip")
    [listed] = backup.list_backups(data)
    assert listed.reason == "onleesbaar" and listed.cases is None


def test_keep_defaults_to_14(monkeypatch):
    assert backup.keep() == 14
    monkeypatch.setenv("HGS_BACKUP_KEEP", "veel")
    assert backup.keep() == 14
    monkeypatch.setenv("HGS_BACKUP_KEEP", "0")
    assert backup.keep() == 1


# -- the daily back-up ---------------------------------------------------------------------------

def test_the_first_run_of_a_day_takes_one(data):
    store = TinyDBStore(data)
    today = dt.date.today()
    worker = backup.daily_backup_if_due(store, today=today)
    worker.join(30)
    [made] = backup.list_backups(data)
    assert made.reason == "dagelijks" and made.day == today
    assert backup.daily_backup_if_due(store, today=today) is None
    assert backup.daily_backup_if_due(TinyDBStore(data), today=today) is None


def test_the_next_day_takes_another(data):
    backup.create_backup(data, reason="dagelijks", now=DAY)
    backup.daily_backup_if_due(data, today=DAY.date() + dt.timedelta(days=1), wait=True)
    assert len(backup.list_backups(data)) == 2


def test_an_empty_folder_is_not_backed_up(tmp_path):
    TinyDBStore(tmp_path / "leeg")
    assert backup.daily_backup_if_due(tmp_path / "leeg", wait=True) is None
    assert not (tmp_path / "leeg-backups").exists()


def test_a_failing_daily_backup_never_stops_the_app(data, caplog):
    backup.backup_dir(data).write_text("een bestand waar een map hoort")
    backup.daily_backup_if_due(data, wait=True, today=dt.date(2030, 1, 1))
    assert "daily back-up" in caplog.text


def test_a_store_without_folder_has_no_daily_backup():
    class Elsewhere(Store):  # stands for PostgreSQL: no data folder
        pass

    Elsewhere.__abstractmethods__ = frozenset()
    assert backup.daily_backup_if_due(Elsewhere()) is None
    with pytest.raises(StorageError, match="pg_dump"):
        backup.create_backup(Elsewhere())


# -- checking --------------------------------------------------------------------------------------

def test_a_good_backup_checks_out_with_counts_in_dutch(data):
    made = backup.create_backup(data, now=DAY)
    check = backup.check_backup(made.path)
    assert check.ok, check.problems
    assert check.taken == DAY
    assert (check.cases, check.meetings) == (made.cases, made.meetings)
    assert check.summary() == (f"{made.organisations} organisaties, 4 casussen met "
                               f"{made.meetings} MDO's, 1 reflectie, 1 ander bestand")


def rewrite(path: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of back-up `path` with some members replaced (None: left out) or added."""
    out = path.with_name("hgs-backup-2026-03-03-000000.zip")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename not in changes:
                dst.writestr(info, src.read(info))
        for name, content in changes.items():
            if content is not None:
                dst.writestr(name, content)
    return out


def a_case_member(path: Path) -> str:
    return sorted(n for n in zip_names(path) if n.startswith("cases/"))[0]


BAD_BACKUPS = {
    "truncated case": (lambda p: {a_case_member(p): b'{"case": {"1": {"id"'}, "geen geldige JSON"),
    "case from a newer HGS": (lambda p: {a_case_member(p): json.dumps(
        {"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "case": {"1": {}}}).encode()},
        "nieuwere versie"),
    "invalid case": (lambda p: {a_case_member(p): json.dumps(
        {"case": {"1": {"id": a_case_member(p)[6:-5], "code": "fout"}}}).encode()},
        "klopt niet"),
    "network damaged": (lambda p: {"network.json": b"\x00\xff"}, "network.json"),
    "no manifest": (lambda p: {backup.MANIFEST: None}, "geen back-up van HGS"),
    "manifest from newer HGS": (lambda p: {backup.MANIFEST: json.dumps(
        {"format": "hgs-backup", "schema_version": SCHEMA_VERSION + 1, "taken": "x"}).encode()},
        "nieuwere versie"),
    "path traversal": (lambda p: {"../../etc/passwd": b"root:x:0:0"}, "onveilige naam"),
    "absolute path": (lambda p: {"/etc/cron.d/hgs": b"* * * * * rm -rf /"}, "onveilige naam"),
    "foreign case name": (lambda p: {"cases/../../x.json": b"{}"}, "onveilige naam"),
    "reflection damaged": (lambda p: {"reflections/iemand.json": b"[1"}, "geen geldige JSON"),
    "audit log damaged": (lambda p: {"audit/audit-2026-03.jsonl": b'{"what": "x"}\n{half'},
                          "geen geldige JSON"),
    "duplicate code": (lambda p: {"cases/kopie1.json": zipfile.ZipFile(p).read(
        a_case_member(p)).replace(a_case_member(p)[6:-5].encode(), b"kopie1")}, "dezelfde code"),
}


@pytest.mark.parametrize("kind", BAD_BACKUPS)
def test_a_bad_backup_is_refused_and_nothing_changes(data, kind):
    changes, problem = BAD_BACKUPS[kind]
    good = backup.create_backup(data, now=DAY)
    bad = rewrite(good.path, changes(good.path))
    check = backup.check_backup(bad)
    assert not check.ok and any(problem in p for p in check.problems), check.problems
    before = tree(data)
    with pytest.raises(InvalidInput, match="wordt niet teruggezet") as info:
        backup.restore(bad, data)
    assert problem in str(info.value) and "Er is niets veranderd" in str(info.value)
    assert tree(data) == before
    assert backup.aside_folders(data) == []
    assert not (data.parent / "etc").exists()


def test_a_symlink_in_a_backup_is_refused(data):
    good = backup.create_backup(data, now=DAY)
    bad = rewrite(good.path, {})
    with zipfile.ZipFile(bad, "a") as zf:
        link = zipfile.ZipInfo("cases/link.json")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
    assert any("geen gewoon bestand" in p for p in backup.check_backup(bad).problems)


@pytest.mark.parametrize("content", [b"", b"geen zip", os.urandom(2000)])
def test_not_a_zip_is_refused(data, tmp_path, content):
    path = tmp_path / "hgs-backup-2026-03-02-000000.zip"
    path.write_bytes(content)
    assert backup.check_backup(path).problems == ["Dit bestand is geen geldig ZIP-bestand."]
    with pytest.raises(InvalidInput):
        backup.restore(path, data)


# -- restoring -----------------------------------------------------------------------------------

def test_restore_puts_the_backup_back_and_keeps_the_data_aside(data):
    store = TinyDBStore(data)  # a running app's store: it sees the restored data at once
    made = backup.create_backup(store, now=DAY)
    backed_up = tree(data)
    erased = store.case_ids()[0]
    store.erase_case(erased)
    case = store.cases()[0]
    store.update_case(case.id, lambda c: setattr(c, "group", "na de back-up"))
    before_restore = tree(data)
    restored = backup.restore(made.path, data, now=DAY + dt.timedelta(hours=1))
    assert restored.check.cases == 4
    assert restored.aside == data.parent / "data-voor-herstel-2026-03-02-103000"
    assert tree(restored.aside) == before_restore  # nothing of the present is lost
    assert tree(data) == {k: v for k, v in backed_up.items()}
    assert erased in store.case_ids()
    assert store.get_case(case.id).group != "na de back-up"
    store.set_field(case.id, store.meetings(case.id)[0].id, "reason", "na herstel")
    assert backup.aside_folders(data) == [restored.aside]


def test_a_restore_can_be_undone(data):
    store = TinyDBStore(data)
    made = backup.create_backup(store, now=DAY)
    store.save_organisation(Organisation(name="Nieuwe school", sector="PO"))
    present = tree(data)
    first = backup.restore(made.path, data, now=DAY)
    undo = backup.restore(first.aside, data, now=DAY + dt.timedelta(minutes=1))
    assert tree(data) == present
    assert "Nieuwe school" in [o.name for o in store.organisations()]
    assert undo.aside is not None and tree(first.aside) == present  # still there, for again


def test_restore_into_a_missing_folder(data, tmp_path):
    made = backup.create_backup(data, now=DAY)
    restored = backup.restore(made.path, tmp_path / "nieuw")
    assert restored.aside is None
    assert len(TinyDBStore(tmp_path / "nieuw").cases()) == 4


def test_restored_files_are_private(data):
    made = backup.create_backup(data, now=DAY)
    backup.restore(made.path, data)
    assert all(p.stat().st_mode & 0o077 == 0 for p in data.rglob("*.json"))


def test_the_data_folder_itself_is_no_backup(data):
    with pytest.raises(InvalidInput, match="gegevensmap zelf"):
        backup.restore(data, data)
    with pytest.raises(InvalidInput, match="gegevensmap zelf"):
        backup.restore(data / "cases", data)


def test_the_sign_in_secret_is_never_in_a_back_up_and_survives_a_restore(data):
    from hgs.access import sessions

    secret = sessions.secret(data)
    made = backup.create_backup(data, now=DAY)
    with zipfile.ZipFile(made.path) as archive:
        assert sessions.SECRET_FILE not in archive.namelist()
        assert not any(secret.hex().encode() in archive.read(name)
                       for name in archive.namelist())
    backup.restore(made.path, data)
    assert sessions.secret(data) == secret  # signed-in people stay signed in


def test_organisations_come_back_after_network_json_was_set_aside(data):
    store = TinyDBStore(data)
    made = backup.create_backup(store, now=DAY)
    names = sorted(o.name for o in store.organisations())
    store.network_path.write_bytes(b"{kapot")
    assert store.organisations() == []
    store.save_organisation(Organisation(id="nieuw1", name="Sinds de schade", sector="VO"))
    added, settings = backup.restore_network(made.path, store)
    assert added == len(names) and settings >= 1
    assert sorted(o.name for o in store.organisations()) == sorted(names + ["Sinds de schade"])
    assert backup.restore_network(made.path, store) == (0, 0)


def test_a_restore_keeps_the_users_and_the_audit_log_as_they_are(data):
    (data / "users.json").write_text('{"users": {"oud": {}}}')
    made = backup.create_backup(data, now=DAY)
    (data / "users.json").write_text('{"users": {"nieuw": {}}}')
    log = data / "audit" / "audit-2026-03.jsonl"
    log.write_text(log.read_text() + '{"what": "erase"}\n')
    backup.restore(made.path, data)
    assert json.loads((data / "users.json").read_text()) == {"users": {"nieuw": {}}}
    assert log.read_text().endswith('{"what": "erase"}\n')


def test_a_restore_does_not_rewind_the_sign_in_counts(data):
    """A guesser must not get a fresh start from a restore (hgs.throttle's file stays)."""
    from hgs.access import throttle

    counts = data / throttle.FILE
    counts.write_text('{"before": 1}')
    made = backup.create_backup(data, now=DAY)
    counts.write_text('{"after": 9}')
    backup.restore(made.path, data)
    assert counts.read_text() == '{"after": 9}'


# -- what a restore must not bring back ---------------------------------------------------------------

def test_a_join_link_closed_after_the_backup_stays_closed_after_a_restore(data):
    from hgs.access import joining as live
    from hgs.errors import NotFound

    store = TinyDBStore(data)
    case = store.cases()[0]
    meeting = store.meetings(case.id)[0]
    token = live.open_joining(store, case.id, meeting.id)
    made = backup.create_backup(store, now=DAY)
    live.close_joining(store, case.id, meeting.id)
    backup.restore(made.path, data)
    with pytest.raises(NotFound):
        live.resolve(store, token)
    stored = store.get_meeting(case.id, meeting.id)
    assert stored.join_token is None and not stored.join_open
    assert live.open_joining(store, case.id, meeting.id) != token  # reopening: a new link
    assert backup.check_backup(backup.aside_folders(data)[0]).ok


def bomb(path: Path, unpacked: int, declared: int | None = None) -> Path:
    """A back-up ZIP with a manifest and one case member of `unpacked` zero bytes, written in
    chunks (the test never holds it in memory); `declared` forges the size in the ZIP's
    directory."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(backup.MANIFEST, json.dumps({"format": "hgs-backup", "schema_version": 1,
                                                  "taken": "2026-03-02T09:30:00"}))
        with zf.open("cases/bom.json", "w", force_zip64=True) as member:
            chunk = b"\0" * 1_000_000
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    if declared is not None:  # forge the directory's (and the local header's) size
        raw = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("cases/bom.json")
        real = info.file_size.to_bytes(8, "little")
        fake = declared.to_bytes(8, "little")
        raw = raw.replace(real, fake)
        path.write_bytes(bytes(raw))
    return path


def test_a_zip_bomb_is_refused_quickly_without_unpacking_it(data, tmp_path):
    path = bomb(tmp_path / "hgs-backup-2026-03-02-093000.zip", 600_000_000)
    assert path.stat().st_size < 800_000  # about 765 KB that unpacks to 600 MB
    started = time.monotonic()
    check = backup.check_backup(path)
    assert time.monotonic() - started < 1.0
    assert not check.ok and any("uitgepakt" in p for p in check.problems), check.problems
    before = tree(data)
    with pytest.raises(InvalidInput, match="wordt niet teruggezet"):
        backup.restore(path, data)
    assert tree(data) == before


def test_a_member_larger_than_it_declares_is_stopped_while_reading(data, tmp_path):
    path = bomb(tmp_path / "hgs-backup-2026-03-02-093000.zip", 5_000_000, declared=1000)
    check = backup.check_backup(path)
    assert not check.ok, check.problems
    with pytest.raises(InvalidInput):
        backup.restore(path, data)


def test_the_bounds_are_far_above_a_real_back_up(data):
    made = backup.create_backup(data, now=DAY)
    with zipfile.ZipFile(made.path) as zf:
        infos = zf.infolist()
    ratio = sum(i.file_size for i in infos) / sum(i.compress_size for i in infos)
    assert ratio < backup.MAX_RATIO / 5
    assert backup.MAX_RATIO <= 200 and backup.MAX_TOTAL_BYTES <= 5_000_000_000
    assert backup.check_backup(made.path).ok
