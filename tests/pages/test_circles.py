"""The cirkelgesprek on its pages (issue 16, part 1): the chair types into a circle at step 2
and the essence, read back from the case's TinyDB file, and sees them drawn; the child, with an
adult, adds to a circle through the participant link; Presentatie draws the circles at step 2."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import joining as live
from hgs.store.document import CASES, case_file


def app(case, meeting) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    return at.run()


def on_file(folder, case, meeting) -> dict:
    """The meeting as the case's file holds it (not through the store)."""
    document = json.loads((folder / CASES / case_file(case.id)).read_text(encoding="utf-8"))
    return next(m for m in document["meetings"].values() if m["id"] == meeting.id)


def drawn(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


def test_the_chair_fills_a_circle_and_the_essence_and_sees_them_drawn(data, tmp_path):
    store, case, meeting = data
    at = app(case, meeting)
    at.switch_page(pages.for_step(2).path).run()
    assert not at.exception, at.exception
    at.text_input(key=f"m-{meeting.id}-new-circles-school-doel").set_value(
        "Een vast maatje op het plein").run()
    at.text_area(key=f"m-{meeting.id}-circle_essence").set_value(
        "Ik wil dat de juf even komt als ik vastzit.").run()
    assert not at.exception, at.exception
    stored = on_file(tmp_path, case, meeting)
    assert [(c["circle"], c["sign"], c["text"]) for c in stored["circles"]] == [
        ("school", "doel", "Een vast maatje op het plein")]
    assert stored["circle_essence"] == "Ik wil dat de juf even komt als ik vastzit."
    assert "Een vast maatje op het plein" in drawn(at) and "hgs-circle school" in drawn(at)


def test_a_typed_script_is_drawn_as_text(data):
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "circles", circle="kind", sign="plus",
                   text="<script>alert(1)</script> ik teken graag")
    at = app(case, meeting)
    at.switch_page(pages.for_step(2).path).run()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ik teken graag" in drawn(at)
    assert "<script>alert" not in drawn(at)


def test_the_child_adds_to_a_circle_through_the_participant_link(data, tmp_path):
    store, case, meeting = data
    token = live.open_joining(store, case.id, meeting.id)
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.query_params["t"] = token
    at.run()
    at.text_input(key="join-name").set_value("Joris")
    at.selectbox(key="join-role").set_value("kind/jongere").run()
    at.radio(key="join-c-circle").set_value("thuis")
    at.radio(key="join-c-sign").set_value("min")
    at.text_area(key="join-c-text").set_value("Als ik boos word, weet ik niet hoe ik stop")
    next(b for b in at.button if b.label == "Zet het in de cirkel").click().run()
    assert not at.exception, at.exception
    stored = on_file(tmp_path, case, meeting)["circles"]
    assert [(c["circle"], c["sign"], c["text"], c["by"]) for c in stored] == [
        ("thuis", "min", "Als ik boos word, weet ik niet hoe ik stop", "Joris (kind/jongere)")]
    assert at.text_area(key="join-c-text").value == ""  # saved, so the field empties


def test_presentatie_draws_the_circles_at_step_2(data):
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "circles", circle="thuis", sign="plus",
                   text="Met mijn broertje spelen")
    at = app(case, meeting)
    at.query_params["stap"] = "2"
    at.switch_page(pages.PRESENTATION.path).run()
    assert not at.exception, at.exception
    assert "Met mijn broertje spelen" in drawn(at)
    table_rows = " ".join(m.value for m in at.markdown)
    assert "Met mijn broertje spelen" not in table_rows  # drawn once, not also as a table
