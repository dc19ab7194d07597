"""English in Chromium: the switch in the sidebar turns the whole page English, the address keeps
the choice over a reload and a shared link, the projector page speaks it too, and the switch
brings Dutch back. Screenshots at 1920×1080 and on a phone."""

from __future__ import annotations

from pathlib import Path

from conftest import wait_idle

SCREENS = Path(__file__).resolve().parent / "screens"
DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}


def busiest(store) -> tuple[str, str]:
    case_id = max(store.case_ids(), key=lambda c: len(store.meetings(c)))
    return case_id, store.meetings(case_id)[-1].id


def test_switch_to_english_keep_it_over_a_reload_and_back(demo_server, browser):
    server, store = demo_server
    case_id, meeting_id = busiest(store)
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/start?case={case_id}&meeting={meeting_id}")
    wait_idle(page)
    assert page.get_by_text("Casus kiezen").count() >= 1
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    wait_idle(page)
    assert page.get_by_text("Choose a case").count() >= 1
    assert page.get_by_text("Casus kiezen").count() == 0
    assert "lang=en" in page.url

    page.goto(f"{server.url}/stap-2?case={case_id}&meeting={meeting_id}&lang=en")
    wait_idle(page)
    assert page.get_by_role("heading", name="Overview").count() >= 1
    page.reload()
    wait_idle(page)
    assert page.get_by_role("heading", name="Overview").count() >= 1
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENS / "english-stap-2-desktop.png"))

    page.locator('[data-testid="stSidebar"]').get_by_text("Nederlands", exact=True).click()
    wait_idle(page)
    assert page.get_by_role("heading", name="Overzicht").count() >= 1
    assert "lang=" not in page.url
    page.close()


def test_the_projector_and_the_phone_in_english(demo_server, browser):
    server, store = demo_server
    case_id, meeting_id = busiest(store)
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/presentatie?case={case_id}&meeting={meeting_id}&stap=8&lang=en")
    wait_idle(page)
    assert page.get_by_text("We evaluate on").count() >= 1
    assert page.get_by_text("We evalueren op").count() == 0
    page.screenshot(path=str(SCREENS / "english-presentatie.png"))
    page.close()

    phone = browser.new_page(viewport=PHONE)
    phone.goto(f"{server.url}/voorbereiding?case={case_id}&meeting={meeting_id}&lang=en")
    wait_idle(phone)
    assert phone.get_by_role("heading", name="Preparation").count() >= 1
    field = phone.locator('[data-testid="stTextInput"] input').first
    field.click()
    field.press("End")
    phone.keyboard.type(" ")  # a changed field: Streamlit would say "Press Enter to apply"
    hints = phone.locator('[data-testid="InputInstructions"]')
    hints.first.wait_for(state="attached")
    assert "Press Enter" not in " ".join(hints.all_inner_texts())
    phone.screenshot(path=str(SCREENS / "english-voorbereiding-phone.png"), full_page=True)
    phone.close()
