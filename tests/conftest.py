"""Shared fixtures: a real store on each backend (TinyDB files in a temporary folder, and a fresh
schema in a real PostgreSQL), and small factories that save an organisation, a case or a
meeting in it.

Every test that uses `store` runs once per backend, as TinyDB's own tests run against each
storage. A test about TinyDB's files asks for `tinydb_store`, one about PostgreSQL itself for
`postgres_store`; the factories then work on that same store. The PostgreSQL half runs against
`HGS_TEST_DATABASE_URL` (default `postgresql://postgres@127.0.0.1:5432/postgres`); when no
server answers there it is skipped with the reason, except in CI (`CI=true`), where it fails.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import pytest

from hgs.method.records import Case, Meeting, Organisation
from hgs.store import Store, open_store

MEETING_DATE = dt.date(2026, 3, 2)
BACKENDS = ("tinydb", "postgres")
DEFAULT_TEST_DATABASE = "postgresql://postgres@127.0.0.1:5432/postgres"
NO_SERVER_HINT = "set HGS_TEST_DATABASE_URL to run the PostgreSQL half of the tests"


# -- the PostgreSQL server ----------------------------------------------------------------------

def server_url() -> str:
    return os.environ.get("HGS_TEST_DATABASE_URL") or DEFAULT_TEST_DATABASE


@cache
def postgres_problem() -> str | None:
    """Why the PostgreSQL half cannot run here, or None when the server answers."""
    import psycopg

    try:
        with psycopg.connect(server_url(), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as error:
        from hgs.store.postgres import where

        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"no PostgreSQL at {where(server_url())} ({reason}); {NO_SERVER_HINT}"
    return None


def pytest_report_header(config):
    problem = postgres_problem()
    if problem is None:
        return f"postgres: store tests also run on {server_url().split('@')[-1]}"
    if os.environ.get("CI") == "true":
        return f"postgres: {problem} -- in CI these tests FAIL"
    return f"postgres: SKIPPING the PostgreSQL half: {problem}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Every PostgreSQL skip is told at one place, so the summary shows the reason once."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and \
            str(report.longrepr[2]).endswith(NO_SERVER_HINT):
        report.longrepr = (__file__, None, report.longrepr[2])
    return report


def with_schema(url: str, schema: str) -> str:
    """`url` with `schema` first on the search path (psycopg passes `options` to the server)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@contextmanager
def fresh_schema() -> Iterator[str]:
    """A URL to a fresh, empty schema of its own on the test server, dropped afterwards; a skip
    (in CI a failure) when there is no server."""
    import psycopg

    problem = postgres_problem()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)  # in CI a missing server is a broken setup, never a skip
        pytest.skip(problem)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(server_url(), schema)
    finally:
        with psycopg.connect(server_url(), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def postgres_url():
    with fresh_schema() as url:
        yield url


# -- the store, once per backend -----------------------------------------------------------------

def pytest_generate_tests(metafunc):
    if "store" not in metafunc.fixturenames:
        return
    if "tinydb_store" in metafunc.fixturenames:
        backends = ["tinydb"]
    elif "postgres_store" in metafunc.fixturenames:
        backends = ["postgres"]
    else:
        backends = list(BACKENDS)
    metafunc.parametrize("store", backends, indirect=True)


@pytest.fixture(autouse=True)
def _no_database_from_outside(monkeypatch):
    """A developer's own HGS_DATABASE_URL never reaches a test (tests set it when they mean it)."""
    monkeypatch.delenv("HGS_DATABASE_URL", raising=False)


@pytest.fixture(autouse=True)
def _no_failed_sign_ins_from_other_tests(monkeypatch):
    """Each test starts without failed sign-ins counted by the tests before it: the counts live
    in each data folder's file; this process's copies of them go."""
    from hgs.access import throttle

    monkeypatch.setattr(throttle.Throttle, "_memory", {})


@pytest.fixture
def reopen(request):
    """`reopen(store)`: a second store on the same data (closed after the test)."""
    opened: list[Store] = []

    def make(store: Store) -> Store:
        other = open_store(store_target(store))
        opened.append(other)
        return other

    yield make
    for other in opened:
        other.close()


def store_target(store: Store) -> str:
    """What `open_store` takes to reach the same data: the folder or the database URL."""
    return getattr(store, "url", None) or str(store.data_dir)


@pytest.fixture
def store(request, tmp_path) -> Store:
    if request.param == "tinydb":
        yield open_store(tmp_path)
        return
    opened = open_store(request.getfixturevalue("postgres_url"))
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def tinydb_store(store):
    """The store, for tests about TinyDB's files (they run on TinyDB only)."""
    return store


@pytest.fixture
def postgres_store(store):
    """The store, for tests about PostgreSQL itself (they run on PostgreSQL only)."""
    return store


# -- factories -----------------------------------------------------------------------------------

@pytest.fixture
def new_organisation(store):
    """`new_organisation(**fields)` saves an organisation (default: a primary school)."""

    def make(**fields) -> Organisation:
        return store.save_organisation(
            Organisation(**{"name": "De Regenboog", "sector": "PO", **fields}))

    return make


@pytest.fixture
def new_case(store):
    """`new_case(**fields)` creates a case with a fresh code `L-2026-000n`."""
    codes = itertools.count(1)

    def make(**fields) -> Case:
        defaults = {"code": f"L-2026-{next(codes):04d}", "first_name": "Joris",
                    "organisation_id": "org1"}
        return store.create_case(Case(**{**defaults, **fields}))

    return make


@pytest.fixture
def new_meeting(store, new_case):
    """`new_meeting(case=None, **fields)` creates a meeting on 2 March 2026 for `case`, or for a
    new case when none is given."""

    def make(case: Case | None = None, **fields) -> Meeting:
        case = case or new_case()
        return store.create_meeting(
            Meeting(**{"case_id": case.id, "date": MEETING_DATE, **fields}))

    return make


@pytest.fixture
def case(new_case) -> Case:
    return new_case()


@pytest.fixture
def meeting(new_meeting, case) -> Meeting:
    return new_meeting(case)
