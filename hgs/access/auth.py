"""Who may do what: users and their roles, the users file, password hashing and the page rules."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import math
import os
import re
import secrets
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from filelock import FileLock
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hgs import config, pages
from hgs.access import throttle
from hgs.errors import HGSError, InvalidInput, StorageError, disk_problem, explain
from hgs.i18n import Labels, t
from hgs.method.records import Case, Organisation
from hgs.store import atomic_write

# The three roles a person can be given. Two more exist only inside a running session: the
# single local user of a launch without sign-in (who has all three), and a participant who came
# in through a meeting's join link (who has none of them).
ROLES: tuple[str, ...] = ("voorzitter", "coordinator", "beheerder")
LOCAL = "lokaal"
PARTICIPANT = "deelnemer"
# the words for the roles, in the session's language ([ui_auth] in the catalogues)
ROLE_LABELS = Labels("ui_auth", (*ROLES, LOCAL, PARTICIPANT))
Role = Literal["voorzitter", "coordinator", "beheerder", "lokaal", "deelnemer"]

MODES = ("uit", "wachtwoord", "oidc")
USERS_FILE = "users.json"
USERS_SCHEMA = 3  # 2: a session generation per user; 3: a random id per user
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,119}$")
USER_ID = r"u_[0-9a-f]{16}"  # what every file of one person is named by (never the name)
MIN_PASSWORD = 10
MAX_PASSWORD = 200
# Failed sign-ins slow the next ones down (hgs/throttle.py): after MAX_FAILURES with one name,
# growing waits of at most throttle.NAME.cap seconds, never a wall.
MAX_FAILURES = throttle.NAME.free
# At most this many argon2 checks at once in one process (each takes 64 MiB for about 0.1 s):
# a flood of sign-ins queues here instead of taking the server's memory. An attempt that finds
# no free slot within SLOT_WAIT seconds is answered "busy" and does not count.
HASH_SLOTS = 2
SLOT_WAIT = 20.0

_log = logging.getLogger(__name__)


def __getattr__(name: str) -> str:
    """The former message constants, now in the catalogues ([errors.auth])."""
    keys = {"SIGN_IN_FAILED": "errors.auth.sign_in_failed", "LAST_ADMIN": "errors.auth.last_admin"}
    if name in keys:
        return t(keys[name])
    raise AttributeError(name)


class ConfigError(HGSError):
    """The sign-in configuration is wrong; HGS shows the message and opens nothing."""


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


# -- configuration -----------------------------------------------------------------------------
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


def data_dir() -> Path:
    """The data folder (`HGS_DATA_DIR`, default `data/`), read on every call; the users file and
    the audit log live here, also when the cases are in PostgreSQL."""
    return config.data_dir()


def users_path(folder: str | os.PathLike | None = None) -> Path:
    return Path(folder or data_dir()) / USERS_FILE


# -- the rules ---------------------------------------------------------------------------------
def may_open(user: User | None, page: str | os.PathLike) -> bool:
    """Whether the user's role may open the page (the roles in the page registry, hgs.pages);
    a script that is no page of HGS is open to nobody."""
    found = pages.by_path(page)
    return user is not None and found is not None and bool(user.roles & found.roles)


def start_page(user: User) -> str:
    """The page a user lands on: Start for a voorzitter, Netwerk for a coördinator, Beheer for a
    beheerder (the local user, who has every role, lands on Start)."""
    for role in (*ROLES, PARTICIPANT):
        if role in user.roles:
            return pages.START_PAGES[role].path
    return pages.SIGN_IN.path


def can_see_case(user: User | None, case: Case) -> bool:
    """A beheerder (who may export and erase) sees every case, a voorzitter the cases of their
    own organisations, a coördinator none: the dashboard shows totals only."""
    if user is None:
        return False
    if "beheerder" in user.roles:
        return True
    return "voorzitter" in user.roles and case.organisation_id in user.organisations


def visible_cases(user: User | None, cases: Iterable[Case]) -> list[Case]:
    return [case for case in cases if can_see_case(user, case)]


def own_organisations(user: User | None,
                      organisations: Iterable[Organisation]) -> list[Organisation]:
    """The organisations a user may create cases for: all for a beheerder, a voorzitter's own."""
    if user is None:
        return []
    if "beheerder" in user.roles:
        return list(organisations)
    return [o for o in organisations if o.id in user.organisations]


# -- passwords ---------------------------------------------------------------------------------
@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    # Checked against when the user does not exist, so an unknown name costs as much time as a
    # wrong password and the two cannot be told apart.
    return _hasher().hash(os.urandom(16).hex())


def hash_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput(t("errors.auth.password_short", count=MIN_PASSWORD))
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(t("errors.auth.password_long", count=MAX_PASSWORD))
    return _hasher().hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


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


