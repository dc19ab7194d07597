"""The quarantine folder of a data folder: damaged or foreign files set aside, with a note why.

A damaged file must never stop the app, and must never be thrown away either: the TinyDB store
moves it to `<data dir>/quarantaine/` with a Dutch `.reden.txt` beside it, lists what is there
for the Gegevens page, and erases the copies that name a case when that case is erased.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from hgs.i18n import t, using
from hgs.store.document import NOTE, QUARANTINE, network_without_case
from hgs.store.files import atomic_write, read_regular

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Quarantined:
    """A file set aside in `<data dir>/quarantaine/`, with why and when."""

    name: str  # its name in the quarantine folder
    original: str  # where it was, relative to the data folder
    reason: str
    moved: dt.datetime


def quarantine_advice() -> str:
    """What to do about a file set aside, in the session's language (the note beside the file
    is written in Dutch)."""
    return t("errors.store.quarantine_advice")


class Quarantine:
    """The quarantine folder of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.folder = data_dir / QUARANTINE

    def set_aside(self, path: Path, reason: str) -> Path:
        """Move a damaged or foreign file into the quarantine folder with a `.reden.txt` beside
        it. The caller holds the file's lock."""
        self.folder.mkdir(exist_ok=True)
        now = dt.datetime.now().replace(microsecond=0)
        target = self.folder / path.name
        if target.exists() or target.with_name(target.name + NOTE).exists():
            target = target.with_name(f"{path.stem}-{now:%Y%m%d-%H%M%S}{path.suffix}")
        n = 1
        while target.exists():
            n += 1
            target = target.with_name(f"{path.stem}-{now:%Y%m%d-%H%M%S}-{n}{path.suffix}")
        with using("nl"):  # the note is a Dutch file for whoever manages HGS
            advice = quarantine_advice()
        atomic_write(target.with_name(target.name + NOTE), (
            f"HGS heeft dit bestand op {now:%d-%m-%Y om %H:%M} apart gezet.\n"
            f"Was: {path.relative_to(self.data_dir).as_posix()}\n"
            f"Reden: {reason}\n\n{advice}\n"))
        os.replace(path, target)
        log.warning("set %s aside in %s: %s", path.name, target, reason)
        return target

    def entries(self) -> list[Quarantined]:
        """What is set aside now, newest first (a file put back by hand no longer counts)."""
        found = []
        for note in sorted(self.folder.glob("*" + NOTE)):
            name = note.name.removesuffix(NOTE)
            if not (self.folder / name).exists():  # put back by hand: no longer aside
                continue
            try:
                lines = note.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            field = {k: v.strip() for k, _, v in (line.partition(":") for line in lines[1:3])}
            found.append(Quarantined(
                name=name, original=field.get("Was", name),
                reason=field.get("Reden", "onbekend"),
                moved=dt.datetime.fromtimestamp(note.stat().st_mtime).replace(microsecond=0)))
        return sorted(found, key=lambda q: q.moved, reverse=True)

    def erase_copies(self, marks: list[bytes]) -> int:
        """Copies set aside that name the case (`marks`: its id first, then its code): a network
        file keeps all but its links to the case; any other file goes with its note."""
        try:
            names = sorted(p.name for p in self.folder.iterdir())
        except FileNotFoundError:
            return 0
        gone = 0
        for name in names:
            path = self.folder / name
            if name.endswith(NOTE) or not path.is_file():
                continue
            try:
                raw = read_regular(path)
            except OSError:
                continue
            if not any(mark in raw for mark in marks):
                continue
            if (scrubbed := network_without_case(raw, marks[0].decode(), marks)) is not None:
                atomic_write(path, scrubbed.decode())
                continue
            path.unlink(missing_ok=True)
            path.with_name(name + NOTE).unlink(missing_ok=True)
            gone += 1
        for note in self.folder.glob("*" + NOTE):  # a note alone that names the case
            try:
                if any(mark in read_regular(note) for mark in marks):
                    note.unlink(missing_ok=True)
            except OSError:
                continue
        return gone
