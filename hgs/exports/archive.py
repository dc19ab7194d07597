"""A whole case as one ZIP — its data as re-importable JSON and the verslag of every meeting —
the strict re-import of such a ZIP, and erasing a case with every copy HGS made of it."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from hgs.access import audit
from hgs.access import joining as live
from hgs.errors import HGSError, InvalidInput, explain
from hgs.exports import contents
from hgs.exports import verslag as report
from hgs.i18n import t
from hgs.method import cases
from hgs.method.records import SCHEMA_VERSION, Case, Meeting, Organisation, Record
from hgs.store import SAFE_ID, Store, backup, read_regular

log = logging.getLogger(__name__)

ARCHIVE_FORMAT = "hgs-casus"
DATA_NAME = "casus.json"
REPORTS_DIR = "verslagen"
MAX_DATA_BYTES = 50_000_000  # far above any real case; guards against a zip bomb
README_TEXT = """\
Export van een casus uit HGS (handelingsgericht samenwerken in een MDO)

casus.json   alle gegevens van de casus en haar MDO's; HGS kan dit bestand weer inlezen
verslagen/   het verslag van elk MDO (versie voor het team) als PDF en als Word-bestand

Dit zijn vertrouwelijke gegevens over een kind. Bewaar en deel ze zoals elk ander
vertrouwelijk leerlingdossier, en verwijder ze als ze niet meer nodig zijn.
"""


class CaseArchive(Record):
    """The JSON inside the ZIP: everything needed to put the case back."""

    format: Literal["hgs-casus"]
    schema_version: int
    exported: dt.datetime
    organisation: Organisation | None = None
    case: Case
    meetings: list[Meeting]


def export_filename(case: Case, day: dt.date) -> str:
    return f"Casus-{case.code}-{day.isoformat()}.zip"


def export_case(store: Store, case_id: str) -> bytes:
    """The case with all its meetings as JSON, plus every meeting's verslag (team version) as
    PDF and DOCX, in one ZIP."""
    case = store.get_case(case_id)
    meetings = store.meetings(case_id)
    try:
        organisation = store.organisation(case.organisation_id)
    except HGSError:
        organisation = None
    archive = CaseArchive(format=ARCHIVE_FORMAT, schema_version=SCHEMA_VERSION,
                          exported=dt.datetime.now(dt.UTC).replace(microsecond=0),
                          organisation=organisation, case=case, meetings=meetings)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(DATA_NAME, json.dumps(archive.model_dump(mode="json"), ensure_ascii=False,
                                          indent=1))
        zf.writestr("LEESMIJ.txt", README_TEXT)
        used: set[str] = set()
        for meeting in meetings:
            stem = report.filename(case, meeting, "x").removesuffix(".x")
            name, n = stem, 1
            while name in used:  # two meetings on one day
                n += 1
                name = f"{stem}-{n}"
            used.add(name)
            for file_name, data in _reports(store, case_id, meeting, name):
                zf.writestr(f"{REPORTS_DIR}/{file_name}", data)
    return out.getvalue()


def _reports(store: Store, case_id: str, meeting: Meeting, name: str) -> list[tuple[str, bytes]]:
    """The verslag of one meeting as PDF and DOCX; a verslag that cannot be made becomes a
    note that says so, so the case's data (the AVG export) is never held back by a document."""
    try:
        document = contents.build(store, case_id, meeting.id, "team")  # charts drawn once
    except HGSError:
        raise  # the case or meeting is gone, the store is away: the export cannot be made
    except Exception:
        log.exception("verslag of meeting %s could not be built", meeting.id)
        return [(f"{name}.txt", t("documenten.verslag_mislukt", date=meeting.date.isoformat(),
                                  data=DATA_NAME).encode("utf-8"))]
    files = []
    for fmt in ("pdf", "docx"):
        try:
            files.append((f"{name}.{fmt}", report.write(document, fmt)))
        except Exception:  # noqa: BLE001 -- the other format and the data still go out
            log.exception("verslag of meeting %s could not be written as %s", meeting.id, fmt)
            files.append((f"{name}-{fmt}.txt",
                          t("documenten.verslag_mislukt", date=meeting.date.isoformat(),
                            data=DATA_NAME).encode("utf-8")))
    return files


