"""In Chromium, on a fresh folder that the app fills with the demo network: a case made through
the UI, its MDO planned by typing a start time and a place as a person does (kept after a
reload, and in the case file), then "Leeg beginnen": the dialog's counts, confirmed, and on disk
the user's case file stays while every demo case file is gone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import running_server, wait_idle

SCREENS = Path(__file__).resolve().parent / "screens"
DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
CHILD = "Floortje"
PLACE = "Lokaal 3 – de ‘stilte’ruimte"


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory):
    """A server on an empty folder: its first visit loads the default demo network."""
    with running_server(tmp_path_factory.mktemp("hgs-fresh"), HGS_DEMO="1") as running:
        yield running


def stored_cases(server) -> dict[str, dict]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in (server.data_dir / "cases").glob("*.json")}


def test_plan_an_mdo_then_leeg_beginnen_keeps_the_users_case(fresh_server, browser):
    server = fresh_server
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(server.url + "/start")  # "/" is the chair's Werklijst
        wait_idle(page)
        assert page.get_by_text("Demonetwerk").count() >= 1
        assert len(stored_cases(server)) == 40
        # Start opens with no case chosen: no "MDO aanmaken" yet
        assert page.get_by_role("button", name="MDO aanmaken").count() == 0

        name = page.locator(".st-key-start-new-name input")
        name.press_sequentially(CHILD, delay=60)
        page.get_by_test_id("stFormSubmitButton").get_by_role(
            "button", name="Casus aanmaken").click()
        wait_idle(page)
        page.get_by_role("button", name="MDO aanmaken").click()
        page.wait_for_url(re.compile(r"/voorbereiding\?.*meeting="), timeout=15_000)
        wait_idle(page)
        mine = next(cid for cid, doc in stored_cases(server).items()
                    if doc["case"]["1"]["first_name"] == CHILD)

        start = page.locator('[class*="-start_time"] input')
        start.press_sequentially("1430", delay=60)
        start.press("Tab")  # leaves the field: saved, and shown as 14:30
        wait_idle(page)
        place = page.locator('[class*="-place"] input').first
        place.press_sequentially(PLACE, delay=60)  # then nothing: the pause saves it
        page.wait_for_timeout(1800)
        wait_idle(page)
        SCREENS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENS / "planning-desktop.png"))
        page.reload()
        wait_idle(page)
        assert page.locator('[class*="-start_time"] input').input_value() == "14:30"
        assert page.locator('[class*="-place"] input').first.input_value() == PLACE
        (meeting,) = stored_cases(server)[mine]["meetings"].values()
        assert meeting["start_time"] == "14:30:00" and meeting["place"] == PLACE

        page.goto(server.url + "/")
        wait_idle(page)
        page.locator(".st-key-demo-start-empty button").first.click()
        dialog = page.get_by_role("dialog")
        dialog.wait_for(timeout=15_000)
        wait_idle(page)
        text = dialog.inner_text()
        assert "40 democasussen met samen" in text
        assert "1 casus die u zelf maakte" in text
        page.screenshot(path=str(SCREENS / "leeg-beginnen-desktop.png"))
        assert len(stored_cases(server)) == 41  # nothing gone while the question is open
        dialog.locator(".st-key-demo-start-empty-yes button").click()
        dialog.wait_for(state="detached", timeout=15_000)
        wait_idle(page)
        assert page.get_by_text("Back-up gemaakt: hgs-backup-").count() == 1
        page.screenshot(path=str(SCREENS / "leeg-beginnen-klaar-desktop.png"))
    finally:
        context.close()

    on_disk = stored_cases(server)
    assert list(on_disk) == [mine]  # every demo case file gone, the user's case still there
    (meeting,) = on_disk[mine]["meetings"].values()
    assert meeting["place"] == PLACE and meeting["start_time"] == "14:30:00"
    backups = list((server.data_dir.parent / f"{server.data_dir.name}-backups").glob("*.zip"))
    assert backups


def test_on_a_phone_the_question_closes_and_an_mdo_is_cancelled(fresh_server, browser):
    server = fresh_server
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(server.url + "/start")  # "/" is the chair's Werklijst
        wait_idle(page)
        page.locator(".st-key-start-case").click()  # choose the one case left
        page.get_by_role("option").first.click()
        wait_idle(page)
        page.get_by_role("button", name="Openen").first.click()
        page.wait_for_url(re.compile(r"/voorbereiding\?"), timeout=15_000)
        wait_idle(page)
        SCREENS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENS / "planning-phone.png"), full_page=False)
        page.get_by_text("MDO annuleren of verwijderen").click()
        remove = page.locator('[class*="-remove"] button').first
        remove.wait_for()  # the expander's content is drawn: under load a click can come early
        wait_idle(page)
        remove.click()
        page.get_by_role("dialog").wait_for(timeout=30_000)
        wait_idle(page)
        page.screenshot(path=str(SCREENS / "verwijderen-phone.png"))
        page.locator('[class*="-remove-no"] button').click()
        page.get_by_role("dialog").wait_for(state="detached", timeout=15_000)
        wait_idle(page)

        # dismissed with Escape, the question stays closed on the next run
        page.locator('[class*="-remove"] button').first.click()
        page.get_by_role("dialog").wait_for(timeout=15_000)
        page.keyboard.press("Escape")
        page.get_by_role("dialog").wait_for(state="detached", timeout=15_000)
        wait_idle(page)
        reason = page.locator('[class*="-cancel-reason"] input')
        reason.press_sequentially("Moeder is ziek", delay=60)
        reason.press("Tab")
        wait_idle(page)
        assert page.get_by_role("dialog").count() == 0
        page.get_by_role("button", name="MDO annuleren").click()
        wait_idle(page)
        page.get_by_text("Dit MDO is geannuleerd op").wait_for()
    finally:
        page.close()
    (doc,) = stored_cases(server).values()
    (meeting,) = doc["meetings"].values()
    assert meeting["cancelled"] and meeting["cancel_reason"] == "Moeder is ziek"

    page = browser.new_page(viewport=DESKTOP)
    try:
        page.goto(f"{server.url}/start?case={doc['case']['1']['id']}")
        wait_idle(page)
        page.get_by_text("geannuleerd op").first.wait_for()
        page.screenshot(path=str(SCREENS / "start-geannuleerd-desktop.png"))
    finally:
        page.close()
