"""The TinyDB backend: a data folder with one file per case and one for the network.

One TinyDB file per case (a write costs one case, erasing a case is removing its file) plus one
network file (organisations, settings). Every read-modify-write runs under a thread lock and a
file lock, and every write goes to a temporary file that is fsynced and moved into place, so a
crash mid-write leaves the previous version whole. A damaged or foreign file is set aside in the
quarantine folder, so it never stops the app.
"""

from __future__ import annotations

import copy
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock
from pydantic import ValidationError
from tinydb import Query, TinyDB

from hgs.errors import InvalidInput, NotFound, StorageError, explain
from hgs.i18n import t
from hgs.method.planning import removal_problem
from hgs.method.records import SCHEMA_VERSION, Case, Meeting, Organisation
from hgs.store.base import Store
from hgs.store.caseindex import CaseRow, FolderIndex
from hgs.store.document import (
    CASES,
    NETWORK,
    SAFE_ID,
    case_document,
    case_file,
    lock_of,
    parse_document,
    stamped,
)
from hgs.store.editing import changed, validated
from hgs.store.facts import FactsFile, KeptFacts
from hgs.store.files import clear_stale_temps, erase_temps_naming, read_regular
from hgs.store.memo import ReadMemo
from hgs.store.quarantine import Quarantine
from hgs.store.sources import CaseFileDocuments
from hgs.store.tinyfiles import AtomicJSONStorage, SetAside, reason_of

log = logging.getLogger(__name__)
T = TypeVar("T")


