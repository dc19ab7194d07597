"""The audit log: who did what to which case and when (reads and refused attempts too), as JSON
lines per month, ids only; each line on disk whole or not at all, before what it records."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import threading
from pathlib import Path

from filelock import FileLock, Timeout

from hgs.config import data_dir
from hgs.errors import HGSError, disk_problem
from hgs.i18n import Labels, t
from hgs.store import SAFE_ID

AUDIT_DIR = "audit"
# What can be logged (stored as is), with the words the Beheer page shows in the session's
# language ([labels.audit_actions] in the catalogues).
ACTIONS = Labels("labels.audit_actions", (
    "create", "change", "export", "erase", "sign-in", "sign-in-failed", "sign-out",
    "user-changed", "organisation-changed", "start-empty", "meeting-removed",
    "meeting-cancelled", "meeting-uncancelled", "organisation-removed", "restore", "read",
    "refused", "mail-sent"))
# Changes are many (every field saves on its own), and so are reads (every page run): one
# "change" or "read" line per case per person per this interval is enough to answer "who
# worked on this case, or looked at it, and when".
CHANGE_INTERVAL = dt.timedelta(minutes=10)
# A detail names a kind of file, a user or an organisation id: never free text from a case.
DETAIL = re.compile(r"^[\w .@:/+()-]{0,160}$")
MONTH = re.compile(r"^\d{4}-\d{2}$")

_guard = threading.Lock()
_last_change: dict[tuple[str, str, str, str], dt.datetime] = {}  # per server process, on purpose


def audit_dir(folder: str | os.PathLike | None = None) -> Path:
    return Path(folder or data_dir()) / AUDIT_DIR


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
    when = (now or _now()).astimezone(dt.UTC).replace(microsecond=0)
    entry = {"when": when.isoformat().replace("+00:00", "Z"), "who": who[:120], "role": role,
             "what": what, "case": case_id}
    if meeting_id:
        entry["meeting"] = meeting_id
    if detail:
        entry["detail"] = detail
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    folder_path = audit_dir(folder)
    folder_path.mkdir(parents=True, exist_ok=True)
    path = folder_path / f"audit-{when:%Y-%m}.jsonl"
    with _guard, FileLock(str(folder_path / ".audit.lock"), timeout=30):
        _append(path, line)
    return entry


def _append(path: Path, line: bytes) -> None:
    """One line at the end of the log, whole: one `os.write` on a file opened for appending,
    then fsync; lines from several threads or processes never interleave (the caller holds both
    locks). A write cut short (a full disk) is taken back when the disk allows and raises; when
    even that fails, the torn half stays, and the next line starts on a line of its own so the
    reader skips only the half. A failing fsync raises too: the line may not be on disk."""
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # after a torn line: never glue this one to it
        try:
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        except OSError:
            try:
                os.ftruncate(fd, size)
            except OSError:
                pass
            raise
        os.fsync(fd)
    finally:
        os.close(fd)


class AuditUnavailable(HGSError):
    """The audit line of an action that may only happen on the record could not be written:
    the action was not done."""


def record_before(what: str, *, refusal: str, **fields) -> dict:
    """`record()` for an action that may only happen once its line is on disk (erase, export):
    written first; AuditUnavailable with the catalogue message `refusal` (saying that nothing
    was done, and why) when it cannot be."""
    try:
        return record(what, **fields)
    except Timeout as error:  # (a TimeoutError, so an OSError too: asked first)
        raise AuditUnavailable(t(refusal, problem=t("errors.audit.busy"))) from error
    except OSError as error:
        raise AuditUnavailable(t(refusal, problem=disk_problem(error))) from error


def _once(what: str, *, who: str, role: str, case_id: str,
          folder: str | os.PathLike | None, now: dt.datetime | None) -> bool:
    now = now or _now()
    key = (str(audit_dir(folder)), what, who, case_id)
    with _guard:
        last = _last_change.get(key)
        if last is not None and now - last < CHANGE_INTERVAL:
            return False
        _last_change[key] = now
    try:
        record(what, who=who, role=role, case_id=case_id, folder=folder, now=now)
    except BaseException:
        with _guard:  # not written: the next one tries again
            if _last_change.get(key) == now:
                del _last_change[key]
        raise
    return True


def record_change(*, who: str, role: str, case_id: str, folder: str | os.PathLike | None = None,
                  now: dt.datetime | None = None) -> bool:
    """Log a "change" to a case, at most once per case per person per `CHANGE_INTERVAL` (per
    server process); True when a line was written."""
    return _once("change", who=who, role=role, case_id=case_id, folder=folder, now=now)


def record_read(*, who: str, role: str, case_id: str, folder: str | os.PathLike | None = None,
                now: dt.datetime | None = None) -> bool:
    """Log a "read" of a case (its page opened), at most once per case per person per
    `CHANGE_INTERVAL` (per server process); True when a line was written."""
    return _once("read", who=who, role=role, case_id=case_id, folder=folder, now=now)


def months(folder: str | os.PathLike | None = None) -> list[str]:
    """The months with a log, newest first ("2026-11")."""
    found = [p.stem.removeprefix("audit-") for p in audit_dir(folder).glob("audit-*.jsonl")]
    return sorted((m for m in found if MONTH.match(m)), reverse=True)


def entries(month: str, folder: str | os.PathLike | None = None) -> list[dict]:
    """The lines of one month, oldest first; a line cut off by a crash or a full disk is
    skipped (even one cut inside a letter), and a whole line an older HGS glued to it is
    still read."""
    if not MONTH.match(month):
        raise ValueError(f"not a month: {month!r}")
    path = audit_dir(folder) / f"audit-{month}.jsonl"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    found = []
    for line in raw.split(b"\n"):
        entry = _entry(line)
        if entry is not None:
            found.append(entry)
    return found


def _entry(line: bytes) -> dict | None:
    """The entry on one line; after a torn start, the whole entry that follows it."""
    start = 0
    while start >= 0:
        try:
            entry = json.loads(line[start:].decode("utf-8"))
        except ValueError:  # UnicodeDecodeError included
            start = line.find(b'{"when"', start + 1)
            continue
        return entry if isinstance(entry, dict) else None
    return None
