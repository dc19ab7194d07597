"""Roles, sectors, the consent message and audit actions on the pages, in the session's
language: English in an English session, the unchanged Dutch in a Dutch one."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import audit


def app(case, meeting, page: str, language: str) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.session_state["ui-language"] = language
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def options(at: AppTest) -> list[str]:
    return [str(option) for box in at.selectbox for option in box.options]


@pytest.mark.parametrize("language, teacher, youth_care, message, not_shown", [
    ("en", "class teacher/mentor", "youth care", "consent of the parents is needed",
     "leerkracht/mentor"),
    ("nl", "leerkracht/mentor", "jeugdhulp", "is toestemming van de ouders nodig",
     "class teacher/mentor"),
])
def test_roles_on_voorbereiding(data, language, teacher, youth_care, message, not_shown):
    store, case, meeting = data
    store.update_case(case.id, lambda c: setattr(c, "birth_year", 2016))
    store.add_item(case.id, meeting.id, "participants", name="Anna", role="leerkracht/mentor")
    store.add_item(case.id, meeting.id, "participants", name="Els", role="jeugdhulp")
    at = app(case, meeting, pages.PREPARATION.path, language)
    shown = options(at)
    assert teacher in shown and youth_care in shown
    assert not_shown not in shown
    errors = [re.sub(r"\\(.)", r"\1", str(e.value)) for e in at.error]  # shown as plain text
    assert any(message in e and f"Els ({youth_care})" in e for e in errors), errors


@pytest.mark.parametrize("language, primary, absent", [
    ("en", "primary (PO)", "PO"), ("nl", "PO", "primary (PO)")])
def test_sectors_on_start(data, language, primary, absent):
    store, case, meeting = data
    at = app(case, meeting, pages.START.path, language)
    sectors = list(at.selectbox(key="start-org-sector").options)
    assert primary in sectors and absent not in sectors
    assert ("special education (SO/SBO)" in sectors) == (language == "en")


@pytest.mark.parametrize("language, action, role", [
    ("en", "created", "chair"), ("nl", "aangemaakt", "voorzitter")])
def test_audit_actions_on_beheer(data, tmp_path, language, action, role):
    store, case, meeting = data
    audit.record("create", who="anna", role="voorzitter", case_id=case.id, folder=tmp_path)
    at = app(case, meeting, pages.ADMIN.path, language)
    tables = [frame.value for frame in at.dataframe]
    log = next(table for table in tables if case.id in table.to_string())
    assert action in log.to_string() and role in log.to_string()
    other = "aangemaakt" if language == "en" else "created"
    assert other not in log.to_string()
