"""Tests for the quarantine in hgs.store: a damaged or foreign file in the data folder is set
aside with its reason, the other cases keep working, and network.json damaged never stops the
app. Real files in a temporary folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hgs import demo
from hgs.errors import NotFound, StorageError
from hgs.method.records import SCHEMA_VERSION, Case
from hgs.store import QUARANTINE, TinyDBStore


def case_doc(case_id: str = "vreemd1", code: str = "L-2026-0099") -> dict:
    return {"id": case_id, "code": code, "first_name": "Noor", "organisation_id": "org1",
            "group": "", "status": "actief", "created": "2026-03-02", "consents": []}


def meeting_doc(case_id: str = "vreemd1", **fields) -> dict:
    return {"id": "mvreemd", "case_id": case_id, "date": "2026-03-02", **fields}


def as_json(data) -> bytes:
    return json.dumps(data).encode()


GOOD_META = {"1": {"schema": SCHEMA_VERSION}}

# name in cases/, its content, and a word the Dutch reason must contain
DAMAGED = {
    "truncated": ("vreemd1.json", b'{"meta": {"1": {"schema": 1}}, "case": {"1": {"id": "vre',
                  "geen geldige JSON"),
    "random bytes": ("vreemd1.json", bytes(range(256)) * 4, "geen leesbare tekst"),
    "empty": ("vreemd1.json", b"", "geen geldige JSON"),
    "nul bytes": ("vreemd1.json", b"\x00" * 64, "geen geldige JSON"),
    "json list": ("vreemd1.json", b"[1, 2, 3]", "geen bestand van HGS"),
    "json number": ("vreemd1.json", b"42", "geen bestand van HGS"),
    "not tinydb": ("vreemd1.json", as_json({"naam": "Noor", "groep": 5}), "geen bestand van HGS"),
    "deeply nested": ("vreemd1.json", b"[" * 100_000 + b"]" * 100_000, "geen geldige JSON"),
    "no case": ("vreemd1.json", as_json({"meta": GOOD_META, "settings": {}}),
                "er staat geen casus in"),
    "wrong schema": ("vreemd1.json", as_json({"meta": GOOD_META, "case": {"1": {"naam": "x"}}}),
                     "klopt niet"),
    "unknown field": ("vreemd1.json",
                      as_json({"meta": GOOD_META, "case": {"1": {**case_doc(), "bsn": "1"}}}),
                      "klopt niet"),
    "bad meeting": ("vreemd1.json", as_json({"meta": GOOD_META, "case": {"1": case_doc()},
                                             "meetings": {"1": meeting_doc(rating=99)}}),
                    "Rapportcijfer"),
    "meeting of another case": ("vreemd1.json", as_json({
        "meta": GOOD_META, "case": {"1": case_doc()}, "meetings": {"1": meeting_doc("ander")}}),
        "andere casus"),
    "newer schema": ("vreemd1.json", as_json({"meta": {"1": {"schema": SCHEMA_VERSION + 1}},
                                              "case": {"1": case_doc()}}), "nieuwere versie"),
    "odd schema": ("vreemd1.json", as_json({"meta": {"1": {"schema": "twee"}},
                                            "case": {"1": case_doc()}}), "schemaversie"),
    "id not its name": ("anders.json", as_json({"meta": GOOD_META, "case": {"1": case_doc()}}),
                        "andere casus"),
    "foreign name": ("kopie van vreemd1.json", as_json({"meta": GOOD_META,
                                                        "case": {"1": case_doc()}}),
                     "onbekende bestandsnaam"),
}


@pytest.fixture
def two_cases(tinydb_store, new_case, new_meeting):
    """Two sound cases with a meeting each."""
    return [new_meeting(new_case()) for _ in range(2)]


@pytest.mark.parametrize("kind", DAMAGED)
def test_damaged_case_file_is_set_aside_and_the_others_work(tinydb_store, two_cases, kind):
    store = tinydb_store
    name, content, reason = DAMAGED[kind]
    (store.cases_dir / name).write_bytes(content)
    assert [c.id for c in store.cases()] == sorted(m.case_id for m in two_cases)
    assert not (store.cases_dir / name).exists()
    moved = store.data_dir / QUARANTINE / name
    assert moved.read_bytes() == content  # set aside whole, never changed
    note = moved.with_name(name + ".reden.txt").read_text(encoding="utf-8")
    assert f"Was: cases/{name}" in note and reason in note and "Wat nu?" in note
    [aside] = store.quarantined()
    assert (aside.name, aside.original) == (name, f"cases/{name}")
    assert reason in aside.reason
    for meeting in two_cases:  # the others keep working
        store.set_field(meeting.case_id, meeting.id, "reason", "gaat door")
        assert store.get_meeting(meeting.case_id, meeting.id).reason == "gaat door"
    assert store.create_case(Case(code="L-2026-0500", first_name="Ava", organisation_id="o"))
    assert len(store.cases()) == 3


def test_a_case_set_aside_is_not_found_anymore(tinydb_store, two_cases):
    store = tinydb_store
    meeting = two_cases[0]
    path = store.case_path(meeting.case_id)
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(StorageError, match="beschadigd"):  # direct reads refuse, move nothing
        store.get_case(meeting.case_id)
    assert path.exists()
    assert [c.id for c in store.cases()] == [two_cases[1].case_id]
    with pytest.raises(NotFound):
        store.get_case(meeting.case_id)
    assert not Path(str(path) + ".lock").exists()


def test_a_file_damaged_after_it_was_read_is_still_caught(tinydb_store, two_cases):
    store = tinydb_store
    assert len(store.cases()) == 2
    path = store.case_path(two_cases[0].case_id)
    path.write_text("{kapot", encoding="utf-8")
    assert [c.id for c in store.cases()] == [two_cases[1].case_id]
    assert [q.name for q in store.quarantined()] == [path.name]


def test_the_same_name_twice_keeps_both(tinydb_store, two_cases):
    store = tinydb_store
    for content in (b"{een", b"{twee"):
        (store.cases_dir / "vreemd1.json").write_bytes(content)
        store.cases()
    aside = sorted(p.read_bytes() for p in (store.data_dir / QUARANTINE).glob("vreemd1*.json"))
    assert aside == [b"{een", b"{twee"]
    assert len(store.quarantined()) == 2


def test_a_file_put_back_by_hand_is_no_longer_listed(tinydb_store, two_cases):
    store = tinydb_store
    (store.cases_dir / "vreemd1.json").write_bytes(b"{")
    store.cases()
    (store.data_dir / QUARANTINE / "vreemd1.json").rename(store.data_dir / "gered.json")
    assert store.quarantined() == []


def test_a_sound_case_written_meanwhile_is_never_set_aside(tinydb_store, two_cases):
    """A file that looks wrong without its lock is looked at again under the lock."""
    store = tinydb_store
    good = store.case_path(two_cases[0].case_id)
    content = good.read_bytes()
    good.write_bytes(b"{")
    lock_taken = []

    import filelock

    original = filelock.FileLock.acquire

    def acquire(self, *args, **kwargs):  # the writer finishes just as the check takes the lock
        if self.lock_file == str(good) + ".lock" and not lock_taken:
            lock_taken.append(True)
            good.write_bytes(content)
        return original(self, *args, **kwargs)

    filelock.FileLock.acquire = acquire
    try:
        assert len(store.cases()) == 2
    finally:
        filelock.FileLock.acquire = original
    assert lock_taken and store.quarantined() == []


def test_a_file_that_cannot_be_moved_is_left_out_without_stopping(tinydb_store, two_cases):
    if os.geteuid() == 0:
        pytest.skip("root may write in a read-only folder")
    store = tinydb_store
    (store.cases_dir / "vreemd1.json").write_bytes(b"{")
    store.cases_dir.chmod(0o555)
    try:
        assert len(store.cases()) == 2
    finally:
        store.cases_dir.chmod(0o755)
    assert (store.cases_dir / "vreemd1.json").exists()


def test_demo_folder_with_damaged_files_still_opens(tmp_path):
    store = TinyDBStore(tmp_path)
    demo.build_network(store, cases=6, seed=1, meetings=2)
    ids = store.case_ids()
    for case_id, damage in zip(ids, (b"", b"{\"case\":", os.urandom(500))):
        store.case_path(case_id).write_bytes(damage)
    assert [c.id for c in store.cases()] == ids[3:]
    assert len(store.quarantined()) == 3


# -- network.json -------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    b'{"organisations": {"1": {"id": "o1", "na', b"\xff\xfe\x00garbage", b"[]",
    as_json({"organisations": {"1": {"id": "o1", "name": "", "sector": "PO"}}}),
    as_json({"organisations": {"1": {"id": "o1", "name": "X", "sector": "ruimte"}}}),
    as_json({"settings": {"1": {"value": 1}}}),
    as_json({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "organisations": {}}),
], ids=["truncated", "bytes", "list", "empty name", "bad sector", "setting without name",
        "newer"])
def test_damaged_network_file_is_set_aside_and_the_app_goes_on(tinydb_store, two_cases,
                                                               content):
    store = tinydb_store
    store.network_path.write_bytes(content)
    assert store.organisations() == []  # no exception: an empty network
    assert store.setting("initialised") is True  # the demo never fills a folder with cases
    assert demo.load_demo_if_empty(store) is False
    [aside] = store.quarantined()
    assert aside.original == "network.json"
    assert (store.data_dir / QUARANTINE / "network.json").read_bytes() == content
    store.set_setting("netwerknaam", "SWV")
    assert store.setting("netwerknaam") == "SWV"
    assert len(store.cases()) == 2


@pytest.mark.parametrize("call", [
    lambda s: s.setting("demo"), lambda s: s.settings(),
    lambda s: s.set_setting("demo", False), lambda s: s.remove_organisation("o1"),
    lambda s: s.save_organisation(__import__("hgs.method.records").method.records.Organisation(name="X",
                                                                             sector="PO")),
], ids=["setting", "settings", "set_setting", "remove_organisation", "save_organisation"])
def test_every_network_call_survives_a_damaged_file(tinydb_store, call):
    tinydb_store.set_setting("netwerknaam", "SWV")
    tinydb_store.network_path.write_bytes(b"{kapot")
    call(tinydb_store)
    assert [q.original for q in tinydb_store.quarantined()] == ["network.json"]
    json.loads(tinydb_store.network_path.read_text(encoding="utf-8"))


# -- special files -------------------------------------------------------------------------------

def unblock(path: Path) -> None:
    """Give a reader stuck on FIFO `path` its end of file (only when the code under test failed
    and opened it: a writer's open then succeeds at once)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # no reader: nothing is stuck
        return
    os.close(fd)


def within(seconds: float, work, *unblocking: Path):
    """`work()` in a thread; fails (and frees it) when it takes longer than `seconds`."""
    import threading

    result: list = []
    worker = threading.Thread(target=lambda: result.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    stuck = worker.is_alive()
    for path in unblocking:
        for place in (path, *path.parent.parent.rglob(path.name)):
            if place.exists() and not place.is_file():
                unblock(place)
    worker.join(5)
    assert not stuck, f"{work} hung on a special file"
    return result[0]


def test_a_named_pipe_in_cases_is_set_aside_without_blocking_listing_or_backup(tinydb_store,
                                                                                two_cases):
    from hgs.store import backup

    store = tinydb_store
    fifo = store.cases_dir / "pijp.json"
    os.mkfifo(fifo)
    found = within(5, store.cases, fifo)
    assert sorted(c.id for c in found) == sorted(m.case_id for m in two_cases)
    assert not fifo.exists()
    [aside] = store.quarantined()
    assert aside.original == "cases/pijp.json" and "gewoon bestand" in aside.reason
    os.mkfifo(fifo)  # another one, found by the back-up first
    made = within(10, lambda: backup.create_backup(store), fifo)
    assert backup.check_backup(made.path).ok
    assert within(5, store.case_ids, fifo) == sorted(m.case_id for m in two_cases)


def test_a_case_id_that_names_a_pipe_gives_a_message_not_a_hang(tinydb_store, two_cases):
    store = tinydb_store
    fifo = store.cases_dir / "pijp2.json"
    os.mkfifo(fifo)

    def read():
        try:
            store.get_case("pijp2")
        except (StorageError, NotFound) as error:
            return str(error)
        return "no error"

    assert within(5, read, fifo) != "no error"
