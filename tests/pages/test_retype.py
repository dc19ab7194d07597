"""Nothing retyped (issue 16 part 4): the aanmelding's questions at step 1 and 7, "Wie" of an
agreement from the table, the goal a need serves, how progress is followed and who said an
overview item, each read back from the case's TinyDB file after the page saved it."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.exports import contents
from hgs.exports.markdown import to_markdown
from hgs.method.records import Goal, Participant
from hgs.store.document import CASES, case_file


def app(case, meeting) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    return at.run()


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def report_text(store, case, meeting) -> str:
    return to_markdown(contents.build(store, case.id, meeting.id, charts=False)).decode()


def key(meeting, *parts) -> str:
    return "-".join(["m", meeting.id, *map(str, parts)])


def on_file(folder, case, meeting) -> dict:
    """The meeting as the case's file holds it (not through the store)."""
    document = json.loads((folder / CASES / case_file(case.id)).read_text(encoding="utf-8"))
    return next(m for m in document["meetings"].values() if m["id"] == meeting.id)


def test_the_aanmelding_questions_are_step_1_questions_once_and_answered_at_step_7(
        data, tmp_path):
    store, case, meeting = data
    at = open_page(app(case, meeting), pages.PREPARATION.path)
    at.text_area(key=key(meeting, "party_questions.kind")).set_value(
        "Mag ik in de pauze binnen blijven?").run()
    at.text_area(key=key(meeting, "party_questions.ouders")).set_value(
        "Hoe helpen we Joris thuis met huiswerk?").run()
    for _ in range(2):  # a rerun and a fresh session (a reload) carry nothing twice
        open_page(app(case, meeting), pages.for_step(1).path).run()
    questions = on_file(tmp_path, case, meeting)["questions"]
    assert [(q["party"], q["asked_by"], q["text"]) for q in questions] == [
        ("kind", "Kind/jongere", "Mag ik in de pauze binnen blijven?"),  # words, not a key
        ("ouders", "Ouders/verzorgers", "Hoe helpen we Joris thuis met huiswerk?")]

    # the aanmelding changed before step 1 touched it: the step-1 question follows
    at = open_page(app(case, meeting), pages.PREPARATION.path)
    at.text_area(key=key(meeting, "party_questions.kind")).set_value(
        "Mag ik in de pauze soms binnen blijven?").run()
    at = open_page(app(case, meeting), pages.for_step(7).path)
    child = next(q for q in store.get_meeting(case.id, meeting.id).questions if q.party == "kind")
    assert child.text == "Mag ik in de pauze soms binnen blijven?"
    assert r"— Kind\/jongere" in "".join(m.value for m in at.markdown)  # who asked, in words
    at.text_area(key=key(meeting, "questions", child.id, "answer")).set_value(
        "Ja, twee keer per week bij de IB'er").run()
    at.checkbox(key=key(meeting, "questions", child.id, "answered")).check().run()
    stored = on_file(tmp_path, case, meeting)
    assert len(stored["questions"]) == 2
    answered = next(q for q in stored["questions"] if q["party"] == "kind")
    assert answered["answer"] == "Ja, twee keer per week bij de IB'er" and answered["answered"]

    # the table reworded the parents' question at step 1: a later aanmelding edit adds, not
    # overwrites, and the removed question does not come back
    parents = next(q for q in stored["questions"] if q["party"] == "ouders")
    at = open_page(app(case, meeting), pages.for_step(1).path)
    at.text_area(key=key(meeting, "questions", parents["id"], "text")).set_value(
        "Als we weten wat Joris thuis helpt, dan kunnen we het huiswerk afstemmen").run()
    at.button(key=key(meeting, "questions", answered["id"], "remove")).click().run()
    open_page(app(case, meeting), pages.for_step(1).path)
    texts = [q["text"] for q in on_file(tmp_path, case, meeting)["questions"]]
    assert texts == ["Als we weten wat Joris thuis helpt, dan kunnen we het huiswerk afstemmen"]


