"""Typed text never becomes a link in the real browser, and long entries download: a phone
types a top full of addresses and HTML on Meedoen (stored as typed, shown without any link),
a goal typed as an HTML link is the chart's title as text on Voortgang, and a verslag with a
participant's question of 3,900 characters downloads as PDF and as the case ZIP."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from conftest import choose, wait_idle
from pypdf import PdfReader

from hgs.access import joining as live
from hgs.method.records import Case, Goal, Meeting, Organisation

SCREENS = Path(__file__).resolve().parent / "screens"
DELAY = 60  # ms between keys, as a person types
TYPED = "Zie https://evil.example/x en www.evil.example of mail a@evil.example <b>vet</b>"
LINK_GOAL = '<a href="https://evil.example">Klik</a> leest zelf'


@pytest.fixture(scope="module")
def data(server):
    from hgs.store import open_store

    store = open_store(server.data_dir)
    org = store.save_organisation(Organisation(name="Kindcentrum Het Palet", sector="PO"))
    case = store.create_case(Case(code="L-2026-0778", first_name="Ilse", organisation_id=org.id))
    goal = Goal(id="g1", area="kind", text=LINK_GOAL, start=2, target=6)
    first = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 3, 2),
                                         status="afgerond", goals=[goal]))
    follow = store.create_meeting(Meeting(case_id=case.id, date=dt.date.today(),
                                          kind="evaluatie", previous_id=first.id,
                                          status="gestart", goals=[goal], scores={"g1": 4}))
    return store, case, follow, live.open_joining(store, case.id, follow.id)


def links(page) -> list[str]:
    """Every link on the page that leads away (HTML and SVG)."""
    return page.evaluate("""() => [...document.querySelectorAll('a')]
        .map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
        .filter(h => h.includes('evil'))""")


def test_a_top_full_of_addresses_is_stored_as_typed_and_shown_without_a_link(server, browser,
                                                                             data):
    store, case, meeting, token = data
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True).new_page()
    phone.goto(f"{server.url}/?t={token}")
    wait_idle(phone)
    name = phone.locator(".st-key-join-name input")
    name.click()
    name.press_sequentially("Fatima", delay=DELAY)
    name.press("Enter")
    wait_idle(phone)
    choose(phone, "join-role", "ouder/verzorger")
    phone.get_by_role("tab", name="Tops en tips").click()
    text = phone.locator(".st-key-join-t-text textarea")
    text.click()
    text.press_sequentially(TYPED, delay=20)
    phone.get_by_role("button", name="Toevoegen").last.click()
    wait_idle(phone)
    phone.get_by_text("Wat u hebt toegevoegd").wait_for(timeout=10_000)
    SCREENS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SCREENS / "meedoen-links-390.png"), full_page=True)
    assert [t.text for t in store.get_meeting(case.id, meeting.id).tops_tips] == [TYPED]
    shown = phone.locator('[data-testid="stMarkdownContainer"]').all_inner_texts()
    assert any(TYPED in s.replace("\u2060", "") for s in shown)  # reads as typed
    assert links(phone) == []
    assert text.input_value() == ""  # saved: the field is empty for the next one
    phone.close()


def test_a_goal_typed_as_a_link_is_the_chart_title_as_text(server, browser, data):
    store, case, meeting, _ = data
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server.url}/voortgang?case={case.id}&meeting={meeting.id}")
    wait_idle(page)
    page.locator('[data-testid="stPlotlyChart"] .gtitle').first.wait_for(timeout=15_000)
    titles = page.locator('[data-testid="stPlotlyChart"] .gtitle').evaluate_all(
        "els => els.map(e => e.textContent)")  # SVG: no inner text
    page.screenshot(path=str(SCREENS / "voortgang-link-goal-1920.png"))
    assert any('<a href="https://evil.example">Klik</a> leest zelf' in t for t in titles), titles
    assert links(page) == []
    page.close()


def test_a_verslag_with_a_question_of_3900_characters_downloads_as_pdf_and_zip(server, browser,
                                                                               data, tmp_path):
    store, case, meeting, _ = data
    long_question = "Als we weten " + "waarom " * 555
    store.add_item(case.id, meeting.id, "questions", text=long_question, answered=True,
                   asked_by="Fatima (ouder/verzorger)")
    page = browser.new_page(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    page.goto(f"{server.url}/voortgang?case={case.id}&meeting={meeting.id}")
    wait_idle(page)
    files = {}
    for key in ("dl-progress-team-report-team-pdf", "dl-progress-export-export-zip"):
        with page.expect_download(timeout=60_000) as info:
            page.locator(f".st-key-{key} button").click()
        files[key] = Path(info.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        files["dl-progress-team-report-team-pdf"])).pages)
    assert "waarom waarom" in text
    with zipfile.ZipFile(io.BytesIO(files["dl-progress-export-export-zip"])) as zf:
        assert "casus.json" in zf.namelist()
        assert not [n for n in zf.namelist() if n.endswith(".txt") and n != "LEESMIJ.txt"]
    page.close()
