"""Where the Netwerk dashboard reads a whole network: raw case documents, each with a stamp.

The dashboard keeps the facts of every case and re-reads only the cases whose stamp moved, so a
source answers two questions cheaply: `stamps()`, the change stamp of every case (a case file's
stat on TinyDB, a case row's version on PostgreSQL), and `read(stale)`, the documents of some
cases as plain dicts `{"case": {...}, "meetings": [...]}` at the current schema, None for one that
cannot be read. No records are built: a cold read of 10,000 MDOs must stay close to just parsing
the JSON. What the documents mean is hgs.analytics's business.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import AbstractContextManager
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

from hgs.store.document import case_file, plain_document
from hgs.store.files import read_regular

Documents = Iterator[tuple[str, Hashable, dict | None]]


class DocumentSource(Protocol):
    """What `Store.documents()` returns."""

    def stamps(self) -> dict[str, Hashable]: ...

    def read(self, stale: Iterable[str]) -> Documents: ...


class FactsSource(Protocol):
    """What `Store.case_facts()` returns: the facts of every case (hgs.method.facts), kept by
    the store on each write. `changes()` is (True, every case's facts) the first time and
    whenever the source starts anew, else (False, the facts of the cases changed since the last
    call, None for one gone or unreadable)."""

    def changes(self) -> tuple[bool, dict[str, dict | None]]: ...


def _stamp(info: os.stat_result) -> Hashable:
    return info.st_mtime_ns, info.st_size, info.st_ino


class CaseFileDocuments:
    """The case files of a data folder (`cases/<case id>.json`), stamped by their stat."""

    def __init__(self, cases_dir: Path) -> None:
        self.cases_dir = cases_dir

    def stamps(self) -> dict[str, Hashable]:
        try:
            entries = list(os.scandir(self.cases_dir))
        except FileNotFoundError:
            return {}
        stamps = {}
        for entry in entries:
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                try:
                    stamps[entry.name.removesuffix(".json")] = _stamp(entry.stat())
                except FileNotFoundError:  # erased meanwhile
                    continue
        return stamps

    def read(self, stale: Iterable[str]) -> Documents:
        for case_id in stale:
            path = self.cases_dir / case_file(case_id)
            try:
                # stat first: a write in between leaves an old stamp beside newer content,
                # which only makes the next refresh read the file again
                stamp = _stamp(path.stat())
            except FileNotFoundError:  # erased meanwhile
                continue
            try:
                document = plain_document(read_regular(path))
            except OSError:  # a named pipe, unreadable: left out until it changes, never fatal
                document = None
            yield case_id, stamp, document


class CaseRowDocuments:
    """The case rows of a PostgreSQL store, stamped by their version (which moves with every
    write to the case or one of its meetings)."""

    BATCH = 200  # cases per query on a cold start

    def __init__(self, rows: Callable[[str, tuple], list[tuple]],
                 connection: Callable[[], AbstractContextManager[Any]]) -> None:
        self._rows, self._connection = rows, connection

    def stamps(self) -> dict[str, Hashable]:
        return dict(self._rows("SELECT id, version FROM cases", ()))

    def read(self, stale: Iterable[str]) -> Documents:
        """The case row is read before its meetings: a write in between leaves an old version
        beside newer meetings, which only makes the next refresh read that case again."""
        case_ids = list(stale)
        for start in range(0, len(case_ids), self.BATCH):
            batch = case_ids[start:start + self.BATCH]
            with self._connection() as conn:
                cases = conn.execute("SELECT id, version, doc FROM cases WHERE id = ANY(%s)",
                                     (batch,)).fetchall()
                meetings = conn.execute("SELECT case_id, doc FROM meetings WHERE case_id = ANY(%s) "
                                        "ORDER BY case_id, date, id", (batch,)).fetchall()
            by_case = {case_id: [doc for _, doc in rows]
                       for case_id, rows in groupby(meetings, key=itemgetter(0))}
            for case_id, version, doc in cases:
                yield case_id, version, {"case": doc, "meetings": by_case.get(case_id, [])}
