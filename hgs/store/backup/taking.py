"""Taking back-ups: a ZIP of the whole data folder, each file read under its lock, and the
rotation that keeps the last few (daily, on demand, and before every removal).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import threading
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from filelock import FileLock, Timeout

from hgs import config
from hgs.access.sessions import SECRET_FILE
from hgs.errors import HGSError, StorageError
from hgs.i18n import t
from hgs.method.records import SCHEMA_VERSION
from hgs.store.backup.bounds import MAX_MANIFEST_BYTES, read_member
from hgs.store.base import Store
from hgs.store.caseindex import INDEX
from hgs.store.document import CASES, NETWORK, lock_of
from hgs.store.facts import FACTS
from hgs.store.files import read_regular, replacing
from hgs.store.tinydb import TinyDBStore

log = logging.getLogger(__name__)

FORMAT = "hgs-backup"
MANIFEST = "hgs-backup.json"  # inside the ZIP, beside the data folder's own files
PREFIX = "hgs-backup-"
NAME = re.compile(r"^hgs-backup-(\d{4}-\d{2}-\d{2})-(\d{6})(?:-\d+)?\.zip$")
# derived from the cases (rebuilt when missing): the case index would keep an erased child's
# name in a back-up; the facts are made again from the cases
NEVER_BACKED_UP = frozenset({SECRET_FILE, INDEX, FACTS})
BEFORE_CHANGE = "voor "  # the reason of a back-up taken before a removal starts so ("voor wissen")


# -- where -----------------------------------------------------------------------------------------
def data_dir_of(target: Store | str | os.PathLike) -> Path | None:
    """The data folder of a store or a path; None for a store without one (PostgreSQL)."""
    if isinstance(target, (str, os.PathLike)):
        return Path(target)
    # by attribute, not by class: Streamlit may have reloaded hgs.store since the store was made
    folder = getattr(target, "data_dir", None)
    return Path(folder) if folder is not None else None


def backup_dir(data_dir: str | os.PathLike) -> Path:
    """`HGS_BACKUP_DIR`, else `<data dir>-backups` beside the data folder; never inside it."""
    data = Path(data_dir).resolve()
    folder = config.backup_dir_setting() or data.parent / f"{data.name}-backups"
    if folder == data or data in folder.parents:
        raise StorageError(t("errors.backup.inside_data_folder", folder=folder))
    return folder


def keep() -> int:
    """How many back-ups to keep: `HGS_BACKUP_KEEP`, default 14."""
    return config.backup_keep()


# -- taking a back-up ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Backup:
    """One back-up file, as its manifest describes it."""

    path: Path
    taken: dt.datetime
    size: int  # bytes of the ZIP
    reason: str = ""
    cases: int | None = None
    meetings: int | None = None
    organisations: int | None = None

    @property
    def day(self) -> dt.date:
        return self.taken.date()


def included(relative: PurePosixPath) -> bool:
    """Which files of the data folder go into a back-up: all but locks and half-written
    temporary files."""
    name = relative.name
    if relative.as_posix() in NEVER_BACKED_UP:
        return False
    return not (name.endswith(".lock") or (name.startswith(".") and name.endswith(".tmp")))


def data_files(data_dir: Path) -> Iterator[tuple[Path, PurePosixPath]]:
    for folder, dirs, names in os.walk(data_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            relative = PurePosixPath(path.relative_to(data_dir).as_posix())
            if included(relative) and path.is_file() and not path.is_symlink():
                yield path, relative


def _locks(path: Path) -> list[Path]:
    """The lock files that guard `path` while it is written: `<file>.lock` (cases, network,
    reflections, users) and a folder's hidden `.<name>.lock` (the audit log). Only existing
    ones: a back-up never leaves new lock files behind."""
    own = lock_of(path)
    return [own] * own.exists() + sorted(path.parent.glob(".*.lock"))


def _read_locked(path: Path) -> bytes | None:
    """The file's bytes, read while holding its locks: never halfway through a write."""
    with ExitStack() as stack:
        for lock in _locks(path):
            try:
                stack.enter_context(FileLock(str(lock), timeout=30))
            except Timeout:
                raise StorageError(t("errors.backup.busy", name=path.name)) from None
        try:
            return read_regular(path)
        except FileNotFoundError:  # erased meanwhile
            return None


