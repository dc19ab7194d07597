"""Slowing down password guessing: growing, capped delays per username and per client address,
counted before the password is checked, kept in a small file in the data folder.

Each failed sign-in raises a *level* for the name and for the address; a level leaks away over
time (one failure forgotten per `leak` seconds), and once it passes `free` the next attempt
waits `first` seconds, doubling per failure up to `cap`. The name's cap is short (five minutes):
a stranger can slow a name down but never wall its owner out. An address that fails a lot is
slowed much more, for every name it tries, without holding anyone else up. An address that
signed a name in before is held up only by its own failures with that name, not by the name's:
strangers elsewhere cannot keep the owner out at all from there.

The file holds HMACs of names and addresses under the server's session secret, never a name, an
address or a typed password; an attempt reads and writes it under a thread and a file lock, so
several app processes share one count.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from hgs import config
from hgs.access import sessions
from hgs.access.netaccess import parse_address
from hgs.store import atomic_write

FILE = "sign-in-throttle.json"
SCHEMA = 1
KNOWN_FOR = 90 * 24 * 3600  # seconds an address stays "signed this name in before"
MAX_RECORDS = 10_000  # beyond this the least telling records go (a spray of fresh names)

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    """How failures of one kind (a name, an address) slow down the next attempt."""

    free: int  # failures before any delay
    first: float  # seconds to wait at the first failure past `free`
    cap: float  # the longest wait
    leak: float  # seconds in which one failure is forgotten

    def delay(self, level: float) -> float:
        # `free` failures in quick succession have leaked a little (4.99): they still count
        if level + 0.5 < self.free:
            return 0.0
        return min(self.cap, self.first * 2 ** max(0.0, level - self.free))

    def top(self) -> float:
        """The highest level worth keeping: a little past the cap, so it leaks back soon."""
        steps = 0
        while self.first * 2 ** steps < self.cap:
            steps += 1
        return self.free + steps + 2


NAME = Rule(free=5, first=2.0, cap=5 * 60, leak=10 * 60)
ADDRESS = Rule(free=10, first=2.0, cap=15 * 60, leak=10 * 60)
KNOWN = NAME  # a name from an address that signed it in before: the name's rule, its own count


@dataclass
class Record:
    level: float = 0.0
    at: float = 0.0  # the last failure
    known: float = 0.0  # for a name at an address: the last sign-in that succeeded there

    def level_at(self, rule: Rule, now: float) -> float:
        return max(0.0, self.level - max(0.0, now - self.at) / rule.leak)

    def wait(self, rule: Rule, now: float) -> float:
        return float(max(0.0, min(rule.cap, self.at + rule.delay(self.level) - now)))

    def failed(self, rule: Rule, now: float) -> None:
        self.level, self.at = min(rule.top(), self.level_at(rule, now) + 1), now

    def take_back(self) -> None:
        self.level = max(0.0, self.level - 1)


@dataclass(frozen=True)
class Attempt:
    """One attempt let through and already counted as a failure (until it succeeds)."""

    name: str
    address: str | None
    pair: str | None
    known: bool


class Delayed(Exception):
    """Not now: `wait` seconds to go."""

    def __init__(self, wait: float) -> None:
        super().__init__(wait)
        self.wait = wait


# -- the client address ------------------------------------------------------------------------
def trusted_proxies() -> set[str]:
    """`HGS_TRUSTED_PROXIES`: addresses of reverse proxies whose X-Real-IP / X-Forwarded-For is
    believed (a proxy on this computer always is). Read on every call."""
    found = set()
    for part in config.trusted_proxies():
        if (address := parse_address(part)) is not None:
            found.add(str(address))
    return found


def _bucket(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    # One IPv6 household or server has a whole /64: counting per address would give it 2**64.
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def client_address(peer: str | None, headers: Mapping[str, str] | None = None) -> str | None:
    """The address a sign-in attempt counts against: the connection's (`st.context.ip_address`;
    None when it is this computer itself), or, behind a reverse proxy on this computer or one
    named in HGS_TRUSTED_PROXIES, the client address that proxy passed on (X-Real-IP, else the
    last entry of X-Forwarded-For: the one the proxy added itself). None: unknown, only the
    name counts."""
    direct = parse_address(peer)
    if direct is None or str(direct) in trusted_proxies():
        lower = {str(k).lower(): v for k, v in (headers or {}).items()}
        forwarded = lower.get("x-real-ip") or (lower.get("x-forwarded-for") or "").split(",")[-1]
        if (passed := parse_address(forwarded)) is not None:
            return _bucket(passed)
    return _bucket(direct) if direct is not None else None


# -- the state ---------------------------------------------------------------------------------
class Throttle:
    """The sign-in counts of one data folder."""

    _guard = threading.Lock()
    _memory: dict[str, tuple[tuple[int, int, int] | None, dict[str, Record]]] = {}

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self.path = self.folder / FILE

    def _key(self, kind: str, *parts: str) -> str:
        message = "\0".join((kind, *parts)).encode("utf-8")
        return kind + hmac.new(sessions.secret(self.folder), message,
                               hashlib.sha256).hexdigest()[:32]

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def _load(self) -> dict[str, Record]:
        """The records, from this process's copy when the file did not change since (and also
        when writing it failed: the count then holds in this process at least)."""
        stamp = self._stamp()
        cached = self._memory.get(str(self.path))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        records: dict[str, Record] = {}
        if stamp is not None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                for key, (level, at, known) in raw["records"].items():
                    records[str(key)] = Record(float(level), float(at), float(known))
            except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
                _log.error("%s unreadable: sign-in counts start afresh", self.path)
                records = {}
        self._memory[str(self.path)] = (stamp, records)
        return records

    def _save(self, records: dict[str, Record], now: float) -> None:
        self._prune(records, now)
        data = {"schema": SCHEMA,
                "records": {k: [round(r.level, 3), round(r.at, 3), round(r.known, 3)]
                            for k, r in records.items()}}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(data, separators=(",", ":")))
            os.chmod(self.path, 0o600)
        except OSError as error:  # kept in this process; the next write tries again
            _log.error("sign-in counts not written to %s: %s", self.path, error)
            self._memory[str(self.path)] = (self._memory.get(str(self.path), (None,))[0],
                                            records)
            return
        self._memory[str(self.path)] = (self._stamp(), records)

    @staticmethod
    def _rule(key: str) -> Rule:
        return {"n": NAME, "a": ADDRESS}.get(key[0], KNOWN)

    def _prune(self, records: dict[str, Record], now: float) -> None:
        for key, record in list(records.items()):
            if record.level_at(self._rule(key), now) <= 0 and now - record.known > KNOWN_FOR:
                del records[key]
        if len(records) > MAX_RECORDS:
            # Keep what slows guessing down most and the addresses that signed names in.
            ranked = sorted(records, key=lambda k: (records[k].known > 0,
                                                    records[k].level_at(self._rule(k), now)))
            for key in ranked[:len(records) - MAX_RECORDS]:
                del records[key]

    def _locked(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.path) + ".lock", timeout=30)

    # -- one attempt ----------------------------------------------------------------------------
    def begin(self, name: str, address: str | None, now: float) -> Attempt:
        """Let an attempt through and count it as a failure now, before the password is
        checked, as one step; or Delayed when this name or address must wait."""
        keys = Attempt(self._key("n", name), address and self._key("a", address),
                       address and self._key("p", name, address), False)
        with self._guard, self._locked():
            records = self._load()
            pair = records.get(keys.pair) if keys.pair else None
            known = pair is not None and now - pair.known <= KNOWN_FOR
            waits = [pair.wait(KNOWN, now) if known
                     else records.get(keys.name, Record()).wait(NAME, now)]
            if keys.address:
                waits.append(records.get(keys.address, Record()).wait(ADDRESS, now))
            if (wait := max(waits)) > 0:
                raise Delayed(wait)
            records.setdefault(keys.name, Record()).failed(NAME, now)
            if keys.address:
                records.setdefault(keys.address, Record()).failed(ADDRESS, now)
            if known:
                pair.failed(KNOWN, now)
            self._save(records, now)
        return Attempt(keys.name, keys.address, keys.pair, known)

    def succeeded(self, attempt: Attempt, now: float) -> None:
        """The password was right: the name starts afresh, this address is now one that signed
        the name in, and the address's count loses this attempt (not its other failures)."""
        with self._guard, self._locked():
            records = self._load()
            records.pop(attempt.name, None)
            if attempt.address:
                if record := records.get(attempt.address):
                    record.take_back()
                records[attempt.pair] = Record(known=now)
            self._save(records, now)

    def withdraw(self, attempt: Attempt, now: float) -> None:
        """The password was never checked (no hash slot in time): the attempt does not count."""
        with self._guard, self._locked():
            records = self._load()
            for key in (attempt.name, attempt.address, attempt.pair if attempt.known else None):
                if key and (record := records.get(key)):
                    record.take_back()
            self._save(records, now)
