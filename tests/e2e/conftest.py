"""Browser tests: a real `streamlit run` on a free port with an empty data folder, and a headless
Debian Chromium driven by Playwright. Every test in this folder is marked `browser`."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
START_TIMEOUT = 30.0


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if CHROMIUM.exists():
        return str(CHROMIUM)
    message = f"Chromium not found at {CHROMIUM}: apt-get install chromium chromium-driver"
    if os.environ.get("CI") == "true":
        pytest.fail(message)  # in CI a missing browser is a broken setup, not a reason to skip
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


class Server:
    """A running `streamlit run app.py`: its base URL, its data folder and its output."""

    def __init__(self, url: str, data_dir: Path, log):
        self.url = url
        self.data_dir = data_dir
        self._log = log

    def log(self) -> str:
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode(errors="replace")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test shows what the server printed (tracebacks land there)."""
    report = yield
    if report.failed:
        for value in getattr(item, "funcargs", {}).values():
            if isinstance(value, Server):
                report.sections.append((f"streamlit log ({value.url})", value.log()))
    return report


@contextmanager
def running_server(data_dir: Path, *, address: str | None = None, launcher: bool = False,
                   **env_extra: str) -> Iterator[Server]:
    """`streamlit run app.py` on a free port with `data_dir` as its data folder; listening on
    `address` only when given (and reached there), started as `make run` does
    (`python -m hgs.launch`) when `launcher`."""
    port = _free_port()
    env = {**os.environ, "HGS_DATA_DIR": str(data_dir), **env_extra}
    # The log goes to a file, not a pipe: a pipe nobody reads would block the server when full.
    log = tempfile.TemporaryFile(mode="w+b")
    if launcher:
        command = [sys.executable, "-m", "hgs.launch", "--port", str(port)]
        command += ["--address", address] if address else []
    else:
        command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless",
                   "true", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
        command += ["--server.address", address] if address else []
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    base = f"http://{address or '127.0.0.1'}:{port}"
    passed = False
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(f"{base}/_stcore/health"):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with code {process.returncode} before answering")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer on {base} within {START_TIMEOUT:.0f} s")
            time.sleep(0.2)
        yield Server(base, data_dir, log)
        passed = True
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if not passed:  # the server never came up: say why
            log.seek(0)
            print(f"---- streamlit log ({base}) ----")
            print(log.read().decode(errors="replace"))
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("hgs-data"), HGS_DEMO="0") as running:
        yield running


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


def wait_idle(page, timeout: float = 20_000) -> None:
    """Wait until Streamlit is connected, has finished its rerun and shows no placeholders.
    (`networkidle` never comes: Streamlit keeps a WebSocket open.)"""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]',
                           state="attached", timeout=timeout)
    page.wait_for_timeout(300)  # let a rerun that was just triggered begin
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           state="attached", timeout=timeout)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=timeout)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """A server on a 12-case demo network, and the store behind it."""
    from hgs import demo
    from hgs.store import open_store

    folder = tmp_path_factory.mktemp("hgs-demo")
    store = open_store(folder)
    demo.build_network(store, cases=12, today=dt.date.today())
    store.set_setting("initialised", True)
    with running_server(folder) as running:
        yield running, store




def choose(page, key: str, option: str) -> None:
    """Pick `option` in the select box with widget key `key`, as a person does (open, click)."""
    page.locator(f".st-key-{key}").get_by_role("combobox").click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)
