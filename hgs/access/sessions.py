"""Signed sign-in tickets: what the browser keeps in its cookie so that a reload or a new tab stays
signed in, the server secret that signs them, and checking one against the users file.

A ticket names the user, the user's *session generation* (a counter in users.json that signing
out, a new role or organisations, a new password and removal move on, so every older ticket is
dead at once, a copied cookie included), when it was issued and when it expires. It is signed
with HMAC-SHA256 under a secret kept in the data folder, readable by the server's account only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hgs import config
from hgs.access import users
from hgs.access.users import User

COOKIE = "hgs_session"
LIFETIME = 8 * 60 * 60  # seconds a ticket lives without use: a school day
RENEW_AFTER = 15 * 60  # a ticket older than this is renewed when its holder uses HGS
SECRET_FILE = "session-secret.key"  # in the data folder; never in a back-up
MAX_TOKEN = 600  # characters: a longer cookie is not one of ours
_VERSION = 1


@dataclass(frozen=True)
class Ticket:
    """A verified ticket and the token it came from (the cookie's value)."""

    username: str
    generation: int
    issued: int  # seconds since the epoch
    expires: int
    token: str

    def due_for_renewal(self, now: float | None = None) -> bool:
        return (time.time() if now is None else now) - self.issued >= RENEW_AFTER


# -- the secret ---------------------------------------------------------------------------------
def secret_path(folder: str | os.PathLike | None = None) -> Path:
    return Path(folder or config.data_dir()) / SECRET_FILE


@lru_cache(maxsize=8)
def _read_secret(path: str, stamp: tuple[int, int]) -> bytes:
    value = bytes.fromhex(Path(path).read_text(encoding="ascii").strip())
    if len(value) < 32:
        raise ValueError("session secret too short")
    return value


def secret(folder: str | os.PathLike | None = None) -> bytes:
    """The server's signing secret, made on first use: 32 random bytes, mode 0600. Several
    processes may ask at once: the file appears whole (written aside, then linked) or not at
    all, and whoever comes second reads the first one's."""
    path = secret_path(folder)
    for _ in range(2):
        try:
            info = path.stat()
            return _read_secret(str(path), (info.st_ino, info.st_mtime_ns))
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        aside = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        descriptor = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32))
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(aside, path)  # fails when another process was first: use theirs
            except FileExistsError:
                pass
        finally:
            aside.unlink(missing_ok=True)
    raise FileNotFoundError(path)


# -- tickets ------------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, body: str) -> str:
    return _b64(hmac.new(key, body.encode("ascii"), hashlib.sha256).digest())


def issue(user: User, now: float | None = None,
          folder: str | os.PathLike | None = None) -> Ticket:
    """A new ticket for `user`, valid for LIFETIME seconds."""
    issued = int(time.time() if now is None else now)
    claims = {"v": _VERSION, "u": user.username, "g": user.session_generation, "iat": issued,
              "exp": issued + LIFETIME}
    body = _b64(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
    token = f"{body}.{_mac(secret(folder), body)}"
    return Ticket(user.username, user.session_generation, issued, issued + LIFETIME, token)


def read(token: str | None, now: float | None = None,
         folder: str | os.PathLike | None = None) -> Ticket | None:
    """The ticket in `token` when its signature is right and it has not expired; None for
    anything else (no cookie, someone else's cookie, tampered, expired, another server's)."""
    if not token or len(token) > MAX_TOKEN or token.count(".") != 1:
        return None
    body, mac = token.split(".")
    try:
        if not hmac.compare_digest(_mac(secret(folder), body), mac):
            return None
        claims = json.loads(_unb64(body))
        ticket = Ticket(str(claims["u"]), int(claims["g"]), int(claims["iat"]),
                        int(claims["exp"]), token)
    except (ValueError, KeyError, TypeError, UnicodeError):
        return None
    if claims.get("v") != _VERSION or ticket.expires <= (time.time() if now is None else now):
        return None
    return ticket


def holder(ticket: Ticket | None, now: float | None = None,
           folder: str | os.PathLike | None = None) -> User | None:
    """The user a ticket (already read) still stands for: not expired, the user still there,
    with the same session generation. Cheap enough for every run and every few seconds: the
    users file is only parsed again when it changed."""
    if ticket is None or ticket.expires <= (time.time() if now is None else now):
        return None
    user = users.get_user(ticket.username, folder)
    if user is None or user.session_generation != ticket.generation:
        return None
    return user


def user_for(token: str | None, now: float | None = None,
             folder: str | os.PathLike | None = None) -> User | None:
    """The user a cookie's token stands for, or None."""
    return holder(read(token, now, folder), now, folder)
