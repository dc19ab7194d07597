"""What the browser benchmarks (bench/table.py, and the ones to come) share: a real `streamlit run`
(the browser tests' own `running_server`), headless Chromium run at a lower priority, a sampler
of the server's CPU and memory from /proc, a clock in the page for "click → idle", and a fresh
PostgreSQL schema made and dropped around a run."""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "e2e"))  # the browser tests' server and idle wait

from conftest import CHROMIUM, CHROMIUM_ARGS, running_server, wait_idle  # noqa: E402,F401

TICK = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    kids = []
    for task in tasks:
        try:
            kids += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
        except OSError:
            pass
    return kids


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    found, todo = [], [pid]
    while todo:
        one = todo.pop()
        found.append(one)
        todo += _children(one)
    return found


def streamlit_pid() -> int:
    """The `streamlit run` this process started (a child of ours)."""
    for child in _children(os.getpid()):
        try:
            if b"streamlit" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except OSError:
            pass
    raise RuntimeError("no streamlit child process found")


def cpu_seconds(pid: int) -> float:
    """utime + stime of `pid` and its descendants, in seconds."""
    total = 0
    for one in tree(pid):
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / TICK


def memory_mb(pid: int) -> tuple[float, float]:
    """VmRSS and VmHWM (the peak) of `pid`, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, amount, _ = line.split()
            values[key] = int(amount) / 1024
    return values.get("VmRSS:", 0.0), values.get("VmHWM:", 0.0)


class Sampler:
    """Samples the server's CPU seconds and RSS once a second in a thread; `windows(10)` gives
    the CPU as a fraction of one core over each 10-s window."""

    def __init__(self, pid: int, every: float = 1.0) -> None:
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, float, float, float]] = []  # time, cpu s, rss, hwm
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _take(self) -> None:
        rss, hwm = memory_mb(self.pid)
        self.samples.append((time.monotonic(), cpu_seconds(self.pid), rss, hwm))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._take()
            self._stop.wait(self.every)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._take()

    def windows(self, seconds: float = 10.0) -> list[float]:
        out, start = [], self.samples[0] if self.samples else None
        for sample in self.samples[1:]:
            if sample[0] - start[0] >= seconds - 1e-6:
                out.append((sample[1] - start[1]) / (sample[0] - start[0]))
                start = sample
        return out

    def summary(self) -> dict:
        windows = self.windows() or [0.0]
        first, last = self.samples[0], self.samples[-1]
        return {"cpu mean": (last[1] - first[1]) / max(last[0] - first[0], 1e-9),
                "cpu p95": percentile(windows, 95), "rss max": max(s[2] for s in self.samples),
                "hwm": last[3], "rss end": last[2], "seconds": last[0] - first[0]}


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `values`; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@contextmanager
def chromium(nice: int = 10) -> Iterator[object]:
    """Headless Debian Chromium through Playwright. With `nice`, this process (and so the
    Playwright driver and every browser process it starts) runs at that lower priority from
    here on: the server, started before, keeps its own, so its CPU is measured fairly while the
    browsers share the machine's cores with it."""
    from playwright.sync_api import sync_playwright

    if nice:
        os.nice(nice)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


# A clock in the page: when the script last started and last went idle (Date.now(), ms).
IDLE_CLOCK = """() => {
  if (window.__clock) return;
  const app = document.querySelector('[data-testid="stApp"]');
  window.__clock = {run: 0, idle: Date.now()};
  new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') window.__clock.run = Date.now();
    else if (state === 'notRunning') window.__clock.idle = Date.now();
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def click_to_idle(page, locator, visible: str, where: str = "body",
                  timeout: float = 120_000) -> float:
    """Seconds from a click on `locator` to the app idle again (its script run after the click
    finished, no skeletons) with the text `visible` in an element matching `where`."""
    page.evaluate(IDLE_CLOCK)
    clicked = page.evaluate("() => Date.now()")
    locator.click()
    page.wait_for_function(
        """([t, text, where]) => window.__clock.run >= t
             && window.__clock.idle >= window.__clock.run
             && !document.querySelector('[data-testid="stSkeleton"]')
             && [...document.querySelectorAll(where)].some(e => e.innerText.includes(text))""",
        arg=[clicked, visible, where], timeout=timeout, polling=50)
    page.wait_for_timeout(250)  # a second run right after (st.rerun) counts too
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        ".getAttribute('data-test-script-state') === 'notRunning'", timeout=timeout)
    return (page.evaluate("() => window.__clock.idle") - clicked) / 1000


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A fresh schema in the database at `url`, dropped afterwards; yields the URL that puts
    it first on the search path (as bench/start.py does)."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def load() -> str:
    return Path("/proc/loadavg").read_text().strip()
