"""HGS on a school network, with real devices: a phone in a network namespace of its own (a veth
pair with private addresses, traffic only between this test's namespace and this machine)
gets only the participant page of a join link, and its entry reaches the stored case file;
a browser that reaches HGS under a foreign name (DNS rebinding) sees nothing of a case."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, choose, running_server, wait_idle

from hgs.access import joining as live
from hgs.method.records import Case, Meeting, Organisation
from hgs.store import open_store

SCREENS = Path(__file__).resolve().parent / "screens"
REFUSED = "alleen op de computer waarop HGS draait"
FOREIGN = "Dit adres hoort niet bij HGS"


def _skip_or_fail(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(reason)  # in CI this test must run
    pytest.skip(reason)


def _ip(*args: str, namespace: str | None = None) -> None:
    command = ["ip", *(["netns", "exec", namespace, "ip"] if namespace else []), *args]
    subprocess.run(command, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def phone_network(tmp_path_factory):
    """A network namespace for the phone, joined to this machine by a veth pair:
    10.213.N.1 here (where HGS listens), 10.213.N.2 in the namespace (the phone)."""
    if os.geteuid() != 0:
        _skip_or_fail("network namespaces need root")
    if shutil.which("ip") is None:
        _skip_or_fail("no `ip` command (apt-get install iproute2)")
    tag = os.getpid() % 100_000
    namespace, here, there = f"hgs-phone-{tag}", f"hgsh{tag}", f"hgsp{tag}"
    subnet = f"10.213.{tag % 250 + 1}"
    try:
        try:
            _ip("netns", "add", namespace)
        except subprocess.CalledProcessError as error:
            _skip_or_fail(f"ip netns add failed: {error.stderr.strip()}")
        _ip("link", "add", here, "type", "veth", "peer", "name", there)
        _ip("link", "set", there, "netns", namespace)
        _ip("addr", "add", f"{subnet}.1/30", "dev", here)
        _ip("link", "set", here, "up")
        _ip("addr", "add", f"{subnet}.2/30", "dev", there, namespace=namespace)
        _ip("link", "set", there, "up", namespace=namespace)
        _ip("link", "set", "lo", "up", namespace=namespace)
        chromium = tmp_path_factory.mktemp("phone") / "chromium-in-namespace"
        chromium.write_text(f'#!/bin/sh\nexec ip netns exec {namespace} /usr/bin/chromium "$@"\n')
        chromium.chmod(0o755)
        yield namespace, f"{subnet}.1", str(chromium)
    finally:
        subprocess.run(["ip", "netns", "del", namespace], capture_output=True)
        subprocess.run(["ip", "link", "del", here], capture_output=True)  # gone with the netns


def _case_folder(folder: Path):
    store = open_store(folder)
    org = store.save_organisation(Organisation(name="Kindcentrum De Wissel", sector="PO"))
    case = store.create_case(Case(code="L-2026-0913", first_name="Noor", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date.today(),
                                           status="gestart"))
    store.set_setting("initialised", True)
    return store, case, meeting


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


def _shows_nothing_of(page, case) -> None:
    text = page.inner_text("body")
    assert case.first_name not in text and case.code not in text
    assert "Actieve casus" not in text
    html = page.content()
    assert case.first_name not in html and case.code not in html and case.id not in html


@pytest.fixture(scope="module")
def phone_browser(phone_network, browser):
    """A second Chromium (on the same Playwright) that runs inside the phone's namespace."""
    _, _, chromium = phone_network
    phone = browser.browser_type.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    try:
        yield phone
    finally:
        phone.close()


