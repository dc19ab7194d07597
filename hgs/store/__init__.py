"""Persistence: the storage interface HGS talks to, and its TinyDB implementation.

One TinyDB file per case (a write costs one case, erasing a case is removing its file) plus one
network file (organisations, settings). Every read-modify-write runs under a thread lock and a
file lock, and every write goes to a temporary file that is fsynced and moved into place, so a
crash mid-write leaves the previous version whole.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import stat
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from hgs import config
from hgs.errors import InvalidInput, NotFound, StorageError, explain
from hgs.i18n import t, using
from hgs.method.records import LIST_TYPES, SCHEMA_VERSION, Case, Item, Meeting, Organisation
from hgs.method.planning import removal_problem

SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
QUARANTINE = "quarantaine"  # beside cases/ in the data folder: files HGS set aside
NOTE = ".reden.txt"  # beside a file set aside: why, when, from where
# `.<name>.<random>.tmp`, the temporary file atomic_write makes beside <name>
TEMP = re.compile(r"^\.(?P<name>.+)\.[^.]+\.tmp$")
# A temporary file whose own lock nobody holds is left by a writer that died (every write in
# HGS runs under `<name>.lock`); one without a lock file is given this long before it counts as
# left behind (a write takes milliseconds).
STALE_TEMP_SECONDS = 3600
log = logging.getLogger(__name__)
T = TypeVar("T")


def _validated(kind: type, data: Any):
    try:
        return kind.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(explain(error)) from error


class Store(ABC):
    """What the app needs from storage. The field-level helpers below are written once, on top of
    the few primitives an implementation provides."""

    # -- primitives ---------------------------------------------------------------------------
    @abstractmethod
    def organisations(self) -> list[Organisation]: ...

    @abstractmethod
    def save_organisation(self, organisation: Organisation) -> Organisation: ...

    @abstractmethod
    def remove_organisation(self, organisation_id: str) -> None: ...

    @abstractmethod
    def setting(self, name: str, default: Any = None) -> Any: ...

    @abstractmethod
    def settings(self) -> dict[str, Any]:
        """Every setting by name (for moving a network to another store)."""

    @abstractmethod
    def set_setting(self, name: str, value: Any) -> None: ...

    @abstractmethod
    def case_ids(self) -> list[str]: ...

    @abstractmethod
    def get_case(self, case_id: str) -> Case: ...

    @abstractmethod
    def create_case(self, case: Case) -> Case: ...

    @abstractmethod
    def update_case(self, case_id: str, change: Callable[[Case], None]) -> Case: ...

    @abstractmethod
    def erase_case(self, case_id: str) -> None: ...

    @abstractmethod
    def import_case(self, case: Case, meetings: list[Meeting]) -> None:
        """Write a whole case with its meetings in one go (demo data, re-import of an export);
        replaces a case with the same id."""

    @abstractmethod
    def meetings(self, case_id: str) -> list[Meeting]:
        """The case's meetings, oldest first."""

    @abstractmethod
    def create_meeting(self, meeting: Meeting) -> Meeting: ...

    @abstractmethod
    def update_meeting(self, case_id: str, meeting_id: str,
                       change: Callable[[Meeting], Any]) -> Meeting:
        """Apply `change` to the newest stored meeting and store it, as one atomic step."""

    @abstractmethod
    def remove_meeting(self, case_id: str, meeting_id: str) -> None:
        """Remove a meeting that is still empty and that no other meeting follows, checked on
        the newest stored version under the case's lock (hgs.planning.removal_problem);
        InvalidInput saying why not otherwise."""

    # -- built on the primitives --------------------------------------------------------------
    def cases(self) -> list[Case]:
        return [self.get_case(case_id) for case_id in self.case_ids()]

    def quarantined(self) -> list[Quarantined]:
        """The files this store set aside as damaged or foreign (only a folder has files)."""
        return []

    def organisation(self, organisation_id: str) -> Organisation:
        for org in self.organisations():
            if org.id == organisation_id:
                return org
        raise NotFound(t("errors.store.organisation_missing", id=organisation_id))

    def get_meeting(self, case_id: str, meeting_id: str) -> Meeting:
        for meeting in self.meetings(case_id):
            if meeting.id == meeting_id:
                return meeting
        raise NotFound(t("errors.store.meeting_gone"))

    def set_field(self, case_id: str, meeting_id: str, field: str, value: Any) -> Meeting:
        """Set one field; `party_questions.ouders` or `scores.<goal id>` set one dict entry."""
        return self.update_meeting(case_id, meeting_id, self._field_change(field, value, []))

    def save_field(self, case_id: str, meeting_id: str, field: str, value: Any,
                   seen: Any) -> bool:
        """`set_field`, for a person who last saw `seen` there. The later save wins; True when
        someone else had changed the field in between (the caller tells the person)."""
        before: list[Any] = []
        self.update_meeting(case_id, meeting_id, self._field_change(field, value, before))
        return before[0] != seen and before[0] != value

    @staticmethod
    def _field_change(field: str, value: Any, before: list) -> Callable[[Meeting], None]:
        name, _, key = field.partition(".")
        if name not in Meeting.model_fields or name in LIST_TYPES or name in ("id", "case_id"):
            raise InvalidInput(t("errors.store.unknown_field", field=field))

        def change(meeting: Meeting) -> None:
            current = getattr(meeting, name)
            before.append(current.get(key) if key else current)
            setattr(meeting, name, {**current, key: value} if key else value)

        return change

    def save_item_field(self, case_id: str, meeting_id: str, list_name: str, item_id: str,
                        field: str, value: Any, seen: Any) -> bool:
        """`update_item` of one field, for a person who last saw `seen` there; True when
        someone else had changed it in between (the later save wins)."""
        before: list[Any] = []

        def change(meeting: Meeting) -> None:
            items = getattr(meeting, list_name)
            for i, item in enumerate(items):
                if item.id == item_id:
                    before.append(getattr(item, field))
                    items[i] = _validated(type(item), {**item.model_dump(), field: value})
                    return
            raise NotFound(t("errors.store.item_gone"))

        self._item_type(list_name)
        self.update_meeting(case_id, meeting_id, change)
        return before[0] != seen and before[0] != value

    def add_item(self, case_id: str, meeting_id: str, list_name: str, *,
                 draft: str | None = None, **fields: Any) -> Item:
        """Add one item; `draft` names the list's draft (`Meeting.drafts`) that this item was
        typed as, which goes in the same write."""
        item = _validated(self._item_type(list_name), fields)

        def change(meeting: Meeting) -> None:
            getattr(meeting, list_name).append(item)
            if draft is not None and draft in meeting.drafts:
                meeting.drafts = {k: v for k, v in meeting.drafts.items() if k != draft}

        self.update_meeting(case_id, meeting_id, change)
        return item

    def update_item(self, case_id: str, meeting_id: str, list_name: str, item_id: str,
                    **fields: Any) -> Item:
        kind = self._item_type(list_name)
        updated: list[Item] = []

        def change(meeting: Meeting) -> None:
            items = getattr(meeting, list_name)
            for i, item in enumerate(items):
                if item.id == item_id:
                    items[i] = _validated(kind, {**item.model_dump(), **fields})
                    updated.append(items[i])
                    return
            raise NotFound(t("errors.store.item_gone"))

        self.update_meeting(case_id, meeting_id, change)
        return updated[0]

    def remove_item(self, case_id: str, meeting_id: str, list_name: str, item_id: str) -> None:
        self._item_type(list_name)

        def change(meeting: Meeting) -> None:
            setattr(meeting, list_name,
                    [item for item in getattr(meeting, list_name) if item.id != item_id])

        self.update_meeting(case_id, meeting_id, change)

    @staticmethod
    def _item_type(list_name: str) -> type[Item]:
        if list_name not in LIST_TYPES:
            raise InvalidInput(t("errors.store.unknown_list", name=list_name))
        return LIST_TYPES[list_name]


