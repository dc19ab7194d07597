"""The network's facts kept beside the cases on PostgreSQL: a `case_facts` row per case, written
in the same transaction as every change of the case or its meetings, so a fresh Netwerk reads one
compact table instead of every case and meeting document.

A row holds the case's version it was made from (the version moves with every write) and the
facts of hgs.method.facts. A reader asks one cheap question per page run (the highest version and
the number of cases); when it moved it compares versions, takes the rows that changed, and
rebuilds a missing or stale row (a write by an older HGS, an upgrade of the documents) from its
case, saying so in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from psycopg.types.json import Jsonb

from hgs.method.facts import FACTS_VERSION, facts_or_none

log = logging.getLogger(__name__)
Changes = tuple[bool, dict[str, dict | None]]
BATCH = 2000  # cases' facts per query on a fresh start

_CASE = ("SELECT c.version, c.doc, coalesce((SELECT jsonb_agg(m.doc ORDER BY m.date, m.id) "
         "FROM meetings m WHERE m.case_id = c.id), '[]'::jsonb) FROM cases c WHERE c.id = %s")
_KEEP = ("INSERT INTO case_facts (case_id, version, facts_version, facts) "
         "VALUES (%s, %s, %s, %s) ON CONFLICT (case_id) DO UPDATE SET "
         "version = EXCLUDED.version, facts_version = EXCLUDED.facts_version, "
         "facts = EXCLUDED.facts")


def keep_facts(conn: Any, case_id: str) -> None:
    """The case's facts made again from its rows as this transaction sees them (called by the
    store at the end of every write of the case)."""
    row = conn.execute(_CASE, (case_id,)).fetchone()
    if row is None:
        return  # erased: its facts went with it (ON DELETE CASCADE)
    version, case, meetings = row
    facts = facts_or_none({"case": case, "meetings": meetings})
    conn.execute(_KEEP, (case_id, version, FACTS_VERSION, Jsonb(facts)))


class CaseFactRows:
    """Netwerk's source on PostgreSQL (see hgs.store.sources.FactsSource)."""

    def __init__(self, transaction: Callable[[], AbstractContextManager[Any]]) -> None:
        self._transaction = transaction
        self._mark: tuple | None = None  # (highest version, number of cases) last seen
        self._versions: dict[str, int] = {}

    def changes(self) -> Changes:
        with self._transaction() as conn:
            mark = conn.execute("SELECT max(version), count(*) FROM cases").fetchone()
            if mark == self._mark:
                return False, {}
            everything = self._mark is None
            rows = conn.execute(
                "SELECT c.id, c.version, f.version, f.facts_version FROM cases c "
                "LEFT JOIN case_facts f ON f.case_id = c.id").fetchall()
        stale = [case_id for case_id, version, kept, facts_version in rows
                 if kept != version or facts_version != FACTS_VERSION]
        if stale:
            log.warning("facts of %d cases missing or stale in case_facts: rebuilt from their "
                        "cases", len(stale))
            for case_id in stale:
                with self._transaction() as conn:
                    if conn.execute("SELECT 1 FROM cases WHERE id = %s FOR UPDATE",
                                    (case_id,)).fetchone():  # no writer meanwhile
                        keep_facts(conn, case_id)
        versions = {case_id: version for case_id, version, _, _ in rows}
        wanted = list(versions) if everything else [
            key for key, version in versions.items() if self._versions.get(key) != version]
        changed: dict[str, dict | None] = {key: None for key in self._versions
                                           if key not in versions}
        for start in range(0, len(wanted), BATCH):  # each statement well within its timeout
            with self._transaction() as conn:
                for case_id, version, facts in conn.execute(
                        "SELECT case_id, version, facts FROM case_facts WHERE case_id = ANY(%s)",
                        (wanted[start:start + BATCH],)).fetchall():
                    changed[case_id] = facts
                    versions[case_id] = version
        self._versions, self._mark = versions, mark
        return everything, changed
