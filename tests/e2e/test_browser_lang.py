"""`<html lang>` follows the person's language in Chromium (what a screen reader pronounces by):
Dutch by default, English after the switch and after a reload, Dutch again; on the chair's
pages, the projector, a phone, the participant page and the sign-in page."""

from __future__ import annotations

import pytest
from conftest import running_server, wait_idle

DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}


def new_page(browser, viewport=DESKTOP, **options):
    """A page whose `<html>` says lang="xx" once parsed, instead of Streamlit's fixed "en"
    (before Streamlit's own scripts run): whatever `lang` it then has, HGS set it."""
    context = browser.new_context(viewport=viewport, **options)
    context.add_init_script("""document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') document.documentElement.lang = 'xx'; });""")
    return context.new_page()


def lang(page) -> str:
    wait_idle(page)
    page.wait_for_function("document.documentElement.lang !== 'xx'", timeout=10_000)
    return page.evaluate("document.documentElement.lang")


def switch(page, to: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_text(to, exact=True).click()
    wait_idle(page)


def test_the_chairs_pages_follow_the_switch_and_a_reload(server, browser):
    page = new_page(browser)
    page.goto(f"{server.url}/start")  # the chair's home is the Werklijst; Start has the choice
    assert lang(page) == "nl"
    switch(page, "English")
    assert page.get_by_text("Choose a case").count() >= 1
    assert lang(page) == "en"
    page.reload()
    assert lang(page) == "en"
    page.goto(f"{server.url}/stap-2?lang=en")
    assert lang(page) == "en"
    switch(page, "Nederlands")
    assert lang(page) == "nl"
    page.reload()
    assert lang(page) == "nl"
    page.goto(f"{server.url}/presentatie")  # no sidebar on the projector
    assert lang(page) == "nl"
    page.goto(f"{server.url}/presentatie?lang=en")
    assert lang(page) == "en"


@pytest.mark.parametrize("asked, expected", [("", "nl"), ("&lang=en", "en")])
def test_a_phone_and_the_participant_page_too(server, browser, asked, expected):
    page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{server.url}/?t=geen-geldige-link{asked}")
    assert lang(page) == expected
    page.goto(f"{server.url}/{asked.replace('&', '?')}")
    assert lang(page) == expected


def test_the_sign_in_page_too(tmp_path, browser):
    with running_server(tmp_path, HGS_DEMO="0", HGS_AUTH="wachtwoord") as signing_in:
        page = new_page(browser)
        page.goto(signing_in.url)
        assert lang(page) == "nl"
        assert page.get_by_text("Inloggen bij HGS").count() >= 1
        switch(page, "English")
        assert lang(page) == "en"
        page.reload()
        assert lang(page) == "en"