def notice_archive(message: str) -> bytes:
    """A ZIP with only LEESMIJ.txt saying why the export could not be made (what the download
    button gives instead of nothing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("LEESMIJ.txt", message + "\n")
    return out.getvalue()


def read_case_archive(data: bytes) -> CaseArchive:
    """The archive inside an export ZIP, validated strictly; InvalidInput (in the session's
    language) if not."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            try:
                info = zf.getinfo(DATA_NAME)
            except KeyError:
                raise InvalidInput(t("errors.export.no_data", name=DATA_NAME)) from None
            if info.file_size > MAX_DATA_BYTES:
                raise InvalidInput(t("errors.export.too_big", name=DATA_NAME))
            text = zf.read(info).decode("utf-8")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise InvalidInput(t("errors.export.not_zip")) from None
    except UnicodeDecodeError:
        raise InvalidInput(t("errors.export.not_text", name=DATA_NAME)) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError:
        raise InvalidInput(t("errors.backup.not_json", name=DATA_NAME)) from None
    if not isinstance(raw, dict) or raw.get("format") != ARCHIVE_FORMAT:
        raise InvalidInput(t("errors.export.not_export"))
    version = raw.get("schema_version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise InvalidInput(t("errors.export.newer"))
    try:
        return CaseArchive.model_validate_json(text, strict=True)
    except ValidationError as error:
        raise InvalidInput(t("errors.export.invalid", problem=explain(error))) from None


def import_case_archive(store: Store, data: bytes, organisation_id: str | None = None,
                        code: str = "") -> Case:
    """Put an exported case back; refuses a case whose id or code is already in this HGS.
    `organisation_id`: a case handed over by another school goes into this organisation of the
    receiving school (the sender's organisation is not added) and runs again there; `code`: a
    new code for it when its own is taken here."""
    archive = read_case_archive(data)
    case = archive.case
    if organisation_id is not None or code.strip():
        case = _taken_on(store, case, organisation_id, code)
    if not SAFE_ID.match(case.id) or any(not SAFE_ID.match(m.id) for m in archive.meetings):
        raise InvalidInput(t("errors.export.bad_id"))
    if any(m.case_id != case.id for m in archive.meetings):
        raise InvalidInput(t("errors.export.other_case"))
    if len({m.id for m in archive.meetings}) != len(archive.meetings):
        raise InvalidInput(t("errors.export.duplicate_meetings"))
    if case.id in store.case_ids():
        raise InvalidInput(t("errors.export.already_here", code=case.code))
    if any(other.code == case.code for other in store.cases()):
        raise InvalidInput(t("errors.export.code_taken", code=case.code))
    store.import_case(case, archive.meetings)
    organisation = archive.organisation
    if organisation_id is None and organisation is not None and all(
            o.id != organisation.id for o in store.organisations()):
        store.save_organisation(organisation)
    return case


def _taken_on(store: Store, case: Case, organisation_id: str | None, code: str) -> Case:
    """The handed-over case as the receiving school takes it on: its organisation, its code
    (when a new one is given), running again (`cases.reopen_case`)."""
    taken = case.model_copy()
    try:
        if organisation_id is not None:
            if all(o.id != organisation_id for o in store.organisations()):
                raise InvalidInput(t("casus_afsluiten.import_organisatie_weg"))
            taken.organisation_id = organisation_id
            cases.reopen_case(taken)
        if code.strip():
            taken.code = code.strip().upper()
    except ValidationError as error:
        raise InvalidInput(explain(error)) from None
    return taken


@dataclass(frozen=True)
class Erasure:
    """What an erase removed besides the case itself."""

    copies: int = 0  # temporary files and copies set aside, in the data folder
    folders: int = 0  # folders earlier restores set aside (or a stopped one left), erased from
    backups: int = 0  # back-ups rewritten without the case
    removed_backups: int = 0  # back-ups that could not be read whole, removed
    database: bool = False  # PostgreSQL: its rows; the server's pg_dump files are beyond HGS


def erase_case(store: Store, case_id: str, confirm_code: str, *, who: str,
               role: str) -> Erasure:
    """Erase a case completely (AVG): its file or rows (with every meeting), its participants'
    join links, so its place in the network figures, and every copy HGS made of it — temporary
    files, copies set aside, the folders earlier restores set aside, and every back-up
    (rewritten without it). `confirm_code` must be the case's code, as the person typed it.
    The audit line comes first: when it cannot be written, nothing is erased
    (AuditUnavailable). The audit log keeps the bare id, never content."""
    case = store.get_case(case_id)
    check_confirm_code(case, confirm_code)
    audit.record_before("erase", refusal="errors.audit.erase_refused", who=who, role=role,
                        case_id=case.id, detail="begonnen")
    copies = remove_case(store, case.id)
    folder = backup.data_dir_of(store)
    erased = backup.erase_from_copies(folder, case.id, case.code) if folder is not None \
        else backup.Erased()
    try:
        audit.record("erase", who=who, role=role, case_id=case.id, detail="klaar")
    except OSError as error:  # it is erased all the same; the first line says it began
        log.error("audit line after erasing %s not written: %s", case.id, error)
    return Erasure(copies, erased.folders, erased.backups, erased.removed_backups,
                   database=folder is None)


def check_confirm_code(case: Case, confirm_code: str) -> None:
    """InvalidInput unless `confirm_code` is the case's code (as the person typed it)."""
    if (confirm_code or "").strip().upper() != case.code:
        raise InvalidInput(t("errors.export.confirm_code", code=case.code))


def remove_case(store: Store, case_id: str) -> int:
    """The case gone with every meeting and every join link to one of them (no question asked:
    the caller asked), and on a folder every copy of it there; how many copies went besides."""
    live.forget_case(store, case_id)
    return store.erase_case(case_id) or 0


def traces(data_dir: str | os.PathLike, case: Case) -> list[str]:
    """Where HGS still holds the case's id or code: files of the data folder, of the folders
    restores set aside or left, and of the back-ups (each ZIP member read). The check after
    erasing; the audit logs are left out (they keep the bare id, never content). Another case's
    text that happens to name the code is found too."""
    data = Path(data_dir).resolve()
    marks = [case.id.encode(), case.code.encode()]
    places = [data, *backup.aside_folders(data), *backup.staging_folders(data)]
    found = []
    for root in places:
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if "audit" in relative.parts:
                continue
            where = str(path.relative_to(data.parent))
            if case.id in path.name:
                found.append(where)
                continue
            found += [where] if path.is_file() and _mentions(path, marks) else []
    folder = backup.backup_dir(data)
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if not path.is_file():
            continue
        if path.suffix == ".zip":
            found += [f"{path.name}!{name}" for name in backup.members_naming(path, marks)]
        elif _mentions(path, marks):
            found.append(path.name)
    return found


def _mentions(path: Path, marks: list[bytes]) -> bool:
    try:
        raw = read_regular(path)
    except OSError:
        return False
    return any(mark in raw for mark in marks)
