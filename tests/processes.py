"""Helper processes for the crash tests: a writer in its own Python, started, waited for and
killed with SIGKILL at a chosen moment; it never outlives the test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run_python(code: str, *args: str, **popen) -> subprocess.Popen:
    """Start `python -c code args` with the repository importable."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def wait_for(path: Path, process: subprocess.Popen, timeout: float = 20) -> None:
    """Until `process` touches `path`; fails when it ends first or takes longer than `timeout`."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"helper process ended early ({process.returncode}):\n{err.decode()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"helper process did not reach {path.name} in {timeout} s")
        time.sleep(0.01)


@contextmanager
def killed_once_ready(ready: Path, writer: subprocess.Popen) -> Iterator[None]:
    """Wait until `writer` touches `ready`, run the block (a look at the moment of the crash),
    then SIGKILL the writer and check it died of that."""
    try:
        wait_for(ready, writer)
        yield
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == -signal.SIGKILL


def run_together(code: str, runs: list[tuple[str, ...]], go: Path, timeout: float = 60) -> None:
    """One `python -c code *args go` per entry of `runs`; the i-th touches `<go>.<i>` when it is
    ready and then waits for `go`, so all start at the same moment. Each must end with 0."""
    writers = [run_python(code, *args, str(go)) for args in runs]
    try:
        for n, writer in enumerate(writers):
            wait_for(Path(f"{go}.{n}"), writer)
        go.touch()
        for writer in writers:
            _, err = writer.communicate(timeout=timeout)
            assert writer.returncode == 0, err.decode()
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
