"""The lees-link in the browser (issue 17, part 3): the chair makes one at step 8 on the big
screen, a parent opens it on a phone and reads the parents' verslag of that one MDO and nothing
else (no sidebar, no other case, no working notes of the professionals); the chair revokes it
(asked first) and the parent's reload shows that it stopped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import wait_idle

from hgs.method.records import Agreement, Case, Explanation, Meeting, Organisation

SCREENS = Path(__file__).resolve().parent / "screens"
DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
AGREED = "Mevrouw Jansen richt thuis een rustige huiswerkplek in"
WORKING_NOTE = "Mogelijk speelt een taalachterstand mee"  # step 3: the team's working notes


@pytest.fixture(scope="module")
def two_cases(server):
    from hgs.store import open_store

    store = open_store(server.data_dir)
    org = store.save_organisation(Organisation(name="Basisschool De Wilg", sector="PO"))
    case = store.create_case(Case(code="L-2026-0901", first_name="Milan", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(
        case_id=case.id, date=dt.date.today(), status="gestart",
        explanations=[Explanation(area="kind", text=WORKING_NOTE)],
        agreements=[Agreement(who="Mevrouw Jansen", what=AGREED,
                              due=dt.date.today() + dt.timedelta(days=14))]))
    other = store.create_case(Case(code="L-2026-0902", first_name="Bente", organisation_id=org.id))
    store.create_meeting(Meeting(case_id=other.id, date=dt.date.today(),
                                 reason="Bente vindt de overgang lastig"))
    return store, case, meeting


def test_a_parent_reads_the_verslag_on_a_phone_until_the_chair_revokes_the_link(
        server, browser, two_cases):
    store, case, meeting = two_cases
    chair = browser.new_context(viewport=DESKTOP).new_page()
    chair.goto(f"{server.url}/stap-8?case={case.id}&meeting={meeting.id}")
    wait_idle(chair)
    chair.get_by_text("Lees-link voor ouders").first.click()
    chair.get_by_role("button", name="Lees-link maken").click()
    wait_idle(chair)
    chair.locator(".st-key-lees-qr img").wait_for()  # the QR code, and beside it the link
    shown = " ".join(chair.locator("code").all_inner_texts())
    token = re.search(r"lees=([A-Za-z0-9_\-]+)", shown).group(1)
    chair.screenshot(path=str(SCREENS / "leeslink-maken-1920.png"))

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    phone.goto(f"{server.url}/?lees={token}")
    wait_idle(phone)
    text = phone.locator("body").inner_text()
    assert "Milan" in text and AGREED in text
    assert WORKING_NOTE not in text  # the parents' version leaves the working notes out
    assert "Bente" not in text and "L-2026-0902" not in text
    assert phone.locator('[data-testid="stSidebar"]:visible').count() == 0
    assert phone.locator('[data-testid="stSidebarNav"]').count() == 0
    SCREENS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SCREENS / "leeslink-telefoon.png"), full_page=True)
    phone.goto(f"{server.url}/start?lees={token}")  # another page: still only the one verslag
    wait_idle(phone)
    assert "Bente" not in phone.locator("body").inner_text()

    chair.reload()
    wait_idle(chair)
    chair.get_by_text("Lees-link voor ouders").first.click()
    chair.get_by_role("button", name="Intrekken").click()
    dialog = chair.get_by_role("dialog")
    dialog.wait_for(timeout=30_000)
    assert "Lees-link intrekken?" in dialog.inner_text()
    dialog.get_by_role("button", name="Intrekken").click()
    dialog.wait_for(state="detached", timeout=30_000)
    wait_idle(chair)

    from hgs.access import readlinks  # the revoke is in the stored settings, not only on screen
    from hgs.store import open_store
    (stored,) = readlinks.links_of(open_store(server.data_dir), case.id, meeting.id)
    assert stored.revoked == dt.date.today()
    phone.goto(f"{server.url}/?lees={token}")
    wait_idle(phone)
    text = phone.locator("body").inner_text()
    assert "ingetrokken" in text and AGREED not in text and "Milan" not in text
    phone.screenshot(path=str(SCREENS / "leeslink-ingetrokken-telefoon.png"))
    for page in (chair, phone):
        page.context.close()
