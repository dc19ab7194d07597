"""An MDO through the real UI in Chromium: plan it from Start, type in steps 1, 2 and 8, and find
every text again after a reload and in the case file on disk."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import wait_idle

SCREENS = Path(__file__).resolve().parent / "screens"
DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}

ORGANISATION = "Basisschool De Zonnebloem"
CHILD = "Noëlle"
QUESTION = "Als we weten wat Noëlle helpt, dan kunnen we …"
CHILD_WORDS = "Ik vind rekenen moeilijk, maar tekenen is fijn – ik wil méér pauze."
AGREEMENT = "Juf Inés belt de ouders vóór vrijdag over het ‘rekenplan’."


def field_values(page) -> list[str]:
    return page.locator("input, textarea").evaluate_all("els => els.map(e => e.value)")


def wait_for_value(page, text: str, timeout: float = 15_000) -> None:
    """Wait until some input or textarea on the page holds exactly `text`."""
    page.wait_for_function(
        "text => [...document.querySelectorAll('input, textarea')].some(e => e.value === text)",
        arg=text, timeout=timeout)


def submit(page, label: str) -> None:
    page.get_by_test_id("stFormSubmitButton").get_by_role("button", name=label).click()


@pytest.fixture(scope="module")
def planned_mdo(server, browser):
    """Organisation, case and MDO created on the Start page; the query string of the meeting."""
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(server.url + "/start")  # "/" is the chair's Werklijst
        wait_idle(page)
        page.locator(".st-key-start-org-name input").fill(ORGANISATION)
        submit(page, "Organisatie toevoegen")
        wait_idle(page)
        page.locator(".st-key-start-new-name input").fill(CHILD)
        submit(page, "Casus aanmaken")
        wait_idle(page)
        submit(page, "MDO aanmaken")
        page.wait_for_url(re.compile(r"/voorbereiding\?.*meeting="), timeout=15_000)
        wait_idle(page)
        page.get_by_role("heading", name="Voorbereiding").wait_for()
        caption = page.get_by_test_id("stCaptionContainer").filter(has_text=CHILD).first
        assert CHILD in caption.inner_text()
        query = urlsplit(page.url).query
        assert "case=" in query and "meeting=" in query
        return query
    finally:
        context.close()


def test_typed_texts_survive_reload_and_reach_disk(server, browser, planned_mdo):
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()

    def step(number: int) -> str:
        return f"{server.url}/stap-{number}?{planned_mdo}"

    try:
        page.goto(step(1))
        wait_idle(page)
        new_question = page.locator('[class*="-new-questions-all"] input')
        new_question.fill(QUESTION)
        new_question.press("Enter")
        wait_idle(page)
        wait_for_value(page, QUESTION)  # the question is now an item of its own

        page.goto(step(2))
        wait_idle(page)
        words = page.locator('[class*="-circle_essence"] textarea')
        words.fill(CHILD_WORDS)
        words.press("Tab")
        wait_idle(page)
        SCREENS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENS / "stap-2-desktop.png")

        page.goto(step(8))
        wait_idle(page)
        new_agreement = page.locator('[class*="-new-agreements-all"] input')
        new_agreement.fill(AGREEMENT)
        new_agreement.press("Enter")
        wait_idle(page)
        wait_for_value(page, AGREEMENT)
        page.screenshot(path=SCREENS / "stap-8-desktop.png")

        for number, text in [(1, QUESTION), (2, CHILD_WORDS), (8, AGREEMENT)]:
            page.goto(step(number))
            wait_idle(page)
            page.reload()
            wait_idle(page)
            assert text in field_values(page), f"stap {number} lost {text!r} after a reload"
    finally:
        context.close()

    files = list((server.data_dir / "cases").glob("*.json"))
    assert len(files) == 1, files
    raw = files[0].read_text(encoding="utf-8")
    for text in [CHILD, QUESTION, CHILD_WORDS, AGREEMENT]:
        assert text in raw, f"{text!r} not written as-is to {files[0].name}"
    stored = json.loads(raw)
    (meeting,) = stored["meetings"].values()
    assert [q["text"] for q in meeting["questions"]] == [QUESTION]
    assert meeting["circle_essence"] == CHILD_WORDS
    assert [a["what"] for a in meeting["agreements"]] == [AGREEMENT]


def test_phone_viewport_start_and_step_1(server, browser, planned_mdo):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(server.url + "/start")  # "/" is the chair's Werklijst
        wait_idle(page)
        page.get_by_role("heading", name="Start", exact=True).wait_for()
        SCREENS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENS / "start-phone.png")
        page.goto(f"{server.url}/stap-1?{planned_mdo}")
        wait_idle(page)
        page.screenshot(path=SCREENS / "stap-1-phone.png")
        new_question = page.locator('[class*="-new-questions-all"] input')
        new_question.scroll_into_view_if_needed()
        assert new_question.is_visible()
        page.screenshot(path=SCREENS / "stap-1-phone-vragen.png")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"stap 1 scrolls sideways on a phone ({width} px wide)"
    finally:
        context.close()