def count_into(relative: PurePosixPath, raw: bytes, counts: dict[str, int]) -> None:
    parts = relative.parts
    try:
        if parts == (NETWORK,):
            counts["organisations"] += len(json.loads(raw).get("organisations", {}))
        elif len(parts) == 2 and parts[0] == CASES and relative.suffix == ".json":
            counts["cases"] += 1
            counts["meetings"] += len(json.loads(raw).get("meetings", {}))
    except (ValueError, AttributeError):
        pass  # counted as a case without meetings; the check before a restore says more


def stamp(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now()).replace(microsecond=0)


def create_backup(target: Store | str | os.PathLike, reason: str = "handmatig",
                  now: dt.datetime | None = None) -> Backup:
    """A ZIP of the whole data folder in the back-up folder, each file read under its lock; then
    the oldest back-ups beyond `keep()` are removed. A damaged case file is set aside first
    (see TinyDBStore.cases), so the snapshot holds only sound cases."""
    data_dir = data_dir_of(target)
    if data_dir is None:
        raise StorageError(t("errors.backup.postgres"))
    store = TinyDBStore(data_dir) if isinstance(target, (str, os.PathLike)) else target
    store.cases()
    store.organisations()  # a damaged network.json is set aside too
    folder = backup_dir(data_dir)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    taken = stamp(now)
    counts = {"organisations": 0, "cases": 0, "meetings": 0, "files": 0}
    # The folder's lock: an erase rewrites the back-ups under it, so no back-up that was being
    # written while a case was erased can keep that case.
    with folder_locked(folder):
        target_path = _free_name(folder, taken)
        with replacing(target_path, prefix=f".{PREFIX}") as handle, \
                zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path, relative in data_files(data_dir):
                raw = _read_locked(path)
                if raw is None:
                    continue
                zf.writestr(str(relative), raw)
                counts["files"] += 1
                count_into(relative, raw, counts)
            zf.writestr(MANIFEST, json.dumps({
                "format": FORMAT, "schema_version": SCHEMA_VERSION,
                "taken": taken.isoformat(), "reason": reason, "counts": counts},
                ensure_ascii=False, indent=1))
        _rotate(folder)
    return Backup(target_path, taken, target_path.stat().st_size, reason, counts["cases"],
                  counts["meetings"], counts["organisations"])


def folder_locked(folder: Path) -> FileLock:
    return FileLock(str(folder / ".backups.lock"), timeout=300)


def before_change(target: Store | str | os.PathLike, reason: str) -> Backup | None:
    """The back-up taken just before something is removed (a case, an organisation, a user, the
    demo network) or replaced (a restore): the way back. None where HGS has no data folder to
    copy (PostgreSQL: the server's own pg_dump is the way back there); a back-up that fails
    raises, and then nothing may be removed."""
    if data_dir_of(target) is None:
        return None
    return create_backup(target, f"{BEFORE_CHANGE}{reason}")


def _free_name(folder: Path, taken: dt.datetime) -> Path:
    stem = f"{PREFIX}{taken:%Y-%m-%d-%H%M%S}"
    path, n = folder / f"{stem}.zip", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.zip"
    return path


def backup_files(folder: Path) -> list[Path]:
    """Back-up files in `folder`, oldest first (their names carry the moment)."""
    try:
        return sorted((p for p in folder.iterdir() if NAME.match(p.name)),
                      key=lambda p: (NAME.match(p.name).groups(), len(p.name), p.name))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _manifest(zf: zipfile.ZipFile) -> dict:
    """The manifest of an open back-up, read within its bound; {} when it is no object."""
    data = json.loads(read_member(zf, zf.getinfo(MANIFEST), MAX_MANIFEST_BYTES))
    return data if isinstance(data, dict) else {}


def _reason_of(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            return str(_manifest(zf).get("reason", ""))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, AttributeError, EOFError):
        return ""


