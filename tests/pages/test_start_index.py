"""Start over the case index: a page of matches at a time, a search over the index, and only the
chosen case read whole."""

import threading

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.method.records import Case
from hgs.store import TinyDBStore
from hgs.ui import case_search


@pytest.fixture
def many(data):
    store, joris, _ = data
    org = joris.organisation_id
    for n in range(2, 2 + case_search.PAGE + 30):  # 80 more cases, one called Bram
        store.import_case(Case(code=f"L-2026-{n:04d}", first_name="Bram" if n == 60 else
                               f"Kind{n:03d}", organisation_id=org, group="7b"), [])
    return store


def start() -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30).run()
    at.switch_page(pages.START.path).run()
    assert not at.exception, at.exception
    return at


def test_start_offers_a_page_of_matches_and_more_on_request(many):
    at = start()
    box = at.selectbox(key="start-case")
    assert len(box.options) == case_search.PAGE
    assert "81" in box.label  # every match is counted
    at.button(key="start-more").click().run()
    assert len(at.selectbox(key="start-case").options) == 81
    assert not [b for b in at.button if b.key == "start-more"]


def test_the_search_runs_over_the_index_and_the_chosen_case_is_read_alone(many, monkeypatch):
    whole: list[str] = []  # what Start's reruns read whole (the daily back-up's thread aside)

    def spy(name, real):
        def read(self, *args):
            if threading.current_thread().name != "hgs-daily-backup":
                whole.append(args[0] if args else name)
            return real(self, *args)
        monkeypatch.setattr(TinyDBStore, name, read)

    spy("cases", TinyDBStore.cases)
    spy("get_case", TinyDBStore.get_case)
    at = start()  # lands on the Werklijst (which reads the cases) and goes to Start
    whole.clear()
    at.text_input(key="start-search").set_value("bram").run()
    box = at.selectbox(key="start-case")
    assert box.options == ["Bram · L-2026-0060 · Basisschool De Regenboog, 7b"]
    assert whole == []  # listing and searching read no case
    bram = next(r for r in many.case_index() if r.first_name == "Bram")
    box.set_value(bram.id).run()
    assert not at.exception, at.exception
    assert "cases" not in whole and set(whole) == {bram.id}
    assert at.session_state["active_case"] == bram.id


def test_a_case_named_in_the_address_stays_chosen_beyond_the_first_page(many):
    last = max(many.case_index(), key=lambda r: r.first_name)  # sorted last by first name
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = last.id
    at.run().switch_page(pages.START.path).run()
    assert at.selectbox(key="start-case").value == last.id
