"""The network's facts kept beside the case files: `facts.jsonl` in the data folder, so a fresh
Netwerk reads one compact file instead of parsing every case.

Each case write appends one line `{"id", "stamp", "facts"}` under the case's lock (the facts
are hgs.method.facts.case_facts of the case as just written; `stamp` is its file's stat), and the
last line of a case wins. Appending is cheap and needs no fsync: the file is derived data. A
reader follows the file by its size (one stat per page run) and reads only the lines added since;
when the file is new to it (a fresh process, a compaction, a restore) it checks every case file's
stamp once and rebuilds the facts of cases that are missing or stale — and a missing facts file
from all cases — saying so in the log. Erasing a case rewrites the file without it (no copy of
its texts or name stays behind).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Hashable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path

import orjson
from filelock import FileLock

from hgs.method.facts import FACTS_VERSION, facts_or_none
from hgs.store.document import CASES, case_file, lock_of, plain_document
from hgs.store.files import read_regular, replacing

log = logging.getLogger(__name__)
FACTS = "facts.jsonl"  # in the data folder; never backed up (rebuilt from the cases)
Changes = tuple[bool, dict[str, dict | None]]  # (everything anew?, facts per case; None: gone)


def _stamp(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_mtime_ns, info.st_size, info.st_ino]


def _document(data: dict) -> dict | None:
    """A case file's tables (as TinyDB holds them, migrated) as the facts read it."""
    case = (data.get("case") or {}).get("1")
    if not isinstance(case, dict):
        return None
    return {"case": case, "meetings": list((data.get("meetings") or {}).values())}


def _line(case_id: str, stamp: list[int] | None, facts: dict | None) -> bytes:
    return orjson.dumps({"id": case_id, "stamp": stamp, "facts": facts}) + b"\n"


