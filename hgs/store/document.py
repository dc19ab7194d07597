"""The stored document: its shape, its schema version and upgrades, and where it lives on disk.

A case is stored as one document of TinyDB tables, `{"meta": {"1": {"schema": N}}, "case":
{"1": {...}}, "meetings": {"1": {...}, ...}}`, and the network (organisations, settings) as
another. The TinyDB files, the PostgreSQL store's upgrades, the back-ups and the Netwerk source all
read that shape, so it is known here once: the check that a document is from a newer HGS, the
upgrade steps, the whole-file check of a case file, and the layout of a data folder (which files,
which locks, where damaged files are set aside).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from hgs.errors import StorageError, explain
from hgs.i18n import t
from hgs.method.records import SCHEMA_VERSION, Case, Meeting

# -- the layout of a data folder ----------------------------------------------------------------
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CASES = "cases"  # the folder of case files, `cases/<case id>.json`
NETWORK = "network.json"  # organisations and settings
QUARANTINE = "quarantaine"  # beside cases/ in the data folder: files HGS set aside
NOTE = ".reden.txt"  # beside a file set aside: why, when, from where


def case_file(case_id: str) -> str:
    """The name of a case's file in the `cases` folder."""
    return f"{case_id}.json"


def lock_of(path: str | Path) -> Path:
    """The lock file every writer of `path` holds while it writes (`<file>.lock`)."""
    return Path(f"{path}.lock")


# -- schema versions ----------------------------------------------------------------------------
def _v0_to_v1(data: dict) -> dict:
    """Version 0, before HGS stored a schema version: no `meta` table, and a meeting's chair under
    its Dutch name `voorzitter`."""
    for doc in data.get("meetings", {}).values():
        if "voorzitter" in doc:
            chair = doc.pop("voorzitter")
            doc.setdefault("chair", chair)
    return data


def _v1_to_v2(data: dict) -> dict:
    """Version 2 adds optional fields with defaults (a case's year of birth and demo mark, a
    meeting's time, place and cancellation, a participant's role left unchosen): the stored
    documents stay as they are."""
    return data


def _v2_to_v3(data: dict) -> dict:
    """Version 3 gives step 2 the cirkelgesprek (the child's three circles): what was the one
    text box of the child's words (`child_words`) becomes the essence in the child's words."""
    for doc in data.get("meetings", {}).values():
        words = doc.pop("child_words", None)
        if isinstance(words, str) and words.strip() and not doc.get("circle_essence"):
            doc["circle_essence"] = words
    return data


# From version N to N+1, one function per step. A step gets the whole TinyDB document (its
# tables by name) of a case file or network.json and returns it upgraded; it runs on every read
# of an older file, and the next write stores the upgraded form.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3}


