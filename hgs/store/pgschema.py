"""The PostgreSQL store's schema: its tables, and bringing a database up to this HGS on start.

The tables move up by SQL steps (`MIGRATIONS`); the JSONB documents in them by the same steps that
upgrade a TinyDB file (hgs.store.document.MIGRATIONS), each case shaped as its file for that.
Both run on the app's start, under an advisory lock, so several app processes may start at once.
"""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from hgs.errors import InvalidInput, StorageError
from hgs.i18n import t
from hgs.method.records import SCHEMA_VERSION, Case, Meeting, Organisation
from hgs.store.caseindex import pg_note
from hgs.store.document import migrate
from hgs.store.editing import validated

# Each entry moves the tables one version up; `schema_version.version` holds how many have run.
# The documents in them have a version of their own, `schema_version.documents`: when
# hgs.method.records.SCHEMA_VERSION moves, the app brings every stored document up on its next start with
# the same steps that upgrade a TinyDB file (hgs.store.document.MIGRATIONS).
MIGRATIONS = [
    """
    CREATE SEQUENCE case_versions;
    CREATE TABLE organisations (
        id text COLLATE "C" PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY,
        doc jsonb NOT NULL
    );
    CREATE TABLE settings (
        name text COLLATE "C" PRIMARY KEY,
        value jsonb NOT NULL
    );
    CREATE TABLE cases (
        id text COLLATE "C" PRIMARY KEY,
        code text NOT NULL UNIQUE,
        organisation_id text NOT NULL,
        version bigint NOT NULL DEFAULT nextval('case_versions'),
        doc jsonb NOT NULL
    );
    CREATE INDEX cases_organisation ON cases (organisation_id);
    CREATE TABLE meetings (
        case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        id text COLLATE "C" NOT NULL,
        date date NOT NULL,
        kind text NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (case_id, id)
    );
    CREATE INDEX meetings_date ON meetings (date);
    """,
    # the case index (hgs.store.caseindex): one short row per case, for Start
    """
    CREATE TABLE case_index (
        id text COLLATE "C" PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        entry jsonb NOT NULL
    );
    """,
    # Netwerk's facts of each case (hgs.store.pgfacts), kept in the transaction of each write
    """
    CREATE TABLE case_facts (
        case_id text COLLATE "C" PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        version bigint NOT NULL,
        facts_version integer NOT NULL,
        facts jsonb
    );
    """,
]
INDEXED = 2  # the step that made case_index: a database from before it gets its rows
SCHEMA = len(MIGRATIONS)


def migrate_schema(conn: psycopg.Connection) -> None:
    """The tables and documents of the database at `conn` brought up to this HGS; StorageError
    when they come from a newer one."""
    with conn.transaction():
        # Several app processes may start at once: one migrates, the others wait.
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('hgs-schema:' || "
                     "coalesce(current_schema(), '')))")
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                     "(version integer NOT NULL, documents integer NOT NULL)")
        row = conn.execute("SELECT version, documents FROM schema_version").fetchone()
        tables, documents = row if row else (0, SCHEMA_VERSION)
        if tables > SCHEMA or documents > SCHEMA_VERSION:
            raise StorageError(t("errors.pgstore.newer", found=f"{tables}.{documents}",
                                 known=f"{SCHEMA}.{SCHEMA_VERSION}"))
        for migration in MIGRATIONS[tables:]:
            conn.execute(migration)
        if documents < SCHEMA_VERSION:
            try:
                _upgrade_documents(conn, documents)
            except InvalidInput as error:
                raise StorageError(t("errors.pgstore.upgrade_failed",
                                     error=error)) from error
        if tables < INDEXED or documents < SCHEMA_VERSION:
            for (case_id,) in conn.execute("SELECT id FROM cases").fetchall():
                pg_note(conn, case_id)
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version VALUES (%s, %s)", (SCHEMA, SCHEMA_VERSION))


def _upgrade_documents(conn: psycopg.Connection, since: int) -> None:
    """Every stored document from version `since` up to SCHEMA_VERSION: each case, and the
    network's organisations and settings, shaped as its TinyDB file for hgs.store.transfer and
    validated as the records before it is written back."""
    meta = {"1": {"schema": since}}
    conn.execute("DELETE FROM case_facts")  # made again from the upgraded cases when read
    for case_id, case in conn.execute("SELECT id, doc FROM cases").fetchall():
        rows = conn.execute("SELECT id, doc FROM meetings WHERE case_id = %s ORDER BY id",
                            (case_id,)).fetchall()
        data = migrate({"meta": meta, "case": {"1": case},
                        "meetings": {str(n): doc for n, (_, doc) in enumerate(rows, 1)}})
        case = validated(Case, data["case"]["1"])
        conn.execute("UPDATE cases SET code = %s, organisation_id = %s, doc = %s::jsonb "
                     "WHERE id = %s",
                     (case.code, case.organisation_id, case.model_dump_json(), case_id))
        for n, (meeting_id, _) in enumerate(rows, 1):
            meeting = validated(Meeting, data["meetings"][str(n)])
            conn.execute("UPDATE meetings SET date = %s, kind = %s, doc = %s::jsonb "
                         "WHERE case_id = %s AND id = %s",
                         (meeting.date, meeting.kind, meeting.model_dump_json(), case_id,
                          meeting_id))
    organisations = conn.execute("SELECT doc FROM organisations").fetchall()
    settings = conn.execute("SELECT name, value FROM settings").fetchall()
    data = migrate({"meta": meta,
                    "organisations": {str(n): doc for n, (doc,) in enumerate(organisations, 1)},
                    "settings": {str(n): {"name": name, "value": value}
                                 for n, (name, value) in enumerate(settings, 1)}})
    for doc in data.get("organisations", {}).values():
        organisation = validated(Organisation, doc)
        conn.execute("UPDATE organisations SET doc = %s::jsonb WHERE id = %s",
                     (organisation.model_dump_json(), organisation.id))
    for doc in data.get("settings", {}).values():
        conn.execute("UPDATE settings SET value = %s WHERE name = %s",
                     (Jsonb(doc["value"]), doc["name"]))
