"""Private reflections and plans per person, one file each, and their anonymous count; the
principles are kept by their number (1–7), whatever the language they were written in."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from filelock import FileLock
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from hgs.errors import InvalidInput, StorageError, explain
from hgs.i18n import t
from hgs.method import PRINCIPLES
from hgs.store import atomic_write

SCHEMA_VERSION = 1
FOLDER = "reflections"
KEY_FORM = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
PLAN_FIELDS = ("goal", "why", "with_whom", "when", "how", "evaluation")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class PrincipleNote(_Record):
    """One row of the reflectieschema."""

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

    def work_on(self) -> list[int]:
        return sorted(n for n, note in self.principles.items() if note.work_on)


def person_key(who: str) -> str:
    """A stable file key for a name or e-mail address: lower case, no accents, a-z 0-9 and dashes
    (`Anita Gelmers`, ` anita  gelmers ` and `Anità Gelmers` give `anita-gelmers`)."""
    plain = unicodedata.normalize("NFKD", who or "").encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:64].rstrip("-")
    if not key:
        raise InvalidInput(t("reflectie.error_no_name"))
    return key


def _validated(data: dict) -> Reflection:
    try:
        return Reflection.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(explain(error)) from error


class ReflectionStore:
    """The reflections of one data folder: `reflections/<person key>.json`, each written under a
    file lock with an atomic write (temporary file, fsync, rename)."""

    def __init__(self, data_dir: str | os.PathLike) -> None:
        self.folder = Path(data_dir) / FOLDER
        self.folder.mkdir(parents=True, exist_ok=True)

    def path(self, who: str) -> Path:
        key = person_key(who)
        if not KEY_FORM.match(key):  # person_key guarantees it; a guard against path tricks
            raise InvalidInput(t("reflectie.error_bad_name"))
        return self.folder / f"{key}.json"

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

    def get(self, who: str) -> Reflection:
        """This person's reflection; an empty one when there is none yet. Reads only their file."""
        return self._read(self.path(who)) or Reflection(person=who.strip())

    def exists(self, who: str) -> bool:
        return self.path(who).exists()

    def update(self, who: str, change: Callable[[Reflection], None],
               today: dt.date | None = None) -> Reflection:
        """Apply `change` to this person's reflection and store it, as one atomic step."""
        path = self.path(who)
        with FileLock(str(path) + ".lock", timeout=30):
            reflection = self._read(path) or Reflection(person=who.strip())
            try:
                change(reflection)
            except ValidationError as error:
                raise InvalidInput(explain(error)) from error
            reflection = _validated(reflection.model_dump())
            reflection.updated = today or dt.date.today()
            atomic_write(path, reflection.model_dump_json(indent=1))
        return reflection

    # -- field helpers for the page -------------------------------------------------------------
    def set_note(self, who: str, principle: int, field: str, value: str | bool) -> Reflection:
        if principle not in PRINCIPLES or field not in PrincipleNote.model_fields:
            raise InvalidInput(t("reflectie.error_unknown_note"))

        def change(reflection: Reflection) -> None:
            note = reflection.principles.setdefault(principle, PrincipleNote())
            setattr(note, field, value)

        return self.update(who, change)

    def set_plan(self, who: str, field: str, value: str,
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

    def set_sharing(self, who: str, share: bool) -> Reflection:
        return self.update(who, lambda r: setattr(r, "share_anonymously", bool(share)))

    def new_plan(self, who: str) -> Reflection:
        """Keep the current plan (with what became of it) among the earlier ones; start afresh."""

        def change(reflection: Reflection) -> None:
            if reflection.plan.has_content() or reflection.plan.outcome:
                reflection.earlier_plans = [*reflection.earlier_plans, reflection.plan]
            reflection.plan = Plan()

        return self.update(who, change)

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
        data_dir = os.environ.get("HGS_DATA_DIR") or "data"
    try:
        return ReflectionStore(data_dir)
    except OSError as error:
        raise StorageError(t("reflectie.error_data_folder", folder=data_dir,
                             error=error)) from error


def principle_overview(data_dir: str | os.PathLike | None = None) -> dict[int, int]:
    """The anonymous count per principle (1–7) for the network page."""
    return open_reflections(data_dir).principle_overview()