# -- schema versions ----------------------------------------------------------------------------
def _v0_to_v1(data: dict) -> dict:
    """Version 0, before HGS stored a schema version: no `meta` table, and a meeting's chair under
    its Dutch name `voorzitter`."""
    for doc in data.get("meetings", {}).values():
        if "voorzitter" in doc:
            chair = doc.pop("voorzitter")
            doc.setdefault("chair", chair)
    return data


def _v1_to_v2(data: dict) -> dict:
    """Version 2 adds optional fields with defaults (a case's year of birth and demo mark, a
    meeting's time, place and cancellation, a participant's role left unchosen): the stored
    documents stay as they are."""
    return data


# From version N to N+1, one function per step. A step gets the whole TinyDB document (its
# tables by name) of a case file or network.json and returns it upgraded; it runs on every read
# of an older file, and the next write stores the upgraded form.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1, 1: _v1_to_v2}


def schema_of(data: dict) -> int:
    version = data.get("meta", {}).get("1", {}).get("schema", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise StorageError(t("errors.store.unknown_schema"))
    return version


def migrate(data: dict) -> dict:
    """`data` brought up to SCHEMA_VERSION; a file from a newer HGS is returned as it is (the
    store refuses it)."""
    version = schema_of(data)
    if not any(table for name, table in data.items() if name != "meta"):
        return data  # nothing stored yet (TinyDB creates its tables as it goes)
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise StorageError(t("errors.store.old_schema", version=version))
        data = MIGRATIONS[version](data)
        version += 1
        data["meta"] = {"1": {"schema": version}}
    return data


def parse_document(name: str, raw: bytes | str) -> dict:
    """The tables of an HGS file as a dict, migrated to the current schema; StorageError with a
    Dutch reason when it is no readable HGS file."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        data = json.loads(text)
    except UnicodeDecodeError:
        raise StorageError(t("errors.store.file_not_text", name=name)) from None
    except (ValueError, RecursionError):
        raise StorageError(t("errors.store.file_not_json", name=name)) from None
    tables_ok = isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) and key.isascii() and key.isdigit()
                                        for key, doc in table.items())
        for table in data.values())
    if not tables_ok:
        raise StorageError(t("errors.store.file_not_hgs", name=name))
    try:
        return migrate(data)
    except StorageError as error:
        raise StorageError(t("errors.store.file_problem", name=name, problem=error)) from None
    except Exception as error:  # a migration met a shape it did not expect
        raise StorageError(t("errors.store.file_upgrade_failed", name=name,
                             error=type(error).__name__)) from None


def read_case_file(name: str, raw: bytes) -> tuple[Case, list[Meeting]]:
    """A case file checked whole — name, JSON, schema version, the case and every meeting
    valid — or StorageError saying in Dutch what is wrong with it."""
    stem = name.removesuffix(".json")
    if not name.endswith(".json") or not SAFE_ID.match(stem):
        raise StorageError(t("errors.store.not_a_case_file_name", name=name))
    data = parse_document(name, raw)
    if schema_of(data) > SCHEMA_VERSION:
        raise StorageError(t("errors.store.newer", name=name))
    doc = data.get("case", {}).get("1")
    if doc is None:
        raise StorageError(t("errors.store.no_case_in_file", name=name))
    try:
        case = Case.model_validate(doc)
        meetings = [Meeting.model_validate(m) for m in data.get("meetings", {}).values()]
    except ValidationError as error:
        raise StorageError(t("errors.store.invalid", name=name, problem=explain(error))) from None
    if case.id != stem:
        raise StorageError(t("errors.store.other_case", name=name, id=case.id))
    if any(m.case_id != case.id for m in meetings):
        raise StorageError(t("errors.store.meeting_of_other_case", name=name))
    if len({m.id for m in meetings}) != len(meetings):
        raise StorageError(t("errors.store.duplicate_meetings", name=name))
    return case, meetings


@dataclass(frozen=True)
class Quarantined:
    """A file set aside in `<data dir>/quarantaine/`, with why and when."""

    name: str  # its name in the quarantine folder
    original: str  # where it was, relative to the data folder
    reason: str
    moved: dt.datetime


def quarantine_advice() -> str:
    """What to do about a file set aside, in the session's language (the note beside the file
    is written in Dutch)."""
    return t("errors.store.quarantine_advice")


def __getattr__(name: str) -> str:
    if name == "QUARANTINE_ADVICE":  # the former constant
        return quarantine_advice()
    raise AttributeError(name)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never rewrites a file in place: it writes a temporary file beside
    it, fsyncs it and renames it over the old one (TinyDB's JSONStorage truncates first)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)

    def read(self) -> dict | None:
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        return parse_document(self.path.name, raw)

    def write(self, data: dict) -> None:
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def read_regular(path: Path) -> bytes:
    """The bytes of `path`, which must be a regular file: a named pipe, a device or a socket
    (put there by mistake or on purpose) is refused with StorageError without waiting on it, as
    `open()` alone would wait for a writer on a pipe forever."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StorageError(t("errors.files.not_regular", name=Path(path).name))
        os.set_blocking(fd, True)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def clear_stale_temps(folder: Path, skip: tuple[str, ...] = ("audit",)) -> int:
    """Remove the temporary files a killed writer left in `folder` and its subfolders (each a
    whole or partial copy of a file, a case's too): those whose own `<name>.lock` is free, and
    those without a lock file once they are STALE_TEMP_SECONDS old. One being written stays.
    Returns how many went."""
    removed = 0
    old = dt.datetime.now().timestamp() - STALE_TEMP_SECONDS
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in names:
            match = TEMP.match(name)
            if not match:
                continue
            temp, lock = Path(parent, name), Path(parent, match["name"] + ".lock")
            try:
                if lock.exists():
                    with FileLock(str(lock), timeout=0):
                        temp.unlink(missing_ok=True)
                elif temp.lstat().st_mtime < old:
                    temp.unlink(missing_ok=True)
                else:
                    continue
                removed += 1
            except Timeout:  # a writer is at work on it
                continue
            except OSError as error:
                log.warning("could not remove the temporary file %s: %s", temp, error)
    return removed


