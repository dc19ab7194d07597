"""Groeitaal in the steps (AppTest): the seed's Joost typed in the overview shows hints, Joris
none; a goal without what we see and hear gets a hint; the method checks show tops and tips; in
an English session the same Dutch words get English explanations."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import open_store
from tests.test_language import JOOST, JORIS


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    monkeypatch.delenv("HGS_GROEITAAL", raising=False)
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="Basisschool De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 11, 2)))
    return store, case, meeting


def open_step(number: int, case: Case, meeting: Meeting, language: str = "nl") -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["ui-language"] = language
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.run()
    at.switch_page(pages.for_step(number).path).run()
    assert not at.exception, at.exception
    return at


def hint_captions(at: AppTest, title: str = "Groeitaal") -> list[str]:
    return [m.value for m in at.markdown if f"**{title}**" in m.value]


def test_joost_in_the_overview_shows_hints_and_joris_shows_none(data):
    store, case, meeting = data
    at = open_step(2, case, meeting)
    assert hint_captions(at) == []

    at.text_input(key=f"m-{meeting.id}-new-overview-kind-min").set_value(JOOST).run()
    assert not at.exception
    shown = hint_captions(at)
    for phrase in ("heeft ADHD", "is hyperactief", "heeft ODD", "Ouders zijn erg druk",
                   "komen zelden"):
        assert any(phrase in caption for caption in shown), (phrase, shown)
    assert any("herinnering nodig" in caption for caption in shown)  # toward Joris
    # only worries about the child so far: a quiet nudge to name a strength
    assert any("nog geen sterke kant" in c.value for c in at.caption)

    at.text_input(key=f"m-{meeting.id}-new-overview-kind-plus").set_value(JORIS).run()
    assert not at.exception
    assert len(hint_captions(at)) == len(shown)  # Joris adds none
    assert not any("Bij het kind staan zorgen" in c.value for c in at.caption)
    assert [i.text for i in store.get_meeting(case.id, meeting.id).overview] == [JOOST, JORIS]


def test_hints_in_insight_and_needs(data):
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "explanations", area="opvoeding",
                   text="De ouders werken niet mee")
    store.add_item(case.id, meeting.id, "needs", category="een leraar die",
                   text="Joris heeft een leraar nodig die regels consequent toepast")
    at = open_step(3, case, meeting)
    assert any("werken niet mee" in c for c in hint_captions(at))
    at = open_step(5, case, meeting)
    assert hint_captions(at) == []
    assert any("nog geen enkele sterke kant" in c.value for c in at.caption)


def test_a_new_goal_is_asked_what_we_see_and_hear_and_its_scale(data):
    store, case, meeting = data
    at = open_step(4, case, meeting)
    at.text_input(key=f"m-{meeting.id}-new-goals-kind").set_value("Joris werkt zelfstandig").run()
    assert not at.exception
    shown = hint_captions(at, "Doel")
    assert any("wat zien en horen we dan" in c.lower() for c in shown)
    assert any("start" in c and "0–10" in c for c in shown)
    assert hint_captions(at) == []

    goal = store.get_meeting(case.id, meeting.id).goals[0]
    store.update_item(case.id, meeting.id, "goals", goal.id,
                      observable="Joris werkt 10 minuten zonder hulp", start=3, target=7)
    assert hint_captions(open_step(4, case, meeting), "Doel") == []


def checks_page(case_id: str, meeting_id: str) -> None:
    from hgs.ui import context, session
    from hgs.ui import method as ui_method

    store = session.store()
    ui_method.show_checks(context.Context(store, store.get_case(case_id),
                                          store.get_meeting(case_id, meeting_id)))


def test_the_method_checks_show_as_tops_and_tips(data):
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "participants", name="Moeder", role="ouder/verzorger")
    store.set_field(case.id, meeting.id, "circle_essence", "Ik wil meer buiten spelen")
    at = AppTest.from_function(checks_page, args=(case.id, meeting.id), default_timeout=30).run()
    assert not at.exception, at.exception
    assert at.subheader[0].value == "Hoe werkten we handelingsgericht?"
    text = " ".join(m.value for m in at.markdown)
    tops, tips = text.split("Tips**")
    assert "De stem van het kind" in tops and "Ouders aan tafel" in tops
    assert "Geen onderzoek, tenzij" in tips and "Afspraken met wie en wanneer" in tips
    assert "%" not in text and "/7" not in text  # tops and tips, not a score


def test_in_english_joost_gets_english_explanations_of_the_dutch_words(data):
    store, case, meeting = data
    at = open_step(2, case, meeting, language="en")
    at.text_input(key=f"m-{meeting.id}-new-overview-kind-min").set_value(JOOST).run()
    assert not at.exception
    shown = hint_captions(at, "Growth language")
    assert len(shown) == 4 and hint_captions(at) == []  # one per rule: ADHD and ODD together
    assert any("“heeft ADHD”, “heeft ODD”: A diagnosis as a property of the child" in c
               for c in shown)
    assert any("*Tip:* Describe what you see and what the child needs, e.g. “is een energieke "
               "jongen" in c for c in shown)
    assert not any("Beschrijf" in c or "Een diagnose" in c for c in shown)
    assert any("For the child there are worries or questions, but no strength yet." in c.value
               for c in at.caption)
    assert not any("nog geen sterke kant" in c.value for c in at.caption)


def test_in_english_goal_and_needs_hints_speak_english(data):
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "needs", category="een leraar die",
                   text="Joris heeft een leraar nodig die regels consequent toepast")
    at = open_step(5, case, meeting, language="en")
    assert any("not a single strength in the overview (step 2) yet" in c.value
               for c in at.caption)
    at = open_step(4, case, meeting, language="en")
    at.text_input(key=f"m-{meeting.id}-new-goals-kind").set_value("Joris werkt zelfstandig").run()
    assert not at.exception
    shown = hint_captions(at, "Goal")
    assert any("what do we then see and hear?" in c for c in shown)
    assert any("Give a start (where are we now, 0–10)" in c for c in shown)
    assert hint_captions(at, "Doel") == []