class FactsFile:
    """The facts file of one data folder. `locked(path)` is the store's lock of a case file,
    held while a stale case is rebuilt, so a rebuild never appends older facts after a writer's."""

    def __init__(self, data_dir: Path,
                 locked: Callable[[Path], AbstractContextManager[None]]) -> None:
        self.path = data_dir / FACTS
        self.cases_dir = data_dir / CASES
        self._locked = locked

    def _lock(self) -> FileLock:
        return FileLock(str(lock_of(self.path)), timeout=30)

    # -- the write path (called by the store under the case's lock) --------------------------
    def wrote(self, case_id: str, path: Path, data: dict | None = None) -> None:
        """The case file at `path` was just written (`data`: its tables, when at hand)."""
        document = _document(data) if data is not None else plain_document(read_regular(path))
        self._append(_line(case_id, _stamp(path), facts_or_none(document)))

    def forget(self, path: Path) -> None:
        """The file at `path` was set aside: when a case file, its facts no longer count."""
        if path.parent == self.cases_dir and path.name.endswith(".json"):
            self._append(_line(path.name.removesuffix(".json"), None, None))

    def erased(self, case_id: str) -> None:
        """The case erased: the file rewritten without any line of it."""
        if not self.path.exists():
            return
        with self._lock():
            try:
                kept = self._fold(self._read_all()[0])
            except FileNotFoundError:
                return  # nothing kept yet
            kept.pop(case_id, None)
            self._write(kept)

    def _append(self, line: bytes) -> None:
        # No facts file yet: the first reader builds it from every case. It writes the file
        # before it stats the cases, so a case written before that stat is rebuilt by it.
        if not self.path.exists():
            return
        with self._lock():
            if not self.path.exists():  # gone meanwhile (a restore): rebuilt when next read
                return
            with open(self.path, "a+b") as handle:
                size = handle.seek(0, os.SEEK_END)
                if size:
                    handle.seek(size - 1)
                    if handle.read(1) != b"\n":
                        handle.write(b"\n")  # a killed writer's half line stays on its own
                handle.write(line)

    # -- whole file ----------------------------------------------------------------------------
    def _read_all(self) -> tuple[list[dict], int]:
        """Every whole line after the header, and the offset after the last whole line; ([], 0)
        for a file of another facts version."""
        raw = read_regular(self.path)
        end = raw.rfind(b"\n") + 1
        lines = raw[:end].splitlines()
        try:
            if orjson.loads(lines[0]).get("facts_version") != FACTS_VERSION:
                return [], 0
        except (IndexError, ValueError, AttributeError):
            return [], 0
        records = []
        for line in lines[1:]:
            try:
                records.append(orjson.loads(line))
            except ValueError:  # a half line of a killed writer
                continue
        return records, end

    @staticmethod
    def _fold(records: Iterable[dict]) -> dict[str, dict]:
        """The last record of each case, without the cases that are gone."""
        latest: dict[str, dict] = {}
        for record in records:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                latest[record["id"]] = record
        return {key: r for key, r in latest.items() if r.get("stamp") is not None}

    def _write(self, records: dict[str, dict]) -> None:
        with replacing(self.path) as handle:
            handle.write(orjson.dumps({"facts_version": FACTS_VERSION}) + b"\n")
            handle.writelines(_line(key, r["stamp"], r["facts"]) for key, r in records.items())

    def _case_stamps(self) -> dict[str, list[int]]:
        stamps = {}
        try:
            entries = list(os.scandir(self.cases_dir))
        except FileNotFoundError:
            return {}
        for entry in entries:
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                try:
                    info = entry.stat()
                except FileNotFoundError:
                    continue
                stamps[entry.name.removesuffix(".json")] = [info.st_mtime_ns, info.st_size,
                                                            info.st_ino]
        return stamps

    def _rebuild(self, case_id: str) -> None:
        """One case's facts read from its file and appended, under the case's lock (the order
        every writer takes: the case's lock, then the facts file's)."""
        path = self.cases_dir / case_file(case_id)
        with self._locked(path):
            try:
                stamp = _stamp(path)
                document = plain_document(read_regular(path))
            except OSError:  # gone meanwhile, a pipe, unreadable: left out
                return
            self._append(_line(case_id, stamp, facts_or_none(document)))

    def load(self) -> tuple[dict[str, dict], int, Hashable]:
        """Every case's record, checked once against the case files' stamps (missing or stale
        ones rebuilt from their case file, and written back); with the offset read up to and
        the file's identity."""
        with self._lock():
            try:
                records, end = self._read_all()
                fresh = bool(end)
            except FileNotFoundError:
                records, fresh = [], False
            if not fresh:
                self._write({})  # a new file with its header: writers append from now on
        kept = self._fold(records)
        stamps = self._case_stamps()
        stale = [key for key, stamp in stamps.items()
                 if key not in kept or kept[key]["stamp"] != stamp]
        gone = set(kept) - set(stamps)
        if not fresh:
            log.warning("facts file %s missing or of another version: rebuilt from %d cases",
                        self.path, len(stamps))
        elif stale or gone:
            log.warning("facts of %d cases stale or missing in %s: rebuilt from their case "
                        "files", len(stale) + len(gone), self.path)
        for key in stale:
            self._rebuild(key)
        with self._lock():
            records, end = self._read_all()
            kept = self._fold(records)
            for key in gone:
                if not (self.cases_dir / case_file(key)).exists():
                    kept.pop(key, None)
            if gone or len(records) > 2 * len(kept) + 1000:
                self._write(kept)  # without the cases gone; or compacted once lines pile up
                end = self.path.stat().st_size
            info = self.path.stat()
            return kept, end, (info.st_ino, info.st_dev)


class KeptFacts:
    """Netwerk's source on a data folder: `changes()` gives everything on the first call, then
    only the cases whose facts lines were added since — at the cost of one stat when nothing
    changed. A file rewritten meanwhile (an erase, a compaction, a restore) is read whole and
    compared by stamp, so still only the cases that changed are given."""

    def __init__(self, facts: FactsFile) -> None:
        self.facts = facts
        self._identity: Hashable = None
        self._offset = 0
        self._stamps: dict[str, list[int] | None] | None = None  # None: nothing given yet

    def changes(self) -> Changes:
        try:
            info = self.facts.path.stat()
        except FileNotFoundError:
            info = None
        if info is None or (info.st_ino, info.st_dev) != self._identity \
                or info.st_size < self._offset:
            kept, self._offset, self._identity = self.facts.load()
            before, self._stamps = self._stamps, {key: r["stamp"] for key, r in kept.items()}
            if before is None:
                return True, {key: r["facts"] for key, r in kept.items()}
            changed = {key: r["facts"] for key, r in kept.items() if before.get(key) != r["stamp"]}
            return False, {**{key: None for key in before if key not in kept}, **changed}
        if info.st_size == self._offset:
            return False, {}
        with open(self.facts.path, "rb") as handle:
            handle.seek(self._offset)
            tail = handle.read(info.st_size - self._offset)
        end = tail.rfind(b"\n") + 1  # a line being written is read next time
        self._offset += end
        changed: dict[str, dict | None] = {}
        for line in tail[:end].splitlines():
            try:
                record = orjson.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                changed[record["id"]] = record["facts"] if record.get("stamp") else None
                if self._stamps is not None:
                    self._stamps[record["id"]] = record.get("stamp")
        return False, changed
