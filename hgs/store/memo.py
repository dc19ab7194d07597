"""A memo of parsed files keyed by their stamp, so a page run reads each file at most once.

One run of a step page asked the TinyDB store for the case (the frame, the step header), its
meetings and the network's settings and organisations several times; each ask parsed the whole
file again (the issue measured a case file read 8 times and network.json 5 times per rerun). The
memo keeps the last parsed contents of a few files with their stamp (mtime in ns, size, inode,
as `TinyDBStore.cases` already trusts): a file that changed, by this process or another, has a
new stamp and is read again. Only read-only calls use it: a write path reads the file itself
under its lock, and TinyDB changes the dict it read in place before writing it.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

Stamp = tuple[int, int, int]


def stamp_of(path: Path) -> Stamp:
    info = os.stat(path)
    return info.st_mtime_ns, info.st_size, info.st_ino


class ReadMemo:
    """The parsed contents of the last `size` files read, each with the stamp it had. What it
    hands out is shared: the caller only reads it (TinyDB's read calls copy each document)."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._files: OrderedDict[Path, tuple[Stamp, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def read(self, path: Path, parse: Callable[[], Any]) -> Any:
        """The contents of `path`: from the memo while its stamp is unchanged, else `parse()`
        (stamped before it reads, so a file replaced meanwhile is only read once more)."""
        stamp = stamp_of(path)  # FileNotFoundError as an open would give
        with self._lock:
            known = self._files.get(path)
            if known is not None and known[0] == stamp:
                self._files.move_to_end(path)
                return known[1]
        data = parse()
        with self._lock:
            self._files[path] = (stamp, data)
            self._files.move_to_end(path)
            while len(self._files) > self.size:
                self._files.popitem(last=False)
        return data

    def forget(self, path: Path) -> None:
        with self._lock:
            self._files.pop(path, None)
