"""Every page runs from app.py; every step keeps what was typed after a fresh session."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.method import cycle
from hgs.store import open_store

PAGES = [pages.WORKLIST.path, pages.START.path, pages.PREPARATION.path, *[p.path for p in pages.STEP_PAGES],
         pages.PROGRESS.path, pages.NETWORK.path, pages.ADMIN.path]


def app(case=None, meeting=None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    if case:
        at.session_state["active_case"] = case.id
        at.session_state["active_meeting"] = meeting.id if meeting else None
    return at.run()


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_a_meeting(data, page):
    at = open_page(app(), page)
    assert at.title or at.info


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_a_meeting(data, page):
    store, case, meeting = data
    open_page(app(case, meeting), page)


def key(meeting, *parts):
    return "-".join(["m", meeting.id, *parts])


# page, widget kind, key parts, value typed, how to read it back from the store
FILLS = [
    (pages.PREPARATION.path, "text_area", ("reason",), "Joris loopt vast in rekenen",
     lambda m: m.reason),
    (pages.for_step(1).path, "text_input", ("new", "questions", "all"),
     "Als we weten wat Joris helpt, dan kunnen we de instructie aanpassen",
     lambda m: m.questions[0].text),
    (pages.for_step(2).path, "text_area", ("circle_essence",), "Ik vind buitenspelen het leukst",
     lambda m: m.circle_essence),
    (pages.for_step(3).path, "text_input", ("new", "explanations", "kind"), "Taken zijn te lang",
     lambda m: m.explanations[0].text),
    (pages.for_step(4).path, "text_input", ("new", "goals", "opvoeding"), "Joris leest thuis 10 minuten",
     lambda m: m.goals[0].text),
    (pages.for_step(5).path, "text_input", ("new", "needs", "andere kinderen"),
     "Joris heeft een maatje nodig bij het buitenspelen", lambda m: m.needs[0].text),
    (pages.for_step(6).path, "text_input", ("new", "support_needs", "ouders-kennis"),
     "Kennis over korte taken", lambda m: m.support_needs[0].text),
    (pages.for_step(7).path, "text_input", ("new", "decisions", "all"), "Geen onderzoek nu",
     lambda m: m.decisions[0].text),
    (pages.for_step(8).path, "text_input", ("new", "agreements", "all"), "Juf maakt een dagschema",
     lambda m: m.agreements[0].what),
    (pages.for_step(9).path, "text_input", ("new", "tops_tips", "top"), "Fijn dat Joris zelf vertelde",
     lambda m: m.tops_tips[0].text),
]


@pytest.mark.parametrize("page,kind,parts,value,read", FILLS, ids=[f[0] for f in FILLS])
def test_a_field_per_step_is_kept_after_a_fresh_run(data, page, kind, parts, value, read):
    store, case, meeting = data
    at = open_page(app(case, meeting), page)
    getattr(at, kind)(key=key(meeting, *parts)).set_value(value).run()
    assert not at.exception
    assert read(store.get_meeting(case.id, meeting.id)) == value

    again = open_page(app(case, meeting), page)  # a new session: nothing but the store
    shown = [w.value for w in [*again.text_area, *again.text_input]]
    assert value in shown


def test_bad_input_gets_a_dutch_message_not_a_traceback(data):
    store, case, meeting = data
    at = open_page(app(case, meeting), pages.for_step(4).path)
    at.text_input(key=key(meeting, "new", "goals", "kind")).set_value("x" * 5000).run()
    assert not at.exception
    assert any("te lang" in e.value for e in at.error)
    assert store.get_meeting(case.id, meeting.id).goals == []


def test_outside_professional_without_consent_blocks_the_steps(data):
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "participants", name="Sanne", role="jeugdhulp",
                   organisation="Jeugdhulp Flevoland")
    at = open_page(app(case, meeting), pages.for_step(1).path)
    assert any("geboortejaar" in e.value for e in at.error)  # whose consent depends on the age
    assert not at.text_input  # nothing of the step is shown

    store.update_case(case.id, lambda c: cycle.set_birth_year(c, 2016))
    at = open_page(app(case, meeting), pages.for_step(1).path)
    assert any("toestemming" in e.value for e in at.error)
    assert not at.text_input

    store.update_case(case.id, lambda c: cycle.add_consent(c, ["ouders"], meeting.date, ""))
    at = open_page(app(case, meeting), pages.for_step(1).path)
    assert not at.error


def test_start_creates_a_case_and_a_first_meeting(data):
    store, _, _ = data
    at = open_page(app(), pages.START.path)
    at.text_input(key="start-new-name").set_value("Sanna")
    at.button[[b.label for b in at.button].index("Casus aanmaken")].click().run()
    assert not at.exception
    created = [c for c in store.cases() if c.first_name == "Sanna"]
    assert len(created) == 1 and created[0].code == "L-2026-0002"
    assert at.session_state["active_case"] == created[0].id


def test_follow_up_asks_a_new_score_for_every_earlier_goal(data):
    store, case, meeting = data
    goal = store.add_item(case.id, meeting.id, "goals", area="kind", text="Joris vraagt hulp",
                          start=3, target=7)
    follow = cycle.start_meeting(store, case.id, dt.date(2026, 12, 14))
    at = open_page(app(case, follow), pages.for_step(9).path)
    at.number_input(key=key(follow, f"scores.{goal.id}")).set_value(5).run()
    assert store.get_meeting(case.id, follow.id).scores == {goal.id: 5}


def test_a_fresh_folder_opens_with_the_demo_network_and_leeg_beginnen_empties_it(tmp_path,
                                                                               monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("HGS_DEMO", raising=False)
    at = app()
    assert not at.exception
    store = open_store(tmp_path)
    assert len(store.case_ids()) >= 30 and store.setting("demo") is True
    assert any("Demonetwerk" in w.value for w in at.warning)

    at.button(key="demo-start-empty").click().run()
    at.button(key="demo-start-empty-yes").click().run()  # the question (tests/pages/test_confirm)
    assert not at.exception
    assert store.case_ids() == [] and store.organisations() == []
    assert not any("Demonetwerk" in w.value for w in at.warning)
    assert app().warning.len == 0  # and it stays empty on the next visit


def test_a_case_is_erased_from_start_after_typing_its_code(data):
    store, case, meeting = data
    at = app(case, meeting)
    at.switch_page(pages.START.path).run()
    key = f"avg-erase-{case.id}"
    at.button(key=key).click().run()
    assert any("Typ de code" in e.value for e in at.error)
    assert case.id in store.case_ids()
    at.text_input(key=key + "-code").set_value(case.code)
    at.button(key=key).click().run()
    assert case.id in store.case_ids()  # first the question (tests/pages/test_confirm.py)
    at.button(key=key + "-yes").click().run()
    assert not at.exception
    assert case.id not in store.case_ids()
    assert any("is gewist" in s.value for s in at.success)


def test_a_case_without_consent_is_shown_so(data):
    store, case, meeting = data
    store.update_case(case.id, lambda c: cycle.add_consent(c, ["ouders"], dt.date(2026, 1, 5), ""))
    consent = store.get_case(case.id).consents[0]
    store.update_case(case.id, lambda c: cycle.withdraw_consent(c, consent.id,
                                                                dt.date(2026, 2, 1)))
    at = open_page(app(case, meeting), pages.PREPARATION.path)
    assert any("Zonder toestemming" in m.value for m in at.markdown)  # st.badge is markdown


def test_erasing_a_case_is_in_the_audit_log_without_its_content(data):
    from hgs.access import audit

    store, case, meeting = data
    at = app(case, meeting)
    at.switch_page(pages.START.path).run()
    key = f"avg-erase-{case.id}"
    at.text_input(key=key + "-code").set_value(case.code)
    at.button(key=key).click().run()
    at.button(key=key + "-yes").click().run()
    lines = [e for month in audit.months(store.data_dir) for e in audit.entries(month,
                                                                              store.data_dir)]
    assert any(e["what"] == "erase" and e["case"] == case.id for e in lines)
    text = " ".join(p.read_text() for p in (store.data_dir / "audit").glob("*.jsonl"))
    assert case.first_name not in text and case.code not in text


def test_the_same_text_sent_twice_by_a_live_rerun_is_added_once(data):
    store, case, meeting = data
    at = open_page(app(case, meeting), pages.for_step(1).path)
    field = at.text_input(key=key(meeting, "new", "questions", "all"))
    field.set_value("Als we weten wat helpt, dan …").run()
    # the echo: the browser had not yet received the cleared field when the fragment reran
    at.text_input(key=key(meeting, "new", "questions", "all")).set_value(
        "Als we weten wat helpt, dan …").run()
    assert [q.text for q in store.get_meeting(case.id, meeting.id).questions] == [
        "Als we weten wat helpt, dan …"]
