"""Persistence: the storage interface HGS talks to, and its TinyDB implementation.

One TinyDB file per case (a write costs one case, erasing a case is removing its file) plus one
network file (organisations, settings). Every read-modify-write runs under a thread lock and a
file lock, and every write goes to a temporary file that is fsynced and moved into place, so a
crash mid-write leaves the previous version whole.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock
from pydantic import ValidationError
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from hgs.errors import InvalidInput, NotFound, StorageError, explain
from hgs.model import LIST_TYPES, SCHEMA_VERSION, Case, Item, Meeting, Organisation

SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


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

    # -- built on the primitives --------------------------------------------------------------
    def cases(self) -> list[Case]:
        return [self.get_case(case_id) for case_id in self.case_ids()]

    def organisation(self, organisation_id: str) -> Organisation:
        for org in self.organisations():
            if org.id == organisation_id:
                return org
        raise NotFound(f"Organisatie {organisation_id} bestaat niet.")

    def get_meeting(self, case_id: str, meeting_id: str) -> Meeting:
        for meeting in self.meetings(case_id):
            if meeting.id == meeting_id:
                return meeting
        raise NotFound(f"Dit MDO bestaat niet (meer).")

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
            raise InvalidInput(f"Onbekend veld: {field}.")

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
            raise NotFound("Dit onderdeel is intussen verwijderd.")

        self._item_type(list_name)
        self.update_meeting(case_id, meeting_id, change)
        return before[0] != seen and before[0] != value

    def add_item(self, case_id: str, meeting_id: str, list_name: str, **fields: Any) -> Item:
        item = _validated(self._item_type(list_name), fields)
        self.update_meeting(case_id, meeting_id,
                            lambda meeting: getattr(meeting, list_name).append(item))
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
            raise NotFound("Dit onderdeel is intussen verwijderd.")

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
            raise InvalidInput(f"Onbekende lijst: {list_name}.")
        return LIST_TYPES[list_name]


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never rewrites a file in place: it writes a temporary file beside
    it, fsyncs it and renames it over the old one (TinyDB's JSONStorage truncates first)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)

    def read(self) -> dict | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise StorageError(f"Het bestand {self.path.name} is beschadigd.") from error

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


class TinyDBStore(Store):
    """TinyDB files in a data folder: `network.json` and `cases/<case id>.json`."""

    def __init__(self, data_dir: str | os.PathLike) -> None:
        self.data_dir = Path(data_dir)
        self.cases_dir = self.data_dir / "cases"
        self.cases_dir.mkdir(parents=True, exist_ok=True)
        self.network_path = self.data_dir / "network.json"
        self._guard = threading.Lock()
        self._thread_locks: dict[Path, threading.RLock] = {}

    # -- files and locks ----------------------------------------------------------------------
    def case_path(self, case_id: str) -> Path:
        if not SAFE_ID.match(case_id):
            raise NotFound("Deze casus bestaat niet.")
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
            raise StorageError(f"{path.name} komt uit een nieuwere versie van HGS.")

    def _write_meta(self, db: TinyDB) -> None:
        db.table("meta").upsert({"schema": SCHEMA_VERSION}, Query().schema.exists())

    # -- network ------------------------------------------------------------------------------
    def organisations(self) -> list[Organisation]:
        with self._db(self.network_path) as db:
            return [Organisation.model_validate(doc) for doc in db.table("organisations").all()]

    def save_organisation(self, organisation: Organisation) -> Organisation:
        organisation = _validated(Organisation, organisation.model_dump())
        with self._locked(self.network_path), self._db(self.network_path) as db:
            self._write_meta(db)
            db.table("organisations").upsert(organisation.model_dump(mode="json"),
                                              Query().id == organisation.id)
        return organisation

    def remove_organisation(self, organisation_id: str) -> None:
        with self._locked(self.network_path), self._db(self.network_path) as db:
            db.table("organisations").remove(Query().id == organisation_id)

    def setting(self, name: str, default: Any = None) -> Any:
        if not self.network_path.exists():
            return default
        with self._db(self.network_path) as db:
            doc = db.table("settings").get(Query().name == name)
        return default if doc is None else doc["value"]

    def settings(self) -> dict[str, Any]:
        if not self.network_path.exists():
            return {}
        with self._db(self.network_path) as db:
            return {doc["name"]: doc["value"] for doc in db.table("settings").all()}

    def set_setting(self, name: str, value: Any) -> None:
        with self._locked(self.network_path), self._db(self.network_path) as db:
            self._write_meta(db)
            db.table("settings").upsert({"name": name, "value": value}, Query().name == name)

    # -- cases --------------------------------------------------------------------------------
    def case_ids(self) -> list[str]:
        return sorted(p.stem for p in self.cases_dir.glob("*.json") if not p.name.startswith("."))

    def get_case(self, case_id: str) -> Case:
        path = self.case_path(case_id)
        if not path.exists():
            raise NotFound("Deze casus bestaat niet (meer).")
        with self._db(path) as db:
            self._check_schema(db, path)
            doc = db.table("case").get(doc_id=1)
        if doc is None:
            raise NotFound("Deze casus bestaat niet (meer).")
        return Case.model_validate(doc)

    def create_case(self, case: Case) -> Case:
        case = _validated(Case, case.model_dump())
        path = self.case_path(case.id)
        with self._locked(path):
            if path.exists():
                raise InvalidInput("Er bestaat al een casus met dit id.")
            if any(other.code == case.code for other in self.cases()):
                raise InvalidInput(f"De code {case.code} is al in gebruik.")
            with self._db(path) as db:
                self._write_meta(db)
                db.table("case").insert(case.model_dump(mode="json"))
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
                raise InvalidInput(f"De code {case.code} is al in gebruik.")
            with self._db(path) as db:
                db.table("case").update(case.model_dump(mode="json"), doc_ids=[1])
        return case

    def erase_case(self, case_id: str) -> None:
        path = self.case_path(case_id)
        with self._locked(path):
            path.unlink(missing_ok=True)
        Path(str(path) + ".lock").unlink(missing_ok=True)
        with self._guard:
            self._thread_locks.pop(path, None)

    def import_case(self, case: Case, meetings: list[Meeting]) -> None:
        case = _validated(Case, case.model_dump())
        meetings = [_validated(Meeting, m.model_dump()) for m in meetings]
        if any(m.case_id != case.id for m in meetings):
            raise InvalidInput("Een MDO hoort bij een andere casus.")
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
            raise NotFound("Deze casus bestaat niet (meer).")
        with self._db(path) as db:
            self._check_schema(db, path)
            docs = db.table("meetings").all()
        return sorted((Meeting.model_validate(doc) for doc in docs), key=lambda m: (m.date, m.id))

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
                raise NotFound("Deze casus bestaat niet (meer).")
            # The autosave hot path: one read and one write of the raw TinyDB document, as
            # TinyDB's own Table._update_table does, instead of a get() and an update() that
            # would each parse the whole file again.
            storage = AtomicJSONStorage(path)
            data = storage.read() or {}
            if data.get("meta", {}).get("1", {}).get("schema", 0) > SCHEMA_VERSION:
                raise StorageError(f"{path.name} komt uit een nieuwere versie van HGS.")
            docs = data.get("meetings", {})
            doc_id = next((k for k, doc in docs.items() if doc.get("id") == meeting_id), None)
            if doc_id is None:
                raise NotFound("Dit MDO bestaat niet (meer).")
            try:
                meeting = Meeting.model_validate(docs[doc_id])
                change(meeting)
            except ValidationError as error:
                raise InvalidInput(explain(error)) from error
            meeting = _validated(Meeting, meeting.model_dump())
            docs[doc_id] = meeting.model_dump(mode="json")
            storage.write(data)
        return meeting


def is_database_url(target: str | os.PathLike) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(target: str | os.PathLike | None = None) -> Store:
    """The store at `target`: a data folder, or a PostgreSQL URL (`postgresql://…`). Without
    one: `HGS_DATABASE_URL` when set, else the folder `HGS_DATA_DIR` (default `data/`), read now."""
    if target is None:
        target = (os.environ.get("HGS_DATABASE_URL") or os.environ.get("HGS_DATA_DIR")
                  or "data")
    if is_database_url(target):
        from hgs.pgstore import PostgresStore  # psycopg is loaded only for a network server

        return PostgresStore(str(target))
    try:
        return TinyDBStore(target)
    except OSError as error:
        raise StorageError(f"De gegevensmap {target} is niet te gebruiken: {error}") from error
