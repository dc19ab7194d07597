"""Typing on Start as a chair types: its two forms (a new case, a new MDO) are sent by their
button, so here the question is whether what was typed key by key is in the stored file when
the button is clicked at once, or when the form is sent with Enter — a date as digits too."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest
from conftest import running_server, wait_idle

DESKTOP = {"width": 1920, "height": 1080}
DELAY = 60  # ms between keys, as a person types


@pytest.fixture(scope="module")
def start(tmp_path_factory):
    """A fresh data folder with one organisation and one case that has a first MDO."""
    from hgs.method import cases, cycle
    from hgs.method.records import Organisation
    from hgs.store import open_store

    folder = tmp_path_factory.mktemp("hgs-typing-start")
    store = open_store(folder)
    store.set_setting("initialised", True)
    org = store.save_organisation(Organisation(name="Basisschool De Zonnebloem", sector="PO"))
    case = store.create_case(cases.new_case("L-2026-0201", "Sem", org.id))
    cycle.start_meeting(store, case.id, dt.date.today())
    with running_server(folder, HGS_DEMO="0") as server:
        yield server, store, case


def stored_cases(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in (folder / "cases").glob("*.json")]


def poll(read, want, seconds: float = 8):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and read() != want:
        time.sleep(0.1)
    return read()


@pytest.mark.parametrize("end", ["click", "Enter"])
def test_a_new_mdos_date_typed_as_digits_is_the_date_it_gets(start, browser, end):
    """The date of a new MDO typed as digits, then at once "MDO aanmaken" (or Enter, then
    the button): the MDO made has that date, not today's."""
    server, store, case = start
    day = dt.date.today() + dt.timedelta(days={"click": 70, "Enter": 71}[end])
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(f"{server.url}/start?case={case.id}")
        wait_idle(page)
        holder = page.locator(".st-key-start-new-meeting-date")
        holder.scroll_into_view_if_needed()
        holder.locator('[data-type="day"]').click()
        page.keyboard.type(f"{day:%d%m%Y}", delay=DELAY)
        if end == "Enter":
            page.keyboard.press("Enter")
        page.get_by_role("button", name="MDO aanmaken").click()
        page.wait_for_url(re.compile(r"/voorbereiding\?.*meeting="), timeout=15_000)
    finally:
        context.close()
    dates = poll(lambda: day in [m.date for m in store.meetings(case.id)], True)
    assert dates, f"{end}: no MDO on {day}: {[m.date for m in store.meetings(case.id)]}"


@pytest.mark.parametrize("end", ["click", "Enter"])
def test_a_new_case_typed_key_by_key_is_stored_as_typed(start, browser, end):
    """The child's first name, group and year of birth typed key by key, then at once
    "Casus aanmaken" (or Enter in the last field): the stored case holds all three."""
    server, store, case = start
    name = {"click": "Lotte", "Enter": "Ravi"}[end]
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(f"{server.url}/start")
        wait_idle(page)
        for key, value in (("start-new-name", name), ("start-new-group", "groep 5"),
                           ("start-new-birth-year", "2017")):
            field = page.locator(f".st-key-{key} input")
            field.click()
            field.press_sequentially(value, delay=DELAY)
        if end == "Enter":
            page.keyboard.press("Enter")
        else:
            page.get_by_test_id("stFormSubmitButton").get_by_role(
                "button", name="Casus aanmaken").click()

        def made():
            docs = [d["case"]["1"] for d in stored_cases(server.data_dir)]
            return next(({k: d.get(k) for k in ("group", "birth_year")}
                         for d in docs if d.get("first_name") == name), None)

        got = poll(made, {"group": "groep 5", "birth_year": 2017})
    finally:
        context.close()
    assert got == {"group": "groep 5", "birth_year": 2017}, f"{end}: stored {got!r}"
