"""Erasing a case leaves no copy of it anywhere HGS wrote one: not in the data folder (a temporary
file a killed writer left, a copy set aside in quarantine), not in the folder an earlier
restore set aside, not in a restore a kill stopped halfway, not in any back-up (each rewritten
without the case, its check still passing), not in a back-up a kill left unfinished. The audit
line comes first: when it cannot be written, nothing is erased."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hgs.access import audit
from hgs.access import joining as live
from hgs.errors import HGSError
from hgs.exports import archive as export
from hgs.method.records import Case, Meeting, Organisation, Participant
from hgs.store import TinyDBStore, backup
from tests.processes import killed_once_ready, run_python

DAY = dt.datetime(2026, 3, 2, 9, 30)
FIRST_NAME = "Noëlle"
CODE = "L-2026-0042"


@pytest.fixture(autouse=True)
def _own_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("HGS_BACKUP_DIR", raising=False)
    monkeypatch.delenv("HGS_BACKUP_KEEP", raising=False)
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path / "data"))  # the audit log's folder


def fill(store) -> tuple[Case, list[Case]]:
    """The child to erase (with an open join link) and two other children who stay."""
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    child = store.create_case(Case(code=CODE, first_name=FIRST_NAME, organisation_id=org.id))
    meeting = store.create_meeting(Meeting(
        case_id=child.id, date=DAY.date(), reason=f"{FIRST_NAME} loopt vast",
        participants=[Participant(name="Moeder van Noëlle", role="ouder/verzorger")]))
    live.open_joining(store, child.id, meeting.id)
    others = []
    for n, name in enumerate(["Joris", "Sanna"], 1):
        other = store.create_case(Case(code=f"L-2026-010{n}", first_name=name,
                                       organisation_id=org.id))
        store.create_meeting(Meeting(case_id=other.id, date=DAY.date(), reason=f"{name} blijft"))
        others.append(other)
    return child, others


# -- helpers that leave copies behind, as a crash does ------------------------------------------

HANG_ON_REPLACE = """
    import os, sys, time
    from pathlib import Path
    folder, ready, what, *rest = sys.argv[1:]
    real_replace, real_rename = os.replace, os.rename

    def hang(*args, **kwargs):
        Path(ready).touch()  # the copy is written whole; now the kill comes
        time.sleep(120)

    if what == "case":
        from hgs.store import TinyDBStore
        case_id, meeting_id = rest
        os.replace = lambda src, dst, **kw: hang() if str(dst).endswith(case_id + ".json") \\
            else real_replace(src, dst, **kw)
        TinyDBStore(folder).set_field(case_id, meeting_id, "reason", "Noëlle, half opgeslagen")
    elif what == "backup":
        from hgs.store import backup
        os.replace = lambda src, dst, **kw: hang() if "hgs-backup-" in str(dst) \\
            else real_replace(src, dst, **kw)
        backup.create_backup(folder, "dagelijks")
    elif what == "restore":
        from hgs.store import backup
        os.rename = lambda src, dst: hang()
        backup.restore(rest[0], folder)
"""


def kill_midway(tmp_path: Path, name: str, *args: str) -> None:
    ready = tmp_path / f"ready-{name}"
    writer = run_python(HANG_ON_REPLACE, args[0], str(ready), name, *args[1:])
    with killed_once_ready(ready, writer):
        pass


# -- scanning every byte ---------------------------------------------------------------------------

def every_file(root: Path) -> Iterator[tuple[str, bytes]]:
    """(where, bytes) of every file under `root` and of every member of every ZIP among them,
    the audit logs left out (they keep the bare id of an erased case on purpose)."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if "audit" in relative.parts or not path.is_file():
            continue
        raw = path.read_bytes()
        yield str(relative), raw
        if zipfile.is_zipfile(io.BytesIO(raw)):
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                for member in zf.infolist():
                    if not member.filename.startswith("audit/"):
                        yield f"{relative}!{member.filename}", zf.read(member)


def traces_of(case: Case, root: Path) -> list[str]:
    needles = [case.id, case.code, FIRST_NAME, json.dumps(FIRST_NAME)[1:-1]]
    found = []
    for where, raw in every_file(root):
        if any(n.encode() in raw or n in where for n in needles):
            found.append(where)
    found += [str(p.relative_to(root)) for p in root.rglob("*")
              if case.id in p.name and "audit" not in p.relative_to(root).parts]
    return found


# -- the whole story -------------------------------------------------------------------------------

