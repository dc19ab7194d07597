"""The network's facts for coordinators: from the raw case documents the store gives
(`Store.documents()`), only what the figures need — never a name or code — kept per case and
re-made only for cases whose stamp moved, then laid out as frames. The figures themselves are in
hgs.analytics.figures, .toptips and .dashboard, with the "< 5" rule of .guard/.disclosure."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import pandas as pd

from hgs.analytics import themes
from hgs.analytics.disclosure import Unit, pool_units
from hgs.analytics.periods import quarter_index
from hgs.i18n import Labels
from hgs.method import checks as method
from hgs.method import facts
from hgs.method.records import SECTORS

if TYPE_CHECKING:  # names of a view's fields; those modules build on this one
    from hgs.analytics.filters import Filter
    from hgs.analytics.guard import Disclosure

SMALL = "< 5"
SOME = "≥ 5"  # a figure shown whose exact number of cases would lay bare a small group
KINDS = Labels("netwerk.mdo_soorten", ("eerste", "evaluatie"))  # "eerste MDO" / "first MDO"
# The model's values in the tables' cells, in the session's language (Dutch: the values as they are)
TEXT_KINDS = Labels("netwerk.soorten", ("top", "tip", "behoefte"))
GIVER_NAMES = Labels("netwerk.groepen", ("school", "ouders", "kind", "professionals"))
# How a principle "shows" in an evaluation: a top or tip that uses one of these word stems.
# Honest and simple on purpose; the page's help text lists them.
PRINCIPLE_WORDS = {
    1: ("doel", "evalu", "voortgang", "vooruitgang", "resultaat", "score"),
    2: ("nodig", "behoefte", "kind zelf", "stem van", "eigen woorden", "gehoord"),
    3: ("ondersteun", "hulp bij", "handvat", "tips voor de leerkracht", "coach"),
    4: ("wisselwerking", "afstem", "samenhang", "thuis en school", "school en thuis"),
    5: ("sterk", "positief", "compliment", "wat goed gaat", "gaat goed", "trots", "succes"),
    6: ("samen", "ouders", "rol", "meedenken", "betrokken", "iedereen", "partner"),
    7: ("afspra", "duidelijk", "voorbereid", "agenda", "transparant", "op tijd", "gouden mail"),
}


# -- reading: one lean record per case file ----------------------------------------------------
@dataclass
class CaseFacts:
    """What the dashboard needs of one case; `names` only serves to scrub free text."""
    organisation_id: str
    meetings: list[dict] = field(default_factory=list)
    agreements: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    texts: list[dict] = field(default_factory=list)  # tops, tips and needs, names removed
    names: frozenset[str] = frozenset()


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def from_plain(plain: dict) -> CaseFacts:
    """A case's facts as hgs.method.facts gives them (and the store keeps them: plain JSON,
    dates as ISO text) with their dates as dates, for the frames."""
    return CaseFacts(
        organisation_id=plain["organisation_id"],
        meetings=[{**m, "date": _day(m["date"])} for m in plain["meetings"]],
        agreements=[{**a, "due": _day(a["due"]), "made": _day(a["made"])}
                    for a in plain["agreements"]],
        goals=[{**g, "first_date": _day(g["first_date"]), "last_date": _day(g["last_date"])}
               for g in plain["goals"]],
        texts=[{**x, "date": _day(x["date"])} for x in plain["texts"]],
        names=frozenset(plain["names"]))


def case_facts(case: dict, meetings: list[dict]) -> CaseFacts:
    """The lean facts of one case from its raw documents, as stored (one rule:
    hgs.method.facts.case_facts)."""
    return from_plain(facts.case_facts(case, meetings))


def _facts_of(document: dict | None) -> CaseFacts | None:
    """The facts of one raw document; None for one the store could not read (left out of the
    figures, not fatal)."""
    plain = facts.facts_or_none(document)
    return None if plain is None else from_plain(plain)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while case files are read: a cold read makes millions of
    small objects without a single cycle, and in a large process each full collection walks the
    whole heap again (a third of a cold read of 10,000 MDOs)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class DocumentSource(Protocol):
    """Where the facts come from: a store's `documents()` (hgs.store.sources) — the raw case
    documents, each with a stamp that moves when the case changes. Analytics opens no file."""

    def stamps(self) -> dict[str, Hashable]: ...

    def read(self, stale: Iterable[str]) -> Iterator[tuple[str, Hashable, dict | None]]: ...


class NetworkCache:
    """Case facts of a network, re-read only for cases whose stamp changed. `source` is the
    store's `documents()`, the same on a data folder and on PostgreSQL."""

    def __init__(self, source: DocumentSource) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._facts: dict[str, tuple[Hashable, CaseFacts | None]] = {}
        self._frames: Frames | None = None
        self._memo = TextMemo()
        self.reads = 0  # cases parsed since the cache was made (for tests and benchmarks)

    def frames(self, organisations: dict[str, tuple[str, str]]) -> Frames:
        """The network as frames; `organisations` maps id -> (name, sector)."""
        with self._lock:
            changed = self._refresh()
            if changed or self._frames is None or self._frames.organisations != organisations:
                self._frames = build_frames(
                    [f for _, f in self._facts.values() if f is not None], organisations,
                    self._memo)
            return self._frames

    def _refresh(self) -> bool:
        stamps = self.source.stamps()
        stale = {key: stamp for key, stamp in stamps.items()
                 if key not in self._facts or self._facts[key][0] != stamp}
        with no_cycle_collection():
            for key, stamp, document in self.source.read(stale):
                self.reads += 1
                self._facts[key] = (stamp, _facts_of(document))
        gone = set(self._facts) - set(stamps)
        for key in gone:
            del self._facts[key]
        return bool(stale or gone)


