"""Private reflections and plans per person, one file each, and their anonymous count; the
principles are kept by their number (1–7), whatever the language they were written in.

A signed-in person's reflection is `reflections/<user id>.json` (the random id users.json gives
each user); without sign-in, it is `reflections/n_<hash>.json`, a hash of the name exactly as
typed in one spelling (NFKC, lower case, spaces collapsed), so `anna.b` and `anna-b` never share
a file. Before, the file was named by a slug of the name (`anna-b.json` for both): such an old
file is taken over by the first reader whose name is the one recorded in it (`person`, as its
writer first typed it) and by nobody else; for signed-in users, not even by them when another
user's name gives the same slug, because the two may have written in one file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from filelock import FileLock
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from hgs import config
from hgs.errors import InvalidInput, StorageError, explain
from hgs.i18n import t
from hgs.method.checks import PRINCIPLES
from hgs.store import sketch as sketches
from hgs.store.document import lock_of
from hgs.store.files import atomic_write, read_regular, replacing

SCHEMA_VERSION = 2  # 2: feed up per principle, the sketch's date (1 reads as it is)
FOLDER = "reflections"
KEY_FORM = re.compile(r"^(u_[0-9a-f]{16}|n_[0-9a-f]{32})$")  # a user id, or a typed name's hash
LEGACY_FORM = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")  # the slug of before
MAX_NAME = 200

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
PLAN_FIELDS = ("goal", "why", "with_whom", "when", "how", "evaluation")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class PrincipleNote(_Record):
    """One row of the reflectieschema."""

    feed_up: Text = ""  # wat is waardevol en belangrijk in mijn werk?
    feedback: Text = ""  # wat heb ik al handelingsgericht gedaan?
    feed_forward: Text = ""  # wat kan meer handelingsgericht?
    work_on: bool = False  # hier wil ik aan werken


class Plan(_Record):
    """The personal plan, and on a later visit what became of it."""

    goal: Text = ""
    why: Text = ""
    with_whom: Text = ""
    when: Short = ""
    how: Text = ""
    evaluation: Text = ""
    started: dt.date | None = None
    outcome: Text = ""  # wat is ervan terechtgekomen?
    outcome_date: dt.date | None = None

    def has_content(self) -> bool:
        return any(getattr(self, name) for name in PLAN_FIELDS)


class Reflection(_Record):
    schema_version: int = SCHEMA_VERSION
    person: Short = ""  # as the person typed it
    updated: dt.date | None = None
    principles: dict[int, PrincipleNote] = Field(
        default_factory=lambda: {n: PrincipleNote() for n in PRINCIPLES})
    plan: Plan = Field(default_factory=Plan)
    earlier_plans: list[Plan] = Field(default_factory=list)
    share_anonymously: bool = False
    sketch_date: dt.date | None = None  # when the sketch of the plan was put in

    def work_on(self) -> list[int]:
        return sorted(n for n, note in self.principles.items() if note.work_on)

    def last_plan(self, today: dt.date) -> int | None:
        """The plan to look back on first ("hoe ging het?"), the most recent one made before
        today: -1 for the current plan, else the index of the last earlier plan; None when
        there is none (a first visit, or only a plan of today)."""
        if self.plan.has_content() and self.plan.started and self.plan.started < today:
            return -1
        return len(self.earlier_plans) - 1 if self.earlier_plans else None


def person_key(who: str) -> str:
    """The file key of before, only to find old files: lower case, no accents, a-z 0-9 and
    dashes, at most 64 (`Anita Gelmers` and `Anità Gelmers` give `anita-gelmers`, and so do
    `anna.b` and `anna-b` give `anna-b`: why it is no longer used)."""
    plain = unicodedata.normalize("NFKD", who or "").encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:64].rstrip("-")
    if not key:
        raise InvalidInput(t("reflectie.error_no_name"))
    return key


def normal_name(typed: str) -> str:
    """A typed name or e-mail address in one spelling: NFKC, lower case, spaces collapsed.
    Accents and punctuation stay: `Anità` is not `Anita`, `anna.b` is not `anna-b`."""
    return " ".join(unicodedata.normalize("NFKC", typed or "").casefold().split())


def name_key(typed: str) -> str:
    """The file key of a typed name: `n_` and 32 hex digits of its SHA-256."""
    name = normal_name(typed)
    if not any(c.isalnum() for c in name):
        raise InvalidInput(t("reflectie.error_no_name"))
    if len(name) > MAX_NAME:
        raise InvalidInput(t("reflectie.error_name_long", count=MAX_NAME))
    return "n_" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Owner:
    """Whose reflection: the file key, the name to show, and the old slug file this owner may
    take over (None: none) when the name recorded in it is `claims`."""

    key: str
    person: str
    legacy: str | None = None
    claims: str = ""


def owner_for_name(typed: str) -> Owner:
    """Without sign-in: the person who typed this name."""
    key = name_key(typed)
    try:
        legacy = person_key(typed)
    except InvalidInput:
        legacy = None
    return Owner(key, " ".join(typed.split()), legacy, normal_name(typed))


def owner_for_user(user_id: str, username: str, others: Iterable[str] = ()) -> Owner:
    """A signed-in user, by their id. `others`: the usernames of every user; when another one
    gives the same old slug, the old file may hold both people's texts and goes to neither."""
    if not isinstance(user_id, str) or not re.fullmatch(r"u_[0-9a-f]{16}", user_id):
        raise InvalidInput(t("reflectie.error_bad_name"))
    try:
        legacy: str | None = person_key(username)
    except InvalidInput:
        legacy = None
    if legacy and any(other != username and _slug(other) == legacy for other in others):
        legacy = None
    return Owner(user_id, username, legacy, normal_name(username))