class TinyDBStore(SetAside, Store):
    """TinyDB files in a data folder: `network.json` and `cases/<case id>.json`."""

    def __init__(self, data_dir: str | os.PathLike) -> None:
        self.data_dir = Path(data_dir)
        self.cases_dir = self.data_dir / CASES
        self.cases_dir.mkdir(parents=True, exist_ok=True)
        self.network_path = self.data_dir / NETWORK
        self.quarantine = Quarantine(self.data_dir)
        self._guard = threading.Lock()
        self._thread_locks: dict[Path, threading.RLock] = {}
        self._sound: dict[str, tuple[tuple[int, int, int], dict]] = {}  # file -> (stamp, case)
        self._reads = ReadMemo()  # parsed files by stamp, for read-only calls
        self.facts = FactsFile(self.data_dir, self._locked)  # Netwerk's facts, kept on write
        clear_stale_temps(self.data_dir)  # copies a killed writer left; never listed, never kept
        self.index = FolderIndex(self.data_dir, self.cases_dir)  # the case index (Start)

    def close(self) -> None:
        """Nothing to close: every file is opened for one call and closed again."""

    def documents(self) -> CaseFileDocuments:
        return CaseFileDocuments(self.cases_dir)

    def case_index(self) -> list[CaseRow]:
        return self.index.rows()
    def case_facts(self) -> KeptFacts:
        return KeptFacts(self.facts)

    # -- files and locks ----------------------------------------------------------------------
    def case_path(self, case_id: str) -> Path:
        if not SAFE_ID.match(case_id):
            raise NotFound(t("errors.store.case_missing"))
        return self.cases_dir / case_file(case_id)

    @contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        with self._guard:
            thread_lock = self._thread_locks.setdefault(path, threading.RLock())
        with thread_lock, FileLock(str(lock_of(path)), timeout=30):
            yield

    @contextmanager
    def _db(self, path: Path, read_only: bool = False) -> Iterator[TinyDB]:
        db = TinyDB(path, storage=AtomicJSONStorage, memo=self._reads if read_only else None)
        try:
            yield db
        finally:
            db.close()

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
                with self._db(self.network_path, read_only=True) as db:
                    self._check_network(db)
                    return use(db)
            except (StorageError, ValidationError, KeyError, TypeError) as error:
                if attempt == 2 or not self._set_aside_network(reason_of(error)):
                    raise StorageError(t("errors.store.network_unusable",
                                         reason=reason_of(error))) from error
        raise AssertionError("unreachable")

    def _check_network(self, db: TinyDB) -> None:
        """network.json whole (one read, which refuses a newer one): its organisations and
        settings."""
        data = db.storage.read() or {}
        for doc in data.get("organisations", {}).values():
            Organisation.model_validate(doc)
        if any(set(doc) != {"name", "value"} or not isinstance(doc["name"], str)
               for doc in data.get("settings", {}).values()):
            raise StorageError(t("errors.store.bad_setting"))

    def organisations(self) -> list[Organisation]:
        return self._network(lambda db: [Organisation.model_validate(doc)
                                         for doc in db.table("organisations").all()])

    def save_organisation(self, organisation: Organisation) -> Organisation:
        organisation = validated(Organisation, organisation.model_dump())
        self._network(lambda db: db.table("organisations").upsert(
            organisation.model_dump(mode="json"), Query().id == organisation.id), write=True)
        return organisation

    def remove_organisation(self, organisation_id: str) -> None:
        self._network(lambda db: db.table("organisations").remove(Query().id == organisation_id),
                      write=True)

    def settings(self) -> dict[str, Any]:
        if not self.network_path.exists():
            return {}
        return self._network(lambda db: {doc["name"]: copy.deepcopy(doc["value"])
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

    def get_case(self, case_id: str) -> Case:
        path = self.case_path(case_id)
        if not path.exists():
            raise NotFound(t("errors.store.case_gone"))
        with self._db(path, read_only=True) as db:
            doc = db.table("case").get(doc_id=1)
        if doc is None:
            raise NotFound(t("errors.store.case_gone"))
        try:
            return Case.model_validate(doc)
        except ValidationError as error:
            raise StorageError(t("errors.store.invalid", name=path.name,
                                 problem=explain(error))) from None

    def create_case(self, case: Case) -> Case:
        case = validated(Case, case.model_dump())
        path = self.case_path(case.id)
        with self._locked(path):
            if path.exists():
                raise InvalidInput(t("errors.store.case_id_taken"))
            if any(other.code == case.code for other in self.cases()):
                raise InvalidInput(t("errors.store.code_taken", code=case.code))
            # one write: a full disk can never leave a file with only its schema version
            AtomicJSONStorage(path).write(stamped({"case": {"1": case.model_dump(mode="json")}}))
            self.index.note(path)
            self.facts.wrote(case.id, path)
        return case

    def update_case(self, case_id: str, change: Callable[[Case], None]) -> Case:
        path = self.case_path(case_id)
        with self._locked(path):
            case = changed(Case, self.get_case(case_id).model_dump(), change)
            if any(other.code == case.code and other.id != case.id for other in self.cases()):
                raise InvalidInput(t("errors.store.code_taken", code=case.code))
            with self._db(path) as db:
                db.table("case").update(case.model_dump(mode="json"), doc_ids=[1])
            self.index.note(path)
            self.facts.wrote(case_id, path)
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
            self.facts.erased(case_id)
            # under the case's lock no writer is at work on it: every temporary copy is stale
            copies = [p for p in self.cases_dir.glob(f".{path.name}.*.tmp")]
            for copy in copies:
                copy.unlink(missing_ok=True)
            self.index.note(path)
        lock_of(path).unlink(missing_ok=True)
        with self._guard:
            self._thread_locks.pop(path, None)
            self._sound.pop(path.name, None)
        self._reads.forget(path)
        marks = [m.encode() for m in (case_id, code) if m]
        return len(copies) + self.quarantine.erase_copies(marks) + erase_temps_naming(self.data_dir, marks)

    def import_case(self, case: Case, meetings: list[Meeting]) -> None:
        case = validated(Case, case.model_dump())
        meetings = [validated(Meeting, m.model_dump()) for m in meetings]
        if any(m.case_id != case.id for m in meetings):
            raise InvalidInput(t("errors.store.meeting_of_another_case"))
        path = self.case_path(case.id)
        with self._locked(path):
            AtomicJSONStorage(path).write(case_document(case, meetings))
            self.index.note(path)
            self.facts.wrote(case.id, path)

    # -- meetings -----------------------------------------------------------------------------
    def meetings(self, case_id: str) -> list[Meeting]:
        path = self.case_path(case_id)
        if not path.exists():
            raise NotFound(t("errors.store.case_gone"))
        with self._db(path, read_only=True) as db:
            docs = db.table("meetings").all()
        try:
            meetings = [Meeting.model_validate(doc) for doc in docs]
        except ValidationError as error:
            raise StorageError(t("errors.store.invalid", name=path.name,
                                 problem=explain(error))) from None
        return sorted(meetings, key=lambda m: (m.date, m.id))

    def create_meeting(self, meeting: Meeting) -> Meeting:
        meeting = validated(Meeting, meeting.model_dump())
        path = self.case_path(meeting.case_id)
        with self._locked(path):
            self.get_case(meeting.case_id)
            with self._db(path) as db:
                db.table("meetings").insert(meeting.model_dump(mode="json"))
            self.index.note(path)
            self.facts.wrote(meeting.case_id, path)
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
            data = storage.read() or {}  # a file from a newer HGS is refused here
            docs = data.get("meetings", {})
            doc_id = next((k for k, doc in docs.items() if doc.get("id") == meeting_id), None)
            if doc_id is None:
                raise NotFound(t("errors.store.meeting_gone"))
            meeting = changed(Meeting, docs[doc_id], change)
            docs[doc_id] = meeting.model_dump(mode="json")
            storage.write(data)
            self.index.note(path, data)
            self.facts.wrote(case_id, path, data)
        return meeting

    def remove_meeting(self, case_id: str, meeting_id: str) -> None:
        path = self.case_path(case_id)
        with self._locked(path):
            if not path.exists():
                raise NotFound(t("errors.store.case_gone"))
            storage = AtomicJSONStorage(path)
            data = storage.read() or {}
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
            self.index.note(path, data)
            self.facts.wrote(case_id, path, data)
