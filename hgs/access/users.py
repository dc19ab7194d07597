"""The people who may use HGS: the User record, the users file (users.json in the data folder,
its schema and lock) and adding, changing and removing users."""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from filelock import FileLock
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hgs import config
from hgs.access.passwords import hash_password
from hgs.access.roles import LOCAL, PARTICIPANT, ROLE_LABELS, ROLES, Role, normal_role
from hgs.errors import InvalidInput, StorageError, explain
from hgs.i18n import t
from hgs.store import atomic_write

USERS_FILE = "users.json"
USERS_SCHEMA = 3  # 2: a session generation per user; 3: a random id per user
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,119}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")  # the form Participant.email has
USER_ID = r"u_[0-9a-f]{16}"  # what every file of one person is named by (never the name)


class User(BaseModel):
    """One person who may use HGS, or the session-only local user or participant."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    username: str
    # Random, given once (add_user, or the move to USERS_SCHEMA 3) and kept for good; "" only
    # for the session-only local user and participant.
    id: str = Field(default="", pattern=f"^(|{USER_ID})$")
    display_name: str = Field(default="", max_length=120)
    role: Role
    organisations: tuple[str, ...] = ()  # organisation ids, for a voorzitter
    email: str = Field(default="", max_length=200)  # where HGS mails this person (hgs.mail)
    weekly_digest: bool = False  # a voorzitter's weekly digest of open agreements and MDOs
    password_hash: str | None = Field(default=None, repr=False)  # None: signs in through OIDC
    # Moved on by signing out, a new role or organisations and a new password: every sign-in
    # ticket (cookie) issued before is dead at once (hgs/sessions.py).
    session_generation: int = Field(default=0, ge=0)

    @field_validator("username")
    @classmethod
    def _username_form(cls, value: str) -> str:
        value = normal_username(value)
        if not USERNAME.match(value):
            raise ValueError(t("errors.auth.username_form"))
        return value

    @field_validator("email")
    @classmethod
    def _email_form(cls, value: str) -> str:
        value = value.strip()
        if value and not EMAIL.match(value):
            raise ValueError(t("errors.model.email_form"))
        return value

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(ROLES) if self.role == LOCAL else frozenset({self.role})

    @property
    def label(self) -> str:
        return self.display_name or self.username

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def public(self) -> dict:
        """The user without the password hash (for screens and lists)."""
        return self.model_dump(exclude={"password_hash", "session_generation"})

    @property
    def fingerprint(self) -> tuple:
        """What an open session depends on: when any of it changes, the session ends."""
        return (self.username, self.role, self.organisations, self.session_generation)


def normal_username(typed: str | None) -> str:
    """A username in its one spelling, wherever it is typed or read: NFKC (full-width letters
    become plain ones), stripped, lower case. `Anna.B` and `anna.b` are one user; `anna.b` and
    `anna-b` stay two."""
    return unicodedata.normalize("NFKC", typed or "").strip().lower()


def new_user_id() -> str:
    return f"u_{secrets.token_hex(8)}"


LOCAL_USER = User(username=LOCAL, display_name="Lokale gebruiker", role=LOCAL)
PARTICIPANT_USER = User(username=PARTICIPANT, display_name="Deelnemer", role=PARTICIPANT)


def users_path(folder: str | os.PathLike | None = None) -> Path:
    return Path(folder or config.data_dir()) / USERS_FILE


# -- the users file ----------------------------------------------------------------------------
_guard = threading.Lock()


def _lock(path: Path) -> FileLock:
    return FileLock(str(path) + ".lock", timeout=30)


@lru_cache(maxsize=8)
def _parse(path: str, stamp: tuple[int, int, int]) -> dict[str, User]:
    """The users of the file; users of a file from before USERS_SCHEMA 3 have no id yet."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:
        raise StorageError(t("errors.auth.users_damaged", file=USERS_FILE)) from error
    if not isinstance(raw, dict) or not isinstance(raw.get("users"), list):
        raise StorageError(t("errors.auth.users_form", file=USERS_FILE))
    schema = raw.get("schema", 0)
    if type(schema) is not int:
        raise StorageError(t("errors.auth.users_form", file=USERS_FILE))
    if schema > USERS_SCHEMA:
        raise StorageError(t("errors.store.newer", name=USERS_FILE))
    users: dict[str, User] = {}
    ids: set[str] = set()
    for entry in raw["users"]:
        try:
            user = User.model_validate(entry)
        except ValidationError as error:
            raise StorageError(t("errors.auth.user_invalid", file=USERS_FILE,
                                 problem=explain(error))) from None
        if user.role not in ROLES:
            raise StorageError(t("errors.auth.bad_role", file=USERS_FILE, role=user.role))
        if user.username in users or (user.id and user.id in ids):
            # two entries for one person (or one id for two): whose would a file be?
            raise StorageError(t("errors.auth.user_twice", file=USERS_FILE,
                                 username=user.username))
        users[user.username] = user
        ids.add(user.id)
    return users


def _loaded(path: Path) -> dict[str, User]:
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    return dict(_parse(str(path), (info.st_ino, info.st_mtime_ns, info.st_size)))


