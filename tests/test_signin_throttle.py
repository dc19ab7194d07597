"""Slowing down password guessing (hgs/access/throttle.py through hgs.access.login.authenticate): an attempt is
counted before its password is checked, so a burst of sign-ins at once verifies at most five
wrong passwords; at most a few argon2 checks run at once, so a flood keeps memory bounded; the
delays grow per failure per name and per address but stay capped, so a stranger cannot keep the
real owner out; the count survives a restart and holds hashes only."""

from __future__ import annotations

import json
import threading

import pytest
from argon2 import PasswordHasher

from hgs import i18n
from hgs.access import login, passwords, throttle, users
from hgs.errors import StorageError
from tests.processes import run_python

PASSWORD = "Zomer-Noëlle-2026!"
STRANGER = "203.0.113.66"
OWNER_HOME = "192.0.2.10"
OWNER_ELSEWHERE = "198.51.100.7"
T0 = 1_800_000_000.0  # seconds since the epoch: the clock of these tests


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def quick_argon2(monkeypatch):
    """argon2id with tiny parameters, for tests about the rules rather than the race: a
    hundred checks take milliseconds instead of seconds."""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", lambda: cheap)
    monkeypatch.setattr(passwords, "dummy_hash", lambda: cheap.hash("dummy-password"))


@pytest.fixture
def counted(monkeypatch):
    """Every password check, as the password that was checked."""
    checked: list[str] = []
    real = passwords.verify

    def verify(password_hash: str, password: str) -> bool:
        checked.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "verify", verify)
    return checked


def attempt(username, password, at, address=None, folder=None):
    """The outcome of one sign-in: the user, None (wrong), or the seconds to wait."""
    try:
        return login.authenticate(username, password, folder, now=at, address=address)
    except login.SignInLocked as delayed:
        return delayed.wait


