"""The audit log: one appended line per action, in a file per month, apart from the cases, with
only ids in it; changes at most once per ten minutes; whole lines from many threads at once."""

import dataclasses
import datetime as dt
import errno
import json
import multiprocessing
import os
import threading

import pytest

from hgs.access import audit, users
from hgs.errors import HGSError
from hgs.exports import archive as export
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import open_store
from hgs.ui import downloads as ui_downloads
from hgs.ui import signin as ui_auth

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 28, 14, 30, tzinfo=UTC)
CHAIR = users.User(username="anna", role="voorzitter", organisations=("org-a",))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(audit, "_last_change", {})
    return tmp_path


def every_audit_byte(folder) -> bytes:
    return b"".join(p.read_bytes() for p in (folder / "audit").iterdir() if p.is_file())


def test_each_action_appends_one_line_with_when_who_what_and_the_case_id(folder):
    audit.record("create", who="anna", role="voorzitter", case_id="c1", now=NOW)
    audit.record("export", who="anna", role="voorzitter", case_id="c1", detail="export-zip",
                 now=NOW + dt.timedelta(minutes=1))
    audit.record("sign-in-failed", who="(onbekend)", role="", now=NOW)
    path = folder / "audit" / "audit-2026-11.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines[0] == {"when": "2026-11-28T14:30:00Z", "who": "anna", "role": "voorzitter",
                        "what": "create", "case": "c1"}
    assert [e["what"] for e in lines] == ["create", "export", "sign-in-failed"]
    assert audit.entries("2026-11") == lines
    assert not list(folder.glob("cases/*"))  # kept apart from the cases


def test_a_file_per_month_newest_first(folder):
    audit.record("sign-in", who="anna", role="voorzitter", now=NOW)
    audit.record("sign-in", who="anna", role="voorzitter", now=NOW + dt.timedelta(days=5))
    assert audit.months() == ["2026-12", "2026-11"]
    assert len(audit.entries("2026-12")) == 1 and audit.entries("2020-01") == []


def test_a_case_is_named_by_its_id_only_never_by_free_text(folder):
    with pytest.raises(ValueError):
        audit.record("change", who="anna", role="voorzitter", case_id="Noëlle L-2026-0042 x")
    with pytest.raises(ValueError):
        audit.record("change", who="anna", role="voorzitter", detail="heeft ADHD\nen meer")
    with pytest.raises(ValueError):
        audit.record("gelezen", who="anna", role="voorzitter")
    assert audit.months() == []


def test_changes_are_logged_once_per_case_per_person_per_ten_minutes(folder):
    def change(who, case_id, minutes):
        return audit.record_change(who=who, role="voorzitter", case_id=case_id,
                                   now=NOW + dt.timedelta(minutes=minutes))

    assert change("anna", "c1", 0)
    assert not change("anna", "c1", 3)
    assert change("anna", "c2", 3) and change("bram", "c1", 4)
    assert not change("anna", "c1", 9)
    assert change("anna", "c1", 10)
    assert len(audit.entries("2026-11")) == 4


def test_a_line_cut_off_by_a_crash_is_skipped_and_the_next_one_is_whole(folder):
    audit.record("sign-in", who="anna", role="voorzitter", now=NOW)
    path = folder / "audit" / "audit-2026-11.jsonl"
    with path.open("a") as handle:
        handle.write('{"when": "2026-11-28T14:31')
    with path.open("a") as handle:
        handle.write("\n")
    audit.record("sign-out", who="anna", role="voorzitter", now=NOW)
    assert [e["what"] for e in audit.entries("2026-11")] == ["sign-in", "sign-out"]


def test_sixteen_threads_lose_no_line_and_mix_none(folder):
    def work(n: int) -> None:
        for i in range(40):
            audit.record("change", who=f"user{n}", role="voorzitter", case_id=f"case{i}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = [line for m in audit.months() for line in
             (folder / "audit" / f"audit-{m}.jsonl").read_text().splitlines()]
    assert len(lines) == 16 * 40
    assert all(json.loads(line)["what"] == "change" for line in lines)


