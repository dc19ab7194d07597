"""Checking a back-up before anything of it is restored: every file opened and read as HGS would
read it, and every problem said in Dutch. Nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from hgs.errors import StorageError, explain
from hgs.i18n import t, tn
from hgs.method.records import SCHEMA_VERSION, Organisation
from hgs.store import reflections as reflection
from hgs.store.backup.bounds import MAX_FILE_BYTES, out_of_bounds, read_member
from hgs.store.backup.taking import FORMAT, MANIFEST, data_files
from hgs.store.document import (
    CASES,
    NETWORK,
    NOTE,
    QUARANTINE,
    is_newer,
    parse_document,
    read_case_file,
)
from hgs.store.files import read_regular


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
            return tn(f"gegevens.summary_{what}", count, **values)

        parts = [counted("organisations", self.organisations),
                 counted("cases", self.cases, meetings=tn("plural.mdos", self.meetings))]
        if self.reflections:
            parts.append(counted("reflections", self.reflections))
        if self.other:
            parts.append(counted("other", self.other))
        if self.quarantined:
            parts.append(t("gegevens.summary_quarantined", count=self.quarantined))
        return ", ".join(parts)


NAME_MAX = 255  # bytes in one file or folder name (ext4 and most others): longer cannot be written


def safe_member(name: str) -> PurePosixPath | None:
    path = PurePosixPath(name)
    if (not name or "\\" in name or "\x00" in name or path.is_absolute() or ":" in path.parts[0]
            or any(part in ("", ".", "..") for part in name.split("/"))
            or any(len(part.encode("utf-8", "surrogatepass")) > NAME_MAX
                   for part in name.split("/"))):
        return None
    return path


def members(source: Path, check: BackupCheck) -> Iterator[tuple[PurePosixPath, bytes]]:
    """(relative path, bytes) of every file of a back-up ZIP or a folder; what cannot be read
    becomes a problem."""
    if source.is_dir():
        for path, relative in data_files(source):
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
                relative = safe_member(info.filename)
                mode = info.external_attr >> 16
                if relative is None or (mode & 0o170000) not in (0, 0o100000):
                    check.problems.append(t("errors.backup.unsafe", path=repr(info.filename)))
                    continue
                if info.file_size > MAX_FILE_BYTES:
                    check.problems.append(t("errors.backup.too_big", path=relative))
                    continue
                try:
                    raw = read_member(zf, info)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
                    check.problems.append(t("errors.backup.damaged_member", path=relative))
                    continue
                yield relative, raw
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        check.problems.append(t("errors.backup.not_zip"))
    except OSError as error:
        check.problems.append(t("errors.backup.unreadable", error=error.strerror or error))


def check_backup(source: str | os.PathLike) -> BackupCheck:
    """Open every file of a back-up (a ZIP, or a folder such as a kept-aside data folder) and
    check it as HGS would read it: every file parses, every schema version is known, every case
    and organisation validates. Nothing is written."""


    source = Path(source)
    check = BackupCheck(source)
    codes: dict[str, str] = {}
    for relative, raw in members(source, check):
        parts, name = relative.parts, relative.name
        try:
            if parts == (MANIFEST,):
                _check_manifest(raw, check)
            elif parts[0] == QUARANTINE:
                check.quarantined += name.endswith(NOTE)
            elif parts == (NETWORK,):
                check.organisations += check_network(raw)
            elif parts[0] == CASES:
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


def check_network(raw: bytes) -> int:
    data = parse_document(NETWORK, raw)
    if is_newer(data):
        raise StorageError(t("errors.backup.from_newer"))
    organisations = [Organisation.model_validate(doc)
                     for doc in data.get("organisations", {}).values()]
    if any(set(doc) != {"name", "value"} or not isinstance(doc["name"], str)
           for doc in data.get("settings", {}).values()):
        raise StorageError(t("errors.backup.bad_setting"))
    return len(organisations)
