"""Persistence on PostgreSQL: the same Store interface, for one HGS shared by a whole network.

Every record is a JSONB document beside the few columns the dashboard filters on. Each write is
one transaction: `update_meeting` locks the case row (whose version moves with every change, so
the dashboard re-reads only changed cases) and then the meeting row with `SELECT … FOR UPDATE`,
applies the change, validates and writes, so two app processes never lose each other's update.
The schema is created and migrated by the app on start, under an advisory lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson
import psycopg
from psycopg import errors as pgerrors
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb, set_json_loads
from psycopg_pool import ConnectionPool, PoolClosed, PoolTimeout, TooManyRequests

from hgs import config
from hgs.errors import InvalidInput, NotFound, StorageError
from hgs.i18n import t
from hgs.method.planning import removal_problem
from hgs.method.records import Case, Meeting, Organisation
from hgs.store.base import Store
from hgs.store.caseindex import CaseRow, listed_fields_changed, pg_note, pg_rows
from hgs.store.document import SAFE_ID
from hgs.store.editing import changed, validated
from hgs.store.pgfacts import CaseFactRows, keep_facts
from hgs.store.pgschema import migrate_schema
from hgs.store.sources import CaseRowDocuments

# While the database is away a save or a page must get its Dutch message within 5 s (and the
# typed text stays on screen), never wait half a minute and raise something else; once the
# server is back the pool connects again by itself.
CONNECT_TIMEOUT = 3  # s: a new connection to a server that does not answer (libpq's minimum: 2)
POOL_TIMEOUT = 3.0  # s: waiting for a connection from the pool (a new one if the old broke)
STATEMENT_TIMEOUT = 5000  # ms: one statement, lock waits included
IDLE_IN_TRANSACTION_TIMEOUT = 10_000  # ms: a transaction left open by a dead app process
TCP_USER_TIMEOUT = 4000  # ms: data the server's host does not acknowledge (it vanished)
# A page reads the store several times: once the pool found no server, the next reads in this
# many seconds say so at once instead of waiting POOL_TIMEOUT each; after it, one tries again.
AWAY_FOR = 2.0
CONNECTION_OPTIONS = {"connect_timeout": CONNECT_TIMEOUT, "tcp_user_timeout": TCP_USER_TIMEOUT,
                      "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 2,
                      "keepalives_count": 3}
NEW_VERSION = "nextval('case_versions')"
# Bump the case's version, which also locks its row for the rest of the transaction. Every write
# takes the case row first and its meeting rows after (as erase_case's cascade does), so two
# writers never wait for each other crosswise.
TOUCH_CASE = f"UPDATE cases SET version = {NEW_VERSION} WHERE id = %s RETURNING version"


def where(url: str) -> str:
    """The server and database of `url` for a message, without user or password."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(onleesbaar adres)"
    return f"{info.get('host', 'localhost')}:{info.get('port', 5432)}/{info.get('dbname', '')}"


def _configure(conn: psycopg.Connection) -> None:
    set_json_loads(orjson.loads, conn)  # JSONB arrives parsed by orjson, as the files are
    conn.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT}")
    conn.execute(f"SET idle_in_transaction_session_timeout = {IDLE_IN_TRANSACTION_TIMEOUT}")


def _check_id(case_id: str) -> None:
    if not SAFE_ID.match(case_id):
        raise NotFound(t("errors.store.case_missing"))