def load_users(folder: str | os.PathLike | None = None) -> dict[str, User]:
    """Every user by username (re-read only when the file changed). A file from before
    USERS_SCHEMA 3 is given its ids first, once, under the lock."""
    users = _loaded(users_path(folder))
    if any(not user.id for user in users.values()):
        try:
            _change(folder, lambda users: None)
        except OSError as error:
            raise StorageError(t("errors.auth.users_not_updated", file=USERS_FILE,
                                 error=error.strerror or error)) from error
        users = _loaded(users_path(folder))
    return users


def get_user(username: str | None, folder: str | os.PathLike | None = None) -> User | None:
    if not username:
        return None
    return load_users(folder).get(normal_username(username))


def _write(path: Path, users: dict[str, User]) -> None:
    data = {"schema": USERS_SCHEMA,
            "users": [u.model_dump(mode="json") for u in sorted(users.values(),
                                                                  key=lambda u: u.username)]}
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1))
    try:
        os.chmod(path, 0o600)  # password hashes: readable by the server's account only
    except OSError:
        pass


def _change(folder, change) -> User | None:
    """Read, change and write the users file as one step, under a thread and a file lock."""
    path = users_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _guard, _lock(path):
        # the users as they are on disk now, each with an id (one given here if it had none)
        before = {name: user if user.id else user.model_copy(update={"id": new_user_id()})
                  for name, user in _loaded(path).items()}
        users = dict(before)
        result = change(users)
        if _admins(before) and not _admins(users):  # nobody could manage HGS any more
            raise InvalidInput(t("errors.auth.last_admin"))
        _write(path, users)
    return result


def _admins(users: dict[str, User]) -> list[User]:
    return [u for u in users.values() if u.role == "beheerder"]


def _checked(**fields) -> User:
    try:
        user = User(**fields)
    except ValidationError as error:
        raise InvalidInput(explain(error)) from None
    if user.role not in ROLES:
        raise InvalidInput(t("errors.auth.choose_role",
                             roles=", ".join(ROLE_LABELS[r] for r in ROLES)))
    return user


def add_user(username: str, role: str, password: str | None = None, *, display_name: str = "",
             organisations: Iterable[str] = (), folder: str | os.PathLike | None = None) -> User:
    """A new user; without a password the user can only sign in through OIDC (their e-mail
    address as username)."""
    password_hash = None if password is None else hash_password(password)
    # A random first generation: the cookie of someone removed earlier under the same name
    # does not sign in the new user.
    user = _checked(username=username, role=normal_role(role), display_name=display_name,
                    organisations=tuple(organisations), password_hash=password_hash,
                    session_generation=secrets.randbelow(1 << 30), id=new_user_id())

    def change(users: dict[str, User]) -> User:
        if user.username in users:
            raise InvalidInput(t("errors.auth.username_taken", username=user.username))
        users[user.username] = user
        return user

    return _change(folder, change)


def update_user(username: str, *, role: str | None = None,
                organisations: Iterable[str] | None = None, display_name: str | None = None,
                email: str | None = None, weekly_digest: bool | None = None,
                folder: str | os.PathLike | None = None) -> User:
    """Change a user's role, organisations, name, e-mail address or weekly digest."""

    def change(users: dict[str, User]) -> User:
        old = _existing(users, username)
        fields = old.model_dump()
        if role is not None:
            fields["role"] = normal_role(role)
        if organisations is not None:
            fields["organisations"] = tuple(organisations)
        if display_name is not None:
            fields["display_name"] = display_name
        if email is not None:
            fields["email"] = email
        if weekly_digest is not None:
            fields["weekly_digest"] = weekly_digest
        if (fields["role"], fields["organisations"]) != (old.role, old.organisations):
            fields["session_generation"] = old.session_generation + 1  # sign in again
        users[old.username] = _checked(**fields)
        return users[old.username]

    return _change(folder, change)


def set_password(username: str, password: str, folder: str | os.PathLike | None = None, *,
                 end_sessions: bool = True) -> User:
    """A new password; every sign-in of this user elsewhere ends (unless `end_sessions` is
    False: the same password stored with stronger parameters)."""
    password_hash = hash_password(password)

    def change(users: dict[str, User]) -> User:
        old = _existing(users, username)
        users[old.username] = old.model_copy(update={
            "password_hash": password_hash,
            "session_generation": old.session_generation + end_sessions})
        return users[old.username]

    return _change(folder, change)


def end_sessions(username: str, folder: str | os.PathLike | None = None) -> User:
    """Signing out: move the user's session generation on, so every ticket issued so far (this
    browser's cookie, a copy of it, another device's) no longer signs anyone in."""

    def change(users: dict[str, User]) -> User:
        old = _existing(users, username)
        users[old.username] = old.model_copy(
            update={"session_generation": old.session_generation + 1})
        return users[old.username]

    return _change(folder, change)


def remove_user(username: str, folder: str | os.PathLike | None = None) -> None:
    _change(folder, lambda users: users.pop(_existing(users, username).username))


def _existing(users: dict[str, User], username: str) -> User:
    user = users.get(normal_username(username))
    if user is None:
        raise InvalidInput(t("errors.auth.no_such_user", username=username))
    return user
