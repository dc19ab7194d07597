"""Two Chromium contexts at once: the chair's shared screen and a participant on a phone. The
participant's top and question appear on the chair's page without a reload, and what the chair
was typing meanwhile stays."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from conftest import choose, wait_idle

from hgs.access import joining as live
from hgs.method.records import Case, Goal, Meeting, Organisation

SCREENS = Path(__file__).resolve().parent / "screens"


@pytest.fixture(scope="module")
def joined(server):
    from hgs.store import open_store

    store = open_store(server.data_dir)
    org = store.save_organisation(Organisation(name="Kindcentrum Het Palet", sector="PO"))
    case = store.create_case(Case(code="L-2026-0777", first_name="Ilse", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(
        case_id=case.id, date=dt.date.today(), status="gestart",
        goals=[Goal(area="kind", text="Ilse vraagt om hulp", start=2, target=6)]))
    token = live.open_joining(store, case.id, meeting.id)
    return store, case, meeting, token


def test_participant_entries_reach_the_shared_screen_live(server, browser, joined):
    store, case, meeting, token = joined
    chair = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True).new_page()
    chair.goto(f"{server.url}/stap-9?case={case.id}&meeting={meeting.id}")
    wait_idle(chair)
    half = chair.locator('[class*="-new-tops_tips-tip"] input')
    half.click()
    half.press_sequentially("Volgende keer eerder", delay=20)  # no Enter: half-typed

    phone.goto(f"{server.url}/?t={token}")
    wait_idle(phone)
    phone.locator(".st-key-join-name input").fill("Fatima")
    phone.locator(".st-key-join-name input").press("Enter")
    wait_idle(phone)
    choose(phone, "join-role", "ouder/verzorger")  # no default role
    phone.get_by_role("tab", name="Tops en tips").click()
    phone.locator(".st-key-join-t-text textarea").fill("Fijn dat iedereen naar ons luisterde")
    phone.get_by_role("button", name="Toevoegen").click()
    wait_idle(phone)
    phone.get_by_role("tab", name="Vragen").click()
    phone.locator(".st-key-join-q-text textarea").fill("Als we weten wat Ilse helpt, dan kunnen "
                                                        "we thuis hetzelfde doen")
    phone.get_by_role("button", name="Vraag toevoegen").click()
    wait_idle(phone)
    added = time.monotonic()
    SCREENS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SCREENS / "meedoen-phone.png"))

    chair.wait_for_function(
        "t => [...document.querySelectorAll('textarea')].some(e => e.value === t)",
        arg="Fijn dat iedereen naar ons luisterde", timeout=10_000)
    assert time.monotonic() - added < 3.5  # within 3 s of the phone's save (plus a poll)
    assert half.input_value() == "Volgende keer eerder"  # the chair's typing survived
    author = chair.locator("input").evaluate_all("els => els.map(e => e.value)")
    assert "Fatima (ouder/verzorger)" in author  # the chair's screen shows who gave it
    chair.screenshot(path=str(SCREENS / "stap-9-live.png"))
    saved = store.get_meeting(case.id, meeting.id)
    assert [t.by for t in saved.tops_tips] == ["Fatima (ouder/verzorger)"]
    assert saved.tops_tips[0].group == "ouders"
    assert saved.questions[0].asked_by == "Fatima (ouder/verzorger)"


@pytest.mark.parametrize("token", ["", "verkeerd-token"])
def test_without_a_valid_token_the_participant_sees_nothing_of_the_case(server, browser,
                                                                        joined, token):
    store, case, meeting, good = joined
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server.url}/?t={token}")
    wait_idle(page)
    body = page.inner_text("body")
    assert "Deze link werkt niet" in body
    assert "Ilse" not in body and case.code not in body
    page.close()


def test_after_closing_the_link_no_longer_works_and_other_pages_stay_shut(server, browser,
                                                                          joined):
    store, case, meeting, token = joined
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server.url}/?t={token}")
    wait_idle(page)
    assert "Ilse" in page.inner_text("body")
    page.goto(f"{server.url}/netwerk?t={token}")  # a participant session gets no other page
    wait_idle(page)
    assert "Netwerk" not in page.inner_text("body").split("\n")[0:3]
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    live.close_joining(store, case.id, meeting.id)
    page.reload()
    wait_idle(page)
    body = page.inner_text("body")
    assert "Deze link werkt niet" in body and "Ilse" not in body
    page.close()