def test_wie_of_an_agreement_picks_a_participant_or_takes_a_typed_name(data, tmp_path):
    store, case, meeting = data
    for person in (Participant(name="Juf Anna", role="leerkracht/mentor"),
                   Participant(name="Moeder Sanne", role="ouder/verzorger"),
                   Participant(name="Tom (jeugdhulp)", role="ouder/verzorger", present=False)):
        store.add_item(case.id, meeting.id, "participants", **person.model_dump())
    agreement = store.add_item(case.id, meeting.id, "agreements", what="Dagschema maken")
    at = open_page(app(case, meeting), pages.for_step(8).path)
    who = at.selectbox(key=key(meeting, "agreements", agreement.id, "who"))
    assert who.options[:3] == ["Juf Anna", "Moeder Sanne", "Tom (jeugdhulp) (afwezig)"]
    who.set_value("Juf Anna").run()
    assert on_file(tmp_path, case, meeting)["agreements"][0]["who"] == "Juf Anna"

    at.selectbox(key=key(meeting, "agreements", agreement.id, "who")).set_value(
        "\x00other").run()
    assert on_file(tmp_path, case, meeting)["agreements"][0]["who"] == ""
    at.text_input(key=key(meeting, "agreements", agreement.id, "who-other")).set_value(
        "Opa Kees").run()
    assert on_file(tmp_path, case, meeting)["agreements"][0]["who"] == "Opa Kees"
    again = open_page(app(case, meeting), pages.for_step(8).path)  # a reload shows the name
    assert again.text_input(key=key(meeting, "agreements", agreement.id, "who-other")).value \
        == "Opa Kees"

    again.text_area(key=key(meeting, "progress_followed")).set_value(
        "De mentor belt moeder elke twee weken").run()
    assert on_file(tmp_path, case, meeting)["progress_followed"] == \
        "De mentor belt moeder elke twee weken"
    report = report_text(store, case, meeting)
    assert "Opa Kees" in report and "De mentor belt moeder elke twee weken" in report


def test_a_need_names_the_goal_it_serves_and_the_verslag_says_so(data, tmp_path):
    store, case, meeting = data
    goal = store.add_item(case.id, meeting.id, "goals",
                          **Goal(area="kind", text="Joris maakt zijn rekentaak af").model_dump())
    need = store.add_item(case.id, meeting.id, "needs", category="een leraar die",
                          text="een leraar die korte taken geeft")
    at = open_page(app(case, meeting), pages.for_step(5).path)
    choice = at.selectbox(key=key(meeting, "needs", need.id, "goal_id"))
    assert choice.options == ["Geen doel gekozen", "Kind: Joris maakt zijn rekentaak af"]
    choice.set_value(goal.id).run()
    assert on_file(tmp_path, case, meeting)["needs"][0]["goal_id"] == goal.id
    again = open_page(app(case, meeting), pages.for_step(5).path)
    assert again.selectbox(key=key(meeting, "needs", need.id, "goal_id")).value == goal.id
    report = report_text(store, case, meeting)
    assert ("een leraar die korte taken geeft — om dít doel te halen: "
            "Joris maakt zijn rekentaak af") in report


def test_who_said_an_overview_item_is_kept_and_in_the_verslag(data, tmp_path):
    store, case, meeting = data
    item = store.add_item(case.id, meeting.id, "overview", area="opvoeding", sign="plus",
                          text="Joris helpt graag met koken")
    at = open_page(app(case, meeting), pages.for_step(2).path)
    at.selectbox(key=key(meeting, "overview", item.id, "group")).set_value("ouders").run()
    assert on_file(tmp_path, case, meeting)["overview"][0]["group"] == "ouders"
    again = open_page(app(case, meeting), pages.for_step(2).path)
    assert again.selectbox(key=key(meeting, "overview", item.id, "group")).value == "ouders"
    report = report_text(store, case, meeting)
    assert "Joris helpt graag met koken (Ouders/verzorgers)" in report