def _slug(name: str) -> str | None:
    try:
        return person_key(name)
    except InvalidInput:
        return None


def _owner(who: Owner | str) -> Owner:
    return who if isinstance(who, Owner) else owner_for_name(who)


def _validated(data: dict) -> Reflection:
    try:
        return Reflection.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(explain(error)) from error


class ReflectionStore:
    """The reflections of one data folder: `reflections/<owner key>.json`, each written under a
    file lock with an atomic write (temporary file, fsync, rename). `who` is an Owner, or a
    typed name (the launch without sign-in)."""

    def __init__(self, data_dir: str | os.PathLike) -> None:
        self.folder = Path(data_dir) / FOLDER
        self.folder.mkdir(parents=True, exist_ok=True)

    def path(self, who: Owner | str) -> Path:
        key = _owner(who).key
        if not KEY_FORM.match(key):  # the keys guarantee it; a guard against path tricks
            raise InvalidInput(t("reflectie.error_bad_name"))
        return self.folder / f"{key}.json"

    def _take_over(self, owner: Owner, path: Path) -> None:
        """Move this owner's old slug file to their key, when it is theirs (see the module's
        docstring). Under the new file's lock: nothing written there meanwhile is replaced."""
        if path.exists() or not owner.legacy or not LEGACY_FORM.match(owner.legacy):
            return
        old = self.folder / f"{owner.legacy}.json"
        if not old.is_file():
            return
        with FileLock(str(lock_of(path)), timeout=30), \
                FileLock(str(lock_of(old)), timeout=30):
            if path.exists() or not old.is_file():
                return
            try:
                found = self._read(old)
            except (StorageError, InvalidInput):
                return  # unreadable: nobody's
            if found is not None and normal_name(found.person) == owner.claims:
                os.replace(old, path)

    def _read(self, path: Path) -> Reflection | None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise StorageError(t("reflectie.error_damaged", name=path.name)) from error
        if data.get("schema_version", 0) > SCHEMA_VERSION:
            raise StorageError(t("reflectie.error_newer_version", name=path.name))
        return _validated(data)

    def get(self, who: Owner | str) -> Reflection:
        """This person's reflection; an empty one when there is none yet. Reads only their file
        (and an old file that is theirs)."""
        owner = _owner(who)
        path = self.path(owner)
        self._take_over(owner, path)
        return self._read(path) or Reflection(person=owner.person)

    def exists(self, who: Owner | str) -> bool:
        return self.path(who).exists()

    def update(self, who: Owner | str, change: Callable[[Reflection], None],
               today: dt.date | None = None) -> Reflection:
        """Apply `change` to this person's reflection and store it, as one atomic step."""
        owner = _owner(who)
        path = self.path(owner)
        self._take_over(owner, path)
        with FileLock(str(lock_of(path)), timeout=30):
            reflection = self._read(path) or Reflection(person=owner.person)
            try:
                change(reflection)
            except ValidationError as error:
                raise InvalidInput(explain(error)) from error
            reflection = _validated(reflection.model_dump())
            reflection.updated = today or dt.date.today()
            atomic_write(path, reflection.model_dump_json(indent=1))
        return reflection

    # -- field helpers for the page -------------------------------------------------------------
    def set_note(self, who: Owner | str, principle: int, field: str, value: str | bool) -> Reflection:
        if principle not in PRINCIPLES or field not in PrincipleNote.model_fields:
            raise InvalidInput(t("reflectie.error_unknown_note"))

        def change(reflection: Reflection) -> None:
            note = reflection.principles.setdefault(principle, PrincipleNote())
            setattr(note, field, value)

        return self.update(who, change)

    def set_plan(self, who: Owner | str, field: str, value: str,
                 today: dt.date | None = None) -> Reflection:
        """Set one field of the plan; the plan gets its start date with its first content, the
        outcome ("wat is ervan terechtgekomen?") gets the date it was written."""
        if field not in (*PLAN_FIELDS, "outcome"):
            raise InvalidInput(t("reflectie.error_unknown_plan_field"))
        day = today or dt.date.today()

        def change(reflection: Reflection) -> None:
            plan = reflection.plan
            setattr(plan, field, value)
            if field == "outcome":
                plan.outcome_date = day if plan.outcome else None
            elif plan.started is None and plan.has_content():
                plan.started = day

        return self.update(who, change, today=day)

    def set_sharing(self, who: Owner | str, share: bool) -> Reflection:
        return self.update(who, lambda r: setattr(r, "share_anonymously", bool(share)))

    def set_earlier_outcome(self, who: Owner | str, index: int, value: str,
                            today: dt.date | None = None) -> Reflection:
        """What became of earlier plan `index` (the list only grows, so the index stays)."""
        day = today or dt.date.today()

        def change(reflection: Reflection) -> None:
            if not 0 <= index < len(reflection.earlier_plans):
                raise InvalidInput(t("reflectie.error_unknown_plan_field"))
            plan = reflection.earlier_plans[index]
            plan.outcome = value
            plan.outcome_date = day if plan.outcome else None

        return self.update(who, change, today=day)

    def new_plan(self, who: Owner | str) -> Reflection:
        """Keep the current plan (with what became of it) among the earlier ones; start afresh."""

        def change(reflection: Reflection) -> None:
            if reflection.plan.has_content() or reflection.plan.outcome:
                reflection.earlier_plans = [*reflection.earlier_plans, reflection.plan]
            reflection.plan = Plan()

        return self.update(who, change)

    # -- the sketch of the plan, beside the reflection and as private ---------------------------
    def sketch_path(self, who: Owner | str) -> Path:
        return self.path(who).with_suffix(".sketch")

    def sketch(self, who: Owner | str) -> bytes | None:
        """This person's sketch (PNG or JPEG bytes), None when there is none. Only their file."""
        try:
            return read_regular(self.sketch_path(who))
        except FileNotFoundError:
            return None

    def set_sketch(self, who: Owner | str, data: bytes,
                   today: dt.date | None = None) -> Reflection:
        """Put in (or replace) the sketch: checked and cleaned first (hgs.store.sketch), then
        written atomically under the reflection's lock, with its date in the reflection."""
        picture = sketches.cleaned(data)
        day = today or dt.date.today()
        target = self.sketch_path(who)

        def change(reflection: Reflection) -> None:
            with replacing(target) as handle:
                handle.write(picture)
            reflection.sketch_date = day

        return self.update(who, change, today=day)

    def remove_sketch(self, who: Owner | str) -> Reflection:
        target = self.sketch_path(who)

        def change(reflection: Reflection) -> None:
            target.unlink(missing_ok=True)
            reflection.sketch_date = None

        return self.update(who, change)

    def erase(self, who: Owner | str) -> None:
        """Erase this person's reflection and, with it, their sketch."""
        path = self.path(who)
        with FileLock(str(lock_of(path)), timeout=30):
            self.sketch_path(who).unlink(missing_ok=True)
            path.unlink(missing_ok=True)

    # -- the network's anonymous view -----------------------------------------------------------
    def principle_overview(self) -> dict[int, int]:
        """Per principle, how many people who chose to share marked it "hier wil ik aan werken".
        Only numbers leave this function: no names, no texts. An unreadable file is skipped."""
        counts = {n: 0 for n in PRINCIPLES}
        for path in sorted(self.folder.glob("*.json")):
            if path.name.startswith("."):
                continue
            try:
                reflection = self._read(path)
            except (StorageError, InvalidInput):
                continue
            if reflection and reflection.share_anonymously:
                for number in reflection.work_on():
                    if number in counts:
                        counts[number] += 1
        return counts


def open_reflections(data_dir: str | os.PathLike | None = None) -> ReflectionStore:
    """The reflections of `data_dir`, or of `HGS_DATA_DIR` (default `data/`), read now."""
    if data_dir is None:
        data_dir = config.data_dir()
    try:
        return ReflectionStore(data_dir)
    except OSError as error:
        raise StorageError(t("reflectie.error_data_folder", folder=data_dir,
                             error=error)) from error


def principle_overview(data_dir: str | os.PathLike | None = None) -> dict[int, int]:
    """The anonymous count per principle (1–7) for the network page."""
    return open_reflections(data_dir).principle_overview()
