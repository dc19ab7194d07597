"""Tests for hgs.pages: the page registry that feeds the navigation, the role rules and the links."""

from __future__ import annotations

from pathlib import Path

import pytest

from hgs import i18n, pages
from hgs.access import roles
from hgs.method.steps import STEPS

ROOT = Path(__file__).resolve().parents[1]


def test_every_page_script_is_registered_once_and_every_entry_exists():
    assert sorted(p.path for p in pages.PAGES) == \
        sorted(f"views/{p.name}" for p in (ROOT / "views").glob("*.py"))
    assert len({p.url_path for p in pages.PAGES}) == len(pages.PAGES)


def test_step_pages_follow_the_step_catalogue():
    assert [p.step for p in pages.STEP_PAGES] == list(STEPS)
    assert pages.for_step(1).path == "views/01_doelen_overleg.py"
    assert all(p.path == f"views/{s.number:02d}_{s.slug}.py" and p.url_path == f"stap-{s.number}"
               for p, s in zip(pages.STEP_PAGES, STEPS, strict=True))
    assert pages.PREPARATION not in pages.STEP_PAGES
    for number in (0, 10):
        with pytest.raises(KeyError):
            pages.for_step(number)


def test_roles_are_known_and_every_role_lands_on_a_page_it_may_open():
    known = {*roles.ROLES, roles.PARTICIPANT}
    assert set().union(*(p.roles for p in pages.PAGES)) == known
    assert set(pages.START_PAGES) == known
    assert all(role in page.roles for role, page in pages.START_PAGES.items())
    assert pages.SIGN_IN.roles == frozenset()


def test_a_page_is_found_by_any_spelling_of_its_path():
    assert pages.by_path(ROOT / "views" / "netwerk.py") is pages.NETWORK
    assert pages.by_path("views/onbekend.py") is None


def test_sections_keep_the_navigation_order_in_the_session_language():
    with i18n.using("en"):
        sections = pages.sections()
    assert [p.path for p in sections["MDO"]] == \
        [*(p.path for p in pages.STEP_PAGES), pages.PRESENTATION.path, pages.FORMAT.path]
    assert list(sections)[0] == "Start"
    assert pages.JOIN not in {p for found in sections.values() for p in found}
    with i18n.using("en"):
        assert pages.for_step(2).title == "2. Overview"
