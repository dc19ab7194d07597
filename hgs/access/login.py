"""Signing in: the sign-in mode (HGS_AUTH), and checking a username and password, counted per name
and address (hgs.access.throttle) before anything is checked."""

from __future__ import annotations

import logging
import math
import os
import time

from hgs import config
from hgs.access import passwords, throttle
from hgs.access.users import User, load_users, normal_username, set_password, users_path
from hgs.errors import HGSError, StorageError, disk_problem
from hgs.i18n import t

# Failed sign-ins slow the next ones down (hgs/throttle.py): after MAX_FAILURES with one name,
# growing waits of at most throttle.NAME.cap seconds, never a wall.
MAX_FAILURES = throttle.NAME.free

_log = logging.getLogger(__name__)


class ConfigError(HGSError):
    """The sign-in configuration is wrong; HGS shows the message and opens nothing."""


def mode() -> str:
    """How people sign in, from `HGS_AUTH` (read on every call): "uit" (the default: one local
    user, no sign-in), "wachtwoord" or "oidc". An unknown value opens nothing."""
    value = config.auth_setting()
    if value in ("", "uit", "off", "0", "nee", "no", "false"):
        return "uit"
    if value in ("wachtwoord", "password"):
        return "wachtwoord"
    if value == "oidc":
        return "oidc"
    raise ConfigError(t("errors.auth.bad_mode", value=repr(value)))


class SignInLocked(HGSError):
    """Too many failed sign-ins with this name or from this address: wait `wait` seconds."""

    def __init__(self, message: str, wait: float = 0.0) -> None:
        super().__init__(message)
        self.wait = wait

    @classmethod
    def after(cls, wait: float) -> SignInLocked:
        """The answer for a wait of `wait` seconds: "a few seconds" up to 5, in seconds up to 90,
        else in minutes."""
        if wait <= 5:
            return cls(t("errors.auth.wait_moment"), wait)
        if wait <= 90:
            return cls(t("errors.auth.wait_seconds", seconds=max(1, math.ceil(wait))), wait)
        return cls(t("errors.auth.wait_minutes", minutes=math.ceil(wait / 60)), wait)


class SignInBusy(HGSError):
    """No password check could start in time (a flood of sign-ins): try again shortly."""


def authenticate(username: str, password: str, folder: str | os.PathLike | None = None,
                 now: float | None = None, *, address: str | None = None) -> User | None:
    """The user when the password is right; None otherwise, for an unknown name just as for a
    wrong password, after the same argon2 work (show `SIGN_IN_FAILED`).

    `address` is the client's (throttle.client_address). Before anything is checked the attempt
    is counted as a failure for the name and the address, in one step (a success takes it
    back): so sign-ins at once cannot slip past the count. When the name or address has failed
    too often lately, SignInLocked with the seconds to wait, and nothing is checked. The check
    itself waits for one of passwords.HASH_SLOTS; none free within SLOT_WAIT: SignInBusy, not counted."""
    now = time.time() if now is None else now
    users = load_users(folder)  # a damaged users file: StorageError before anything counts
    name = normal_username(username)
    counts = throttle.Throttle(users_path(folder).parent)
    try:
        attempt = counts.begin(name, address, now)
    except throttle.Delayed as delayed:
        raise SignInLocked.after(delayed.wait) from None
    except OSError as error:  # no count, no check: nobody signs in uncounted
        raise StorageError(t("errors.auth.not_counted", problem=disk_problem(error))) from error
    if not passwords.slots.acquire(timeout=passwords.SLOT_WAIT):
        _settle(counts.withdraw, attempt, now)
        raise SignInBusy(t("errors.auth.busy"))
    try:
        user = users.get(name)
        if user is None or user.password_hash is None:
            passwords.verify(passwords.dummy_hash(), password or "")
            return None
        if not passwords.verify(user.password_hash, password or ""):
            return None
        _settle(counts.succeeded, attempt, now)
        if passwords.needs_rehash(user.password_hash):  # stronger parameters: upgrade
            try:
                user = set_password(user.username, password, folder, end_sessions=False)
            except (HGSError, OSError) as error:
                _log.warning("password of %s not rehashed: %s", user.username, error)
        return user
    finally:
        passwords.slots.release()


def _settle(step, attempt: throttle.Attempt, now: float) -> None:
    """Take an attempt's count back (a success, or no check at all); when the counts cannot be
    written, the attempt simply stays counted as a failure."""
    try:
        step(attempt, now)
    except OSError as error:
        _log.error("sign-in count not settled: %s", error)
