"""Back-ups of a data folder: rotating ZIP snapshots, daily and on demand, checked before a
restore that keeps the current data aside."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from filelock import FileLock, Timeout
from pydantic import ValidationError

from hgs import config
from hgs.access import joining as live
from hgs.errors import HGSError, InvalidInput, StorageError, explain
from hgs.i18n import t
from hgs.method.records import SCHEMA_VERSION, Organisation
from hgs.access.sessions import SECRET_FILE
from hgs.access.throttle import FILE as THROTTLE_FILE
from hgs.store import (NOTE, QUARANTINE, Store, TinyDBStore, parse_document, read_case_file,
                       read_regular, schema_of, without_case_settings)

log = logging.getLogger(__name__)

FORMAT = "hgs-backup"
MANIFEST = "hgs-backup.json"  # inside the ZIP, beside the data folder's own files
PREFIX = "hgs-backup-"
NAME = re.compile(r"^hgs-backup-(\d{4}-\d{2}-\d{2})-(\d{6})(?:-\d+)?\.zip$")
ASIDE = "-voor-herstel-"  # <data dir>-voor-herstel-<timestamp>: the data a restore replaced
# A restore never rewinds who may sign in or the record of who did what: these stay as they are.
# The secret that signs sign-in cookies never goes into a back-up (a leaked back-up must not
# let anyone make cookies) and stays as it is, so nobody is signed out by a restore; nor does a
# restore rewind the sign-in counts (a guesser would get a fresh start).
KEPT_ON_RESTORE = ("users.json", "audit", SECRET_FILE, THROTTLE_FILE)
NEVER_BACKED_UP = frozenset({SECRET_FILE})
BEFORE_CHANGE = "voor "  # the reason of a back-up taken before a removal starts so ("voor wissen")
STAGING = "-herstel-"  # .<data dir>-herstel-<timestamp>: a restore being unpacked (or killed)
# Bounds a back-up must keep before anything of it is unpacked (against a zip bomb). A real one
# is far inside them: a case file is tens of kilobytes, 2,000 cases about 60 MB, and HGS's JSON
# packs about 5 to 1 (tests/test_backup.py measures it).
MAX_FILE_BYTES = 100_000_000  # one file, unpacked
MAX_TOTAL_BYTES = 2_000_000_000  # all files together, unpacked
MAX_RATIO = 100  # unpacked ÷ packed, for a file over RATIO_FROM and for the whole archive
RATIO_FROM = 1_000_000
MAX_MANIFEST_BYTES = 1_000_000
CHUNK = 1 << 20


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


def _included(relative: PurePosixPath) -> bool:
    """Which files of the data folder go into a back-up: all but locks and half-written
    temporary files."""
    name = relative.name
    if relative.as_posix() in NEVER_BACKED_UP:
        return False
    return not (name.endswith(".lock") or (name.startswith(".") and name.endswith(".tmp")))


def _files(data_dir: Path) -> Iterator[tuple[Path, PurePosixPath]]:
    for folder, dirs, names in os.walk(data_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            relative = PurePosixPath(path.relative_to(data_dir).as_posix())
            if _included(relative) and path.is_file() and not path.is_symlink():
                yield path, relative


def _locks(path: Path) -> list[Path]:
    """The lock files that guard `path` while it is written: `<file>.lock` (cases, network,
    reflections, users) and a folder's hidden `.<name>.lock` (the audit log). Only existing
    ones: a back-up never leaves new lock files behind."""
    own = Path(str(path) + ".lock")
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


def _counts(relative: PurePosixPath, raw: bytes, counts: dict[str, int]) -> None:
    parts = relative.parts
    try:
        if parts == ("network.json",):
            counts["organisations"] += len(json.loads(raw).get("organisations", {}))
        elif len(parts) == 2 and parts[0] == "cases" and relative.suffix == ".json":
            counts["cases"] += 1
            counts["meetings"] += len(json.loads(raw).get("meetings", {}))
    except (ValueError, AttributeError):
        pass  # counted as a case without meetings; the check before a restore says more


def _stamp(now: dt.datetime | None) -> dt.datetime:
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
    taken = _stamp(now)
    counts = {"organisations": 0, "cases": 0, "meetings": 0, "files": 0}
    # The folder's lock: an erase rewrites the back-ups under it, so no back-up that was being
    # written while a case was erased can keep that case.
    with _folder_locked(folder):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{PREFIX}", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                    for path, relative in _files(data_dir):
                        raw = _read_locked(path)
                        if raw is None:
                            continue
                        zf.writestr(str(relative), raw)
                        counts["files"] += 1
                        _counts(relative, raw, counts)
                    zf.writestr(MANIFEST, json.dumps({
                        "format": FORMAT, "schema_version": SCHEMA_VERSION,
                        "taken": taken.isoformat(), "reason": reason, "counts": counts},
                        ensure_ascii=False, indent=1))
                handle.flush()
                os.fsync(handle.fileno())
            target_path = _free_name(folder, taken)
            os.replace(tmp, target_path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _rotate(folder)
    return Backup(target_path, taken, target_path.stat().st_size, reason, counts["cases"],
                  counts["meetings"], counts["organisations"])


def _folder_locked(folder: Path) -> FileLock:
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


def _backup_files(folder: Path) -> list[Path]:
    """Back-up files in `folder`, oldest first (their names carry the moment)."""
    try:
        return sorted((p for p in folder.iterdir() if NAME.match(p.name)),
                      key=lambda p: (NAME.match(p.name).groups(), len(p.name), p.name))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _manifest(zf: zipfile.ZipFile) -> dict:
    """The manifest of an open back-up, read within its bound; {} when it is no object."""
    data = json.loads(_read_member(zf, zf.getinfo(MANIFEST), MAX_MANIFEST_BYTES))
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
    with _folder_locked(folder):
        return _rotate(folder, keep_last)


def _rotate(folder: Path, keep_last: int | None = None) -> list[Path]:
    """rotate(), for a caller that holds the folder's lock."""
    files = _backup_files(folder)
    kinds: dict[bool, list[Path]] = {True: [], False: []}
    for path in files:
        kinds[_reason_of(path).startswith(BEFORE_CHANGE)].append(path)
    removed = [path for group in kinds.values()
               for path in group[:max(0, len(group) - (keep_last or keep()))]]
    for path in removed:
        path.unlink(missing_ok=True)
    _clear_stale(folder)
    return removed


