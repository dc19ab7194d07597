"""Shared fixtures: a real TinyDB store in a temporary folder, and small factories that save an
organisation, a case or a meeting in it."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from hgs.model import Case, Meeting, Organisation
from hgs.store import Store, open_store

MEETING_DATE = dt.date(2026, 3, 2)


@pytest.fixture
def store(tmp_path) -> Store:
    return open_store(tmp_path)


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
