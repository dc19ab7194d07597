"""A full disk or a read-only data folder while saving: the store raises an OSError, the previous
file stays byte-identical and no temporary file is left; on screen a Dutch message, and what was
typed stays. The operating system's calls are made to fail only for the test's data folder."""

from __future__ import annotations

import datetime as dt
import errno
import os
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.errors import disk_problem
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import TinyDBStore

ERRORS = {"ENOSPC": errno.ENOSPC, "EROFS": errno.EROFS, "EACCES": errno.EACCES}
# Where a write can fail: creating the temporary file (a read-only folder), flushing it to disk
# (a full disk) or moving it into place.
STAGES = ("mkstemp", "fsync", "replace")


def everything(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def filled(tmp_path):
    store = TinyDBStore(tmp_path / "data")
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 3, 2)))
    store.set_field(case.id, meeting.id, "reason", "zoals het was")
    return store, case, meeting


def break_disk(monkeypatch, folder: Path, stage: str, code: int) -> None:
    """Make one system call fail with `code` for files in `folder`, as the OS would."""
    def inside(path) -> bool:
        return str(folder) in str(path)

    def fail(name):
        raise OSError(code, os.strerror(code), name)

    if stage == "mkstemp":
        real = tempfile.mkstemp

        def mkstemp(*args, dir=None, **kwargs):
            if inside(dir):
                fail(dir)
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    elif stage == "fsync":
        real_fsync = os.fsync

        def fsync(fd):
            if inside(os.readlink(f"/proc/self/fd/{fd}")):
                fail(fd)
            return real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
    else:
        real_replace = os.replace

        def replace(src, dst, **kwargs):
            if inside(dst):
                fail(dst)
            return real_replace(src, dst, **kwargs)

        monkeypatch.setattr(os, "replace", replace)


WRITES = {
    "set_field": lambda s, c, m: s.set_field(c.id, m.id, "reason", "NIEUW"),
    "add_item": lambda s, c, m: s.add_item(c.id, m.id, "questions", text="NIEUW"),
    "update_case": lambda s, c, m: s.update_case(c.id, lambda case: setattr(case, "group", "8")),
    "create_meeting": lambda s, c, m: s.create_meeting(Meeting(case_id=c.id,
                                                               date=dt.date(2026, 6, 1))),
    "create_case": lambda s, c, m: s.create_case(Case(code="L-2026-0002", first_name="Noor",
                                                      organisation_id="o")),
    "import_case": lambda s, c, m: s.import_case(c.model_copy(update={"group": "9"}), [m]),
    "save_organisation": lambda s, c, m: s.save_organisation(Organisation(name="Nieuw",
                                                                          sector="VO")),
    "set_setting": lambda s, c, m: s.set_setting("netwerknaam", "NIEUW"),
}


@pytest.mark.parametrize("error", ERRORS)
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("write", WRITES)
def test_a_failing_disk_leaves_every_file_as_it_was(filled, monkeypatch, write, stage, error):
    store, case, meeting = filled
    before = everything(store.data_dir)
    break_disk(monkeypatch, store.data_dir, stage, ERRORS[error])
    with pytest.raises(OSError) as info:
        WRITES[write](store, case, meeting)
    assert info.value.errno == ERRORS[error]
    assert everything(store.data_dir) == before  # byte-identical, and no temporary file left
    monkeypatch.undo()
    WRITES[write](store, case, meeting)  # the disk has room again: the same write goes through
    assert store.get_meeting(case.id, meeting.id).id == meeting.id


def test_the_dutch_words_for_disk_problems():
    assert disk_problem(OSError(errno.ENOSPC, "No space left on device")) == "de schijf is vol"
    assert disk_problem(OSError(errno.EROFS, "x")) == "de gegevensmap is alleen-lezen"
    assert disk_problem(OSError(errno.EACCES, "x")) == "HGS mag niet schrijven in de gegevensmap"
    assert disk_problem(OSError(errno.ENOENT, "No such file")) == "No such file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_really_read_only_folder(filled):
    store, case, meeting = filled
    before = everything(store.data_dir)
    for folder in (store.data_dir, store.cases_dir):
        folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            store.set_field(case.id, meeting.id, "reason", "NIEUW")
    finally:
        for folder in (store.data_dir, store.cases_dir):
            folder.chmod(0o755)
    assert everything(store.data_dir) == before


# -- on screen ----------------------------------------------------------------------------------

@pytest.mark.parametrize("error", ERRORS)
def test_typed_text_stays_on_screen_with_a_dutch_message(filled, monkeypatch, error):
    store, case, meeting = filled
    monkeypatch.setenv("HGS_DATA_DIR", str(store.data_dir))
    monkeypatch.setenv("HGS_DEMO", "0")
    at = AppTest.from_file("../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.run()
    at.switch_page(pages.PREPARATION.path).run()
    assert not at.exception, at.exception
    before = store.case_path(case.id).read_bytes()
    key = f"m-{meeting.id}-reason"
    break_disk(monkeypatch, store.data_dir, "replace", ERRORS[error])
    at.text_area(key=key).set_value("Wat de ouders vertelden, net getypt").run()
    assert not at.exception, at.exception
    [message] = [e.value for e in at.error if "Opslaan is niet gelukt" in e.value]
    assert disk_problem(OSError(ERRORS[error], "")) in message
    assert "Wat u typte staat nog op het scherm" in message
    assert at.text_area(key=key).value == "Wat de ouders vertelden, net getypt"
    assert store.case_path(case.id).read_bytes() == before
    monkeypatch.undo()
    monkeypatch.setenv("HGS_DATA_DIR", str(store.data_dir))
    at.text_area(key=key).set_value("Wat de ouders vertelden, opnieuw").run()
    assert not [e for e in at.error if "Opslaan is niet gelukt" in e.value]
    assert store.get_meeting(case.id, meeting.id).reason == "Wat de ouders vertelden, opnieuw"