def _write_lines(folder: str, n: int) -> None:
    for i in range(25):
        audit.record("change", who=f"proc{n}", role="voorzitter", case_id=f"case{i}",
                     folder=folder)


def test_four_processes_lose_no_line(folder):
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_write_lines, args=(str(folder), n)) for n in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(60)
    assert all(p.exitcode == 0 for p in processes)
    assert sum(len(audit.entries(m, folder)) for m in audit.months(folder)) == 100


def test_the_log_holds_no_name_code_or_content_of_a_case(folder):
    store = open_store(folder)
    org = store.save_organisation(Organisation(id="org-a", name="De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0042", first_name="Noëlle",
                                  organisation_id=org.id, group="groep 5"))
    ui_auth.log("create", case.id, user=CHAIR)
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 11, 2)))
    ui_auth.log("create", case.id, meeting_id=meeting.id, user=CHAIR)
    # Writes through the pages' store: each notes a change, once per ten minutes.
    pages_store = ui_auth.AuditedStore(store, lambda: ui_auth.log_change(case.id, CHAIR))
    pages_store.set_field(case.id, meeting.id, "reason", "Noëlle loopt vast met rekenen")
    pages_store.add_item(case.id, meeting.id, "goals", area="kind", text="Noëlle vraagt hulp")
    assert pages_store.get_case(case.id).first_name == "Noëlle"  # reads pass through
    # A download of the whole case is an export.
    download = ui_downloads.export_files(store, case, dt.date(2026, 11, 28))[0]
    assert ui_downloads.made(download, CHAIR, "nl")()[:2] == b"PK"
    export.erase_case(store, case.id, case.code, who=CHAIR.username, role=CHAIR.role)

    month = audit.months()[0]
    assert [(e["what"], e["case"]) for e in audit.entries(month)] == [
        ("create", case.id), ("create", case.id), ("change", case.id), ("export", case.id),
        ("erase", case.id), ("erase", case.id)]
    logged = every_audit_byte(folder)
    for secret in ("Noëlle", "Noelle", "L-2026-0042", "rekenen", "groep 5", "Regenboog"):
        assert secret.encode() not in logged


# -- a full disk, a crash: no line glued to a torn one, and erase/export refuse ---------------------

def is_log(fd, folder) -> bool:
    """Is `fd` open on a log file in `folder` (not its lock file)?"""
    where = os.readlink(f"/proc/self/fd/{fd}")
    return where.startswith(str(folder)) and where.endswith(".jsonl")