def schema_of(data: dict) -> int:
    version = data.get("meta", {}).get("1", {}).get("schema", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise StorageError(t("errors.store.unknown_schema"))
    return version


def is_newer(data: dict) -> bool:
    """Is this document from a newer HGS than this one (which must not read or write it)?"""
    return schema_of(data) > SCHEMA_VERSION


def refuse_newer(data: dict, name: str) -> None:
    """StorageError saying that `name` comes from a newer HGS, when it does."""
    if is_newer(data):
        raise StorageError(t("errors.store.newer", name=name))


def stamped(tables: dict[str, Any]) -> dict[str, Any]:
    """A document of `tables` marked with the current schema version."""
    return {"meta": {"1": {"schema": SCHEMA_VERSION}}, **tables}


def case_document(case: Case, meetings: list[Meeting]) -> dict:
    """The stored document of a case and its meetings."""
    return stamped({"case": {"1": case.model_dump(mode="json")},
                    "meetings": {str(i): m.model_dump(mode="json")
                                 for i, m in enumerate(meetings, 1)}})


def migrate(data: dict) -> dict:
    """`data` brought up to SCHEMA_VERSION; a file from a newer HGS is returned as it is (the
    store refuses it)."""
    version = schema_of(data)
    if not any(table for name, table in data.items() if name != "meta"):
        return data  # nothing stored yet (TinyDB creates its tables as it goes)
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise StorageError(t("errors.store.old_schema", version=version))
        data = MIGRATIONS[version](data)
        version += 1
        data["meta"] = {"1": {"schema": version}}
    return data


def parse_document(name: str, raw: bytes | str) -> dict:
    """The tables of an HGS file as a dict, migrated to the current schema; StorageError with a
    Dutch reason when it is no readable HGS file."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        data = json.loads(text)
    except UnicodeDecodeError:
        raise StorageError(t("errors.store.file_not_text", name=name)) from None
    except (ValueError, RecursionError):
        raise StorageError(t("errors.store.file_not_json", name=name)) from None
    tables_ok = isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) and key.isascii() and key.isdigit()
                                        for key, doc in table.items())
        for table in data.values())
    if not tables_ok:
        raise StorageError(t("errors.store.file_not_hgs", name=name))
    try:
        return migrate(data)
    except StorageError as error:
        raise StorageError(t("errors.store.file_problem", name=name, problem=error)) from None
    except Exception as error:  # a migration met a shape it did not expect
        raise StorageError(t("errors.store.file_upgrade_failed", name=name,
                             error=type(error).__name__)) from None


def read_case_file(name: str, raw: bytes) -> tuple[Case, list[Meeting]]:
    """A case file checked whole — name, JSON, schema version, the case and every meeting
    valid — or StorageError saying in Dutch what is wrong with it."""
    stem = name.removesuffix(".json")
    if not name.endswith(".json") or not SAFE_ID.match(stem):
        raise StorageError(t("errors.store.not_a_case_file_name", name=name))
    data = parse_document(name, raw)
    refuse_newer(data, name)
    doc = data.get("case", {}).get("1")
    if doc is None:
        raise StorageError(t("errors.store.no_case_in_file", name=name))
    try:
        case = Case.model_validate(doc)
        meetings = [Meeting.model_validate(m) for m in data.get("meetings", {}).values()]
    except ValidationError as error:
        raise StorageError(t("errors.store.invalid", name=name, problem=explain(error))) from None
    if case.id != stem:
        raise StorageError(t("errors.store.other_case", name=name, id=case.id))
    if any(m.case_id != case.id for m in meetings):
        raise StorageError(t("errors.store.meeting_of_other_case", name=name))
    if len({m.id for m in meetings}) != len(meetings):
        raise StorageError(t("errors.store.duplicate_meetings", name=name))
    return case, meetings


def plain_document(raw: bytes) -> dict | None:
    """A case file as plain dicts, `{"case": {...}, "meetings": [{...}, ...]}`, brought up to
    the current schema; None when it is no readable case file, or one from a newer HGS. Lean
    on purpose (orjson, no records): the Netwerk dashboard reads every case file this way."""
    try:
        data = orjson.loads(raw)
        if is_newer(data):
            return None
        data = migrate(data)
        case = (data.get("case") or {}).get("1")
        meetings = list((data.get("meetings") or {}).values())
    except (ValueError, KeyError, TypeError, AttributeError, StorageError):
        return None  # damaged: left out, never fatal for the others
    if not isinstance(case, dict) or not all(isinstance(m, dict) for m in meetings):
        return None
    return {"case": case, "meetings": meetings}


# -- settings that point at a case ---------------------------------------------------------------
def setting_refers_to(value: Any, case_id: str) -> bool:
    """Does a stored setting point at this case (a join link: {"case": …, "meeting": …})?"""
    return isinstance(value, dict) and value.get("case") == case_id


def without_case_settings(data: dict, case_id: str) -> bool:
    """Clear, in a network document (its tables by name), every setting that points at the
    case; True when one was cleared."""
    changed = False
    settings = data.get("settings")
    for doc in (settings.values() if isinstance(settings, dict) else ()):
        if isinstance(doc, dict) and setting_refers_to(doc.get("value"), case_id):
            doc["value"] = None
            changed = True
    return changed


def network_without_case(raw: bytes, case_id: str, marks: list[bytes]) -> bytes | None:
    """A network document (network.json, or one set aside) without its links to the case; None
    when it is no such document or still names the case (one of `marks`) after that."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not without_case_settings(data, case_id):
        return None
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return None if any(m in out for m in marks) else out
