"""The participant view and the presentation page in AppTest: tokens, entries with their author,
next and previous step."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.access import joining as live
from hgs.method.records import Case, Goal, Meeting, Organisation
from hgs.store import open_store


@pytest.fixture
def joined(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    store = open_store(tmp_path)
    org = store.save_organisation(Organisation(name="SBO De Brug", sector="SO/SBO"))
    case = store.create_case(Case(code="L-2026-0301", first_name="Mees", organisation_id=org.id))
    goal = Goal(area="kind", text="Mees vraagt hulp", start=2, target=6)
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 11, 2),
                                           kind="evaluatie", goals=[goal],
                                           scores={goal.id: None}))
    return store, case, meeting, live.open_joining(store, case.id, meeting.id)


def participant(token: str) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.query_params["t"] = token
    return at.run()


def test_participant_with_a_token_adds_a_top_with_their_name(joined):
    store, case, meeting, token = joined
    at = participant(token)
    assert not at.exception
    assert "Mees" in at.title[0].value
    at.text_input(key="join-name").set_value("Anna")
    at.selectbox(key="join-role").set_value("ouder/verzorger").run()  # no default role
    at.text_area(key="join-t-text").set_value("Fijn dat we samen keken")
    labels = [b.label for b in at.button]
    at.button[len(labels) - 1 - labels[::-1].index("Toevoegen")].click().run()  # the tops form
    saved = store.get_meeting(case.id, meeting.id)
    assert [(t.text, t.by) for t in saved.tops_tips] == [("Fijn dat we samen keken",
                                                         "Anna (ouder/verzorger)")]


@pytest.mark.parametrize("token", ["", "fout"])
def test_participant_without_a_valid_token_sees_nothing_of_the_case(joined, token):
    at = participant(token)
    assert not at.exception
    assert "Deze link werkt niet" in at.error[0].value
    shown = " ".join(e.value for e in [*at.title, *at.markdown, *at.caption])
    assert "Mees" not in shown and "L-2026-0301" not in shown


def test_a_participant_session_never_reaches_the_chairs_pages(joined):
    store, case, meeting, token = joined
    at = participant(token)
    for page in (pages.NETWORK.path, pages.START.path, pages.PROGRESS.path, pages.ADMIN.path):
        with pytest.raises(ValueError, match="Known pages: .*meedoen.py'\\]"):
            at.switch_page(page)
    at.query_params.clear()  # dropping the token from the URL does not end the participant view
    at.run()
    assert "Mees" in at.title[0].value


def test_presentation_shows_the_step_and_moves_with_next(joined):
    store, case, meeting, token = joined
    store.add_item(case.id, meeting.id, "questions", text="Als we weten wat werkt, dan …",
                   asked_by="juf Anna")
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.run()
    at.switch_page(pages.PRESENTATION.path).run()
    assert not at.exception
    assert at.title[0].value.startswith("1.")
    assert any("Als we weten wat werkt" in m.value for m in at.markdown)
    at.button(key="present-next").click().run()
    assert at.title[0].value.startswith("2.")
    at.button(key="present-prev").click().run()
    assert at.title[0].value.startswith("1.")


def tops_button(at: AppTest):
    labels = [b.label for b in at.button]
    return at.button[len(labels) - 1 - labels[::-1].index("Toevoegen")]


def test_past_the_cap_the_participant_is_told_and_keeps_the_text(joined, monkeypatch):
    from hgs.access import joining as live_module

    store, case, meeting, token = joined
    monkeypatch.setattr(live_module, "recent_entries", live_module.RecentEntries())
    monkeypatch.setattr(live_module, "PER_MINUTE", 2)
    at = participant(token)
    at.text_input(key="join-name").set_value("Anna")
    at.selectbox(key="join-role").set_value("ouder/verzorger").run()
    for n in range(2):
        at.text_area(key="join-t-text").set_value(f"Top {n}")
        tops_button(at).click().run()
        assert at.text_area(key="join-t-text").value == ""  # saved: the field is empty again
    at.text_area(key="join-t-text").set_value("Nog een top die ik niet kwijt wil")
    tops_button(at).click().run()
    assert not at.exception
    assert any("Wacht even" in e.value for e in at.error)
    assert at.text_area(key="join-t-text").value == "Nog een top die ik niet kwijt wil"
    saved = store.get_meeting(case.id, meeting.id)
    assert [t.text for t in saved.tops_tips] == ["Top 0", "Top 1"]
