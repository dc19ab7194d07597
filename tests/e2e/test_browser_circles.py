"""The cirkelgesprek in the browser (issue 16, part 1): the child, with an adult it trusts, fills
the circles on a tablet through the participant link, typing as a child does; the chair's step 2
and Presentatie on the projector draw them live; the verslag's PDF carries the picture."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from conftest import choose, wait_idle

from hgs.access import joining as live
from hgs.method.records import Case, Meeting, Organisation
from hgs.store.document import CASES, case_file

SCREENS = Path(__file__).resolve().parent / "screens"
TABLET = {"width": 820, "height": 1180}
PROJECTOR = {"width": 1920, "height": 1080}
SAYS = [("Thuis", "Dit gaat goed", "Met mijn broertje lego bouwen"),
        ("School", "Dit is lastig", "Als het druk is in de klas kan ik niet denken"),
        ("School", "Dit wil ik, en dit heb ik nodig", "Een koptelefoon en een vast maatje")]


@pytest.fixture(scope="module")
def table(server):
    from hgs.store import open_store

    store = open_store(server.data_dir)
    org = store.save_organisation(Organisation(name="Kindcentrum De Linde", sector="PO"))
    case = store.create_case(Case(code="L-2026-0888", first_name="Saar", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date.today(),
                                           status="gestart"))
    return store, case, meeting, live.open_joining(store, case.id, meeting.id)


def stored_circles(server, case, meeting) -> list[tuple[str, str, str, str]]:
    data = json.loads((server.data_dir / CASES / case_file(case.id)).read_text("utf-8"))
    doc = next(m for m in data["meetings"].values() if m["id"] == meeting.id)
    return [(c["circle"], c["sign"], c["text"], c["by"]) for c in doc.get("circles", [])]


def test_the_child_fills_the_circles_on_a_tablet_and_the_projector_draws_them(
        server, browser, table):
    store, case, meeting, token = table
    projector = browser.new_context(viewport=PROJECTOR).new_page()
    projector.goto(f"{server.url}/presentatie?case={case.id}&meeting={meeting.id}&stap=2")
    wait_idle(projector)
    tablet = browser.new_context(viewport=TABLET, has_touch=True).new_page()
    tablet.goto(f"{server.url}/?t={token}")
    wait_idle(tablet)
    name = tablet.locator(".st-key-join-name input")
    name.click()
    name.press_sequentially("Saar", delay=90)
    name.press("Tab")
    wait_idle(tablet)
    choose(tablet, "join-role", "kind/jongere")
    tablet.get_by_role("tab", name="Cirkels").click()
    for circle, sign, words in SAYS:
        box = tablet.locator(".st-key-join-circle-box")
        box.get_by_text(circle, exact=False).first.click()
        box.get_by_text(sign).click()
        field = box.locator("textarea")
        field.click()
        field.press_sequentially(words, delay=70)  # a child types slowly, then taps the button
        box.get_by_role("button", name="Zet het in de cirkel").click()
        wait_idle(tablet)
        assert field.input_value() == ""  # saved: the field is empty for the next one
    SCREENS.mkdir(exist_ok=True)
    tablet.screenshot(path=str(SCREENS / "cirkels-tablet.png"), full_page=True)
    added = time.monotonic()
    assert stored_circles(server, case, meeting) == [
        ("thuis", "plus", SAYS[0][2], "Saar (kind/jongere)"),
        ("school", "min", SAYS[1][2], "Saar (kind/jongere)"),
        ("school", "doel", SAYS[2][2], "Saar (kind/jongere)")]

    projector.wait_for_function(  # Presentatie rereads every 3 s
        "t => [...document.querySelectorAll('.hgs-circle.school li')]"
        ".some(e => e.textContent.includes(t))", arg=SAYS[2][2], timeout=10_000)
    assert time.monotonic() - added < 6
    assert projector.locator(".hgs-circle.thuis li").first.inner_text().endswith(SAYS[0][2])
    size = projector.locator(".hgs-circle.school li").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 16  # readable from the back of the room
    projector.screenshot(path=str(SCREENS / "cirkels-presentatie-1920.png"))

    chair = browser.new_context(viewport=PROJECTOR).new_page()
    chair.goto(f"{server.url}/stap-2?case={case.id}&meeting={meeting.id}")
    wait_idle(chair)
    new = chair.locator(f'.st-key-m-{meeting.id}-new-circles-kind-vraag input')
    new.click()
    new.press_sequentially("Waarom moet ik altijd als laatste?", delay=50)
    new.press("Enter")
    wait_idle(chair)
    chair.reload()
    wait_idle(chair)
    assert ("kind", "vraag", "Waarom moet ik altijd als laatste?", "") in stored_circles(
        server, case, meeting)
    chair.locator(".hgs-circle.kind").get_by_text("Waarom moet ik altijd als laatste?").wait_for()
    chair.screenshot(path=str(SCREENS / "cirkels-stap-2-1920.png"), full_page=True)
    for page in (projector, tablet, chair):
        page.context.close()
