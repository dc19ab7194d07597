"""Files that survive a crash: an atomic write, a read that refuses anything but a regular file,
and the clean-up of the temporary copies a killed writer left behind.

Every file HGS keeps (case files, network.json, users, reflections, the sign-in throttle) is
written through `atomic_write`, so a crash mid-write leaves the previous version whole.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from filelock import FileLock, Timeout

from hgs.errors import StorageError
from hgs.i18n import t
from hgs.store.document import lock_of

# `.<name>.<random>.tmp`, the temporary file atomic_write makes beside <name>
TEMP = re.compile(r"^\.(?P<name>.+)\.[^.]+\.tmp$")
# A temporary file whose own lock nobody holds is left by a writer that died (every write in
# HGS runs under `<name>.lock`); one without a lock file is given this long before it counts as
# left behind (a write takes milliseconds).
STALE_TEMP_SECONDS = 3600
log = logging.getLogger(__name__)


def atomic_write(path: Path, text: str | bytes) -> None:
    with replacing(path) as handle:
        handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))


@contextmanager
def replacing(path: Path, prefix: str | None = None) -> Iterator[BinaryIO]:
    """A new file that takes the place of `path` once it is written whole and fsynced (its
    temporary name starts with `prefix`, default `.<name>.`); after an error (a full disk, a
    kill) `path` is as it was and the temporary file is gone."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix or f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def read_regular(path: Path) -> bytes:
    """The bytes of `path`, which must be a regular file: a named pipe, a device or a socket
    (put there by mistake or on purpose) is refused with StorageError without waiting on it, as
    `open()` alone would wait for a writer on a pipe forever."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StorageError(t("errors.files.not_regular", name=Path(path).name))
        os.set_blocking(fd, True)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def clear_stale_temps(folder: Path, skip: tuple[str, ...] = ("audit",)) -> int:
    """Remove the temporary files a killed writer left in `folder` and its subfolders (each a
    whole or partial copy of a file, a case's too): those whose own `<name>.lock` is free, and
    those without a lock file once they are STALE_TEMP_SECONDS old. One being written stays.
    Returns how many went."""
    removed = 0
    old = dt.datetime.now().timestamp() - STALE_TEMP_SECONDS
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in names:
            match = TEMP.match(name)
            if not match:
                continue
            temp, lock = Path(parent, name), lock_of(Path(parent, match["name"]))
            try:
                if lock.exists():
                    with FileLock(str(lock), timeout=0):
                        temp.unlink(missing_ok=True)
                elif temp.lstat().st_mtime < old:
                    temp.unlink(missing_ok=True)
                else:
                    continue
                removed += 1
            except Timeout:  # a writer is at work on it
                continue
            except OSError as error:
                log.warning("could not remove the temporary file %s: %s", temp, error)
    return removed


def erase_temps_naming(folder: Path, marks: list[bytes], skip: tuple[str, ...] = ("audit",)) -> int:
    """Temporary files anywhere in `folder` that still hold one of `marks` (a stale copy of
    network.json with an erased case's join link, say): a file of an erased case is no write to
    keep. Stale ones go first (clear_stale_temps). Returns how many held a mark."""
    clear_stale_temps(folder, skip)
    gone = 0
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in names:
            path = Path(parent, name)
            if not TEMP.match(name):
                continue
            try:
                if any(mark in read_regular(path) for mark in marks):
                    path.unlink(missing_ok=True)
                    gone += 1
            except OSError:
                continue
    return gone