def rotate(data_dir: str | os.PathLike, keep_last: int | None = None) -> list[Path]:
    """Remove the oldest back-ups beyond the last `keep_last` (default `keep()`); only files
    named like a back-up are ever removed. The back-ups taken before a removal (`before_change`)
    are counted apart from the daily and manual ones, so a morning of removals never pushes the
    days before out. Also clears the temporary files a killed back-up left behind."""
    folder = backup_dir(data_dir)
    with folder_locked(folder):
        return _rotate(folder, keep_last)


def _rotate(folder: Path, keep_last: int | None = None) -> list[Path]:
    """rotate(), for a caller that holds the folder's lock."""
    files = backup_files(folder)
    kinds: dict[bool, list[Path]] = {True: [], False: []}
    for path in files:
        kinds[_reason_of(path).startswith(BEFORE_CHANGE)].append(path)
    removed = [path for group in kinds.values()
               for path in group[:max(0, len(group) - (keep_last or keep()))]]
    for path in removed:
        path.unlink(missing_ok=True)
    clear_stale(folder)
    return removed


def clear_stale(folder: Path) -> int:
    """Under the folder's lock no back-up is being written: every temporary one is left by a
    kill, and holds a copy of the data."""
    stale = list(folder.glob(f".{PREFIX}*.tmp"))
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def list_backups(data_dir: str | os.PathLike) -> list[Backup]:
    """The back-ups of a data folder, newest first."""
    found = []
    for path in reversed(backup_files(backup_dir(data_dir))):
        day, clock = NAME.match(path.name).groups()
        taken = dt.datetime.strptime(f"{day} {clock}", "%Y-%m-%d %H%M%S")
        info: dict = {}
        try:
            with zipfile.ZipFile(path) as zf:
                info = _manifest(zf)
            counts = info.get("counts", {})
            found.append(Backup(path, taken, path.stat().st_size, str(info.get("reason", "")),
                                counts.get("cases"), counts.get("meetings"),
                                counts.get("organisations")))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile, AttributeError, EOFError):
            found.append(Backup(path, taken, path.stat().st_size, "onleesbaar"))
    return found


# -- the daily back-up -----------------------------------------------------------------------------
_daily_guard = threading.Lock()
_daily_done: dict[Path, dt.date] = {}  # per server process: the day a back-up folder was seen


def daily_backup_if_due(target: Store | str | os.PathLike, wait: bool = False,
                        today: dt.date | None = None) -> threading.Thread | None:
    """Take the day's back-up when there is none of today yet, in a background thread (the
    first visitor of the day does not wait); the thread, or None when nothing was due. Never
    raises: a failed back-up is logged, and the Gegevens page shows how old the newest one is."""
    data_dir = data_dir_of(target)
    if data_dir is None:
        return None
    today = today or dt.date.today()
    try:
        folder = backup_dir(data_dir)
    except StorageError as error:
        log.error("no daily back-up: %s", error)
        return None
    with _daily_guard:
        if _daily_done.get(folder) == today:
            return None
    try:
        if not _has_data(data_dir):
            return None  # nothing to keep yet; look again on the next run
        due = _newest_day(folder) != today
    except OSError as error:
        log.error("no daily back-up: %s", error)
        return None
    with _daily_guard:
        if _daily_done.get(folder) == today:  # another session just started it
            return None
        _daily_done[folder] = today
    if not due:
        return None

    def work() -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with FileLock(str(folder / ".daily.lock"), timeout=120):
                if _newest_day(folder) != today:  # another process may have just taken it
                    create_backup(target, "dagelijks")
        except (HGSError, OSError, Timeout) as error:
            log.error("daily back-up of %s failed: %s", data_dir, error)
            with _daily_guard:
                _daily_done.pop(folder, None)  # try again on a later run

    worker = threading.Thread(target=work, name="hgs-daily-backup", daemon=True)
    worker.start()
    if wait:
        worker.join()
    return worker


def _has_data(data_dir: Path) -> bool:
    return (data_dir / NETWORK).exists() or any((data_dir / CASES).glob("*.json"))


def _newest_day(folder: Path) -> dt.date | None:
    files = backup_files(folder)
    if not files:
        return None
    return dt.date.fromisoformat(NAME.match(files[-1].name).group(1))
