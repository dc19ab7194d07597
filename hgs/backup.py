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

from hgs.errors import HGSError, InvalidInput, StorageError, explain
from hgs.i18n import t
from hgs.model import SCHEMA_VERSION, Organisation
from hgs.sessions import SECRET_FILE
from hgs.store import (QUARANTINE, Store, TinyDBStore, parse_document, read_case_file,
                       schema_of)

log = logging.getLogger(__name__)

FORMAT = "hgs-backup"
MANIFEST = "hgs-backup.json"  # inside the ZIP, beside the data folder's own files
PREFIX = "hgs-backup-"
NAME = re.compile(r"^hgs-backup-(\d{4}-\d{2}-\d{2})-(\d{6})(?:-\d+)?\.zip$")
ASIDE = "-voor-herstel-"  # <data dir>-voor-herstel-<timestamp>: the data a restore replaced
# A restore never rewinds who may sign in or the record of who did what: these stay as they are.
# The secret that signs sign-in cookies never goes into a back-up (a leaked back-up must not
# let anyone make cookies) and stays as it is, so nobody is signed out by a restore.
KEPT_ON_RESTORE = ("users.json", "audit", SECRET_FILE)
NEVER_BACKED_UP = frozenset({SECRET_FILE})
DEFAULT_KEEP = 14
BEFORE_CHANGE = "voor "  # the reason of a back-up taken before a removal starts so ("voor wissen")
MAX_FILE_BYTES = 1_000_000_000  # a single file in a back-up; guards against a zip bomb
MAX_TOTAL_BYTES = 20_000_000_000


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
    chosen = os.environ.get("HGS_BACKUP_DIR", "").strip()
    folder = Path(chosen).expanduser().resolve() if chosen else \
        data.parent / f"{data.name}-backups"
    if folder == data or data in folder.parents:
        raise StorageError(t("errors.backup.inside_data_folder", folder=folder))
    return folder


def keep() -> int:
    """How many back-ups to keep: `HGS_BACKUP_KEEP`, default 14."""
    try:
        return max(1, int(os.environ.get("HGS_BACKUP_KEEP", DEFAULT_KEEP)))
    except ValueError:
        log.warning("HGS_BACKUP_KEEP is not a number; keeping %d", DEFAULT_KEEP)
        return DEFAULT_KEEP


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
            return path.read_bytes()
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
    rotate(data_dir)
    return Backup(target_path, taken, target_path.stat().st_size, reason, counts["cases"],
                  counts["meetings"], counts["organisations"])


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


def _reason_of(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            return str(json.loads(zf.read(MANIFEST)).get("reason", ""))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, AttributeError):
        return ""


def rotate(data_dir: str | os.PathLike, keep_last: int | None = None) -> list[Path]:
    """Remove the oldest back-ups beyond the last `keep_last` (default `keep()`); only files
    named like a back-up are ever removed. The back-ups taken before a removal (`before_change`)
    are counted apart from the daily and manual ones, so a morning of removals never pushes the
    days before out. Also clears temporary files a crash left behind."""
    folder = backup_dir(data_dir)
    files = _backup_files(folder)
    kinds: dict[bool, list[Path]] = {True: [], False: []}
    for path in files:
        kinds[_reason_of(path).startswith(BEFORE_CHANGE)].append(path)
    removed = [path for group in kinds.values()
               for path in group[:max(0, len(group) - (keep_last or keep()))]]
    for path in removed:
        path.unlink(missing_ok=True)
    hour_ago = dt.datetime.now().timestamp() - 3600
    for stale in folder.glob(f".{PREFIX}*.tmp"):
        if stale.stat().st_mtime < hour_ago:
            stale.unlink(missing_ok=True)
    return removed


def list_backups(data_dir: str | os.PathLike) -> list[Backup]:
    """The back-ups of a data folder, newest first."""
    found = []
    for path in reversed(_backup_files(backup_dir(data_dir))):
        day, clock = NAME.match(path.name).groups()
        taken = dt.datetime.strptime(f"{day} {clock}", "%Y-%m-%d %H%M%S")
        info: dict = {}
        try:
            with zipfile.ZipFile(path) as zf:
                info = json.loads(zf.read(MANIFEST))
            counts = info.get("counts", {})
            found.append(Backup(path, taken, path.stat().st_size, str(info.get("reason", "")),
                                counts.get("cases"), counts.get("meetings"),
                                counts.get("organisations")))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile, AttributeError):
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
                yield relative, path.read_bytes()
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
            if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
                check.problems.append(t("errors.backup.too_big_unpacked"))
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
                    yield relative, zf.read(info)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
                    check.problems.append(t("errors.backup.damaged_member", path=relative))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        check.problems.append(t("errors.backup.not_zip"))
    except OSError as error:
        check.problems.append(t("errors.backup.unreadable", error=error.strerror or error))


def check_backup(source: str | os.PathLike) -> BackupCheck:
    """Open every file of a back-up (a ZIP, or a folder such as a kept-aside data folder) and
    check it as HGS would read it: every file parses, every schema version is known, every case
    and organisation validates. Nothing is written."""
    from hgs import reflection

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
            shutil.copytree(now, restored, ignore=shutil.ignore_patterns("*.lock", ".*.tmp"))
        elif now.is_file():
            shutil.copy2(now, restored)


def _unpack(source: Path, staging: Path) -> None:
    staging.mkdir(mode=0o700)
    if source.is_dir():
        shutil.copytree(source, staging, dirs_exist_ok=True,
                        ignore=lambda folder, names: [n for n in names if not _included(
                            PurePosixPath(n)) or Path(folder, n).is_symlink()])
        return
    with zipfile.ZipFile(source) as zf:
        for info in zf.infolist():
            relative = _safe_member(info.filename)
            if info.is_dir() or relative is None or relative.parts == (MANIFEST,):
                continue
            target = staging.joinpath(*relative.parts)
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # as atomic_write
            with zf.open(info) as src, os.fdopen(fd, "wb") as dst:
                shutil.copyfileobj(src, dst)
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
