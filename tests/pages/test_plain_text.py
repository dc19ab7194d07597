"""Markdown and HTML typed by users are shown as text, never as markup (AppTest through app.py):
the markdown elements carry the text escaped by hgs.texts.plain, never the raw markup."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.method.records import Case, Meeting, Organisation
from hgs.method.texts import plain
from hgs.store import open_store

HOSTILE = "**vet** <script>alert(1)</script> [klik](javascript:alert(1))"
RAW = ("**vet**", "<script>", "[klik](", ":red[ouders]", "](javascript", "<b>Ans", "[Bob](")


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    monkeypatch.delenv("HGS_AUTH", raising=False)
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id=org.id))
    first = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 3, 2)))
    store.add_item(case.id, first.id, "questions", text=HOSTILE, asked_by=":red[ouders]")
    store.add_item(case.id, first.id, "tops_tips", kind="top", text=HOSTILE, by="<b>Ans</b>")
    store.add_item(case.id, first.id, "agreements", what=HOSTILE, who="[Bob](http://x)")
    store.add_item(case.id, first.id, "goals", area="kind", text=HOSTILE, start=2, target=6)
    return store, case, first


def opened(case, meeting, page) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> list[str]:
    return [e.value for kind in ("markdown", "caption") for e in getattr(at, kind)]


def assert_literal(at: AppTest) -> None:
    values = shown(at)
    assert any(plain(HOSTILE) in value for value in values), values
    for value in values:
        assert not any(raw in value for raw in RAW), value


def test_a_question_typed_at_voorbereiding_is_shown_literally_at_step_1(data):
    store, case, meeting = data
    at = opened(case, meeting, pages.PREPARATION.path)
    key = f"m-{meeting.id}-party_questions.ouders"
    at.text_area(key=key).set_value(HOSTILE).run()
    assert store.get_meeting(case.id, meeting.id).party_questions["ouders"] == HOSTILE
    at.switch_page(pages.for_step(1).path).run()
    assert not at.exception, at.exception
    # carried into the step-1 list (issue 16): in its own field, as typed, and no markup shown
    assert [a.value for a in at.text_area].count(HOSTILE) == 2  # the one typed at step 1 too
    for value in shown(at):
        assert not any(raw in value for raw in RAW), value


@pytest.mark.parametrize("page", [pages.for_step(7).path, pages.PROGRESS.path, pages.PRESENTATION.path])
def test_recorded_texts_are_shown_literally(data, page):
    store, case, meeting = data
    assert_literal(opened(case, meeting, page))
