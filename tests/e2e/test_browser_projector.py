"""Projector first, in Chromium at 1920×1080 on the demo network: every step page shows its own
content in the upper fifth of the screen, the chair's prompts stay open or closed as the chair
chose (a reload and the next step too), groeitaal hints are in readable type, Presentatie shows
the join QR code; and on a 390×844 phone the step still fits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import running_server, wait_idle

from hgs import demo
from hgs.access import joining as live
from hgs.store import open_store

SCREENS = Path(__file__).resolve().parent / "screens"
DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
UPPER_FIFTH = 1080 / 5  # 216 px
LABEL = "Mees heeft ADHD en is erg druk in de klas"  # a label: groeitaal gives a hint

# Marks the first element with height after the step header (the step's own content) as
# `data-first-content`, so Playwright can measure it.
MARK_FIRST_CONTENT = """() => {
  let el = document.querySelector('.st-key-step-header');
  const main = document.querySelector('.stMainBlockContainer > [data-testid="stVerticalBlock"]');
  if (!el || !main) return null;
  while (el.parentElement !== main) el = el.parentElement;
  for (let next = el.nextElementSibling; next; next = next.nextElementSibling) {
    if (next.getBoundingClientRect().height > 0) {
      next.setAttribute('data-first-content', '');
      return next.innerText.slice(0, 60);
    }
  }
  return null;
}"""


@pytest.fixture(scope="module")
def projector(tmp_path_factory):
    """A server on a small demo network (the demo banner shows); the MDO with the most goals,
    a labelling overview item in it."""
    folder = tmp_path_factory.mktemp("hgs-projector")
    store = open_store(folder)
    demo.build_network(store, cases=3, today=dt.date.today())
    store.set_setting("initialised", True)
    case_id, meeting = max(((c, m) for c in store.case_ids() for m in store.meetings(c)),
                           key=lambda found: len(found[1].goals))
    store.add_item(case_id, meeting.id, "overview", area="kind", sign="min", text=LABEL)
    with running_server(folder, HGS_PUBLIC_URL="http://hgs.school.test:8501") as server:
        yield server, store, f"case={case_id}&meeting={meeting.id}"


def first_content_top(page) -> float:
    assert page.evaluate(MARK_FIRST_CONTENT), "no content after the step header"
    box = page.locator("[data-first-content]").bounding_box()
    assert box is not None
    return box["y"]


def test_every_step_shows_its_content_in_the_upper_fifth(projector, browser):
    server, _, query = projector
    page = browser.new_context(viewport=DESKTOP, locale="nl-NL").new_page()
    SCREENS.mkdir(exist_ok=True)
    tops = {}
    for number in range(1, 10):
        page.goto(f"{server.url}/stap-{number}?{query}")
        wait_idle(page)
        assert page.locator(".st-key-demo-banner").is_visible()  # measured with the banner
        tops[number] = first_content_top(page)
        if number in (2, 4):
            page.screenshot(path=str(SCREENS / f"projector-step-{number}.png"))
    print("first content at", tops)
    assert all(top <= UPPER_FIFTH for top in tops.values()), tops
    page.context.close()


def test_the_chairs_choice_of_prompts_is_remembered(projector, browser):
    server, _, query = projector
    page = browser.new_context(viewport=DESKTOP, locale="nl-NL").new_page()
    page.set_default_timeout(10_000)
    prompts = page.locator(".st-key-step-prompts")
    switch = page.locator('.st-key-step-header [data-testid="stCheckbox"] input')
    page.goto(f"{server.url}/stap-3?{query}")
    wait_idle(page)
    assert prompts.count() == 0  # closed until the chair opens them
    page.get_by_text("Vragen voor de voorzitter").click()
    wait_idle(page)
    assert prompts.is_visible() and "vragen=1" in page.url
    page.reload()
    wait_idle(page)
    assert prompts.is_visible() and switch.is_checked()  # a reload keeps them open
    page.screenshot(path=str(SCREENS / "projector-prompts-open.png"))
    page.locator('.st-key-progress-bar a[href^="stap-5"]').first.click()  # through the band
    page.wait_for_function("location.pathname.endsWith('/stap-5')")  # Streamlit's own routing
    wait_idle(page)
    assert prompts.is_visible() and "vragen=1" in page.url
    page.get_by_text("Vragen voor de voorzitter").click()
    wait_idle(page)
    assert prompts.count() == 0 and "vragen" not in page.url
    page.reload()
    wait_idle(page)
    assert prompts.count() == 0 and not switch.is_checked()
    page.context.close()


def test_groeitaal_hints_are_in_readable_type(projector, browser):
    server, _, query = projector
    page = browser.new_context(viewport=DESKTOP, locale="nl-NL").new_page()
    page.goto(f"{server.url}/stap-2?{query}")
    wait_idle(page)
    hint = page.locator("p", has_text="Groeitaal").filter(has_text="heeft ADHD").first
    hint.scroll_into_view_if_needed()
    assert hint.is_visible()
    size = hint.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 16, size
    in_caption = hint.evaluate("e => !!e.closest('[data-testid=\"stCaptionContainer\"]')")
    assert not in_caption  # not small grey caption text
    page.context.close()


def test_presentatie_shows_the_join_qr_code(projector, browser):
    server, store, query = projector
    case_id, meeting_id = (part.split("=")[1] for part in query.split("&"))
    token = live.open_joining(store, case_id, meeting_id)
    page = browser.new_context(viewport=DESKTOP, locale="nl-NL").new_page()
    try:
        page.goto(f"{server.url}/presentatie?{query}&stap=2")
        wait_idle(page)
        qr = page.locator(".st-key-projector-join img")
        qr.wait_for()
        box = qr.bounding_box()
        assert box["width"] >= 200 and box["y"] + box["height"] <= DESKTOP["height"], box
        link = page.locator(".st-key-projector-join code").text_content().strip()
        assert link == f"http://hgs.school.test:8501/?t={token}"
        page.screenshot(path=str(SCREENS / "projector-presentatie-qr.png"))
    finally:
        live.close_joining(store, case_id, meeting_id)
        page.context.close()


def test_a_phone_still_shows_the_step(projector, browser):
    server, _, query = projector
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                               locale="nl-NL").new_page()
    page.goto(f"{server.url}/stap-4?{query}")
    wait_idle(page)
    assert page.get_by_role("heading", name="4. Uitzicht: doelen").is_visible()
    assert page.get_by_test_id("stExpandSidebarButton").is_visible()  # the menu still opens
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width  # nothing sticks out sideways
    page.screenshot(path=str(SCREENS / "projector-phone-step-4.png"))
    page.context.close()