def _clear_stale(folder: Path) -> int:
    """Under the folder's lock no back-up is being written: every temporary one is left by a
    kill, and holds a copy of the data."""
    stale = list(folder.glob(f".{PREFIX}*.tmp"))
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def list_backups(data_dir: str | os.PathLike) -> list[Backup]:
    """The back-ups of a data folder, newest first."""
    found = []
    for path in reversed(_backup_files(backup_dir(data_dir))):
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
    return (data_dir / "network.json").exists() or any((data_dir / "cases").glob("*.json"))


def _newest_day(folder: Path) -> dt.date | None:
    files = _backup_files(folder)
    if not files:
        return None
    return dt.date.fromisoformat(NAME.match(files[-1].name).group(1))


# -- checking a back-up --------------------------------------------------------------------------
@dataclass
class BackupCheck:
    """What a back-up (or a kept-aside folder) holds, and what is wrong with it."""

    source: Path
    taken: dt.datetime | None = None
    organisations: int = 0
    cases: int = 0
    meetings: int = 0
    reflections: int = 0
    quarantined: int = 0
    other: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """In the session's language, e.g. "3 organisaties, 40 casussen met 200 MDO's, 2
        reflecties" ([gegevens] summary_… in the catalogues)."""
        def counted(what: str, count: int, **values) -> str:
            form = "one" if count == 1 else "other"
            return t(f"gegevens.summary_{what}_{form}", count=count, **values)

        parts = [counted("organisations", self.organisations),
                 counted("cases", self.cases, meetings=self.meetings)]
        if self.reflections:
            parts.append(counted("reflections", self.reflections))
        if self.other:
            parts.append(counted("other", self.other))
        if self.quarantined:
            parts.append(t("gegevens.summary_quarantined", count=self.quarantined))
        return ", ".join(parts)


def _safe_member(name: str) -> PurePosixPath | None:
    path = PurePosixPath(name)
    if (not name or "\\" in name or "\x00" in name or path.is_absolute() or ":" in path.parts[0]
            or any(part in ("", ".", "..") for part in name.split("/"))):
        return None
    return path


