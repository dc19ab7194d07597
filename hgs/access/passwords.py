"""Password hashing with argon2id, checked in constant work for an unknown name as for a wrong
password, and at most a few checks at once so a flood of sign-ins cannot take the server's memory."""

from __future__ import annotations

import os
import threading
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from hgs.errors import InvalidInput
from hgs.i18n import t

MIN_PASSWORD = 10
MAX_PASSWORD = 200


# At most this many argon2 checks at once in one process (each takes 64 MiB for about 0.1 s):
# a flood of sign-ins queues here instead of taking the server's memory. An attempt that finds
# no free slot within SLOT_WAIT seconds is answered "busy" and does not count.
HASH_SLOTS = 2
SLOT_WAIT = 20.0
slots = threading.BoundedSemaphore(HASH_SLOTS)


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's current recommended parameters


@cache
def dummy_hash() -> str:
    # Checked against when the user does not exist, so an unknown name costs as much time as a
    # wrong password and the two cannot be told apart.
    return _hasher().hash(os.urandom(16).hex())


def hash_password(password: str) -> str:
    """The argon2 hash of a new password of MIN_PASSWORD to MAX_PASSWORD characters."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput(t("errors.auth.password_short", count=MIN_PASSWORD))
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(t("errors.auth.password_long", count=MAX_PASSWORD))
    return _hasher().hash(password)


def verify(password_hash: str, password: str) -> bool:
    """Whether `password` is the one of `password_hash` (a damaged hash: no)."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than the library recommends now."""
    return _hasher().check_needs_rehash(password_hash)