# -- frames -----------------------------------------------------------------------------------
class TextMemo:
    """Phrases and principles of each distinct text, worked out once and kept with the cache:
    the Tops-en-tips tab then reruns on counts alone."""

    def __init__(self) -> None:
        self._phrases: dict[str, frozenset[str]] = {}
        self._principles: dict[str, tuple[int, ...]] = {}
        self._drop: frozenset[str] = frozenset()
        self._themes: dict[str, tuple[tuple, list[themes.Theme]]] = {}

    def phrases(self, text: str, drop: frozenset[str]) -> frozenset[str]:
        if drop is not self._drop and drop != self._drop:  # cases changed, names with them
            self._phrases, self._drop = {}, drop
        found = self._phrases.get(text)
        if found is None:
            found = self._phrases[text] = frozenset(themes.phrases(text, drop))
        return found

    def themes(self, kind: str, positions: list[int], cases: list[int], texts: list[str],
               drop: frozenset[str]) -> list[themes.Theme]:
        """The network's themes in its texts of `kind` (themes.group), made again only when
        those texts or the names changed: grouped over the whole network, never per filter."""
        key = (tuple(positions), tuple(cases), tuple(texts), drop)
        kept = self._themes.get(kind)
        if kept is None or kept[0] != key:
            kept = self._themes[kind] = (key, themes.group(zip(positions, cases, texts), drop))
        return kept[1]

    def principles(self, text: str) -> tuple[int, ...]:
        found = self._principles.get(text)
        if found is None:
            lowered = text.lower()
            found = self._principles[text] = tuple(
                n for n, stems in PRINCIPLE_WORDS.items() if any(s in lowered for s in stems))
        return found


@dataclass
class Frames:
    """The network (or one filtered view of it) as frames, one row per meeting / agreement /
    goal / text. Each row has its anonymous case number, its organisation, the organisation's
    `unit` (see hgs.analytics.disclosure.pool_units) and that unit's `sector`, and `q`, the
    quarter it falls in (year * 4 + quarter - 1; of the MDO, of the MDO an agreement was made
    in, of a goal's latest score)."""
    organisations: dict[str, tuple[str, str]]
    meetings: pd.DataFrame
    agreements: pd.DataFrame
    goals: pd.DataFrame
    texts: pd.DataFrame
    drop_words: frozenset[str]
    memo: TextMemo = field(default_factory=TextMemo)
    units: dict[str, Unit] = field(default_factory=dict)
    base: Frames | None = None  # the whole network a view was filtered from
    flt: Filter | None = None  # the filter that made the view
    _disclosure: Disclosure | None = field(default=None, repr=False, compare=False)
    # the views filtered from these frames, by filter (hgs.analytics.filters.filtered)
    _views: dict = field(default_factory=dict, repr=False, compare=False)


DATED = {"meetings": "date", "agreements": "made", "goals": "last_date", "texts": "date"}