# -- the race ------------------------------------------------------------------------------------
def test_thirty_sign_ins_at_once_verify_at_most_five_wrong_passwords(folder, counted):
    users.add_user("anna", "beheerder", PASSWORD)
    counted.clear()
    barrier = threading.Barrier(30)
    outcomes: dict[int, object] = {}

    def sign_in(n: int) -> None:
        password = PASSWORD if n == 29 else f"geraden-{n}"
        barrier.wait()
        outcomes[n] = attempt("anna", password, T0, address=f"198.18.0.{n + 1}")

    threads = [threading.Thread(target=sign_in, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    wrong = [p for p in counted if p != PASSWORD]
    assert len(outcomes) == 30
    assert len(wrong) <= throttle.NAME.free == 5, f"{len(wrong)} wrong passwords verified"
    refused = [n for n, outcome in outcomes.items() if isinstance(outcome, float)]
    assert len(refused) >= 24  # refused before any hashing: they cost no argon2 work


def test_a_flood_of_unknown_names_keeps_memory_bounded(tmp_path):
    """100 sign-ins at once with unknown names from 100 addresses (nothing throttles them: each
    is a first try) in a process of its own; its peak RSS may grow by less than 300 MB."""
    flood = run_python("""
        import re, sys, threading
        from pathlib import Path
        from argon2 import PasswordHasher
        from hgs.access import login, passwords, users

        def peak_mb():
            # VmHWM, the peak RSS of this process's own memory. Not getrusage's ru_maxrss:
            # Linux carries that over an exec from the parent, here the big pytest process.
            status = Path("/proc/self/status").read_text()
            return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024

        folder, count = sys.argv[1], int(sys.argv[2])
        # What a check costs in memory is the point here, its time is not: the full 64 MiB of
        # argon2id, with one pass instead of three so that a hundred take seconds.
        hasher = PasswordHasher(time_cost=1, memory_cost=65536, parallelism=1)
        passwords._hasher = lambda: hasher
        users.load_users(folder)
        before = peak_mb()
        barrier = threading.Barrier(count)
        answers = []

        def sign_in(n):
            barrier.wait()
            try:
                answers.append(login.authenticate(f"onbekend-{n}", "geen-idee-welk", folder,
                                                 address=f"10.9.{n // 200}.{n % 200 + 1}"))
            except login.SignInBusy:
                answers.append("busy")

        threads = [threading.Thread(target=sign_in, args=(n,)) for n in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(peak_mb() - before, answers.count(None), answers.count("busy"))
    """, str(tmp_path), "100")
    out, err = flood.communicate(timeout=180)
    assert flood.returncode == 0, err.decode()
    growth, refused, busy = out.decode().split()
    print(f"peak RSS growth under 100 simultaneous sign-ins: {float(growth):.0f} MB")
    assert float(growth) < 300
    assert int(refused) + int(busy) == 100 and int(refused) >= 50


# -- delays instead of a wall ----------------------------------------------------------------------
def flood(username: str, start: float, seconds: float, addresses=(STRANGER,),
          step: float = 10) -> float:
    """Strangers trying `username` every `step` seconds, from each of `addresses` in turn, as
    fast as HGS lets them; the moment of the last guess that was checked."""
    last, now, n = start, start, 0
    while now < start + seconds:
        if attempt(username, f"raden-{now}", now, addresses[n % len(addresses)]) is None:
            last = now
        now += step
        n += 1
    return last


def test_the_owner_still_gets_in_while_a_stranger_keeps_guessing(folder, quick_argon2, counted):
    """A stranger tries the owner's name as fast as HGS lets them for an hour. The owner, from a
    new address, gets in after at most the name's longest delay (five minutes) — not a
    15-minute wall that the stranger renews — while the stranger's own address slows right
    down; from an address they signed in from before, the owner gets in at once."""
    users.add_user("bea", "beheerder", PASSWORD)
    assert isinstance(attempt("bea", PASSWORD, T0 - 86_400, OWNER_HOME), users.User)  # yesterday
    counted.clear()
    now = flood("bea", T0, 3600) + 1
    assert len(counted) <= 30, f"the stranger had {len(counted)} passwords checked in an hour"

    waited = 0.0
    while not isinstance(outcome := attempt("bea", PASSWORD, now + waited, OWNER_ELSEWHERE),
                         users.User):
        assert isinstance(outcome, float)  # told to wait, never "wrong password"
        attempt("bea", "nog-een-gok", now + waited, STRANGER)  # the stranger does not stop
        waited += 10
        assert waited <= 5 * 60 + 10, "the owner is kept out"

    # Then many strangers, from 250 addresses, for an hour. Just after their last guess the
    # name makes a new address wait; the owner's own address is not held up by them at all.
    botnet = tuple(f"203.0.113.{n}" for n in range(1, 251))
    now = flood("bea", now + waited, 3600, botnet) + 1
    assert isinstance(attempt("bea", PASSWORD, now, "198.51.100.200"), float)  # a new address
    assert isinstance(attempt("bea", PASSWORD, now, OWNER_HOME), users.User)  # home: at once


def test_delays_grow_per_failure_and_stop_growing_at_the_cap(folder, quick_argon2):
    users.add_user("anna", "voorzitter", PASSWORD)
    now, waits = T0, []
    for _ in range(40):
        outcome = attempt("anna", "verkeerd", now)  # no address: the name's own delays
        if isinstance(outcome, float):
            waits.append(outcome)
            now += outcome
    assert waits == sorted(waits) and waits[0] <= 5  # small at first, then growing …
    assert max(waits) == throttle.NAME.cap <= 300  # … to five minutes at most
    assert isinstance(attempt("anna", PASSWORD, now + throttle.NAME.cap), users.User)


def test_an_address_that_fails_a_lot_is_slowed_for_every_name_others_are_not(folder,
                                                                           quick_argon2):
    users.add_user("anna", "voorzitter", PASSWORD)
    answers = [attempt(f"naam-{n}", "Welkom01!", T0, STRANGER) for n in range(12)]
    assert answers[:throttle.ADDRESS.free] == [None] * throttle.ADDRESS.free
    assert all(isinstance(a, float) for a in answers[throttle.ADDRESS.free:])  # spraying slows
    assert isinstance(attempt("anna", PASSWORD, T0, STRANGER), float)  # at that address only:
    assert isinstance(attempt("anna", PASSWORD, T0, OWNER_ELSEWHERE), users.User)


def test_failures_spread_out_or_followed_by_a_success_never_slow_down(folder, quick_argon2):
    users.add_user("anna", "voorzitter", PASSWORD)
    for n in range(20):  # a mistyped password twice an hour: forgotten before it adds up
        assert attempt("anna", "verkeerd", T0 + n * 1800, OWNER_HOME) is None
    start = T0 + 100_000
    for round_ in range(3):  # four typos, then the right password: the count starts again
        for n in range(4):
            assert attempt("anna", "verkeerd", start + round_ * 10 + n) is None
        assert isinstance(attempt("anna", PASSWORD, start + round_ * 10 + 5), users.User)


# -- kept across a restart, as hashes ------------------------------------------------------------
def test_a_restart_keeps_the_count_and_the_file_holds_no_name_or_address(folder):
    users.add_user("anna", "voorzitter", PASSWORD)
    before = run_python("""
        import sys
        from hgs.access import login, passwords, users
        for n in range(6):
            try:
                login.authenticate("anna", f"verkeerd-{n}", sys.argv[1], now=1800000000.0,
                                  address="203.0.113.66")
            except login.SignInLocked:
                pass
    """, str(folder))
    _, err = before.communicate(timeout=60)
    assert before.returncode == 0, err.decode()
    # this process never counted anything itself: what it knows comes from the file
    outcome = attempt("anna", PASSWORD, T0 + 1, address=OWNER_ELSEWHERE)
    assert isinstance(outcome, float) and outcome > 0
    state = folder / throttle.FILE
    raw = state.read_bytes()
    json.loads(raw)
    for secret in (b"anna", b"203.0.113", b"verkeerd", b"198.51"):
        assert secret not in raw
    assert state.stat().st_mode & 0o077 == 0  # the server's account only


def test_a_damaged_throttle_file_starts_afresh_and_is_rewritten(folder, quick_argon2):
    users.add_user("anna", "voorzitter", PASSWORD)
    (folder / throttle.FILE).write_text("{kapot", encoding="utf-8")
    assert isinstance(attempt("anna", PASSWORD, T0), users.User)
    assert attempt("anna", "verkeerd", T0 + 1) is None
    assert json.loads((folder / throttle.FILE).read_text("utf-8"))["schema"] == throttle.SCHEMA


# -- the answer ----------------------------------------------------------------------------------
def test_the_wait_message_follows_the_language_and_keeps_no_name(folder, quick_argon2):
    name = "geheim-wachtwoord-in-het-naamveld"
    for n in range(throttle.NAME.free):
        attempt(name, "x", T0 + n)
    with pytest.raises(login.SignInLocked, match="Probeer het over een paar seconden opnieuw"):
        login.authenticate(name, "x", now=T0 + throttle.NAME.free)
    with i18n.using("en"), pytest.raises(login.SignInLocked, match="Try again in a few seconds"):
        login.authenticate(name, "x", now=T0 + throttle.NAME.free)
    assert b"geheim" not in (folder / throttle.FILE).read_bytes()


def test_minutes_for_a_long_wait():
    assert str(login.SignInLocked.after(1.2)).endswith("over een paar seconden opnieuw.")
    assert str(login.SignInLocked.after(30)).endswith("over 30 seconden opnieuw.")
    assert "over 5 minuten opnieuw" in str(login.SignInLocked.after(299))
    with i18n.using("en"):
        assert "in 5 minutes" in str(login.SignInLocked.after(241))


def test_no_free_hash_slot_in_time_is_busy_and_not_counted(folder, quick_argon2, monkeypatch):
    users.add_user("anna", "voorzitter", PASSWORD)
    monkeypatch.setattr(passwords, "SLOT_WAIT", 0.05)
    held = [passwords.slots.acquire() for _ in range(passwords.HASH_SLOTS)]
    try:
        for n in range(8):
            with pytest.raises(login.SignInBusy, match="tegelijk"):
                login.authenticate("anna", "verkeerd", now=T0 + n)
    finally:
        for _ in held:
            passwords.slots.release()
    assert isinstance(attempt("anna", PASSWORD, T0 + 10), users.User)  # nothing was counted


def test_counts_that_cannot_be_kept_let_nobody_in_and_say_why(folder, quick_argon2, monkeypatch):
    from hgs.access import sessions

    users.add_user("anna", "voorzitter", PASSWORD)

    def unreadable(folder=None):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sessions, "secret", unreadable)
    with pytest.raises(StorageError, match="kan de pogingen niet bijhouden"):
        login.authenticate("anna", PASSWORD)


# -- the client address --------------------------------------------------------------------------
@pytest.mark.parametrize("peer,headers,expected", [
    ("203.0.113.5", {}, "203.0.113.5"),
    ("203.0.113.5", {"X-Forwarded-For": "1.2.3.4"}, "203.0.113.5"),  # not our proxy: ignored
    (None, {"X-Forwarded-For": "6.6.6.6, 198.51.100.20"}, "198.51.100.20"),  # the proxy's entry
    (None, {"X-Real-IP": "198.51.100.21"}, "198.51.100.21"),
    (None, {"x-forwarded-for": "geen-adres"}, None),
    (None, {}, None),
    ("2001:db8:1:2:aaaa::1", {}, "2001:db8:1:2::/64"),  # one household's whole IPv6 block
    ("::ffff:198.51.100.9", {}, "198.51.100.9"),
])
def test_the_address_that_counts(peer, headers, expected):
    assert throttle.client_address(peer, headers) == expected


def test_a_proxy_named_in_hgs_trusted_proxies_is_believed(monkeypatch):
    monkeypatch.setenv("HGS_TRUSTED_PROXIES", "10.0.0.2, 10.0.0.3")
    assert throttle.client_address("10.0.0.3", {"X-Real-IP": "198.51.100.4"}) == "198.51.100.4"
    assert throttle.client_address("10.0.0.4", {"X-Real-IP": "198.51.100.4"}) == "10.0.0.4"
