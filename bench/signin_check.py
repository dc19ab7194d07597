"""Benchmark: what the sign-in check of open screens costs the server.

Every signed-in screen asks every `HGS_SIGN_IN_CHECK` seconds (default 3) whether its sign-in
still holds (hgs/ui_auth.py: a fragment that stats users.json and compares a few values). This
starts `streamlit run app.py` with HGS_AUTH=wachtwoord, opens N signed-in tabs of Voorbereiding
in headless Chromium (one sign-in, the other tabs by the cookie), leaves them idle and reads the
server process's CPU time from /proc, once with the check every 3 s and once with it every
600 s (effectively off). It also times the check itself.

    python bench/signin_check.py [--tabs 10] [--seconds 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a plain script too

from hgs.access import (
    sessions,
    users,  # noqa: E402
)
from hgs.method.records import Case, Meeting, Organisation  # noqa: E402
from hgs.store import open_store  # noqa: E402

PASSWORD = "Lang-genoeg-wachtwoord"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _idle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           state="attached", timeout=30_000)


def measure(folder: Path, path: str, check: str, tabs: int, seconds: float, browser) -> float:
    """Server CPU seconds per second of wall time with `tabs` idle signed-in screens."""
    port = _free_port()
    env = {**os.environ, "HGS_DATA_DIR": str(folder), "HGS_AUTH": "wachtwoord",
           "HGS_DEMO": "0", "HGS_SIGN_IN_CHECK": check}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        first = context.new_page()
        first.goto(base + path)
        first.locator(".st-key-auth-username input").fill("anna")
        first.locator(".st-key-auth-password input").fill(PASSWORD)
        first.locator(".st-key-auth-password input").press("Enter")
        first.get_by_role("heading", name="Voorbereiding").first.wait_for(timeout=30_000)
        pages = [first]
        for _ in range(tabs - 1):
            page = context.new_page()
            page.goto(base + path)
            page.get_by_role("heading", name="Voorbereiding").first.wait_for(timeout=30_000)
            pages.append(page)
        for page in pages:
            _idle(page)
        time.sleep(5)  # let the openings settle
        before, started = _cpu_seconds(server.pid), time.monotonic()
        time.sleep(seconds)
        used = (_cpu_seconds(server.pid) - before) / (time.monotonic() - started)
        context.close()
        return used
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_store(folder)
        org = store.save_organisation(Organisation(name="Basisschool", sector="PO"))
        case = store.create_case(Case(code="L-2026-0001", first_name="Daan",
                                      organisation_id=org.id, birth_year=2015))
        meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date.today()))
        users.add_user("anna", "voorzitter", PASSWORD, organisations=[org.id], folder=folder)
        ticket = sessions.issue(users.get_user("anna", folder), folder=folder)
        sessions.holder(ticket, folder=folder)
        started = time.perf_counter()
        for _ in range(10_000):
            sessions.holder(ticket, folder=folder)
        per_check_us = (time.perf_counter() - started) / 10_000 * 1e6
        path = f"/voorbereiding?case={case.id}&meeting={meeting.id}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            on = measure(folder, path, "3", args.tabs, args.seconds, browser)
            off = measure(folder, path, "600", args.tabs, args.seconds, browser)
            browser.close()
    checks_per_second = args.tabs / 3
    print(f"the check itself (sessions.holder): {per_check_us:.1f} µs")
    print(f"{args.tabs} idle signed-in tabs, {args.seconds:.0f} s each way")
    print(f"server CPU with the check every 3 s:   {on * 1000:6.1f} ms per second")
    print(f"server CPU with the check every 600 s: {off * 1000:6.1f} ms per second")
    print(f"so one check (one fragment run) costs about "
          f"{max(on - off, 0) / checks_per_second * 1000:.1f} ms of server CPU; "
          f"100 open screens: about {max(on - off, 0) / checks_per_second * 100 / 3 * 100:.0f}% "
          f"of one core")


if __name__ == "__main__":
    main()
