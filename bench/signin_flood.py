"""Benchmark: sign-ins at once, with the real argon2id parameters, each figure beside its floor.

1. N threads sign in to one name at the same moment (N-1 wrong passwords, one right, each from
   its own address): how many wrong passwords get checked (floor: 5).
2. M threads sign in with unknown names from M addresses at once, in a fresh process: its peak
   RSS growth (VmHWM; floor: 300 MB) and how long the flood takes.

    python bench/signin_flood.py [--together 30] [--flood 100]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a plain script too

from hgs.access import login, passwords, users  # noqa: E402

PASSWORD = "Lang-genoeg-wachtwoord"

FLOOD = """
import re, sys, threading, time
from pathlib import Path
from hgs.access import login, passwords, users

def peak_mb():
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text())[1]) / 1024

folder, count = sys.argv[1], int(sys.argv[2])
users.load_users(folder)
before = peak_mb()
barrier = threading.Barrier(count)
busy = []

def sign_in(n):
    barrier.wait()
    try:
        login.authenticate(f"onbekend-{n}", "geen-idee", folder, address=f"10.9.{n // 200}.{n % 200 + 1}")
    except login.SignInBusy:
        busy.append(n)

threads = [threading.Thread(target=sign_in, args=(n,)) for n in range(count)]
started = time.perf_counter()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(peak_mb() - before, time.perf_counter() - started, len(busy))
"""


def together(count: int) -> tuple[int, bool]:
    folder = Path(tempfile.mkdtemp(prefix="hgs-bench-signin-"))
    users.add_user("anna", "beheerder", PASSWORD, folder=folder)
    checked: list[str] = []
    real = passwords.verify

    def verify(password_hash: str, password: str) -> bool:
        checked.append(password)
        return real(password_hash, password)

    passwords.verify = verify
    barrier = threading.Barrier(count)
    signed_in: list[bool] = []

    def sign_in(n: int) -> None:
        barrier.wait()
        try:
            user = login.authenticate("anna", PASSWORD if n == count - 1 else f"gok-{n}", folder,
                                     address=f"198.18.{n // 200}.{n % 200 + 1}")
            signed_in.append(user is not None)
        except login.SignInLocked:
            signed_in.append(False)

    threads = [threading.Thread(target=sign_in, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    passwords.verify = real
    return len([p for p in checked if p != PASSWORD]), any(signed_in)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--together", type=int, default=30)
    parser.add_argument("--flood", type=int, default=100)
    args = parser.parse_args()
    wrong, right = together(args.together)
    print(f"{args.together} sign-ins at once to one name: {wrong} wrong passwords checked "
          f"(floor 5); the right one {'got in' if right else 'was told to wait'}")
    folder = tempfile.mkdtemp(prefix="hgs-bench-flood-")
    flood = subprocess.run([sys.executable, "-c", textwrap.dedent(FLOOD), folder,
                            str(args.flood)], cwd=ROOT, capture_output=True, text=True,
                           env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    growth, seconds, busy = flood.stdout.split()
    print(f"{args.flood} unknown names at once from {args.flood} addresses: peak RSS +"
          f"{float(growth):.0f} MB (floor 300 MB), {float(seconds):.1f} s, {busy} busy "
          f"(argon2id {passwords._hasher().memory_cost // 1024} MiB, {passwords.HASH_SLOTS} at once)")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
