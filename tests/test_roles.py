"""Tests for hgs.access.roles: which pages each role opens, where it lands, and which cases and
organisations a user sees."""

from pathlib import Path

import pytest

from hgs import pages
from hgs.access import roles, users
from hgs.method.records import Case, Organisation

VIEWS = Path(__file__).resolve().parent.parent / "views"

# Written out here, not read from the page registry (tests/pages/test_roles.py uses them too).
CHAIR_PAGES = {"views/werklijst.py", pages.START.path, pages.PREPARATION.path,
               pages.PRESENTATION.path, pages.FORMAT.path,
               pages.PROGRESS.path, pages.REFLECTION.path,
               *(f"views/{p.name}" for p in VIEWS.glob("0*.py"))}
EXPECTED = {
    "voorzitter": CHAIR_PAGES,
    "coordinator": {pages.NETWORK.path, pages.REFLECTION.path},
    "beheerder": {pages.ADMIN.path, pages.DATA.path},
}


def user(role: str, organisations=()) -> users.User:
    return users.User(username=f"u-{role}", role=role, organisations=tuple(organisations))


@pytest.mark.parametrize("role", roles.ROLES)
def test_each_role_may_open_exactly_its_own_pages(role):
    found = {f"views/{p.name}" for p in VIEWS.glob("*.py")} | {pages.DATA.path}
    assert {p for p in found if roles.may_open(user(role), p)} == EXPECTED[role]


def test_every_page_file_has_a_rule():
    assert {f"views/{p.name}" for p in VIEWS.glob("*.py")} <= {p.path for p in pages.PAGES}
    assert not roles.may_open(user("voorzitter"), "views/onbekend.py")  # unknown: nobody


def test_the_local_user_has_every_role_and_participants_only_their_view():
    assert users.LOCAL_USER.roles == set(roles.ROLES)
    assert all(roles.may_open(users.LOCAL_USER, p) for p in set().union(*EXPECTED.values()))
    assert not roles.may_open(users.LOCAL_USER, pages.JOIN.path)
    assert not roles.may_open(users.LOCAL_USER, pages.READ.path)
    # a join link's and a lees-link's session: only its own page, which checks the token
    assert [p.path for p in pages.PAGES if roles.may_open(users.PARTICIPANT_USER, p.path)] == \
        [pages.JOIN.path, pages.READ.path]


def test_each_role_lands_on_its_own_start_page():
    assert roles.start_page(user("voorzitter")) == "views/werklijst.py"  # the chair's home
    assert roles.start_page(user("coordinator")) == pages.NETWORK.path
    assert roles.start_page(user("beheerder")) == pages.ADMIN.path
    assert roles.start_page(users.LOCAL_USER) == "views/werklijst.py"


def test_a_voorzitter_sees_only_cases_of_their_own_organisations():
    mine = Case(code="L-2026-0001", first_name="Noëlle", organisation_id="org-a")
    other = Case(code="L-2026-0002", first_name="Bram", organisation_id="org-b")
    chair = user("voorzitter", ["org-a"])
    assert roles.can_see_case(chair, mine) and not roles.can_see_case(chair, other)
    assert roles.visible_cases(chair, [mine, other]) == [mine]
    assert not roles.can_see_case(user("coordinator"), mine)  # totals only
    assert roles.can_see_case(user("beheerder"), other)  # may export and erase
    assert roles.can_see_case(users.LOCAL_USER, other)
    assert not roles.can_see_case(None, mine)
    orgs = [Organisation(id="org-a", name="A", sector="PO"),
            Organisation(id="org-b", name="B", sector="PO")]
    assert [o.id for o in roles.own_organisations(chair, orgs)] == ["org-a"]
    assert roles.own_organisations(user("beheerder"), orgs) == orgs
