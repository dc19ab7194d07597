"""The TinyDB backend's file pieces: the storage that writes a case file atomically, and the
setting aside of a damaged or foreign file so that it never stops the app.

Split from `hgs.store.tinydb` (one concept each); `TinyDBStore` uses both.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import orjson
from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb.storages import Storage

from hgs.errors import StorageError, explain
from hgs.i18n import t, using
from hgs.method.records import Case
from hgs.store.document import lock_of, parse_document, read_case_file, refuse_newer, stamped
from hgs.store.files import atomic_write, read_regular
from hgs.store.memo import ReadMemo
from hgs.store.quarantine import Quarantined

log = logging.getLogger("hgs.store.tinydb")


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never rewrites a file in place: it writes a temporary file beside
    it, fsyncs it and renames it over the old one (TinyDB's JSONStorage truncates first)."""

    def __init__(self, path: str | os.PathLike, memo: ReadMemo | None = None) -> None:
        self.path = Path(path)
        self.memo = memo  # read-only opens only (hgs.store.memo)

    def read(self) -> dict | None:
        if self.memo is not None:
            try:
                return self.memo.read(self.path, self._read)
            except FileNotFoundError:
                return None
        return self._read()

    def _read(self) -> dict | None:
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        data = parse_document(self.path.name, raw)
        refuse_newer(data, self.path.name)  # never read, and so never overwritten, by this HGS
        return data

    def write(self, data: dict) -> None:
        # orjson: the same compact UTF-8 JSON as json.dumps(ensure_ascii=False), ~10× faster
        atomic_write(self.path, orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS))


class SetAside:
    """Setting damaged files aside, for `TinyDBStore` (it provides the folder, the locks, the
    quarantine, the kept facts and the memo of sound files this uses)."""

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
            with FileLock(str(lock_of(path)), timeout=2), using("nl"):  # the note's reason
                try:
                    return read_case_file(name, read_regular(path))[0]
                except FileNotFoundError:
                    return None
                except OSError as error:
                    self._set_aside(path, reason_of(error))
            lock_of(path).unlink(missing_ok=True)
        except Timeout:
            log.warning("case file %s looks damaged (%s) but is busy", name, reason_of(first))
        except OSError as error:
            log.error("could not set %s aside: %s", name, error)
        return None


    def _set_aside(self, path: Path, reason: str) -> Path:
        """Set a damaged or foreign file aside (the caller holds its lock); it is no longer
        known as sound."""
        target = self.quarantine.set_aside(path, reason)
        self.facts.forget(path)
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
                AtomicJSONStorage(self.network_path).write(
                    stamped({"settings": {"1": {"name": "initialised", "value": True}}}))
                return True
        except (OSError, Timeout) as error:
            log.error("could not set network.json aside: %s", error)
            return False

    def quarantined(self) -> list[Quarantined]:
        """The files this store set aside as damaged or foreign, newest first."""
        return self.quarantine.entries()


def reason_of(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return explain(error)
    if isinstance(error, OSError) and not isinstance(error, StorageError):
        return t("errors.store.unreadable", error=error.strerror or error)
    return str(error) or type(error).__name__
