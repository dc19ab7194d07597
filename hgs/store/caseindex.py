"""The case index: one short row per case, so Start can list and search every case without
reading every case file.

Why: Start and its search used to read and validate every case on every rerun (46 s at 10,000
cases). The index holds only what a list needs (code, first name, organisation, group, status,
consent, the MDO dates), kept by the store on each write.

TinyDB: one file beside the cases (`case_index.json`), written atomically under its own lock,
inside the case's lock, only when the case's row changes (an autosave of a text field changes no
row, so it pays one comparison, no write). A crash between the case write and the index write
heals on the next read: every case file changed at or after the index (by its ctime, which a
copy or a restore cannot set back) is read again, and a missing index is rebuilt from the cases.
A read checks the folder only when the cases folder or the index moved since this process last
looked (two `stat` calls otherwise).

PostgreSQL: a table `case_index` (one JSONB row per case, gone with its case by the cascade),
written by `pg_note` in the same transaction as the case write, with the same `row_of`. A query
over cases and meetings measured 1.7 s at 2,000 cases × 5 MDOs (every meeting document read for
its status), the table a few milliseconds. An autosave that changes no MDO's date, status or
cancellation does not touch it (`listed_fields_changed`).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock
from psycopg.types.json import Jsonb

from hgs.store.document import lock_of, plain_document
from hgs.store.files import atomic_write, read_regular

INDEX = "case_index.json"  # in the data folder, beside cases/ (never in a back-up: derived)
FORMAT = 1
# A folder changed this recently may change again within the same clock tick unseen: a check
# made then is not trusted for the next read.
SETTLE_NS = 200_000_000


@dataclass(frozen=True)
class CaseRow:
    """What a list of cases shows and searches, for one case."""

    id: str
    code: str
    first_name: str
    organisation_id: str
    group: str = ""
    status: str = "actief"  # actief / afgesloten
    no_consent: bool = False  # consent was given and every consent is withdrawn
    mdos: int = 0  # its MDOs, cancelled ones included
    last_mdo: dt.date | None = None  # the newest MDO held or under way (not cancelled)
    planned: tuple[dt.date, ...] = ()  # MDOs in preparation, not cancelled, by date

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "last_mdo": _iso(self.last_mdo),
                "planned": [day.isoformat() for day in self.planned]}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> CaseRow:
        return cls(**{**doc, "last_mdo": _day(doc.get("last_mdo")),
                      "planned": tuple(dt.date.fromisoformat(d) for d in doc.get("planned", ()))})


def row_of(case: dict[str, Any], meetings: Iterable[dict[str, Any]]) -> CaseRow:
    """The row of a stored case document and its meeting documents (plain dicts, as stored)."""
    meetings = list(meetings)
    alive = [m for m in meetings if not m.get("cancelled")]
    held = [m["date"] for m in alive if m.get("status", "voorbereiding") != "voorbereiding"]
    consents = case.get("consents") or []
    return CaseRow(
        id=case["id"], code=case["code"], first_name=case["first_name"],
        organisation_id=case["organisation_id"], group=case.get("group", ""),
        status=case.get("status", "actief"),
        no_consent=bool(consents) and all(c.get("withdrawn") for c in consents),
        mdos=len(meetings), last_mdo=_day(max(held, default=None)),
        planned=tuple(sorted(_day(m["date"]) for m in alive
                             if m.get("status", "voorbereiding") == "voorbereiding")))


def listed_fields_changed(before: dict[str, Any], after: Any) -> bool:
    """Did a meeting write (stored document `before`, record `after`) change what its case's
    row shows: the MDO's date, status or cancellation?"""
    return (str(before.get("date")), before.get("status", "voorbereiding"),
            before.get("cancelled")) != (after.date.isoformat(), after.status,
                                         _iso(after.cancelled))


def pg_note(conn: Any, case_id: str) -> None:
    """The case's row in PostgreSQL's `case_index`, in the caller's transaction (`conn`, a
    psycopg connection): worked out from the case document and its MDOs' date, status and
    cancellation (never whole meeting documents)."""
    found = conn.execute("SELECT doc FROM cases WHERE id = %s", (case_id,)).fetchone()
    if found is None:
        return
    meetings = [{"date": day, "status": status or "voorbereiding", "cancelled": cancelled}
                for day, status, cancelled in conn.execute(
                    "SELECT date, doc->>'status', doc->>'cancelled' FROM meetings "
                    "WHERE case_id = %s", (case_id,)).fetchall()]
    conn.execute("INSERT INTO case_index (id, entry) VALUES (%s, %s) "
                 "ON CONFLICT (id) DO UPDATE SET entry = EXCLUDED.entry",
                 (case_id, Jsonb(row_of(found[0], meetings).to_json())))


def pg_rows(conn: Any) -> list[CaseRow]:
    return [CaseRow.from_json(entry) for (entry,) in
            conn.execute("SELECT entry FROM case_index ORDER BY entry->>'code'").fetchall()]


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _stamp(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_ctime_ns, info.st_size, info.st_ino)