def _members(source: Path, check: BackupCheck) -> Iterator[tuple[PurePosixPath, bytes]]:
    """(relative path, bytes) of every file of a back-up ZIP or a folder; what cannot be read
    becomes a problem."""
    if source.is_dir():
        for path, relative in _files(source):
            try:
                yield relative, read_regular(path)
            except OSError as error:
                check.problems.append(t("errors.backup.unreadable_file", path=relative,
                                               error=error.strerror or error))
        return
    try:
        with zipfile.ZipFile(source) as zf:
            infos = zf.infolist()
            names = {info.filename for info in infos}
            if MANIFEST not in names:
                check.problems.append(t("errors.backup.no_manifest", manifest=MANIFEST))
                return
            if problem := out_of_bounds(infos, source.stat().st_size):
                check.problems.append(problem)
                return
            seen: set[str] = set()
            for info in infos:
                if info.is_dir():
                    continue
                if info.filename in seen:
                    check.problems.append(t("errors.backup.twice", path=info.filename))
                    continue
                seen.add(info.filename)
                relative = _safe_member(info.filename)
                mode = info.external_attr >> 16
                if relative is None or (mode & 0o170000) not in (0, 0o100000):
                    check.problems.append(t("errors.backup.unsafe", path=repr(info.filename)))
                    continue
                if info.file_size > MAX_FILE_BYTES:
                    check.problems.append(t("errors.backup.too_big", path=relative))
                    continue
                try:
                    raw = _read_member(zf, info)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
                    check.problems.append(t("errors.backup.damaged_member", path=relative))
                    continue
                yield relative, raw
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        check.problems.append(t("errors.backup.not_zip"))
    except OSError as error:
        check.problems.append(t("errors.backup.unreadable", error=error.strerror or error))


class _TooLarge(ValueError):
    """A member (or a whole back-up) larger than its bounds or its own entry: never unpacked."""


