"""Two `streamlit run` processes on one PostgreSQL database, as two app machines of a network
server: what is typed through one shows on the other after a reload (and live, on the chair's
screen, while joining is open), and entries made at the same time through both are all kept."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import choose, running_server, wait_idle

from hgs.access import joining as live
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import open_store
from tests.conftest import fresh_schema
from tests.processes import run_together

DESKTOP = {"width": 1440, "height": 900}
WRITERS, PER_WRITER = 2, 50

ADDING_WRITER = """
    import sys, time
    from pathlib import Path
    from hgs.store import open_store

    url, case_id, meeting_id, n, per_writer, go = sys.argv[1:]
    store = open_store(url)
    Path(f"{go}.{n}").touch()
    while not Path(go).exists():
        time.sleep(0.005)
    for i in range(int(per_writer)):
        store.add_item(case_id, meeting_id, "questions", text=f"proces {n}: vraag {i}")
"""


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, chromium_path):
    """Servers A and B, each with a data folder of its own, on one fresh database schema that
    holds a case and an MDO; and a store on that database."""
    with fresh_schema() as url:
        store = open_store(url)
        try:
            org = store.save_organisation(Organisation(name="IKC De Boomgaard", sector="PO"))
            case = store.create_case(Case(code="L-2026-0501", first_name="Sem",
                                          organisation_id=org.id))
            meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date.today(),
                                                   status="gestart"))
            store.set_setting("initialised", True)
            env = {"HGS_DATABASE_URL": url, "HGS_DEMO": "0"}
            with running_server(tmp_path_factory.mktemp("app-a"), **env) as a, \
                    running_server(tmp_path_factory.mktemp("app-b"), **env) as b:
                yield a, b, store, case, meeting
        finally:
            store.close()


def questions_on(page) -> list[str]:
    return page.locator('[class*="-questions-"] :is(input, textarea)').evaluate_all(
        "els => els.map(e => e.value).filter(v => v)")


def wait_for_question(page, text: str, timeout: float = 15_000) -> None:
    page.wait_for_function(
        "t => [...document.querySelectorAll('input, textarea')].some(e => e.value === t)",
        arg=text, timeout=timeout)


def add_question(page, text: str, enter: bool = True) -> None:
    field = page.locator('[class*="-new-questions-all"] input')
    field.fill(text)
    if enter:
        field.press("Enter")


@pytest.fixture
def pages(browser):
    """`pages(n)`: n pages, each in a window of its own (a background tab would not poll)."""
    contexts = []

    def make(n: int) -> list:
        for _ in range(n):
            contexts.append(browser.new_context(viewport=DESKTOP, locale="nl-NL"))
        return [context.new_page() for context in contexts[-n:]]

    yield make
    for context in contexts:
        context.close()


def test_entries_through_either_server_show_on_both_and_none_is_lost(two_servers, pages):
    a, b, store, case, meeting = two_servers
    step_1 = f"/stap-1?case={case.id}&meeting={meeting.id}"
    on_a, on_b = pages(2)
    for page, server in ((on_a, a), (on_b, b)):
        page.goto(server.url + step_1)
        wait_idle(page)

    # typed through A, shown by B after a reload
    first = "Als we weten wat Sem rustig maakt, dan kunnen we de instructie aanpassen"
    add_question(on_a, first)
    wait_idle(on_a)
    on_b.reload()
    wait_idle(on_b)
    assert first in questions_on(on_b)

    # typed through both at once: both kept, once each, and both servers show all
    for page, name in ((on_a, "A"), (on_b, "B")):
        add_question(page, f"via server {name}", enter=False)
    for page in (on_a, on_b):  # both saves leave before either has come back
        page.locator('[class*="-new-questions-all"] input').press("Enter")
    for page in (on_a, on_b):
        wait_idle(page)
        page.reload()
        wait_idle(page)
        assert {first, "via server A", "via server B"} <= set(questions_on(page))
    stored = [q.text for q in store.get_meeting(case.id, meeting.id).questions]
    assert sorted(stored) == [first, "via server A", "via server B"]


def test_a_participant_on_one_server_reaches_the_chairs_screen_on_the_other_live(
        two_servers, pages):
    a, b, store, case, meeting = two_servers
    token = live.open_joining(store, case.id, meeting.id)
    try:
        chair, phone = pages(2)
        chair.goto(f"{b.url}/stap-1?case={case.id}&meeting={meeting.id}")
        wait_idle(chair)
        phone.goto(f"{a.url}/?t={token}")
        wait_idle(phone)
        phone.locator(".st-key-join-name input").fill("Fatima")
        phone.locator(".st-key-join-name input").press("Enter")
        wait_idle(phone)
        choose(phone, "join-role", "ouder/verzorger")  # no default role
        question = "Als we weten wat Sem thuis helpt, dan kunnen we dat op school ook doen"
        phone.get_by_role("tab", name="Vragen").click()
        phone.locator(".st-key-join-q-text textarea").fill(question)
        phone.get_by_role("button", name="Vraag toevoegen").click()
        wait_idle(phone)
        wait_for_question(chair, question)  # no reload: the chair's list reads it again
    finally:
        live.close_joining(store, case.id, meeting.id)
    saved = store.get_meeting(case.id, meeting.id).questions[-1]
    assert (saved.text, saved.asked_by) == (question, "Fatima (ouder/verzorger)")


def test_two_processes_adding_50_entries_each_at_once_lose_none(two_servers, tmp_path):
    a, b, store, case, _ = two_servers
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date.today()))
    run_together(ADDING_WRITER, [(store.url, case.id, meeting.id, str(n), str(PER_WRITER))
                                 for n in range(WRITERS)], tmp_path / "go")
    texts = [q.text for q in store.get_meeting(case.id, meeting.id).questions]
    assert len(texts) == WRITERS * PER_WRITER
    assert set(texts) == {f"proces {n}: vraag {i}"
                          for n in range(WRITERS) for i in range(PER_WRITER)}