def test_a_phone_on_the_network_joins_and_sees_nothing_else(tmp_path, phone_network,
                                                          phone_browser, browser):
    _, address, _ = phone_network
    store, case, meeting = _case_folder(tmp_path)
    with running_server(tmp_path, address=address, launcher=True) as server:
        # The chair, on this computer, opens joining and reads the link off the screen.
        chair = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        chair.goto(f"{server.url}/stap-9?case={case.id}&meeting={meeting.id}")
        wait_idle(chair)
        chair.get_by_text("Meedoen vanaf de eigen telefoon").click()
        chair.get_by_role("button", name="Meedoen openen").click()
        wait_idle(chair)
        chair.get_by_text("Meedoen vanaf de eigen telefoon of laptop — open").click()
        chair.locator('[data-testid="stImage"] img').first.wait_for()  # the QR code
        token = store.get_meeting(case.id, meeting.id).join_token
        link = chair.locator('[data-testid="stCode"] code').first.text_content().strip()
        assert link == f"{server.url}/?t={token}"  # this computer's network address, not 127…
        SCREENS.mkdir(exist_ok=True)
        chair.wait_for_timeout(800)  # the expander's opening animation
        chair.screenshot(path=str(SCREENS / "network-chair-qr.png"))

        phone = phone_browser.new_context(viewport={"width": 390, "height": 844},
                                          is_mobile=True, has_touch=True).new_page()
        for path in ("/", f"/stap-1?case={case.id}&meeting={meeting.id}",
                     f"/voortgang?case={case.id}", "/netwerk", "/beheer"):
            phone.goto(server.url + path)
            wait_idle(phone)
            assert REFUSED in phone.inner_text("body"), path
            _shows_nothing_of(phone, case)
        phone.screenshot(path=str(SCREENS / "network-phone-refused.png"))

        phone.goto(f"{server.url}/?t=verkeerd")
        wait_idle(phone)
        assert "Deze link werkt niet" in phone.inner_text("body")
        _shows_nothing_of(phone, case)

        phone.goto(link)
        wait_idle(phone)
        assert "Noor" in phone.get_by_role("heading").first.inner_text()
        name = phone.locator(".st-key-join-name input")
        name.click()
        name.press_sequentially("Fatima", delay=60)
        name.press("Enter")
        wait_idle(phone)
        choose(phone, "join-role", "ouder/verzorger")  # no default role
        phone.get_by_role("tab", name="Tops en tips").click()
        top = phone.locator(".st-key-join-t-text textarea")
        top.click()
        top.press_sequentially("Fijn dat iedereen luisterde", delay=60)
        phone.get_by_role("button", name="Toevoegen").click()
        wait_idle(phone)
        phone.screenshot(path=str(SCREENS / "network-phone-joined.png"))

        stored = json.loads((tmp_path / "cases" / f"{case.id}.json").read_text("utf-8"))
        text = json.dumps(stored, ensure_ascii=False)
        assert "Fijn dat iedereen luisterde" in text and "Fatima (ouder/verzorger)" in text
        assert [t.by for t in store.get_meeting(case.id, meeting.id).tops_tips] == \
            ["Fatima (ouder/verzorger)"]


@pytest.fixture(scope="module")
def rebinding_browser(browser, chromium_path):
    """A browser for which evil.example is 127.0.0.1 (what DNS rebinding makes of a page)."""
    rebinding = browser.browser_type.launch(
        executable_path=chromium_path,
        args=CHROMIUM_ARGS + ["--host-resolver-rules=MAP evil.example 127.0.0.1"])
    try:
        yield rebinding
    finally:
        rebinding.close()


@pytest.mark.parametrize("launcher", [False, True], ids=["streamlit-run", "make-run"])
def test_a_foreign_host_sees_nothing_of_a_case(tmp_path, rebinding_browser, launcher):
    store, case, meeting = _case_folder(tmp_path)
    token = live.open_joining(store, case.id, meeting.id)
    before = _files(tmp_path)
    with running_server(tmp_path, launcher=launcher) as server:
        foreign = server.url.replace("127.0.0.1", "evil.example")
        page = rebinding_browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        for path in (f"/?case={case.id}&meeting={meeting.id}",
                     f"/stap-1?case={case.id}&meeting={meeting.id}", f"/?t={token}"):
            page.goto(foreign + path)
            if launcher:  # Streamlit itself refuses the WebSocket: the app never runs
                page.wait_for_timeout(4000)
                assert page.locator('[data-testid="stApp"][data-test-connection-state='
                                    '"CONNECTED"]').count() == 0
            else:  # HGS refuses the run, in Dutch
                wait_idle(page)
                assert FOREIGN in page.inner_text("body")
            _shows_nothing_of(page, case)
        page.screenshot(path=str(SCREENS / f"network-foreign-host-{'launch' if launcher else 'run'}.png"))
        assert _files(tmp_path) == before  # nothing was read into a session, nothing written

        # The same server answers this computer under its own name.
        page.goto(f"{server.url}/start?case={case.id}&meeting={meeting.id}")
        wait_idle(page)
        assert "Actieve casus: Noor" in page.inner_text("body")