class FolderIndex:
    """The case index of one TinyDB data folder (`TinyDBStore` holds one)."""

    def __init__(self, data_dir: Path, cases_dir: Path) -> None:
        self.path = data_dir / INDEX
        self.cases_dir = cases_dir
        self._lock = threading.RLock()
        self._loaded: tuple[tuple[int, int, int] | None, dict[str, CaseRow]] = (None, {})
        self._checked: dict[str, tuple[int, int, int]] = {}  # case file -> stamp found in step
        self._fresh: tuple | None = None  # (folder stamp, index stamp) last found in step

    # -- the write path (the store calls this under the case's lock, after the case write) ----
    def note(self, case_path: Path, data: dict | None = None) -> None:
        """The case in `case_path` was written (its TinyDB document `data` when the caller has
        it) or erased: its row follows. A missing index stays missing (the next read builds
        it), so writing many cases in a row (the demo) never rewrites it each time."""
        try:
            stamp = _stamp(case_path.stat())
        except FileNotFoundError:
            stamp, row = None, None
        else:
            if data is None:
                doc = plain_document(read_regular(case_path))
            else:
                doc = {"case": (data.get("case") or {}).get("1"),
                       "meetings": list((data.get("meetings") or {}).values())}
            row = row_of(doc["case"], doc["meetings"]) if doc and doc["case"] else None
        name = case_path.name
        if not self.path.exists():  # (no lock file made for an index that is not there)
            return
        with self._locked():
            if not self.path.exists():
                return
            rows = dict(self._rows())
            if rows.get(name) != row:
                if row is None:
                    rows.pop(name, None)
                else:
                    rows[name] = row
                self._write(rows)
            if stamp is None:
                self._checked.pop(name, None)
            else:
                self._checked[name] = stamp

    # -- the read path ------------------------------------------------------------------------
    def rows(self) -> list[CaseRow]:
        """Every case's row, by code. Checks the folder only when it or the index moved."""
        with self._lock:
            return self._read()

    def _read(self) -> list[CaseRow]:
        try:
            folder = os.stat(self.cases_dir)
        except FileNotFoundError:
            return []
        folder_stamp = (folder.st_mtime_ns, folder.st_ino)
        try:
            index_stamp = _stamp(self.path.stat())
        except FileNotFoundError:
            index_stamp = None
        if index_stamp is not None and self._fresh == (folder_stamp, index_stamp):
            return self._sorted()
        self._heal(index_stamp)
        try:
            index_stamp = _stamp(self.path.stat())
        except FileNotFoundError:
            index_stamp = None
        settled = time.time_ns() - folder.st_mtime_ns > SETTLE_NS
        self._fresh = (folder_stamp, index_stamp) if settled else None
        return self._sorted()

    def _sorted(self) -> list[CaseRow]:
        return sorted(self._loaded[1].values(), key=lambda row: row.code)

    def _heal(self, index_stamp: tuple[int, int, int] | None) -> None:
        """Read again every case file the index may not have seen (new, or changed at or after
        the index was written), drop the rows of files gone; write the index when that changed
        anything (or when it was missing)."""
        rows = self._rows() if index_stamp is not None else {}
        since = index_stamp[0] if index_stamp else 0
        found: dict[str, tuple[int, int, int]] = {}
        with os.scandir(self.cases_dir) as entries:
            for entry in entries:
                if entry.name.endswith(".json") and not entry.name.startswith("."):
                    try:
                        found[entry.name] = _stamp(entry.stat())
                    except FileNotFoundError:
                        continue
        stale = [name for name, stamp in found.items()
                 if name not in rows or (stamp[0] >= since and self._checked.get(name) != stamp)]
        fresh: dict[str, tuple[CaseRow | None, tuple[int, int, int]]] = {}
        for name in stale:
            try:
                doc = plain_document(read_regular(self.cases_dir / name))
            except OSError:
                doc = None
            fresh[name] = (row_of(doc["case"], doc["meetings"]) if doc else None, found[name])
        gone = set(rows) - set(found)
        changed = any(rows.get(name) != row for name, (row, _) in fresh.items())
        if not (changed or gone or index_stamp is None):
            self._checked.update({name: stamp for name, (_, stamp) in fresh.items()})
            return
        with self._locked():
            rows = dict(self._rows()) if self.path.exists() else {}
            for name, (row, stamp) in fresh.items():
                try:
                    if _stamp((self.cases_dir / name).stat()) != stamp:
                        continue  # written meanwhile: that writer's row is the newer one
                except FileNotFoundError:
                    row = None
                if row is None:
                    rows.pop(name, None)
                else:
                    rows[name] = row
                self._checked[name] = stamp
            for name in gone:
                if not (self.cases_dir / name).exists():
                    rows.pop(name, None)
                    self._checked.pop(name, None)
            self._write(rows)

    # -- the file -----------------------------------------------------------------------------
    def _rows(self) -> dict[str, CaseRow]:
        """The rows in the index file, by case file name (parsed again only when it moved)."""
        try:
            stamp = _stamp(self.path.stat())
        except FileNotFoundError:
            return {}
        if self._loaded[0] != stamp:
            try:
                data = orjson.loads(read_regular(self.path))
                rows = {name: CaseRow.from_json(doc) for name, doc in data["rows"].items()} \
                    if data.get("format") == FORMAT else {}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                rows = {}  # damaged or foreign: every case file is read again
                stamp = (0, 0, 0)
            self._loaded = (stamp, rows)
        return self._loaded[1]

    def _write(self, rows: dict[str, CaseRow]) -> None:
        atomic_write(self.path, orjson.dumps(
            {"format": FORMAT, "rows": {name: row.to_json() for name, row in rows.items()}})
            .decode())
        self._loaded = (_stamp(self.path.stat()), rows)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """This process's thread lock and the index's file lock, held together."""
        with self._lock, FileLock(str(lock_of(self.path)), timeout=30):
            yield
