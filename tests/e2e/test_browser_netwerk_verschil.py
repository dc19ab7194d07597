"""Netwerk's filters in Chromium, used as a coordinator would on the 40-case demo network: the
period moves by whole quarters, a school of 4 cases cannot be typed into the organisation
filter, its pool can, and "all" next to "all but the pool" never differ by 1 to 4 cases. Desktop
(1920×1080) and phone (390×844) screenshots go to tests/e2e/screens/."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import running_server, wait_idle

from hgs import demo
from hgs.analytics import disclosure, filters, network
from hgs.store import open_store

SCREENS = Path(__file__).resolve().parent / "screens"


@pytest.fixture(scope="module")
def forty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hgs-demo-40")
    store = open_store(folder)
    demo.build_network(store, today=dt.date.today())
    store.set_setting("initialised", True)
    with running_server(folder) as server:
        yield server, store


def headline(page) -> dict[str, str]:
    metrics = page.locator('[data-testid="stMetric"]')
    return {metrics.nth(i).locator('[data-testid="stMetricLabel"]').inner_text().strip():
            metrics.nth(i).locator('[data-testid="stMetricValue"]').inner_text().strip()
            for i in range(metrics.count())}


def test_the_filters_keep_small_groups_hidden(forty, browser):
    server, store = forty
    frames = network.NetworkCache(open_store(server.data_dir).documents()).frames(
        {o.id: (o.name, o.sector) for o in store.organisations()})
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server.url}/netwerk")
    wait_idle(page)
    everyone = headline(page)
    assert everyone["Casussen"] == "40"

    # the period: two thumbs on whole quarters; the left one a quarter on, by keyboard
    thumbs = page.locator(".st-key-net-period input[type='range']")
    values = [thumbs.nth(i).get_attribute("aria-valuetext") for i in range(2)]
    assert all(re.fullmatch(r"20\d\d-K[1-4]", v or "") for v in values), values
    thumbs.nth(0).focus()
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    later = thumbs.nth(0).get_attribute("aria-valuetext")
    assert later != values[0] and re.fullmatch(r"20\d\d-K[1-4]", later)
    page.goto(f"{server.url}/netwerk")  # back to the whole period
    wait_idle(page)

    # De Regenboog (4 cases) is no option; typing it finds nothing
    picker = page.locator(".st-key-net-orgs input")
    picker.click()
    picker.press_sequentially("Regenboog", delay=60)
    page.wait_for_timeout(300)
    offered = page.get_by_role("option").all_inner_texts()
    assert not any("Regenboog" in text for text in offered), offered
    picker.fill("")
    page.keyboard.press("Escape")
    page.get_by_text("Welke organisaties tellen samen?").click()
    wait_idle(page)
    assert "Basisschool De Regenboog" in page.inner_text(".st-key-net-filters")
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENS / "netwerk-filters-desktop.png"), full_page=True)

    # every option but De Regenboog's pool, picked one by one as typed
    pool = filters.unit_name(frames, next(u.key for u in filters.units(frames)
                                          if "Basisschool De Regenboog" in u.members))
    others = [filters.unit_name(frames, u.key) for u in filters.units(frames)
              if u.cases and filters.unit_name(frames, u.key) != pool]
    for name in others:
        picker.click()
        picker.press_sequentially(name[:12], delay=40)
        page.get_by_role("option", name=name, exact=True).click()
        wait_idle(page)
    page.keyboard.press("Escape")
    wait_idle(page)
    rest = headline(page)
    if rest["Casussen"].isdigit() and everyone["Casussen"].isdigit():
        assert int(everyone["Casussen"]) - int(rest["Casussen"]) >= disclosure.MIN_CASES, rest
    page.close()

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{server.url}/netwerk")
    wait_idle(phone)
    phone.screenshot(path=str(SCREENS / "netwerk-filters-phone.png"))
    phone.mouse.move(200, 500)
    phone.mouse.wheel(0, 2600)
    phone.wait_for_timeout(500)
    phone.screenshot(path=str(SCREENS / "netwerk-tables-phone.png"))
    phone.close()