def setting_refers_to(value: Any, case_id: str) -> bool:
    """Does a stored setting point at this case (a join link: {"case": …, "meeting": …})?"""
    return isinstance(value, dict) and value.get("case") == case_id


def without_case_settings(data: dict, case_id: str) -> bool:
    """Clear, in a network document (its tables by name), every setting that points at the
    case; True when one was cleared."""
    changed = False
    settings = data.get("settings")
    for doc in (settings.values() if isinstance(settings, dict) else ()):
        if isinstance(doc, dict) and setting_refers_to(doc.get("value"), case_id):
            doc["value"] = None
            changed = True
    return changed


class TinyDBStore(Store):
    """TinyDB files in a data folder: `network.json` and `cases/<case id>.json`."""

    def __init__(self, data_dir: str | os.PathLike) -> None:
        self.data_dir = Path(data_dir)
        self.cases_dir = self.data_dir / "cases"
        self.cases_dir.mkdir(parents=True, exist_ok=True)
        self.network_path = self.data_dir / "network.json"
        self._guard = threading.Lock()
        self._thread_locks: dict[Path, threading.RLock] = {}
        self._sound: dict[str, tuple[tuple[int, int, int], dict]] = {}  # file -> (stamp, case)
        clear_stale_temps(self.data_dir)  # copies a killed writer left; never listed, never kept

    # -- files and locks ----------------------------------------------------------------------
    def case_path(self, case_id: str) -> Path:
        if not SAFE_ID.match(case_id):
            raise NotFound(t("errors.store.case_missing"))
        return self.cases_dir / f"{case_id}.json"

    @contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        with self._guard:
            thread_lock = self._thread_locks.setdefault(path, threading.RLock())
        with thread_lock, FileLock(str(path) + ".lock", timeout=30):
            yield

    @contextmanager
    def _db(self, path: Path) -> Iterator[TinyDB]:
        db = TinyDB(path, storage=AtomicJSONStorage)
        try:
            yield db
        finally:
            db.close()

    def _check_schema(self, db: TinyDB, path: Path) -> None:
        meta = db.table("meta").get(doc_id=1)
        if meta and meta.get("schema", 0) > SCHEMA_VERSION:
            raise StorageError(t("errors.store.newer", name=path.name))

    def _write_meta(self, db: TinyDB) -> None:
        db.table("meta").upsert({"schema": SCHEMA_VERSION}, Query().schema.exists())

    # -- network ------------------------------------------------------------------------------
    def _network(self, use: Callable[[TinyDB], T], write: bool = False) -> T:
        """`use` on network.json. A damaged file (or one from a newer HGS) never stops the app:
        it is set aside in the quarantine folder and the network goes on from an empty file."""
        for attempt in (1, 2):
            try:
                if write:
                    with self._locked(self.network_path), self._db(self.network_path) as db:
                        self._check_network(db)
                        self._write_meta(db)
                        return use(db)
                with self._db(self.network_path) as db:
                    self._check_network(db)
                    return use(db)
            except (StorageError, ValidationError, KeyError, TypeError) as error:
                if attempt == 2 or not self._set_aside_network(_reason(error)):
                    raise StorageError(t("errors.store.network_unusable",
                                         reason=_reason(error))) from error
        raise AssertionError("unreachable")

    def _check_network(self, db: TinyDB) -> None:
        """network.json whole (one read): its schema version, organisations and settings."""
        data = db.storage.read() or {}
        if schema_of(data) > SCHEMA_VERSION:
            raise StorageError(t("errors.store.newer", name="network.json"))
        for doc in data.get("organisations", {}).values():
            Organisation.model_validate(doc)
        if any(set(doc) != {"name", "value"} or not isinstance(doc["name"], str)
               for doc in data.get("settings", {}).values()):
            raise StorageError(t("errors.store.bad_setting"))

    def organisations(self) -> list[Organisation]:
        return self._network(lambda db: [Organisation.model_validate(doc)
                                         for doc in db.table("organisations").all()])

    def save_organisation(self, organisation: Organisation) -> Organisation:
        organisation = _validated(Organisation, organisation.model_dump())
        self._network(lambda db: db.table("organisations").upsert(
            organisation.model_dump(mode="json"), Query().id == organisation.id), write=True)
        return organisation

    def remove_organisation(self, organisation_id: str) -> None:
        self._network(lambda db: db.table("organisations").remove(Query().id == organisation_id),
                      write=True)

    def setting(self, name: str, default: Any = None) -> Any:
        if not self.network_path.exists():
            return default
        doc = self._network(lambda db: db.table("settings").get(Query().name == name))
        return default if doc is None else doc["value"]

    def settings(self) -> dict[str, Any]:
        if not self.network_path.exists():
            return {}
        return self._network(lambda db: {doc["name"]: doc["value"]
                                         for doc in db.table("settings").all()})

    def set_setting(self, name: str, value: Any) -> None:
        self._network(lambda db: db.table("settings").upsert({"name": name, "value": value},
                                                             Query().name == name), write=True)

    # -- cases --------------------------------------------------------------------------------
    def case_ids(self) -> list[str]:
        try:
            with os.scandir(self.cases_dir) as entries:
                return sorted(e.name.removesuffix(".json") for e in entries
                              if e.name.endswith(".json") and not e.name.startswith(".")
                              and e.is_file())
        except FileNotFoundError:
            return []

    def cases(self) -> list[Case]:
        """Every sound case. Each case file is checked whole (read_case_file) when it is new or
        changed since this store last read it; a damaged or foreign one is set aside in the
        quarantine folder, so it never stops the app."""
        try:
            entries = [e for e in os.scandir(self.cases_dir)
                       if e.name.endswith(".json") and not e.name.startswith(".")]
        except FileNotFoundError:
            return []
        found = []
        for entry in sorted(entries, key=lambda e: e.name):
            try:
                info = entry.stat()
            except FileNotFoundError:  # erased meanwhile
                continue
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
            known = self._sound.get(entry.name)
            if known is None or known[0] != stamp:
                case = self._check_case_file(entry.name)
                if case is None:
                    continue
                known = self._sound[entry.name] = (stamp, case.model_dump())
            found.append(Case.model_validate(known[1]))
        return found

    def _check_case_file(self, name: str) -> Case | None:
        """The case in cases/<name> when the file is sound; else None, and the file is set
        aside (or left out this time when it cannot be moved, or is busy)."""
        path = self.cases_dir / name
        try:
            return read_case_file(name, read_regular(path))[0]
        except FileNotFoundError:
            return None
        except OSError as error:  # StorageError included
            first = error
        try:  # look again under its lock: a writer may have been halfway (create_case)
            with FileLock(str(path) + ".lock", timeout=2), using("nl"):  # the note's reason
                try:
                    return read_case_file(name, read_regular(path))[0]
                except FileNotFoundError:
                    return None
                except OSError as error:
                    self._set_aside(path, _reason(error))
            Path(str(path) + ".lock").unlink(missing_ok=True)
        except Timeout:
            log.warning("case file %s looks damaged (%s) but is busy", name, _reason(first))
        except OSError as error:
            log.error("could not set %s aside: %s", name, error)
        return None

    # -- quarantine ---------------------------------------------------------------------------
    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / QUARANTINE

    def _set_aside(self, path: Path, reason: str) -> Path:
        """Move a damaged or foreign file into the quarantine folder with a `.reden.txt` beside
        it. The caller holds the file's lock."""
        self.quarantine_dir.mkdir(exist_ok=True)
        now = dt.datetime.now().replace(microsecond=0)
        target = self.quarantine_dir / path.name
        if target.exists() or target.with_name(target.name + ".reden.txt").exists():
            target = target.with_name(f"{path.stem}-{now:%Y%m%d-%H%M%S}{path.suffix}")
        n = 1
        while target.exists():
            n += 1
            target = target.with_name(f"{path.stem}-{now:%Y%m%d-%H%M%S}-{n}{path.suffix}")
        with using("nl"):  # the note is a Dutch file for whoever manages HGS
            advice = quarantine_advice()
        atomic_write(target.with_name(target.name + ".reden.txt"), (
            f"HGS heeft dit bestand op {now:%d-%m-%Y om %H:%M} apart gezet.\n"
            f"Was: {path.relative_to(self.data_dir).as_posix()}\n"
            f"Reden: {reason}\n\n{advice}\n"))
        os.replace(path, target)
        log.warning("set %s aside in %s: %s", path.name, target, reason)
        with self._guard:
            self._sound.pop(path.name, None)
        return target

    def _set_aside_network(self, reason: str) -> bool:
        """network.json damaged: set it aside and start a fresh one (marked initialised, so the
        demo network never fills a folder that holds real cases)."""
        try:
            with self._locked(self.network_path):
                try:
                    with self._db(self.network_path) as db:
                        self._check_network(db)
                    return True  # sound again: another process repaired or restored it
                except FileNotFoundError:
                    return True
                except (StorageError, ValidationError, KeyError, TypeError):
                    pass
                self._set_aside(self.network_path, reason)
                AtomicJSONStorage(self.network_path).write({
                    "meta": {"1": {"schema": SCHEMA_VERSION}},
                    "settings": {"1": {"name": "initialised", "value": True}}})
                return True
        except (OSError, Timeout) as error:
            log.error("could not set network.json aside: %s", error)
            return False

    def quarantined(self) -> list[Quarantined]:
        found = []
        for note in sorted(self.quarantine_dir.glob("*" + NOTE)):
            name = note.name.removesuffix(NOTE)
            if not (self.quarantine_dir / name).exists():  # put back by hand: no longer aside
                continue
            try:
                lines = note.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            field = {k: v.strip() for k, _, v in (line.partition(":") for line in lines[1:3])}
            found.append(Quarantined(
                name=name, original=field.get("Was", name),
                reason=field.get("Reden", "onbekend"),
                moved=dt.datetime.fromtimestamp(note.stat().st_mtime).replace(microsecond=0)))
        return sorted(found, key=lambda q: q.moved, reverse=True)

    def get_case(self, case_id: str) -> Case:
        path = self.case_path(case_id)
        if not path.exists():
            raise NotFound(t("errors.store.case_gone"))
        with self._db(path) as db:
            self._check_schema(db, path)
            doc = db.table("case").get(doc_id=1)
        if doc is None:
            raise NotFound(t("errors.store.case_gone"))
        try:
            return Case.model_validate(doc)
        except ValidationError as error:
            raise StorageError(t("errors.store.invalid", name=path.name,
                                 problem=explain(error))) from None

    def create_case(self, case: Case) -> Case:
        case = _validated(Case, case.model_dump())
        path = self.case_path(case.id)
        with self._locked(path):
            if path.exists():
                raise InvalidInput(t("errors.store.case_id_taken"))
            if any(other.code == case.code for other in self.cases()):
                raise InvalidInput(t("errors.store.code_taken", code=case.code))
            # one write: a full disk can never leave a file with only its schema version
            AtomicJSONStorage(path).write({"meta": {"1": {"schema": SCHEMA_VERSION}},
                                           "case": {"1": case.model_dump(mode="json")}})
        return case

    def update_case(self, case_id: str, change: Callable[[Case], None]) -> Case:
        path = self.case_path(case_id)
        with self._locked(path):
            case = self.get_case(case_id)
            try:
                change(case)
            except ValidationError as error:
                raise InvalidInput(explain(error)) from error
            case = _validated(Case, case.model_dump())
            if any(other.code == case.code and other.id != case.id for other in self.cases()):
                raise InvalidInput(t("errors.store.code_taken", code=case.code))
            with self._db(path) as db:
                db.table("case").update(case.model_dump(mode="json"), doc_ids=[1])
        return case

    def erase_case(self, case_id: str) -> int:
        """The case's file gone, and every other copy of it in this folder: the temporary files
        a killed writer left, the copies set aside in quarantine (a network file set aside
        keeps everything but its links to the case). Returns how many copies went besides the
        file itself."""
        path = self.case_path(case_id)
        code = None
        with self._locked(path):
            try:
                code = Case.model_validate(
                    (parse_document(path.name, read_regular(path)).get("case") or {}).get("1"))\
                    .code
            except (OSError, ValidationError):  # gone, damaged or odd: its id is enough
                pass
            path.unlink(missing_ok=True)
            # under the case's lock no writer is at work on it: every temporary copy is stale
            copies = [p for p in self.cases_dir.glob(f".{path.name}.*.tmp")]
            for copy in copies:
                copy.unlink(missing_ok=True)
        Path(str(path) + ".lock").unlink(missing_ok=True)
        with self._guard:
            self._thread_locks.pop(path, None)
            self._sound.pop(path.name, None)
        marks = [m.encode() for m in (case_id, code) if m]
        return len(copies) + self._erase_aside_copies(marks) + self._erase_temp_copies(marks)

    def _erase_aside_copies(self, marks: list[bytes]) -> int:
        """Copies in quarantine that name the case: a network file keeps all but its links to
        the case; any other file goes with its note."""
        try:
            names = sorted(p.name for p in self.quarantine_dir.iterdir())
        except FileNotFoundError:
            return 0
        gone = 0
        for name in names:
            path = self.quarantine_dir / name
            if name.endswith(NOTE) or not path.is_file():
                continue
            try:
                raw = read_regular(path)
            except OSError:
                continue
            if not any(mark in raw for mark in marks):
                continue
            if self._scrubbed(path, raw, marks):
                continue
            path.unlink(missing_ok=True)
            path.with_name(name + NOTE).unlink(missing_ok=True)
            gone += 1
        for note in self.quarantine_dir.glob("*" + NOTE):  # a note alone that names the case
            try:
                if any(mark in read_regular(note) for mark in marks):
                    note.unlink(missing_ok=True)
            except OSError:
                continue
        return gone

    @staticmethod
    def _scrubbed(path: Path, raw: bytes, marks: list[bytes]) -> bool:
        """A network file set aside, rewritten without its links to the case; False when it
        is not such a file or still names the case after that."""
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return False
        if not isinstance(data, dict) or not without_case_settings(data, marks[0].decode()):
            return False
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if any(mark in text.encode() for mark in marks):
            return False
        atomic_write(path, text)
        return True

    def _erase_temp_copies(self, marks: list[bytes]) -> int:
        """Temporary files anywhere in the folder that still name the case (a stale copy of
        network.json with its join link, say): a file of an erased case is no write to keep."""
        clear_stale_temps(self.data_dir)
        gone = 0
        for parent, dirs, names in os.walk(self.data_dir):
            dirs[:] = [d for d in dirs if d != "audit"]
            for name in names:
                path = Path(parent, name)
                if not TEMP.match(name):
                    continue
                try:
                    if any(mark in read_regular(path) for mark in marks):
                        path.unlink(missing_ok=True)
                        gone += 1
                except OSError:
                    continue
        return gone

    def import_case(self, case: Case, meetings: list[Meeting]) -> None:
        case = _validated(Case, case.model_dump())
        meetings = [_validated(Meeting, m.model_dump()) for m in meetings]
        if any(m.case_id != case.id for m in meetings):
            raise InvalidInput(t("errors.store.meeting_of_another_case"))
        path = self.case_path(case.id)
        data = {
            "meta": {"1": {"schema": SCHEMA_VERSION}},
            "case": {"1": case.model_dump(mode="json")},
            "meetings": {str(i): m.model_dump(mode="json") for i, m in enumerate(meetings, 1)},
        }
        with self._locked(path):
            AtomicJSONStorage(path).write(data)

    # -- meetings -----------------------------------------------------------------------------
    def meetings(self, case_id: str) -> list[Meeting]:
        path = self.case_path(case_id)
        if not path.exists():
            raise NotFound(t("errors.store.case_gone"))
        with self._db(path) as db:
            self._check_schema(db, path)
            docs = db.table("meetings").all()
        try:
            meetings = [Meeting.model_validate(doc) for doc in docs]
        except ValidationError as error:
            raise StorageError(t("errors.store.invalid", name=path.name,
                                 problem=explain(error))) from None
        return sorted(meetings, key=lambda m: (m.date, m.id))

    def create_meeting(self, meeting: Meeting) -> Meeting:
        meeting = _validated(Meeting, meeting.model_dump())
        path = self.case_path(meeting.case_id)
        with self._locked(path):
            self.get_case(meeting.case_id)
            with self._db(path) as db:
                db.table("meetings").insert(meeting.model_dump(mode="json"))
        return meeting

    def update_meeting(self, case_id: str, meeting_id: str,
                       change: Callable[[Meeting], Any]) -> Meeting:
        path = self.case_path(case_id)
        with self._locked(path):
            if not path.exists():
                raise NotFound(t("errors.store.case_gone"))
            # The autosave hot path: one read and one write of the raw TinyDB document, as
            # TinyDB's own Table._update_table does, instead of a get() and an update() that
            # would each parse the whole file again.
            storage = AtomicJSONStorage(path)
            data = storage.read() or {}
            if data.get("meta", {}).get("1", {}).get("schema", 0) > SCHEMA_VERSION:
                raise StorageError(t("errors.store.newer", name=path.name))
            docs = data.get("meetings", {})
            doc_id = next((k for k, doc in docs.items() if doc.get("id") == meeting_id), None)
            if doc_id is None:
                raise NotFound(t("errors.store.meeting_gone"))
            try:
                meeting = Meeting.model_validate(docs[doc_id])
                change(meeting)
            except ValidationError as error:
                raise InvalidInput(explain(error)) from error
            meeting = _validated(Meeting, meeting.model_dump())
            docs[doc_id] = meeting.model_dump(mode="json")
            storage.write(data)
        return meeting

    def remove_meeting(self, case_id: str, meeting_id: str) -> None:
        path = self.case_path(case_id)
        with self._locked(path):
            if not path.exists():
                raise NotFound(t("errors.store.case_gone"))
            storage = AtomicJSONStorage(path)
            data = storage.read() or {}
            if schema_of(data) > SCHEMA_VERSION:
                raise StorageError(t("errors.store.newer", name=path.name))
            docs = data.get("meetings", {})
            try:
                meetings = {key: Meeting.model_validate(doc) for key, doc in docs.items()}
            except ValidationError as error:
                raise StorageError(t("errors.store.invalid", name=path.name,
                                     problem=explain(error))) from None
            doc_id = next((k for k, m in meetings.items() if m.id == meeting_id), None)
            if doc_id is None:
                raise NotFound(t("errors.store.meeting_gone"))
            if problem := removal_problem(meetings[doc_id], list(meetings.values())):
                raise InvalidInput(problem)
            del docs[doc_id]
            storage.write(data)


def _reason(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return explain(error)
    if isinstance(error, OSError) and not isinstance(error, StorageError):
        return t("errors.store.unreadable", error=error.strerror or error)
    return str(error) or type(error).__name__


def is_database_url(target: str | os.PathLike) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(target: str | os.PathLike | None = None) -> Store:
    """The store at `target`: a data folder, or a PostgreSQL URL (`postgresql://…`). Without
    one: `HGS_DATABASE_URL` when set, else the folder `HGS_DATA_DIR` (default `data/`), read now."""
    if target is None:
        target = config.store_target()
    if is_database_url(target):
        from hgs.store.postgres import PostgresStore  # psycopg is loaded only for a network server

        return PostgresStore(str(target))
    try:
        return TinyDBStore(target)
    except OSError as error:
        raise StorageError(t("errors.store.folder_unusable", target=target,
                             error=error)) from error
