"""The Netwerk page in Chromium at 1920×1080 on a demo network: figures drawn, tabs switch, no
child's first name or code anywhere in the page's text."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import wait_idle

SCREENS = Path(__file__).resolve().parent / "screens"


def test_netwerk_draws_figures_and_shows_no_child(demo_server, browser):
    server, store = demo_server
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server.url}/netwerk")
    wait_idle(page)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 3",
                           timeout=20_000)
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENS / "netwerk-desktop.png"))
    texts = [page.inner_text("body")]
    for tab in ("Afspraken", "Doelen", "Tops en tips", "Behoeften", "Uitgangspunten"):
        page.get_by_role("tab", name=tab).click()
        wait_idle(page)
        texts.append(page.inner_text("body"))
    page.screenshot(path=str(SCREENS / "netwerk-uitgangspunten.png"))
    page.get_by_role("tab", name="Tops en tips").click()
    wait_idle(page)
    page.screenshot(path=str(SCREENS / "netwerk-tops-tips.png"))
    body = "\n".join(texts).lower()
    assert "terugkerende thema's in tops" in body
    for case_id in store.case_ids():
        case = store.get_case(case_id)
        assert not re.search(rf"\b{re.escape(case.first_name.lower())}\b", body), case.first_name
        assert case.code.lower() not in body
    page.close()
