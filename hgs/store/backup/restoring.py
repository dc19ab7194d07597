"""Restoring a back-up: checked first, unpacked beside the data folder, and swapped in while the
current data is kept aside whole, so a restore can itself be undone.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from filelock import FileLock
from pydantic import ValidationError

from hgs.access import joining as live
from hgs.access import readlinks
from hgs.access.sessions import SECRET_FILE
from hgs.access.throttle import FILE as THROTTLE_FILE
from hgs.errors import InvalidInput, StorageError, explain
from hgs.i18n import t
from hgs.method.records import Organisation
from hgs.store.backup.bounds import out_of_bounds, read_member
from hgs.store.backup.checking import BackupCheck, check_backup, check_network, members, safe_member
from hgs.store.backup.taking import MANIFEST, included, stamp
from hgs.store.document import (
    CASES,
    NETWORK,
    lock_of,
    parse_document,
)
from hgs.store.tinydb import TinyDBStore

# A restore never rewinds who may sign in or the record of who did what: these stay as they are.
# The secret that signs sign-in cookies never goes into a back-up (a leaked back-up must not
# let anyone make cookies) and stays as it is, so nobody is signed out by a restore; nor does a
# restore rewind the sign-in counts (a guesser would get a fresh start).
KEPT_ON_RESTORE = ("users.json", "audit", SECRET_FILE, THROTTLE_FILE)
ASIDE = "-voor-herstel-"  # <data dir>-voor-herstel-<timestamp>: the data a restore replaced
STAGING = "-herstel-"  # .<data dir>-herstel-<timestamp>: a restore being unpacked (or killed)


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
    moment = f"{stamp(now):%Y-%m-%d-%H%M%S}"
    staging = data.parent / f".{data.name}{STAGING}{moment}"
    aside = data.parent / f"{data.name}{ASIDE}{moment}"
    n = 1
    while aside.exists() or staging.exists():
        n += 1
        staging = data.parent / f".{data.name}{STAGING}{moment}-{n}"
        aside = data.parent / f"{data.name}{ASIDE}{moment}-{n}"
    try:
        _unpack(source, staging)
        (staging / CASES).mkdir(exist_ok=True)
        # A link closed after the back-up was taken must not open again: every one is closed
        # (the chair opens the meeting again, with a new link).
        live.close_all(TinyDBStore(staging))
        readlinks.stop_all(TinyDBStore(staging))  # the same for the parents' lees-links
        _keep_current(data, staging)
        staging.chmod(data.stat().st_mode & 0o777 if data.exists() else 0o700)
        # The network file's lock keeps organisations and settings still during the swap; a
        # case save in the same instant fails with a message and is simply done again.
        lock = lock_of(data / NETWORK)
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
        return not included(PurePosixPath(name)) or not path.is_file()

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
            relative = safe_member(info.filename)
            if info.is_dir() or relative is None or relative.parts == (MANIFEST,):
                continue
            target = staging.joinpath(*relative.parts)
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # as atomic_write
            with os.fdopen(fd, "wb") as dst:
                dst.write(read_member(zf, info))
                dst.flush()
                os.fsync(dst.fileno())


def restore_network(source: str | os.PathLike, store: TinyDBStore) -> tuple[int, int]:
    """Put back the organisations and settings of a back-up's network.json that the current
    network lacks (after network.json was set aside as damaged); what is there now stays.
    Returns (organisations, settings) added."""
    source = Path(source)
    check = BackupCheck(source)
    raw = next((raw for relative, raw in members(source, check)
                if relative.parts == (NETWORK,)), None)
    if check.problems or raw is None:
        raise InvalidInput(t("errors.backup.no_network"))
    try:
        check_network(raw)
    except (StorageError, ValidationError) as error:
        raise InvalidInput(t("errors.backup.network_unusable", problem=error if isinstance(
            error, StorageError) else explain(error))) from None
    data = parse_document(NETWORK, raw)
    have = {o.id for o in store.organisations()}
    added = [store.save_organisation(Organisation.model_validate(doc))
             for doc in data.get("organisations", {}).values() if doc.get("id") not in have]
    settings = store.settings()
    missing = [doc for doc in data.get("settings", {}).values() if doc["name"] not in settings]
    for doc in missing:
        store.set_setting(doc["name"], doc["value"])
    return len(added), len(missing)
