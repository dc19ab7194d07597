"""PostgreSQL away: a throw-away server of this test's own (its cluster in a temporary folder,
as .ci/run starts one; the shared test server is never stopped) is stopped while a store is
open: a save and a read get the Dutch message within 5 s, never hang or raise anything else,
and once the server is back the same store works again by itself. A TCP "black hole" (a port
that accepts and never answers) stands for a server that does not answer: the store gives up
in seconds."""

from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from hgs.errors import StorageError
from hgs.method.records import Case, Meeting, Organisation
from hgs.store.postgres import PostgresStore

LIMIT = 5.0  # seconds for the Dutch message while the server is away


def _bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A PostgreSQL server of its own on loopback, started and stopped with pg_ctl (as the
    `postgres` user when the tests run as root: the server refuses root)."""

    def __init__(self, bindir: Path, folder: Path) -> None:
        self.bindir, self.folder, self.port = bindir, folder, _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.folder / "data"), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"),
                  "-w", "-t", "30", "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} "
                  f"-c unix_socket_directories={self.folder} -c fsync=off", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")


@pytest.fixture(scope="module")
def server():
    bindir = _bin()
    if bindir is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        message = "PostgreSQL's initdb/pg_ctl not installed: apt-get install postgresql"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="hgs-outage-"))
    own = Server(bindir, folder)
    try:
        own.init()
        own.start()
        yield own
    finally:
        try:
            own.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def opened(server):
    store = PostgresStore(server.url)
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    case = store.create_case(Case(code=f"L-2026-{int(time.time() * 1000) % 10_000:04d}",
                                  first_name="Joris", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 3, 2)))
    yield store, case, meeting
    store.close()


def timed(action) -> tuple[float, BaseException | None]:
    started = time.perf_counter()
    try:
        action()
    except BaseException as error:  # noqa: BLE001 -- the test looks at what it was
        return time.perf_counter() - started, error
    return time.perf_counter() - started, None


def test_while_the_server_is_away_a_save_and_a_read_get_the_dutch_message_in_time(server,
                                                                                  opened):
    store, case, meeting = opened
    server.stop()
    try:
        for action in (lambda: store.set_field(case.id, meeting.id, "reason", "Getypt"),
                       lambda: store.get_meeting(case.id, meeting.id),
                       lambda: store.cases(),
                       lambda: store.setting("demo")):
            took, error = timed(action)
            assert isinstance(error, StorageError), repr(error)
            assert str(error) == "De database is even niet bereikbaar; probeer het zo opnieuw."
            assert took < LIMIT, took
    finally:
        server.start()


def test_once_the_server_is_back_the_same_store_works_again_by_itself(server, opened):
    store, case, meeting = opened
    server.stop()
    assert isinstance(timed(lambda: store.cases())[1], StorageError)
    server.start()
    deadline = time.monotonic() + 15
    while True:
        took, error = timed(lambda: store.set_field(case.id, meeting.id, "reason", "Weer terug"))
        if error is None or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert error is None, repr(error)
    assert store.get_meeting(case.id, meeting.id).reason == "Weer terug"


@pytest.fixture
def black_hole():
    """A port that accepts every connection and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"postgresql://postgres@127.0.0.1:{listener.getsockname()[1]}/postgres"
    stop.set()
    thread.join()
    for sock in held:
        sock.close()
    listener.close()


def test_a_server_that_never_answers_is_given_up_on_in_seconds(black_hole):
    took, error = timed(lambda: PostgresStore(black_hole))
    assert isinstance(error, StorageError), repr(error)
    assert "is niet te gebruiken" in str(error) or "niet bereikbaar" in str(error)
    assert took < LIMIT, took


def test_a_page_of_reads_while_the_server_is_away_costs_one_wait_not_one_per_read(server,
                                                                                  opened):
    store, case, meeting = opened
    server.stop()
    try:
        def page() -> None:  # the frame and a step page read the store a dozen times
            for _ in range(12):
                with pytest.raises(StorageError):
                    store.get_meeting(case.id, meeting.id)

        took, error = timed(page)
        assert error is None and took < LIMIT, (took, error)
    finally:
        server.start()