class PostgresStore(Store):
    """Organisations, settings, cases and meetings in one PostgreSQL database (or schema: the
    URL's `options=-csearch_path=…` picks one)."""

    def __init__(self, url: str, pool_size: int | None = None) -> None:
        self.url = url
        self._away_until = 0.0  # monotonic time until which the server counts as away
        self._index: tuple[tuple | None, list[CaseRow]] = (None, [])  # (cases' stamp, rows)
        size = pool_size or config.pool_size()
        try:
            # One direct connection first: a wrong address or password fails fast, with the
            # server's own reason, instead of the pool retrying in the background.
            with psycopg.connect(url, autocommit=True, **CONNECTION_OPTIONS) as conn:
                migrate_schema(conn)
        except psycopg.Error as error:
            raise StorageError(t("errors.pgstore.unusable", where=where(url),
                                 error=str(error).strip())) from error
        # Each connection is checked as it leaves the pool (one round trip): after a database
        # restart or failover the next save gets a fresh connection instead of an error.
        self.pool = ConnectionPool(url, min_size=1, max_size=size, open=False, name="hgs",
                                   configure=_configure, check=ConnectionPool.check_connection,
                                   timeout=POOL_TIMEOUT, reconnect_timeout=0,
                                   kwargs={"autocommit": True, "application_name": "hgs",
                                           **CONNECTION_OPTIONS})
        try:
            self.pool.open(wait=True, timeout=CONNECT_TIMEOUT * 2)
        except PoolTimeout as error:
            self.pool.close()
            raise StorageError(t("errors.pgstore.unreachable", where=where(url))) from error

    def close(self) -> None:
        self.pool.close()

    def documents(self) -> CaseRowDocuments:
        return CaseRowDocuments(self._rows, self._connection)

    def case_index(self) -> list[CaseRow]:
        """The rows of `case_index`, kept in each write's transaction (caseindex.pg_note); read
        again only when a case was written or erased since (every write moves its case's
        version, an erase the count), else this process's copy."""
        with self._connection() as conn:
            stamp = conn.execute("SELECT max(version), count(*) FROM cases").fetchone()
            if self._index[0] != stamp:
                self._index = (stamp, pg_rows(conn))
        return list(self._index[1])
    def case_facts(self) -> CaseFactRows:
        return CaseFactRows(self._transaction)

    # -- connections --------------------------------------------------------------------------
    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        """A connection from the pool; a server that is away, too slow or dropped the
        connection is the Dutch StorageError (within POOL_TIMEOUT or STATEMENT_TIMEOUT)."""
        if time.monotonic() < self._away_until:  # just found away: say so at once
            raise StorageError(t("errors.pgstore.busy"))
        try:
            with self.pool.connection() as conn:
                yield conn
        except PoolTimeout as error:  # no connection in POOL_TIMEOUT: the server is away
            self._away_until = time.monotonic() + AWAY_FOR
            raise StorageError(t("errors.pgstore.busy")) from error
        except (psycopg.OperationalError, psycopg.InterfaceError, TooManyRequests,
                PoolClosed) as error:
            raise StorageError(t("errors.pgstore.busy")) from error

    def check(self) -> None:
        """One round trip: StorageError (Dutch) within seconds when the database is away."""
        self._rows("SELECT 1")

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection]:
        with self._connection() as conn, conn.transaction():
            yield conn

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._connection() as conn:
            return conn.execute(sql, params).fetchall()

    # -- network ------------------------------------------------------------------------------
    def organisations(self) -> list[Organisation]:
        return [Organisation.model_validate(doc)
                for (doc,) in self._rows("SELECT doc FROM organisations ORDER BY position")]

    def save_organisation(self, organisation: Organisation) -> Organisation:
        organisation = validated(Organisation, organisation.model_dump())
        with self._transaction() as conn:
            conn.execute("INSERT INTO organisations (id, doc) VALUES (%s, %s::jsonb) "
                         "ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc",
                         (organisation.id, organisation.model_dump_json()))
        return organisation

    def remove_organisation(self, organisation_id: str) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM organisations WHERE id = %s", (organisation_id,))

    def setting(self, name: str, default: Any = None) -> Any:
        """One row, not the whole table: join links are settings too (one per open MDO), and a
        page asks a setting or two on every run."""
        rows = self._rows("SELECT value FROM settings WHERE name = %s", (name,))
        return rows[0][0] if rows else default

    def settings(self) -> dict[str, Any]:
        return dict(self._rows("SELECT name, value FROM settings ORDER BY name"))

    def set_setting(self, name: str, value: Any) -> None:
        with self._transaction() as conn:
            conn.execute("INSERT INTO settings (name, value) VALUES (%s, %s) "
                         "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
                         (name, Jsonb(value)))

    # -- cases --------------------------------------------------------------------------------
    def case_ids(self) -> list[str]:
        return [case_id for (case_id,) in self._rows("SELECT id FROM cases ORDER BY id")]

    def cases(self) -> list[Case]:
        return [Case.model_validate(doc)
                for (doc,) in self._rows("SELECT doc FROM cases ORDER BY id")]

    def get_case(self, case_id: str) -> Case:
        _check_id(case_id)
        rows = self._rows("SELECT doc FROM cases WHERE id = %s", (case_id,))
        if not rows:
            raise NotFound(t("errors.store.case_gone"))
        return Case.model_validate(rows[0][0])

    def create_case(self, case: Case) -> Case:
        case = validated(Case, case.model_dump())
        _check_id(case.id)
        with self._unique(case):
            with self._transaction() as conn:
                conn.execute("INSERT INTO cases (id, code, organisation_id, doc) "
                             "VALUES (%s, %s, %s, %s::jsonb)",
                             (case.id, case.code, case.organisation_id, case.model_dump_json()))
                pg_note(conn, case.id)
                keep_facts(conn, case.id)
        return case

    def update_case(self, case_id: str, change: Callable[[Case], None]) -> Case:
        _check_id(case_id)
        with self._transaction() as conn:
            row = conn.execute("SELECT doc FROM cases WHERE id = %s FOR UPDATE",
                               (case_id,)).fetchone()
            if row is None:
                raise NotFound(t("errors.store.case_gone"))
            case = changed(Case, row[0], change)
            with self._unique(case):
                conn.execute(f"UPDATE cases SET code = %s, organisation_id = %s, doc = %s::jsonb, "
                             f"version = {NEW_VERSION} WHERE id = %s",
                             (case.code, case.organisation_id, case.model_dump_json(), case_id))
            pg_note(conn, case_id)
            keep_facts(conn, case_id)
        return case

    def erase_case(self, case_id: str) -> None:
        _check_id(case_id)
        with self._transaction() as conn:  # its meetings go with it (ON DELETE CASCADE)
            conn.execute("DELETE FROM cases WHERE id = %s", (case_id,))

    def import_case(self, case: Case, meetings: list[Meeting]) -> None:
        case = validated(Case, case.model_dump())
        meetings = [validated(Meeting, m.model_dump()) for m in meetings]
        if any(m.case_id != case.id for m in meetings):
            raise InvalidInput(t("errors.store.meeting_of_another_case"))
        _check_id(case.id)
        with self._unique(case), self._transaction() as conn:
            conn.execute(
                f"INSERT INTO cases (id, code, organisation_id, doc) "
                f"VALUES (%s, %s, %s, %s::jsonb) ON CONFLICT (id) DO UPDATE SET "
                f"code = EXCLUDED.code, organisation_id = EXCLUDED.organisation_id, "
                f"doc = EXCLUDED.doc, version = {NEW_VERSION}",
                (case.id, case.code, case.organisation_id, case.model_dump_json()))
            conn.execute("DELETE FROM meetings WHERE case_id = %s", (case.id,))
            with conn.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO meetings (case_id, id, date, kind, doc) "
                    "VALUES (%s, %s, %s, %s, %s::jsonb)",
                    [(m.case_id, m.id, m.date, m.kind, m.model_dump_json()) for m in meetings])
            pg_note(conn, case.id)
            keep_facts(conn, case.id)

    @staticmethod
    @contextmanager
    def _unique(case: Case) -> Iterator[None]:
        """The unique constraints of `cases`, as the messages of the TinyDB store."""
        try:
            yield
        except pgerrors.UniqueViolation as error:
            if error.diag.constraint_name == "cases_code_key":
                raise InvalidInput(t("errors.store.code_taken", code=case.code)) from error
            if error.diag.constraint_name == "cases_pkey":
                raise InvalidInput(t("errors.store.case_id_taken")) from error
            raise InvalidInput(t("errors.pgstore.meeting_twice")) from error

    # -- meetings -----------------------------------------------------------------------------
    def meetings(self, case_id: str) -> list[Meeting]:
        _check_id(case_id)
        rows = self._rows("SELECT m.doc FROM cases c LEFT JOIN meetings m ON m.case_id = c.id "
                          "WHERE c.id = %s ORDER BY m.date, m.id", (case_id,))
        if not rows:
            raise NotFound(t("errors.store.case_gone"))
        return [Meeting.model_validate(doc) for (doc,) in rows if doc is not None]

    def get_meeting(self, case_id: str, meeting_id: str) -> Meeting:
        _check_id(case_id)
        rows = self._rows("SELECT m.doc FROM cases c LEFT JOIN meetings m "
                          "ON m.case_id = c.id AND m.id = %s WHERE c.id = %s",
                          (meeting_id, case_id))
        if not rows:
            raise NotFound(t("errors.store.case_gone"))
        if rows[0][0] is None:
            raise NotFound(t("errors.store.meeting_gone"))
        return Meeting.model_validate(rows[0][0])

    def create_meeting(self, meeting: Meeting) -> Meeting:
        meeting = validated(Meeting, meeting.model_dump())
        _check_id(meeting.case_id)
        with self._transaction() as conn:
            if conn.execute(TOUCH_CASE, (meeting.case_id,)).fetchone() is None:
                raise NotFound(t("errors.store.case_gone"))
            try:
                conn.execute("INSERT INTO meetings (case_id, id, date, kind, doc) "
                             "VALUES (%s, %s, %s, %s, %s::jsonb)",
                             (meeting.case_id, meeting.id, meeting.date, meeting.kind,
                              meeting.model_dump_json()))
            except pgerrors.UniqueViolation as error:
                raise InvalidInput(t("errors.pgstore.meeting_id_taken")) from error
            pg_note(conn, meeting.case_id)
            keep_facts(conn, meeting.case_id)
        return meeting

    def update_meeting(self, case_id: str, meeting_id: str,
                       change: Callable[[Meeting], Any]) -> Meeting:
        _check_id(case_id)
        with self._transaction() as conn:
            if conn.execute(TOUCH_CASE, (case_id,)).fetchone() is None:
                raise NotFound(t("errors.store.case_gone"))
            row = conn.execute("SELECT doc FROM meetings WHERE case_id = %s AND id = %s "
                               "FOR UPDATE", (case_id, meeting_id)).fetchone()
            if row is None:
                raise NotFound(t("errors.store.meeting_gone"))
            meeting = changed(Meeting, row[0], change)
            conn.execute("UPDATE meetings SET date = %s, kind = %s, doc = %s::jsonb "
                         "WHERE case_id = %s AND id = %s",
                         (meeting.date, meeting.kind, meeting.model_dump_json(), case_id,
                          meeting_id))
            if listed_fields_changed(row[0], meeting):
                pg_note(conn, case_id)
            keep_facts(conn, case_id)
        return meeting

    def remove_meeting(self, case_id: str, meeting_id: str) -> None:
        _check_id(case_id)
        with self._transaction() as conn:
            if conn.execute(TOUCH_CASE, (case_id,)).fetchone() is None:
                raise NotFound(t("errors.store.case_gone"))
            # every meeting of the case locked: the check sees what no one can change meanwhile
            rows = conn.execute("SELECT doc FROM meetings WHERE case_id = %s ORDER BY date, id "
                                "FOR UPDATE", (case_id,)).fetchall()
            meetings = [Meeting.model_validate(doc) for (doc,) in rows]
            meeting = next((m for m in meetings if m.id == meeting_id), None)
            if meeting is None:
                raise NotFound(t("errors.store.meeting_gone"))
            if problem := removal_problem(meeting, meetings):
                raise InvalidInput(problem)
            conn.execute("DELETE FROM meetings WHERE case_id = %s AND id = %s",
                         (case_id, meeting_id))
            pg_note(conn, case_id)
            keep_facts(conn, case_id)
