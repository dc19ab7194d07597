"""The audit log: who did what to which case and when, as JSON lines per month, ids only."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from pathlib import Path

from filelock import FileLock

from hgs.auth import data_dir
from hgs.i18n import Labels
from hgs.store import SAFE_ID

AUDIT_DIR = "audit"
# What can be logged (stored as is), with the words the Beheer page shows in the session's
# language ([labels.audit_actions] in the catalogues).
ACTIONS = Labels("labels.audit_actions", (
    "create", "change", "export", "erase", "sign-in", "sign-in-failed", "sign-out",
    "user-changed", "organisation-changed", "start-empty", "meeting-removed",
    "meeting-cancelled", "meeting-uncancelled", "organisation-removed", "restore"))
# Changes are many (every field saves on its own): one "change" line per case per person per
# this interval is enough to answer "who worked on this case, and when".
CHANGE_INTERVAL = dt.timedelta(minutes=10)
# A detail names a kind of file, a user or an organisation id: never free text from a case.
DETAIL = re.compile(r"^[\w .@:/+()-]{0,160}$")
MONTH = re.compile(r"^\d{4}-\d{2}$")

_guard = threading.Lock()
_last_change: dict[tuple[str, str, str], dt.datetime] = {}  # per server process, on purpose


def audit_dir(folder: str | os.PathLike | None = None) -> Path:
    return Path(folder or data_dir()) / AUDIT_DIR


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def record(what: str, *, who: str, role: str, case_id: str | None = None,
           meeting_id: str | None = None, detail: str = "",
           folder: str | os.PathLike | None = None, now: dt.datetime | None = None) -> dict:
    """Append one line: when (UTC), who (username and role), what, which case (its id only)."""
    if what not in ACTIONS:
        raise ValueError(f"unknown audit action {what!r}")
    for name, value in (("case", case_id), ("meeting", meeting_id)):
        if value is not None and not SAFE_ID.match(value):
            raise ValueError(f"audit {name} must be an id, got {value!r}")
    if not DETAIL.match(detail):
        raise ValueError("audit detail must be a short plain label")
    when = (now or _now()).astimezone(dt.timezone.utc).replace(microsecond=0)
    entry = {"when": when.isoformat().replace("+00:00", "Z"), "who": who[:120], "role": role,
             "what": what, "case": case_id}
    if meeting_id:
        entry["meeting"] = meeting_id
    if detail:
        entry["detail"] = detail
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    folder_path = audit_dir(folder)
    folder_path.mkdir(parents=True, exist_ok=True)
    path = folder_path / f"audit-{when:%Y-%m}.jsonl"
    # Appending one short line under both locks, then fsync: a line is either whole on disk or
    # not there, and lines from several threads or processes never interleave.
    with _guard, FileLock(str(folder_path / ".audit.lock"), timeout=30):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
    return entry


def record_change(*, who: str, role: str, case_id: str, folder: str | os.PathLike | None = None,
                  now: dt.datetime | None = None) -> bool:
    """Log a "change" to a case, at most once per case per person per `CHANGE_INTERVAL` (per
    server process); True when a line was written."""
    now = now or _now()
    key = (str(audit_dir(folder)), who, case_id)
    with _guard:
        last = _last_change.get(key)
        if last is not None and now - last < CHANGE_INTERVAL:
            return False
        _last_change[key] = now
    record("change", who=who, role=role, case_id=case_id, folder=folder, now=now)
    return True


def months(folder: str | os.PathLike | None = None) -> list[str]:
    """The months with a log, newest first ("2026-11")."""
    found = [p.stem.removeprefix("audit-") for p in audit_dir(folder).glob("audit-*.jsonl")]
    return sorted((m for m in found if MONTH.match(m)), reverse=True)


def entries(month: str, folder: str | os.PathLike | None = None) -> list[dict]:
    """The lines of one month, oldest first; a line cut off by a crash is skipped."""
    if not MONTH.match(month):
        raise ValueError(f"not a month: {month!r}")
    path = audit_dir(folder) / f"audit-{month}.jsonl"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    found = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            found.append(entry)
    return found