def test_after_erase_no_byte_of_the_child_is_left_anywhere(tmp_path):
    data = tmp_path / "data"
    store = TinyDBStore(data)
    child, others = fill(store)
    meeting = store.meetings(child.id)[0]
    first = backup.create_backup(store, "dagelijks", now=DAY)
    backup.create_backup(store, "dagelijks", now=DAY + dt.timedelta(days=1))
    # a restore sets the data of that moment aside (with the child in it)
    restored = backup.restore(first.path, data, now=DAY + dt.timedelta(days=1, hours=1))
    assert (restored.aside / "cases" / f"{child.id}.json").exists()
    # a copy of the child's file under a foreign name: set aside in quarantine
    (data / "cases" / "kopie.json").write_bytes((data / "cases" / f"{child.id}.json").read_bytes())
    store.cases()
    assert any(q.original == "cases/kopie.json" for q in store.quarantined())
    # three kills: mid-back-up, mid-restore, mid-save of the child
    kill_midway(tmp_path, "backup", str(data))
    kill_midway(tmp_path, "restore", str(data), str(first.path))
    kill_midway(tmp_path, "case", str(data), child.id, meeting.id)  # last: a new store clears
    assert list((data / "cases").glob(f".{child.id}.json.*.tmp"))
    assert list(backup.backup_dir(data).glob(".hgs-backup-*.tmp"))
    assert list(tmp_path.glob(".data-herstel-*"))
    assert traces_of(child, tmp_path)  # the scan sees the child everywhere before

    erased = export.erase_case(store, child.id, child.code, who="anna", role="voorzitter")

    assert traces_of(child, tmp_path) == []
    assert export.traces(data, child) == []
    assert erased.backups >= 2 and erased.folders >= 2 and erased.copies >= 2
    # every back-up still checks out and holds the other children, counted right
    backups = backup.list_backups(data)
    assert len(backups) >= 2
    for made in backups:
        check = backup.check_backup(made.path)
        assert check.ok, check.problems
        assert (made.cases, made.meetings) == (check.cases, check.meetings) == (2, 2)
        with zipfile.ZipFile(made.path) as zf:
            assert {f"cases/{o.id}.json" for o in others} <= set(zf.namelist())
    # the folder the restore set aside still restores, without the child
    assert backup.check_backup(restored.aside).ok
    assert TinyDBStore(restored.aside).case_ids() == sorted(o.id for o in others)
    # the data folder itself: the others untouched, their meetings whole
    assert store.case_ids() == sorted(o.id for o in others)
    assert [m.reason for o in others for m in store.meetings(o.id)] == ["Joris blijft",
                                                                       "Sanna blijft"]
    # the audit log: the start and the end of the erase, by id only
    lines = [e for m in audit.months() for e in audit.entries(m)]
    assert [(e["what"], e.get("detail")) for e in lines if e["case"] == child.id] == [
        ("erase", "begonnen"), ("erase", "klaar")]


def test_a_fresh_store_clears_stale_temporary_files_but_not_one_being_written(tmp_path):
    data = tmp_path / "data"
    store = TinyDBStore(data)
    child, _ = fill(store)
    meeting = store.meetings(child.id)[0]
    kill_midway(tmp_path, "case", str(data), child.id, meeting.id)
    [stale] = list((data / "cases").glob(f".{child.id}.json.*.tmp"))
    other_case = store.case_ids()[0] if store.case_ids()[0] != child.id else store.case_ids()[1]
    busy = data / "cases" / f".{other_case}.json.abcdefgh.tmp"
    busy.write_text("{}")
    from filelock import FileLock

    with FileLock(str(data / "cases" / f"{other_case}.json.lock")):  # a writer at work
        TinyDBStore(data)
        assert not stale.exists()
        assert busy.exists()
    TinyDBStore(data)
    assert not busy.exists()
    assert store.get_meeting(child.id, meeting.id).reason == f"{FIRST_NAME} loopt vast"


def test_an_unreadable_backup_is_removed_by_erase_since_it_may_hold_the_child(tmp_path):
    data = tmp_path / "data"
    store = TinyDBStore(data)
    child, _ = fill(store)
    made = backup.create_backup(store, now=DAY)
    raw = made.path.read_bytes()
    made.path.write_bytes(raw[: len(raw) // 2])  # cut off: no restore would take it
    erased = export.erase_case(store, child.id, child.code, who="anna", role="voorzitter")
    assert not made.path.exists() and erased.removed_backups == 1


# -- the audit line first --------------------------------------------------------------------------

def fail_audit_writes(monkeypatch, folder: Path) -> None:
    """A full disk for the audit log only: half the line is written, then ENOSPC."""
    real = os.write

    def write(fd, data):
        where = os.readlink(f"/proc/self/fd/{fd}")
        if where.startswith(str(folder)) and where.endswith(".jsonl"):  # the log, not its lock
            real(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)


def test_erase_refuses_when_the_audit_line_cannot_be_written(store, tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    child, others = fill(store)
    audit.record("sign-in", who="anna", role="voorzitter")  # the log exists
    with monkeypatch.context() as disk_full:
        fail_audit_writes(disk_full, tmp_path / "audit")
        with pytest.raises(HGSError, match="auditlog") as info:
            export.erase_case(store, child.id, child.code, who="anna", role="voorzitter")
    assert "niets gewist" in str(info.value) and "de schijf is vol" in str(info.value)
    assert store.get_case(child.id).first_name == FIRST_NAME  # nothing erased
    assert live.resolve(store, store.meetings(child.id)[0].join_token)  # the link still works
    export.erase_case(store, child.id, child.code, who="anna", role="voorzitter")
    assert child.id not in store.case_ids()
    lines = [e for m in audit.months() for e in audit.entries(m)]
    assert [(e["what"], e.get("detail")) for e in lines if e["case"] == child.id] == [
        ("erase", "begonnen"), ("erase", "klaar")]  # the half line of the refusal is no entry


def test_erase_removes_the_rows_and_every_link_on_both_backends(store, tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    child, others = fill(store)
    token = store.meetings(child.id)[0].join_token
    erased = export.erase_case(store, child.id, child.code, who="anna", role="voorzitter")
    assert child.id not in store.case_ids()
    assert all(not (isinstance(v, dict) and v.get("case") == child.id)
               for v in store.settings().values())
    with pytest.raises(HGSError):
        live.resolve(store, token)
    assert erased.database == (backup.data_dir_of(store) is None)
