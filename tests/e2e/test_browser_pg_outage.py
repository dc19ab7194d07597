"""The database away under a real `streamlit run` on a PostgreSQL server of this test's own
(never the shared one): the chair types at Voorbereiding, the server stops, the next save gets
the Dutch message within 5 s with what was typed on screen, no traceback and no English error;
once the server is back the same app saves again without a restart, the save that failed
meanwhile included (read from the database)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from conftest import running_server, wait_idle

from hgs.method.records import Case, Meeting, Organisation
from hgs.store.postgres import PostgresStore
from tests.test_pg_outage import Server, _bin

DELAY = 60  # ms between keys, as a person types


@pytest.fixture(scope="module")
def own_database(tmp_path_factory, chromium_path):
    bindir = _bin()
    if bindir is None:
        pytest.skip("PostgreSQL's initdb/pg_ctl not installed: apt-get install postgresql")
    folder = Path(tempfile.mkdtemp(prefix="hgs-outage-e2e-"))
    server = Server(bindir, folder)
    server.init()
    server.start()
    store = PostgresStore(server.url)
    try:
        org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
        case = store.create_case(Case(code="L-2026-0777", first_name="Daan",
                                      organisation_id=org.id))
        meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date.today()))
        store.set_setting("initialised", True)
        with running_server(tmp_path_factory.mktemp("app"), HGS_DATABASE_URL=server.url,
                            HGS_DEMO="0") as app:
            yield server, store, app, case, meeting
    finally:
        store.close()
        try:
            server.stop()
        except Exception:  # noqa: BLE001 -- stopped already
            pass
        shutil.rmtree(folder, ignore_errors=True)


def field(page, meeting_id: str, name: str):
    return page.locator(f".st-key-m-{meeting_id}-{name} textarea")


def test_a_save_while_the_database_is_away_says_so_in_dutch_and_keeps_the_text(own_database,
                                                                                browser):
    server, store, app, case, meeting = own_database
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    page.goto(f"{app.url}/voorbereiding?case={case.id}&meeting={meeting.id}")
    wait_idle(page)
    reason = field(page, meeting.id, "reason")
    reason.click()
    reason.press_sequentially("Daan loopt vast", delay=DELAY)
    page.keyboard.press("Tab")
    wait_idle(page)
    assert store.get_meeting(case.id, meeting.id).reason == "Daan loopt vast"

    server.stop()
    try:
        reason.click()
        reason.press_sequentially(" bij rekenen", delay=DELAY)
        started = time.monotonic()
        page.keyboard.press("Tab")
        page.get_by_text("De database is even niet bereikbaar").first.wait_for(timeout=5_000)
        took = time.monotonic() - started
        assert took < 5, took
        screens = Path(__file__).parent / "screens"
        page.screenshot(path=str(screens / "pg-away-1920.png"))
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(screens / "pg-away-390.png"))
        page.set_viewport_size({"width": 1920, "height": 1080})
        kept = page.locator(".st-key-unsaved-texts")
        assert "Daan loopt vast bij rekenen" in kept.inner_text()
        assert page.locator('[data-testid="stException"]').count() == 0  # no English error
        assert "Traceback" not in page.locator("body").inner_text()
    finally:
        server.start()

    # back: the same app and session, no restart: "Opnieuw proberen" shows the page again
    deadline = time.monotonic() + 15
    while page.locator(".st-key-store-retry button").count():
        assert time.monotonic() < deadline, "still away 15 s after the server came back"
        page.locator(".st-key-store-retry button").click()
        wait_idle(page)
        time.sleep(0.5)
    page.screenshot(path=str(Path(__file__).parent / "screens" / "pg-back-1920.png"))
    # what failed while it was away is saved now, and the field shows it
    deadline = time.monotonic() + 10
    while store.get_meeting(case.id, meeting.id).reason != "Daan loopt vast bij rekenen":
        assert time.monotonic() < deadline, "not saved after the database came back"
        time.sleep(0.3)
    assert field(page, meeting.id, "reason").input_value() == "Daan loopt vast bij rekenen"
    assert page.locator(".st-key-unsaved-texts").count() == 0
    assert page.get_by_text("De database is even niet bereikbaar").count() == 0

    # and the next save goes as ever
    reason = field(page, meeting.id, "reason")
    reason.click()
    reason.press("End")
    reason.press_sequentially(" en taal", delay=DELAY)
    page.keyboard.press("Tab")
    wait_idle(page)
    deadline = time.monotonic() + 10
    while store.get_meeting(case.id, meeting.id).reason != "Daan loopt vast bij rekenen en taal":
        assert time.monotonic() < deadline, "the next save did not land"
        time.sleep(0.3)
    page.close()
