"""Erasing a case from every copy HGS made of the data folder: the folders restores kept aside and
every back-up, each rewritten without it.
"""

from __future__ import annotations

import json
import logging
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from hgs.access import joining as live
from hgs.store.backup.bounds import TooLarge, out_of_bounds, read_member
from hgs.store.backup.restoring import STAGING, aside_folders
from hgs.store.backup.taking import (
    MANIFEST,
    PREFIX,
    backup_dir,
    backup_files,
    clear_stale,
    count_into,
    folder_locked,
)
from hgs.store.document import (
    NETWORK,
    NOTE,
    QUARANTINE,
    network_without_case,
)
from hgs.store.files import replacing
from hgs.store.tinydb import TinyDBStore

log = logging.getLogger(__name__)


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
        with folder_locked(target):
            clear_stale(target)
            for path in backup_files(target):
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
                raise TooLarge(path.name)
            members = [(info, read_member(zf, info)) for info in infos if not info.is_dir()]
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
        if relative == NETWORK or relative.startswith(f"{QUARANTINE}/") \
                and not relative.endswith(NOTE):
            scrubbed = network_without_case(raw, case_id, marks)
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
        count_into(PurePosixPath(info.filename), raw, counts)
    manifest = {**manifest, "counts": counts,
                "erased": int(manifest.get("erased", 0) or 0) + 1}
    with replacing(path, prefix=f".{PREFIX}") as handle, \
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for info, raw in kept:
            member = zipfile.ZipInfo(info.filename, info.date_time)
            member.external_attr = info.external_attr
            zf.writestr(member, raw, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return "rewritten"


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
                    and any(m in read_member(zf, info) for m in marks)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
            ValueError):
        return ["?"]
