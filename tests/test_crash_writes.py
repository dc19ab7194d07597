"""A writer process killed with SIGKILL at a random moment, 30 times over: afterwards every file
in the data folder opens, each case holds the previous or the new version (never half of one),
and nothing is set aside as damaged."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from hgs.method.records import Case, Meeting, Organisation
from hgs.store import TinyDBStore

REPO = Path(__file__).resolve().parents[1]
ROUNDS = 30

# Each step changes one meeting in one atomic update (its reason and one more question), then a
# setting; before each step it notes the step's number, so the test knows what may be on disk.
# A writer starts (and imports) while the one before still writes, and waits for its go.
WRITER = """
    import sys, time
    from pathlib import Path
    from hgs.method.records import Question
    from hgs.store import TinyDBStore

    folder, case_id, meeting_id, progress, go = sys.argv[1:]
    while not Path(go).exists():  # started early, while the one before still writes
        time.sleep(0.002)
    store = TinyDBStore(folder)
    start = len(store.get_meeting(case_id, meeting_id).questions)
    log = open(progress, "a", buffering=1)
    for n in range(start, start + 100_000):
        log.write(f"{n}\\n")

        def change(meeting, n=n):
            meeting.reason = f"versie {n}"
            meeting.questions.append(Question(text=f"vraag {n}"))

        store.update_meeting(case_id, meeting_id, change)
        store.set_setting("teller", n)
"""


@pytest.fixture
def folder(tmp_path):
    store = TinyDBStore(tmp_path / "data")
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id=org.id))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 3, 2)))
    other = store.create_case(Case(code="L-2026-0002", first_name="Noor", organisation_id=org.id))
    store.create_meeting(Meeting(case_id=other.id, date=dt.date(2026, 3, 3), reason="blijft"))
    return store, case, meeting, other


def last_started(progress: Path) -> int:
    lines = progress.read_text().split("\n") if progress.exists() else []
    whole = [line for line in lines[:-1] if line]  # the last line may be cut off by the kill
    return int(whole[-1]) if whole else -1


def test_a_writer_killed_at_random_moments_never_leaves_half_a_file(folder, tmp_path):
    store, case, meeting, other = folder
    other_file = store.case_path(other.id).read_bytes()
    progress = tmp_path / "progress.txt"
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def start(round_no: int) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(WRITER), str(store.data_dir), case.id,
             meeting.id, str(progress), str(tmp_path / f"go-{round_no}")],
            cwd=REPO, env=env, stderr=subprocess.PIPE)

    upcoming = start(0)
    for round_no in range(ROUNDS):
        writer = upcoming
        upcoming = start(round_no + 1) if round_no + 1 < ROUNDS else None
        try:
            before = last_started(progress)
            (tmp_path / f"go-{round_no}").touch()
            deadline = time.monotonic() + 60
            while last_started(progress) <= before + 1:  # it is writing in its loop
                assert writer.poll() is None, writer.stderr.read().decode()
                assert time.monotonic() < deadline, "the writer did not start"
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.25))
            os.kill(writer.pid, signal.SIGKILL)
            writer.wait(10)
        except BaseException:
            if upcoming is not None:
                upcoming.kill()
                upcoming.wait()
            raise
        finally:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
        assert writer.returncode == -signal.SIGKILL

        # every file opens as JSON; the stores sees every case and sets nothing aside
        for path in store.data_dir.rglob("*.json"):
            json.loads(path.read_text(encoding="utf-8"))
        fresh = TinyDBStore(store.data_dir)
        assert [c.id for c in fresh.cases()] == sorted([case.id, other.id])
        assert fresh.quarantined() == []

        # the meeting is the version of the last step begun, or of the one before: never half
        started = last_started(progress)
        stored = fresh.get_meeting(case.id, meeting.id)
        done = len(stored.questions) - 1
        assert done in (started, started - 1), (round_no, started, done)
        assert stored.reason == f"versie {done}"
        assert [q.text for q in stored.questions] == [f"vraag {n}" for n in range(done + 1)]
        assert fresh.setting("teller") in (done, done - 1)
        assert store.case_path(other.id).read_bytes() == other_file  # the other case untouched
    # a killed write may leave its hidden temporary file: never listed, never a case
    leftovers = [p.name for p in store.cases_dir.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".") for name in leftovers)
    assert len(TinyDBStore(store.data_dir).cases()) == 2