def out_of_bounds(infos: list[zipfile.ZipInfo], archive_size: int) -> str | None:
    """Why a ZIP's own directory already rules it out (a zip bomb), or None: every bound is
    checked on the sizes it declares, before one byte is unpacked."""
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if packed > archive_size:  # sizes made up to look harmless
        return t("errors.backup_bounds.sizes_made_up")
    if unpacked > MAX_TOTAL_BYTES:
        return t("errors.backup.too_big_unpacked", megabytes=MAX_TOTAL_BYTES // 1_000_000)
    for info in infos:
        if info.file_size > MAX_FILE_BYTES:
            return t("errors.backup_bounds.file_too_big", path=info.filename,
                     megabytes=MAX_FILE_BYTES // 1_000_000)
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return t("errors.backup_bounds.ratio", path=info.filename, ratio=MAX_RATIO)
    if unpacked > 10 * RATIO_FROM and unpacked > MAX_RATIO * max(packed, 1):
        return t("errors.backup_bounds.ratio_all", ratio=MAX_RATIO)
    return None


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_FILE_BYTES) -> bytes:
    """A member's bytes, read in chunks and stopped as soon as they pass what its entry
    declares (or `limit`): a member larger than it says is damaged, never unpacked whole."""
    bound = min(info.file_size, limit)
    if info.file_size > limit:
        raise _TooLarge(info.filename)
    chunks, size = [], 0
    with zf.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > bound:
                raise _TooLarge(info.filename)  # more than its entry declares: damaged
            chunks.append(chunk)
    return b"".join(chunks)


def check_backup(source: str | os.PathLike) -> BackupCheck:
    """Open every file of a back-up (a ZIP, or a folder such as a kept-aside data folder) and
    check it as HGS would read it: every file parses, every schema version is known, every case
    and organisation validates. Nothing is written."""
    from hgs.store import reflections as reflection

    source = Path(source)
    check = BackupCheck(source)
    codes: dict[str, str] = {}
    for relative, raw in _members(source, check):
        parts, name = relative.parts, relative.name
        try:
            if parts == (MANIFEST,):
                _check_manifest(raw, check)
            elif parts[0] == QUARANTINE:
                check.quarantined += name.endswith(".reden.txt")
            elif parts == ("network.json",):
                check.organisations += _check_network(raw)
            elif parts[0] == "cases":
                if len(parts) != 2:
                    raise StorageError(t("errors.backup.not_in_cases", name=relative))
                case, meetings = read_case_file(name, raw)
                if case.code in codes:
                    raise StorageError(t("errors.backup.same_code", name=name, code=case.code,
                                         other=codes[case.code]))
                codes[case.code] = name
                check.cases += 1
                check.meetings += len(meetings)
            elif parts[0] == reflection.FOLDER and name.endswith(".json"):
                data = parse_json(name, raw)
                if not isinstance(data, dict) or \
                        data.get("schema_version", 0) > reflection.SCHEMA_VERSION:
                    raise StorageError(t("errors.store.newer", name=name))
                reflection.Reflection.model_validate(data)
                check.reflections += 1
            else:
                if name.endswith(".json"):
                    parse_json(name, raw)
                elif name.endswith(".jsonl"):
                    for line in raw.splitlines():
                        if line.strip():
                            parse_json(name, line)
                check.other += 1
        except StorageError as error:
            check.problems.append(f"{relative}: {_without_name(str(error), name)}")
        except ValidationError as error:
            check.problems.append(t("errors.backup.invalid", path=relative, problem=explain(error)))
    if source.is_dir() and check.taken is None:
        check.taken = dt.datetime.fromtimestamp(source.stat().st_mtime).replace(microsecond=0)
    return check


def parse_json(name: str, raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise StorageError(t("errors.backup.not_text", name=name)) from None
    except (ValueError, RecursionError):
        raise StorageError(t("errors.backup.not_json", name=name)) from None


def _without_name(message: str, name: str) -> str:
    """"Het bestand x.json is beschadigd" -> "is beschadigd": the path is already in front."""
    for lead in (t("errors.store.the_file", name=name) + " ", f"{name} "):
        if message.startswith(lead):
            return message[len(lead):]
    return message


def _check_manifest(raw: bytes, check: BackupCheck) -> None:
    data = parse_json(MANIFEST, raw)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StorageError(t("errors.backup.not_a_backup"))
    version = data.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise StorageError(t("errors.backup.backup_newer"))
    try:
        check.taken = dt.datetime.fromisoformat(str(data.get("taken")))
    except ValueError:
        raise StorageError(t("errors.backup.bad_time")) from None


def _check_network(raw: bytes) -> int:
    data = parse_document("network.json", raw)
    if schema_of(data) > SCHEMA_VERSION:
        raise StorageError(t("errors.backup.from_newer"))
    organisations = [Organisation.model_validate(doc)
                     for doc in data.get("organisations", {}).values()]
    if any(set(doc) != {"name", "value"} or not isinstance(doc["name"], str)
           for doc in data.get("settings", {}).values()):
        raise StorageError(t("errors.backup.bad_setting"))
    return len(organisations)


# -- restoring -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Restored:
    check: BackupCheck
    aside: Path | None  # where the data from before the restore now is (None: there was none)


def aside_folders(data_dir: str | os.PathLike) -> list[Path]:
    """The data folders earlier restores kept aside, newest first."""
    data = Path(data_dir).resolve()
    return sorted(data.parent.glob(f"{data.name}{ASIDE}*"), reverse=True)


def restore(source: str | os.PathLike, data_dir: str | os.PathLike,
            now: dt.datetime | None = None) -> Restored:
    """Put a back-up (a ZIP, or a kept-aside folder to undo a restore) back as the data folder.
    It is checked first and refused with the problems in Dutch if anything is wrong. The
    current data folder is moved aside whole to `<data dir>-voor-herstel-<moment>`, so the
    restore can be undone by restoring that folder. The users file and the audit log
    (KEPT_ON_RESTORE) stay as they are now."""
    source, data = Path(source).resolve(), Path(data_dir).resolve()
    if source == data or data in source.parents:
        raise InvalidInput(t("errors.backup.data_folder_itself"))
    check = check_backup(source)
    if not check.ok:
        shown = check.problems[:5] + ([t("errors.backup.more_problems",
                                         count=len(check.problems) - 5)]
                                      if len(check.problems) > 5 else [])
        raise InvalidInput(t("errors.backup.refused", problems="; ".join(shown)))
    moment = f"{_stamp(now):%Y-%m-%d-%H%M%S}"
    staging = data.parent / f".{data.name}-herstel-{moment}"
    aside = data.parent / f"{data.name}{ASIDE}{moment}"
    n = 1
    while aside.exists() or staging.exists():
        n += 1
        staging = data.parent / f".{data.name}-herstel-{moment}-{n}"
        aside = data.parent / f"{data.name}{ASIDE}{moment}-{n}"
    try:
        _unpack(source, staging)
        (staging / "cases").mkdir(exist_ok=True)
        # A link closed after the back-up was taken must not open again: every one is closed
        # (the chair opens the meeting again, with a new link).
        live.close_all(TinyDBStore(staging))
        _keep_current(data, staging)
        staging.chmod(data.stat().st_mode & 0o777 if data.exists() else 0o700)
        # The network file's lock keeps organisations and settings still during the swap; a
        # case save in the same instant fails with a message and is simply done again.
        lock = data / "network.json.lock"
        with FileLock(str(lock), timeout=30) if lock.exists() else ExitStack():
            if data.exists():
                os.rename(data, aside)
            try:
                os.rename(staging, data)
            except OSError:
                if aside.exists():
                    os.rename(aside, data)
                raise
    except OSError as error:
        raise StorageError(t("errors.backup.restore_failed",
                             error=error.strerror or error)) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Restored(check, aside if aside.exists() else None)


def _keep_current(data: Path, staging: Path) -> None:
    for name in KEPT_ON_RESTORE:
        now, restored = data / name, staging / name
        if restored.is_dir():
            shutil.rmtree(restored)
        else:
            restored.unlink(missing_ok=True)
        if now.is_dir():
            shutil.copytree(now, restored, ignore=_not_copied)
        elif now.is_file():
            shutil.copy2(now, restored)


def _not_copied(folder: str, names: list[str]) -> list[str]:
    """What a copy of a folder leaves out: locks, temporary files, links and special files
    (copying a named pipe would wait on it forever)."""
    def left_out(name: str) -> bool:
        path = Path(folder, name)
        if path.is_symlink():
            return True
        if path.is_dir():
            return False
        return not _included(PurePosixPath(name)) or not path.is_file()

    return [name for name in names if left_out(name)]


def _unpack(source: Path, staging: Path) -> None:
    staging.mkdir(mode=0o700)
    if source.is_dir():
        shutil.copytree(source, staging, dirs_exist_ok=True, ignore=_not_copied)
        return
    with zipfile.ZipFile(source) as zf:
        infos = zf.infolist()
        if problem := out_of_bounds(infos, source.stat().st_size):  # checked, and again here
            raise InvalidInput(problem)
        for info in infos:
            relative = _safe_member(info.filename)
            if info.is_dir() or relative is None or relative.parts == (MANIFEST,):
                continue
            target = staging.joinpath(*relative.parts)
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # as atomic_write
            with os.fdopen(fd, "wb") as dst:
                dst.write(_read_member(zf, info))
                dst.flush()
                os.fsync(dst.fileno())


def restore_network(source: str | os.PathLike, store: TinyDBStore) -> tuple[int, int]:
    """Put back the organisations and settings of a back-up's network.json that the current
    network lacks (after network.json was set aside as damaged); what is there now stays.
    Returns (organisations, settings) added."""
    source = Path(source)
    check = BackupCheck(source)
    raw = next((raw for relative, raw in _members(source, check)
                if relative.parts == ("network.json",)), None)
    if check.problems or raw is None:
        raise InvalidInput(t("errors.backup.no_network"))
    try:
        _check_network(raw)
    except (StorageError, ValidationError) as error:
        raise InvalidInput(t("errors.backup.network_unusable", problem=error if isinstance(
            error, StorageError) else explain(error))) from None
    data = parse_document("network.json", raw)
    have = {o.id for o in store.organisations()}
    added = [store.save_organisation(Organisation.model_validate(doc))
             for doc in data.get("organisations", {}).values() if doc.get("id") not in have]
    settings = store.settings()
    missing = [doc for doc in data.get("settings", {}).values() if doc["name"] not in settings]
    for doc in missing:
        store.set_setting(doc["name"], doc["value"])
    return len(added), len(missing)


# -- erasing a case from every copy --------------------------------------------------------------
@dataclass(frozen=True)
class Erased:
    """Where erase found the case outside the data folder."""

    folders: int = 0  # set-aside (or half-restored) data folders it was erased from
    backups: int = 0  # back-ups rewritten without it
    removed_backups: int = 0  # back-ups that could not be read whole, removed (they may hold it)


def staging_folders(data_dir: str | os.PathLike) -> list[Path]:
    """The folders a restore was unpacking into when it was stopped (a kill); a finished or
    refused restore removes its own."""
    data = Path(data_dir).resolve()
    return sorted(p for p in data.parent.glob(f".{data.name}{STAGING}*") if p.is_dir())


def erase_from_copies(data_dir: str | os.PathLike, case_id: str, code: str) -> Erased:
    """The case out of every copy of the data folder HGS made: the folders earlier restores
    set aside and those a stopped restore left (each keeps its check passing), and every
    back-up, each rewritten without the case's file, its copies in quarantine and its join
    links, with the manifest's counts to match. A back-up that cannot be read whole is removed:
    no restore would take it, and it may hold the case. Run after the case left the data folder
    itself (TinyDBStore.erase_case)."""
    folders = 0
    for folder in [*aside_folders(data_dir), *staging_folders(data_dir)]:
        store = TinyDBStore(folder)
        live.forget_case(store, case_id)
        store.erase_case(case_id)
        folders += 1
    target = backup_dir(data_dir)
    rewritten = removed = 0
    if target.is_dir():
        with _folder_locked(target):
            _clear_stale(target)
            for path in _backup_files(target):
                outcome = _rewrite_without(path, case_id, code)
                rewritten += outcome == "rewritten"
                removed += outcome == "removed"
    return Erased(folders, rewritten, removed)


def _rewrite_without(path: Path, case_id: str, code: str) -> str:
    """One back-up without the case: "rewritten", "unchanged" (it never held it) or "removed"
    (it could not be read whole). The new ZIP is written beside it and moved over it."""
    marks = [case_id.encode(), code.encode()]
    case_member = f"cases/{case_id}.json"
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if out_of_bounds(infos, path.stat().st_size):
                raise _TooLarge(path.name)
            members = [(info, _read_member(zf, info)) for info in infos if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
            ValueError, KeyError) as error:
        log.warning("back-up %s cannot be read whole (%s): removed, as it may hold an erased "
                    "case", path.name, error)
        path.unlink(missing_ok=True)
        return "removed"
    kept: list[tuple[zipfile.ZipInfo, bytes]] = []
    manifest: dict = {}
    dropped_aside: set[str] = set()
    changed = False
    for info, raw in members:
        relative = info.filename
        if relative == MANIFEST:
            try:
                manifest = json.loads(raw)
            except ValueError:
                manifest = {}
            continue
        if relative == case_member:
            changed = True
            continue
        if relative.startswith("audit/") or not any(m in raw for m in marks):
            kept.append((info, raw))
            continue
        if relative == "network.json" or relative.startswith(f"{QUARANTINE}/") \
                and not relative.endswith(NOTE):
            scrubbed = _network_without(raw, case_id, marks)
            if scrubbed is not None:
                kept.append((info, scrubbed))
                changed = True
                continue
        if relative.startswith(f"{QUARANTINE}/"):  # a copy set aside, or its note: both go
            dropped_aside.add(relative.removesuffix(NOTE))
            changed = True
            continue
        kept.append((info, raw))  # another child's file that happens to mention it: theirs
    kept = [(info, raw) for info, raw in kept
            if info.filename.removesuffix(NOTE) not in dropped_aside]
    if not changed:
        return "unchanged"
    counts = {"organisations": 0, "cases": 0, "meetings": 0, "files": 0}
    for info, raw in kept:
        counts["files"] += 1
        _counts(PurePosixPath(info.filename), raw, counts)
    manifest = {**manifest, "counts": counts,
                "erased": int(manifest.get("erased", 0) or 0) + 1}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{PREFIX}", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for info, raw in kept:
                    member = zipfile.ZipInfo(info.filename, info.date_time)
                    member.external_attr = info.external_attr
                    zf.writestr(member, raw, compress_type=zipfile.ZIP_DEFLATED)
                zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return "rewritten"


def _network_without(raw: bytes, case_id: str, marks: list[bytes]) -> bytes | None:
    """A network document (network.json, or one set aside) without its links to the case; None
    when it is no such document or still names the case after that."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not without_case_settings(data, case_id):
        return None
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return None if any(m in out for m in marks) else out


def members_naming(path: Path, marks: list[bytes]) -> list[str]:
    """The members of a back-up ZIP (audit logs left out) whose bytes hold one of `marks`; a
    back-up that cannot be read whole counts as holding them ("?")."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if out_of_bounds(infos, path.stat().st_size):
                return ["?"]
            return [info.filename for info in infos
                    if not info.filename.startswith("audit/") and not info.is_dir()
                    and any(m in _read_member(zf, info) for m in marks)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
            ValueError):
        return ["?"]
