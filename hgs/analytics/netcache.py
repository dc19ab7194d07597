"""Netwerk's frames kept per server from the facts the store keeps beside the data
(`Store.case_facts()`, see hgs.store.facts and hgs.store.pgfacts): a fresh server lays them out
from that one compact source without parsing a case, and after a write only the changed cases'
rows are made again (hgs.analytics.network.replace_cases), never every frame."""

from __future__ import annotations

import itertools
import threading
from typing import Protocol

from hgs.analytics.network import (
    CaseFacts,
    Frames,
    TextMemo,
    build_frames,
    from_plain,
    no_cycle_collection,
    replace_cases,
)


class FactsSource(Protocol):
    """What `Store.case_facts()` returns (hgs.store.sources.FactsSource)."""

    def changes(self) -> tuple[bool, dict[str, dict | None]]: ...


def _facts(plain: dict | None) -> CaseFacts | None:
    if plain is None:
        return None
    try:
        return from_plain(plain)
    except (KeyError, TypeError, ValueError, AttributeError):  # kept by another HGS: left out
        return None


class FactsCache:
    """The network as frames, from kept facts; `rebuilds` counts whole layouts and `replaced`
    the cases whose rows were made again one by one (for tests and benchmarks)."""

    def __init__(self, source: FactsSource) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._numbers: dict[str, int] = {}  # case id -> anonymous case number
        self._next = itertools.count()
        self._facts: dict[int, CaseFacts] = {}
        self._frames: Frames | None = None
        self._memo = TextMemo()
        self.rebuilds = 0
        self.replaced = 0

    def frames(self, organisations: dict[str, tuple[str, str]]) -> Frames:
        """The network as frames; `organisations` maps id -> (name, sector)."""
        with self._lock:
            everything, changed = self.source.changes()
            if everything:
                self._numbers, self._facts = {}, {}
            touched = set()
            with no_cycle_collection():
                for case_id, plain in changed.items():
                    number = self._numbers.get(case_id)
                    if number is None:
                        number = self._numbers[case_id] = next(self._next)
                    touched.add(number)
                    facts = _facts(plain)
                    if facts is None:
                        self._facts.pop(number, None)
                    else:
                        self._facts[number] = facts
            if everything or self._frames is None or self._frames.organisations != organisations:
                numbers = sorted(self._facts)
                self._frames = build_frames([self._facts[n] for n in numbers], organisations,
                                            self._memo, numbers)
                self.rebuilds += 1
            elif touched:
                self._frames = replace_cases(self._frames, self._facts, touched)
                self.replaced += len(touched)
            return self._frames
