"""The Reflectie page in AppTest: a professional fills in the reflectieschema and a plan, finds it
on a fresh visit, and later writes what became of it; another name never shows it."""

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from hgs import texts
from hgs.reflection import ReflectionStore, principle_overview

PAGE = "views/reflectie.py"


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    return tmp_path


def visit(who: str | None = None) -> AppTest:
    """A new session on the Reflectie page, as `who` when given."""
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    if who is not None:
        at.text_input(key="refl-who").set_value(who).run()
        assert not at.exception, at.exception
    return at


def key(*parts) -> str:
    return "-".join(["refl", "anita-gelmers", *map(str, parts)])


def saved(at: AppTest) -> bool:
    return any(t.value == texts.SAVED for t in at.toast)


def test_without_a_name_only_the_question_who_am_i(data):
    at = visit()
    assert at.title[0].value == "Reflectie"
    assert [w.key for w in at.text_input] == ["refl-who"]
    assert not at.text_area


def test_a_reflection_and_plan_are_saved_and_shown_on_a_fresh_visit(data):
    at = visit("Anita Gelmers")
    assert len(at.text_area) >= 14  # two questions for each of the 7 principles, and the plan
    at.text_area(key=key(1, "feedback")).set_value("Ik noem het doel aan het begin").run()
    assert saved(at)
    at.text_area(key=key(5, "feed_forward")).set_value("Vaker vragen wat wél goed gaat").run()
    at.checkbox(key=key(5, "work_on")).check().run()
    plan = {"goal": "Ouders vooraf bellen", "why": "Zodat ze voorbereid komen",
            "with_whom": "De IB'er", "how": "Een kort telefoontje", "evaluation": "In januari"}
    for field, value in plan.items():
        at.text_area(key=key("plan1", field)).set_value(value).run()
    at.text_input(key=key("plan1", "when")).set_value("Voor de kerstvakantie").run()
    at.checkbox(key=key("share")).check().run()
    assert not at.exception and not at.error

    stored = json.loads((data / "reflections" / "anita-gelmers.json").read_text("utf-8"))
    assert stored["person"] == "Anita Gelmers"
    assert stored["plan"]["goal"] == "Ouders vooraf bellen"
    assert principle_overview(data) == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0}

    again = visit("anita gelmers")  # a new session, typed differently
    assert again.text_area(key=key(1, "feedback")).value == "Ik noem het doel aan het begin"
    assert again.text_area(key=key(5, "feed_forward")).value == "Vaker vragen wat wél goed gaat"
    assert again.checkbox(key=key(5, "work_on")).value is True
    for field, value in plan.items():
        assert again.text_area(key=key("plan1", field)).value == value
    assert again.text_input(key=key("plan1", "when")).value == "Voor de kerstvakantie"
    assert again.checkbox(key=key("share")).value is True
    assert any(f"Plan gemaakt op {texts.date_nl(dt.date.today())}" in c.value
               for c in again.caption)


def test_a_later_visit_writes_what_became_of_it_with_the_date(data):
    ReflectionStore(data).set_plan("Anita Gelmers", "goal", "Ouders vooraf bellen",
                                   today=dt.date(2026, 9, 28))
    at = visit("Anita Gelmers")
    assert any("28 september 2026" in c.value for c in at.caption)
    outcome = at.text_area(key=key("plan1", "outcome"))
    assert outcome.label == "Wat is ervan terechtgekomen?" and outcome.value == ""
    outcome.set_value("Bij drie gezinnen gedaan; ze kwamen allemaal").run()
    assert saved(at)
    today = texts.date_nl(dt.date.today())
    assert any(f"Teruggekeken op {today}" in c.value for c in at.caption)

    mine = ReflectionStore(data).get("Anita Gelmers")
    assert mine.plan.outcome == "Bij drie gezinnen gedaan; ze kwamen allemaal"
    assert mine.plan.outcome_date == dt.date.today()

    at.button(key=key("new-plan")).click().run()
    assert not at.exception
    assert at.text_area(key=key("plan2", "goal")).value == ""
    assert any("Eerdere plannen (1)" in e.label for e in at.expander)


def test_another_name_never_shows_my_reflection(data):
    ReflectionStore(data).set_note("Anita Gelmers", 2, "feedback", "Alleen voor Anita")
    at = visit("Brechtje Dantuma")
    assert not any("Alleen voor Anita" in w.value for w in at.text_area)
    assert not any(w.key.startswith("refl-anita") for w in at.text_area)
