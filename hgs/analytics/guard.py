"""The "< 5" rule (hgs.analytics.disclosure) bound to one network's frames: which records each
kind of figure counts, made once per network so a filter change only looks verdicts up, and a
table with the figures the rule hides replaced by "< 5"."""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable

import numpy as np
import pandas as pd

from hgs.analytics.disclosure import AT_LEAST, HIDDEN, Records
from hgs.analytics.network import SMALL, SOME, Frames


class Disclosure:
    """The "< 5" rule (hgs.analytics.disclosure) for one network's frames: the records of each
    kind of figure, made once and kept with the frames (a filter change looks verdicts up)."""

    def __init__(self, frames: Frames) -> None:
        self.frames = frames
        self._codes = {key: number for number, key in enumerate(sorted(frames.units))}
        self._records: dict[tuple, Records] = {}
        self._cache: dict[Hashable, object] = {}  # positions, arrays and indexes, by name
        self._lock = threading.Lock()

    @classmethod
    def of(cls, frames: Frames) -> Disclosure:
        base = frames.base or frames
        if base._disclosure is None:
            base._disclosure = cls(base)
        return base._disclosure

    def records(self, family: str, g: np.ndarray | None = None, units: str = "any",
                periods: str = "range") -> Records:
        """The records a kind of figure counts: `g` holds their positions in the network's
        `family` frame (default: all of them); `units` and `periods` the scope of the page's
        figures of this kind (see hgs.analytics.disclosure.Records)."""
        frame = getattr(self.frames, family)
        g = np.arange(len(frame)) if g is None else np.asarray(g, dtype=np.int64)
        key = (family, units, periods, len(g),
               hashlib.blake2b(g.tobytes(), digest_size=16).digest())
        found = self._records.get(key)
        if found is None:
            unit, quarter, kind, case = self._arrays(family)
            sector_of = [self.frames.units[name].sector for name in sorted(self.frames.units)]
            found = Records(g, unit[g], quarter[g], kind[g], case[g], units, periods, sector_of)
            with self._lock:
                found = self._records.setdefault(key, found)
        return found

    def _arrays(self, family: str) -> tuple[np.ndarray, ...]:
        """Unit number, quarter, kind of MDO (1 follow-up) and case of each row of `family`."""
        key = ("arrays", family)
        if key not in self._cache:
            frame = getattr(self.frames, family)
            kind = (frame.kind == "evaluatie").to_numpy(int) if family == "meetings" \
                else np.zeros(len(frame), int)
            self._cache[key] = (frame.unit.map(self._codes).to_numpy(int),
                                frame.q.to_numpy(int), kind, frame.case.to_numpy(int))
        return self._cache[key]

    def level(self, family: str, g: np.ndarray | None, cell: np.ndarray, units: str = "any",
              periods: str = "range") -> int:
        """How a figure over the records `cell` (positions in the network's frame, all of them
        in `g`) is shown: disclosure.HIDDEN, AT_LEAST or EXACT."""
        return self.records(family, g, units, periods).level(cell)

    def shown(self, family: str, g: np.ndarray | None, cell: np.ndarray, units: str = "any",
              periods: str = "range") -> bool:
        return self.level(family, g, cell, units, periods) != HIDDEN

    def where(self, frame_name: str, key: Hashable,
              predicate: Callable[[pd.DataFrame], pd.Series]) -> np.ndarray:
        """Positions of the network's rows of `frame_name` that `predicate` picks (kept by
        `key`, which names the predicate)."""
        found = self._cache.get((frame_name, key))
        if found is None:
            found = self._cache[(frame_name, key)] = np.flatnonzero(
                predicate(getattr(self.frames, frame_name)).to_numpy(bool))
        return found

    def _index(self, name: str, keys_of: Callable[[str, str], Iterable[Hashable]]
               ) -> dict[Hashable, np.ndarray]:
        """For the network's texts: each key -> the positions of the texts it is found in."""
        if name not in self._cache:
            found: dict[Hashable, list[int]] = defaultdict(list)
            texts = self.frames.texts
            for i, (kind, text) in enumerate(zip(texts.kind.tolist(), texts.text.tolist())):
                for key in keys_of(kind, text):
                    found[key].append(i)
            self._cache[name] = {key: np.array(at, dtype=np.int64) for key, at in found.items()}
        return self._cache[name]

    def phrase(self, kind: str, phrase: str) -> np.ndarray:
        """Positions of the network's texts of `kind` that use `phrase`."""
        memo, drop = self.frames.memo, self.frames.drop_words
        index = self._index("phrases", lambda k, text: (
            (k, p) for p in memo.phrases(text, drop)))
        return index.get((kind, phrase), np.zeros(0, dtype=np.int64))

    def principle(self, number: int) -> np.ndarray:
        """Positions of the network's tops and tips that show principle `number`."""
        memo = self.frames.memo
        index = self._index("principles", lambda k, text: (
            memo.principles(text) if k in ("top", "tip") else ()))
        return index.get(number, np.zeros(0, dtype=np.int64))


def suppress(table: pd.DataFrame, value_columns: Iterable[str], levels) -> pd.DataFrame:
    """Per row, as the rule shows its figure (`levels`, one per row, see hgs.analytics.disclosure):
    hidden, every value becomes "< 5"; its number of cases unsaid, "casussen" becomes "≥ 5"."""
    table = table.copy()
    levels = np.asarray(levels, dtype=int)
    for column in [*value_columns, "casussen"]:
        table[column] = table[column].astype(object)
        table.loc[levels == HIDDEN, column] = SMALL
    table.loc[levels == AT_LEAST, "casussen"] = SOME
    return table