def half_then_enospc(monkeypatch, folder):
    """A full disk for the audit folder: `os.write` writes half of what it was given, then
    ENOSPC (as a disk that fills up mid-line)."""
    real = os.write
    calls = []

    def write(fd, data):
        if is_log(fd, folder):
            calls.append(bytes(data))
            real(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    return calls


def test_a_full_disk_mid_line_never_swallows_the_next_line(folder, monkeypatch):
    audit.record("sign-in", who="anna", role="voorzitter", now=NOW)
    real_truncate = os.ftruncate

    def ftruncate(fd, size):  # not even the torn half can be taken back
        if is_log(fd, folder / "audit"):
            raise OSError(errno.EIO, "cannot truncate")
        return real_truncate(fd, size)

    with monkeypatch.context() as disk_full:
        calls = half_then_enospc(disk_full, folder / "audit")
        disk_full.setattr(os, "ftruncate", ftruncate)
        with pytest.raises(OSError):
            audit.record("export", who="anna", role="voorzitter", case_id="c1", now=NOW)
    assert len(calls) == 1  # the whole line went to the disk in one write
    path = folder / "audit" / "audit-2026-11.jsonl"
    assert not path.read_bytes().endswith(b"\n")  # the torn half is there
    audit.record("erase", who="anna", role="voorzitter", case_id="c1", now=NOW)
    assert [e["what"] for e in audit.entries("2026-11")] == ["sign-in", "erase"]
    *_, torn, last, end = path.read_bytes().split(b"\n")
    assert json.loads(last)["what"] == "erase" and end == b""  # on a line of its own


def test_a_torn_half_is_taken_back_when_the_disk_allows(folder, monkeypatch):
    audit.record("sign-in", who="anna", role="voorzitter", now=NOW)
    before = (folder / "audit" / "audit-2026-11.jsonl").read_bytes()
    with monkeypatch.context() as disk_full:
        half_then_enospc(disk_full, folder / "audit")
        with pytest.raises(OSError):
            audit.record("export", who="anna", role="voorzitter", case_id="c1", now=NOW)
    assert (folder / "audit" / "audit-2026-11.jsonl").read_bytes() == before


def test_a_line_cut_mid_character_does_not_hide_the_month(folder):
    audit.record("sign-in", who="anna", role="voorzitter", now=NOW)
    path = folder / "audit" / "audit-2026-11.jsonl"
    with path.open("ab") as handle:
        handle.write('{"who": "Noë'.encode()[:-1])  # cut inside the ë
    audit.record("sign-out", who="anna", role="voorzitter", now=NOW)
    assert [e["what"] for e in audit.entries("2026-11")] == ["sign-in", "sign-out"]


def test_an_old_glued_line_still_gives_its_whole_entry(folder):
    path = folder / "audit" / "audit-2026-11.jsonl"
    path.parent.mkdir()
    whole = json.dumps({"when": "2026-11-28T14:30:00Z", "who": "anna", "role": "voorzitter",
                        "what": "erase", "case": "c1"})
    path.write_text('{"when": "2026-11-28T14:2' + whole + "\n")  # written by HGS before this fix
    assert [e["what"] for e in audit.entries("2026-11")] == ["erase"]


def test_a_failing_fsync_is_an_error_not_a_silent_loss(folder, monkeypatch):
    def fsync(fd):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError):
        audit.record("erase", who="anna", role="voorzitter", case_id="c1", now=NOW)


def test_an_export_is_refused_when_its_audit_line_cannot_be_written(folder, monkeypatch):
    store = open_store(folder)
    org = store.save_organisation(Organisation(id="org-a", name="De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0042", first_name="Noëlle",
                                  organisation_id=org.id))
    audit.record("sign-in", who="anna", role="voorzitter")
    made = []
    download = ui_downloads.export_files(store, case, dt.date(2026, 11, 28))[0]
    download = dataclasses.replace(download, make=lambda: made.append(1) or b"PK")
    failed: dict[str, str] = {}
    with monkeypatch.context() as disk_full:
        half_then_enospc(disk_full, folder / "audit")
        # the person gets a file of its kind that says so, never the case's data
        notice = ui_downloads.made(download, CHAIR, "nl", failed)()
    assert "niets geëxporteerd" in failed[download.slug]
    assert notice != b"PK" and "Noëlle" not in notice.decode("utf-8", "replace")
    assert made == []  # the file was never made
    assert ui_downloads.made(download, CHAIR, "nl")() == b"PK"
    assert [e["what"] for m in audit.months() for e in audit.entries(m)] == ["sign-in", "export"]


# -- reads ----------------------------------------------------------------------------------------

def test_reads_are_logged_once_per_case_per_person_per_ten_minutes(folder):
    def read(who, case_id, minutes):
        return audit.record_read(who=who, role="voorzitter", case_id=case_id,
                                 now=NOW + dt.timedelta(minutes=minutes))

    assert read("anna", "c1", 0)
    assert not read("anna", "c1", 5)
    assert read("anna", "c2", 5) and read("bram", "c1", 5)
    assert audit.record_change(who="anna", role="voorzitter", case_id="c1", now=NOW)  # apart
    assert read("anna", "c1", 10)
    assert [e["what"] for e in audit.entries("2026-11")] == [
        "read", "read", "read", "change", "read"]


def test_a_log_locked_too_long_refuses_in_dutch(folder, monkeypatch):
    from filelock import FileLock, Timeout

    def busy(self, *args, **kwargs):
        raise Timeout(str(self.lock_file))

    monkeypatch.setattr(FileLock, "acquire", busy)
    with pytest.raises(HGSError, match="te lang bezet"):
        audit.record_before("erase", refusal="errors.audit.erase_refused", who="anna",
                            role="voorzitter", case_id="c1")
