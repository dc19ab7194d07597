"""The whole UI in English: every page runs with the language set to English and shows English
titles; switching back shows Dutch again."""


import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.method.steps import STEPS

# page, its English title (st.title) or step heading, its Dutch one
PAGES = [(pages.WORKLIST.path, "Worklist", "Werklijst"),
         (pages.START.path, "Start", "Start"),
         (pages.PREPARATION.path, "Preparation", "Voorbereiding"),
         *[(p.path, None, None) for p in pages.STEP_PAGES],
         (pages.PROGRESS.path, "Progress", "Voortgang"),
         (pages.NETWORK.path, "Network", "Netwerk"),
         (pages.REFLECTION.path, "Reflection", "Reflectie"),
         (pages.ADMIN.path, "Administration", "Beheer"),
         (pages.PRESENTATION.path, None, None)]


def app(case, meeting, language="en") -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.session_state["ui-language"] = language
    return at.run()


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("title", "header", "subheader", "caption",
                                               "markdown", "info")
                    for e in getattr(at, kind))


@pytest.mark.parametrize("page,english,dutch", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_runs_in_english(data, page, english, dutch):
    store, case, meeting = data
    at = app(case, meeting)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    if english:
        assert [t.value for t in at.title][0] == english
    shown = texts(at)
    for number, step in enumerate(STEPS, 1):
        if page == pages.for_step(number).path:
            assert f"{number}. {step.title}" in shown or step.aim in shown or at.title


def test_step_pages_show_english_titles_and_labels(data):
    store, case, meeting = data
    at = app(case, meeting)
    at.switch_page(pages.for_step(2).path).run()
    shown = texts(at)
    assert "Overview" in shown and "Child / pupil" in shown and "Overzicht" not in shown
    assert "2 November 2026" in shown or "2 November 2026" in str(at.sidebar)


def test_switching_back_shows_dutch_again(data):
    store, case, meeting = data
    at = app(case, meeting)
    at.switch_page(pages.START.path).run()
    assert at.title[0].value == "Start" and any("Choose a case" in s.value for s in at.subheader)
    at.session_state["ui-language"] = "nl"
    at.run()
    assert not at.exception
    assert any("Casus kiezen" in s.value for s in at.subheader)
    at.switch_page(pages.PREPARATION.path).run()
    assert at.title[0].value == "Voorbereiding"


def test_the_switch_is_in_the_sidebar_and_dutch_is_the_default(data):
    store, case, meeting = data
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    assert at.session_state["ui-language"] == "nl"
    assert not at.exception


def test_the_presentation_shows_the_step_content_in_the_chosen_language(data):
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "agreements", what="Elke week een gesprek met Joris",
                   who="juf Anna")
    at = app(case, meeting)
    at.switch_page(pages.PRESENTATION.path)
    at.query_params["stap"] = "8"
    at.run()
    shown = texts(at)
    assert not at.exception
    assert "Elke week een gesprek met Joris" in shown  # typed text stays as typed
    assert "What" in shown and "We evaluate on" in shown
    assert "Uiterlijk" not in shown and "We evalueren op" not in shown
    at.session_state["ui-language"] = "nl"
    at.run()
    shown = texts(at)
    assert "Uiterlijk" in shown and "We evalueren op" in shown


def test_the_address_keeps_the_language_over_a_reload(data):
    store, case, meeting = data
    at = app(case, meeting)  # the person chose English
    at.switch_page(pages.START.path).run()
    assert at.query_params["lang"] in ("en", ["en"])
    reload = AppTest.from_file("../../app.py", default_timeout=30)  # a new session, same address
    reload.query_params["lang"] = "en"
    reload.query_params["case"] = case.id
    reload.run()
    assert reload.session_state["ui-language"] == "en"
    assert reload.title[0].value == "Worklist"  # the chair's home, in English
    reload.switch_page(pages.START.path).run()
    assert any("Choose a case" in s.value for s in reload.subheader)
    reload.session_state["ui-language"] = "nl"  # back to Dutch: the address forgets it
    reload.run()
    assert "lang" not in reload.query_params
    assert any("Casus kiezen" in s.value for s in reload.subheader)


def test_a_strange_language_in_the_address_is_dutch(data):
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.query_params["lang"] = "xx"
    at.run()
    assert at.session_state["ui-language"] == "nl" and not at.exception