def normal_role(role: str) -> str:
    """A role as typed ("coördinator", "Beheerder") to its key."""
    key = role.strip().lower().replace("ö", "o")
    if key not in ROLES:
        raise InvalidInput(t("errors.auth.unknown_role", role=repr(role),
                             roles=", ".join(ROLE_LABELS[r] for r in ROLES)))
    return key


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
                folder: str | os.PathLike | None = None) -> User:
    """Change a user's role, organisations or name."""

    def change(users: dict[str, User]) -> User:
        old = _existing(users, username)
        fields = old.model_dump()
        if role is not None:
            fields["role"] = normal_role(role)
        if organisations is not None:
            fields["organisations"] = tuple(organisations)
        if display_name is not None:
            fields["display_name"] = display_name
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


_slots = threading.BoundedSemaphore(HASH_SLOTS)


def authenticate(username: str, password: str, folder: str | os.PathLike | None = None,
                 now: float | None = None, *, address: str | None = None) -> User | None:
    """The user when the password is right; None otherwise, for an unknown name just as for a
    wrong password, after the same argon2 work (show `SIGN_IN_FAILED`).

    `address` is the client's (throttle.client_address). Before anything is checked the attempt
    is counted as a failure for the name and the address, in one step (a success takes it
    back): so sign-ins at once cannot slip past the count. When the name or address has failed
    too often lately, SignInLocked with the seconds to wait, and nothing is checked. The check
    itself waits for one of HASH_SLOTS; none free within SLOT_WAIT: SignInBusy, not counted."""
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
    if not _slots.acquire(timeout=SLOT_WAIT):
        _settle(counts.withdraw, attempt, now)
        raise SignInBusy(t("errors.auth.busy"))
    try:
        user = users.get(name)
        if user is None or user.password_hash is None:
            _verify(_dummy_hash(), password or "")
            return None
        if not _verify(user.password_hash, password or ""):
            return None
        _settle(counts.succeeded, attempt, now)
        if _hasher().check_needs_rehash(user.password_hash):  # stronger parameters: upgrade
            try:
                user = set_password(user.username, password, folder, end_sessions=False)
            except (HGSError, OSError) as error:
                _log.warning("password of %s not rehashed: %s", user.username, error)
        return user
    finally:
        _slots.release()


def _settle(step, attempt: throttle.Attempt, now: float) -> None:
    """Take an attempt's count back (a success, or no check at all); when the counts cannot be
    written, the attempt simply stays counted as a failure."""
    try:
        step(attempt, now)
    except OSError as error:
        _log.error("sign-in count not settled: %s", error)


# -- command line ------------------------------------------------------------------------------
def _ask_password() -> str:
    if from_env := config.new_password():
        return from_env
    first = getpass.getpass("Wachtwoord: ")
    if first != getpass.getpass("Nog een keer: "):
        raise InvalidInput("De twee wachtwoorden zijn niet gelijk.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hgs.auth",
        description="Users of HGS in <data folder>/users.json. The password is asked with "
                    "getpass, or read from the environment variable HGS_NEW_PASSWORD.")
    parser.add_argument("--data-dir", help="data folder (default: HGS_DATA_DIR or data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-user", help="add a user")
    add.add_argument("username")
    add.add_argument("--role", required=True, help="voorzitter, coordinator or beheerder")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--organisation", action="append", default=[],
                     help="organisation id (a voorzitter's; repeat for more)")
    add.add_argument("--no-password", action="store_true",
                     help="signs in through OIDC only (username = e-mail address)")
    reset = commands.add_parser("set-password", help="set a new password")
    reset.add_argument("username")
    remove = commands.add_parser("remove-user", help="remove a user")
    remove.add_argument("username")
    commands.add_parser("list-users", help="list the users (never their passwords)")
    args = parser.parse_args(argv)

    from hgs.access import audit  # the audit log imports this module

    folder = Path(args.data_dir).resolve() if args.data_dir else None
    try:
        if args.command == "add-user":
            password = None if args.no_password else _ask_password()
            user = add_user(args.username, args.role, password, display_name=args.name,
                            organisations=args.organisation, folder=folder)
            print(f"Gebruiker {user.username} ({user.role_label}) toegevoegd.")
        elif args.command == "set-password":
            user = set_password(args.username, _ask_password(), folder)
            print(f"Nieuw wachtwoord voor {user.username} opgeslagen.")
        elif args.command == "remove-user":
            remove_user(args.username, folder)
            print(f"Gebruiker {args.username.lower()} verwijderd.")
        else:
            for user in load_users(folder).values():
                orgs = ",".join(user.organisations) or "-"
                how = "wachtwoord" if user.password_hash else "oidc"
                print(f"{user.username}\t{user.role_label}\t{orgs}\t{how}\t{user.display_name}")
            return 0
    except HGSError as error:
        print(f"Niet gelukt: {error}", file=sys.stderr)
        return 1
    audit.record("user-changed", who="opdrachtregel", role="beheerder",
                 detail=f"{args.command} {args.username.strip().lower()}", folder=folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