COLUMNS = {
    "meetings": ["date", "kind", "parents", "child_voice", "participants", "research", "rating",
                 "t_score", *(f"ok_{name}" for name in method.RULES)],
    "agreements": ["due", "status", "made"],
    "goals": ["goal", "first_date", "last_date", "start", "target", "first", "last", "level"],
    "texts": ["date", "kind", "group", "text"],
}


def _rows(facts: list[CaseFacts], numbers: Iterable[int],
          organisations: dict[str, tuple[str, str]], family: str) -> pd.DataFrame:
    """The rows of one family of the cases `facts`, numbered `numbers`, not yet placed."""
    columns = COLUMNS[family]
    base = ["case", "organisation"]
    data: dict[str, list] = {column: [] for column in base + columns}
    for number, f in zip(numbers, facts):  # column by column: quicker than a dict per row
        name = organisations.get(f.organisation_id, ("onbekend", "overig"))[0]
        rows = getattr(f, family)
        data["case"] += [number] * len(rows)
        data["organisation"] += [name] * len(rows)
        for column in columns:
            data[column] += [row.get(column) for row in rows]
    result = pd.DataFrame(data, columns=base + columns)
    if "date" in result:
        result["date"] = pd.to_datetime(result["date"])
    return result.assign(q=quarter_index(result[DATED[family]]))


def _units(facts: Iterable[CaseFacts],
           organisations: dict[str, tuple[str, str]]) -> dict[str, Unit]:
    """Units from the cases of each organisation that had a held MDO (nothing else counts)."""
    cases = {name: 0 for name, _ in organisations.values()}
    sector_of = {name: sector for name, sector in organisations.values()}
    for f in facts:
        name, sector = organisations.get(f.organisation_id, ("onbekend", "overig"))
        cases[name] = cases.get(name, 0) + bool(f.meetings)
        sector_of.setdefault(name, sector)
    return {u.key: u for u in pool_units(cases, sector_of, SECTORS)}


def _placed(rows: pd.DataFrame, units: dict[str, Unit], family: str) -> pd.DataFrame:
    """Rows with their organisation's unit and that unit's sector."""
    unit_of = {member: u.key for u in units.values() for member in u.members}
    unit = rows.organisation.map(unit_of)
    placed = rows.assign(unit=unit, sector=unit.map({k: u.sector for k, u in units.items()}))
    return placed[["case", "organisation", "sector", *COLUMNS[family], "unit", "q"]]


def build_frames(facts: list[CaseFacts], organisations: dict[str, tuple[str, str]],
                 memo: TextMemo | None = None, numbers: list[int] | None = None) -> Frames:
    """One row per meeting / agreement / goal / text, each with an anonymous case number (its
    place in `facts`, or `numbers`)."""
    numbers = list(range(len(facts))) if numbers is None else numbers
    units = _units(facts, organisations)
    return Frames(
        organisations, *(_placed(_rows(facts, numbers, organisations, family), units, family)
                         for family in COLUMNS),
        drop_words=frozenset({"naam"}).union(*(f.names for f in facts)),
        memo=memo or TextMemo(), units=units)


def fresh_rows(facts: dict[int, CaseFacts], numbers: list[int], family: str) -> bool:
    return any(getattr(facts[n], family) for n in numbers)


def replace_cases(frames: Frames, facts: dict[int, CaseFacts], changed: set[int]) -> Frames:
    """`frames` with the rows of the cases numbered `changed` made again from `facts` (every
    case's facts by number; a changed number missing from it is gone): the other rows stay as
    they are, and are placed again only when the units moved."""
    organisations = frames.organisations
    units = _units(facts.values(), organisations)
    fresh = [n for n in changed if n in facts]
    replaced = []
    for family in COLUMNS:
        old: pd.DataFrame = getattr(frames, family)
        mine = old.case.isin(changed)
        if not fresh_rows(facts, fresh, family) and not mine.any() and units == frames.units:
            replaced.append(old)  # none of the changed cases has rows here: kept as it is
            continue
        kept = old[~mine]
        if units != frames.units:
            kept = _placed(kept.drop(columns=["unit", "sector"]), units, family)
        part = _placed(_rows([facts[n] for n in fresh], fresh, organisations, family), units,
                       family)
        replaced.append(pd.concat([kept, part], ignore_index=True) if len(part) else
                        kept.reset_index(drop=True))
    return Frames(organisations, *replaced,
                  drop_words=frozenset({"naam"}).union(*(f.names for f in facts.values())),
                  memo=frames.memo, units=units)
