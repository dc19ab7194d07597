"""The network's figures for coordinators: read lean from the case files (only what the figures
need, never a name or code), cached by each file's modification time, aggregated per quarter
and per organisation unit with the "< 5" rule of hgs.disclosure built in: every table asks it,
per row, whether its figure is shown."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import io
import os
import threading
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import orjson
import pandas as pd

from hgs.analytics import goals as analytics
from hgs.method import checks as method
from hgs.method import steps
from hgs.method import texts
from hgs.analytics import themes
from hgs.analytics.disclosure import (AT_LEAST, EXACT, HIDDEN, MIN_CASES, POOL, Records, Unit,
                            pool_units)
from hgs.i18n import Labels, format_number, language, t, using
from hgs.method.checks import CHECK_TITLES, DEFAULT_CORE_MAX, PRINCIPLES
from hgs.method.records import SCHEMA_VERSION, SECTORS

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


def _scrub(text: str, names: frozenset[str]) -> str:
    """Free text with every word that is the case's first name or code replaced."""
    lowered = text.lower()
    if not any(name in lowered for name in names):
        return text  # most texts name no one: nothing to look for word by word
    out = []
    for token in text.split():
        core = token.strip(".,;:!?()'\"").lower()
        out.append("[naam]" if core in names or core.removesuffix("'s") in names else token)
    return " ".join(out)


def read_case(raw: bytes) -> CaseFacts | None:
    """The lean facts of one case file (TinyDB's JSON); None for a file that is not a case."""
    data = orjson.loads(raw)
    case = (data.get("case") or {}).get("1")
    if not case or data.get("meta", {}).get("1", {}).get("schema", 0) > SCHEMA_VERSION:
        return None
    return case_facts(case, list((data.get("meetings") or {}).values()))


def case_facts(case: dict, meetings: list[dict]) -> CaseFacts:
    """The lean facts of one case from its raw documents, as stored (dates as ISO text)."""
    names = frozenset(n.lower() for n in (case.get("first_name", ""), case.get("code", "")) if n)
    facts = CaseFacts(organisation_id=case.get("organisation_id", ""), names=names)
    # A cancelled MDO, or one with nothing of its own in any step, did not take place: it and
    # what it holds (carried-over agreements and goals too) are left out (one rule, in steps).
    by_id = {m.get("id"): m for m in meetings}
    meetings = sorted((m for m in meetings
                       if steps.counts_as_held(m, by_id.get(m.get("previous_id")))),
                      key=lambda m: m.get("date", ""))
    goal_scores = analytics.goal_scores_raw(meetings)
    for meeting in meetings:
        date = dt.date.fromisoformat(meeting["date"])
        checked = method.document_facts(meeting)  # the method checks decide on these
        facts.meetings.append({
            "date": date, "kind": meeting.get("kind", "eerste"),
            "parents": checked.parents_present,  # one rule: hgs.method.checks
            "child_voice": method.child_voice_ok(checked),
            "participants": checked.present,
            "research": meeting.get("research_needed") is True,
            "rating": meeting.get("rating"),
            "t_score": goal_scores["t_scores"].get(meeting["id"]),
            # the core table's check needs the network's threshold: applied when counting
            **{f"ok_{name}": rule(checked) for name, rule in method.RULES.items()},
        })
        for item in meeting.get("tops_tips", []):
            if item.get("text"):
                facts.texts.append({"date": date, "kind": item["kind"],
                                    "group": item.get("group", "professionals"),
                                    "text": _scrub(item["text"], names)})
        for need in meeting.get("needs", []):
            if need.get("more_pupils") and need.get("text"):
                facts.texts.append({"date": date, "kind": "behoefte", "group": "",
                                    "text": _scrub(need["text"], names)})
    latest: dict[str, dict] = {}
    for meeting in meetings:
        for a in meeting.get("agreements", []):
            latest[a["id"]] = {"due": a.get("due"), "status": a.get("status", "open"),
                               "made": dt.date.fromisoformat(meeting["date"])}
    facts.agreements = [{**a, "due": dt.date.fromisoformat(a["due"]) if a["due"] else None}
                        for a in latest.values()]
    facts.goals = goal_scores["goals"]
    return facts


class CaseFiles:
    """Where a NetworkCache reads a data folder: its case files, each stamped by its
    modification time and size."""

    def __init__(self, data_dir: str | os.PathLike) -> None:
        self.cases_dir = Path(data_dir) / "cases"

    def stamps(self) -> dict[str, Hashable]:
        try:
            entries = list(os.scandir(self.cases_dir))
        except FileNotFoundError:
            return {}
        stamps = {}
        for entry in entries:
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                stat = entry.stat()
                stamps[entry.name] = (stat.st_mtime_ns, stat.st_size)
        return stamps

    def read(self, stale: dict[str, Hashable]) -> Iterator[tuple[str, Hashable, CaseFacts | None]]:
        for name, stamp in stale.items():
            try:
                facts = read_case((self.cases_dir / name).read_bytes())
            except (OSError, ValueError, KeyError, TypeError):
                facts = None  # a damaged file is left out of the figures, not fatal
            yield name, stamp, facts


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
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


class NetworkCache:
    """Case facts of a network, re-read only for cases whose stamp changed. `source` is a data
    folder (its case files, see CaseFiles) or any object with the same `stamps()` and
    `read(stale)`, such as hgs.pgstore.CaseRows for PostgreSQL."""

    def __init__(self, source: str | os.PathLike | CaseFiles) -> None:
        self.source = CaseFiles(source) if isinstance(source, (str, os.PathLike)) else source
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
        with _no_cycle_collection():
            for key, stamp, facts in self.source.read(stale):
                self.reads += 1
                self._facts[key] = (stamp, facts)
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

    def phrases(self, text: str, drop: frozenset[str]) -> frozenset[str]:
        if drop is not self._drop and drop != self._drop:  # cases changed, names with them
            self._phrases, self._drop = {}, drop
        found = self._phrases.get(text)
        if found is None:
            found = self._phrases[text] = frozenset(themes.phrases(text, drop))
        return found

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
    `unit` (see hgs.disclosure.pool_units) and that unit's `sector`, and `q`, the quarter it
    falls in (year * 4 + quarter - 1; of the MDO, of the MDO an agreement was made in, of a
    goal's latest score)."""
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


DATED = {"meetings": "date", "agreements": "made", "goals": "last_date", "texts": "date"}


def build_frames(facts: list[CaseFacts], organisations: dict[str, tuple[str, str]],
                 memo: TextMemo | None = None) -> Frames:
    """One row per meeting / agreement / goal / text, each with an anonymous case number."""
    def frame(attr: str, columns: list[str]) -> pd.DataFrame:
        base = ["case", "organisation", "sector"]
        data: dict[str, list] = {column: [] for column in base + columns}
        for number, f in enumerate(facts):  # column by column: quicker than a dict per row
            name, sector = organisations.get(f.organisation_id, ("onbekend", "overig"))
            rows = getattr(f, attr)
            data["case"] += [number] * len(rows)
            data["organisation"] += [name] * len(rows)
            data["sector"] += [sector] * len(rows)
            for column in columns:
                data[column] += [row.get(column) for row in rows]
        result = pd.DataFrame(data, columns=base + columns)
        if "date" in result:
            result["date"] = pd.to_datetime(result["date"])
        return result

    # Units from the cases of each organisation that had a held MDO (nothing else is counted)
    cases = {name: 0 for name, _ in organisations.values()}
    sector_of = {name: sector for name, sector in organisations.values()}
    for f in facts:
        name, sector = organisations.get(f.organisation_id, ("onbekend", "overig"))
        cases[name] = cases.get(name, 0) + bool(f.meetings)
        sector_of.setdefault(name, sector)
    units = {u.key: u for u in pool_units(cases, sector_of, SECTORS)}
    unit_of = {member: u for u in units.values() for member in u.members}

    def placed(result: pd.DataFrame, family: str) -> pd.DataFrame:
        unit = result.organisation.map(lambda name: unit_of[name].key)
        return result.assign(unit=unit, sector=unit.map(lambda key: units[key].sector),
                             q=quarter_index(result[DATED[family]]))

    return Frames(
        organisations=organisations,
        meetings=placed(frame("meetings", [
            "date", "kind", "parents", "child_voice", "participants", "research", "rating",
            "t_score", *(f"ok_{name}" for name in method.RULES)]), "meetings"),
        agreements=placed(frame("agreements", ["due", "status", "made"]), "agreements"),
        goals=placed(frame("goals", ["goal", "first_date", "last_date", "start", "target",
                                     "first", "last", "level"]), "goals"),
        texts=placed(frame("texts", ["date", "kind", "group", "text"]), "texts"),
        drop_words=frozenset({"naam"}).union(*(f.names for f in facts)),
        memo=memo or TextMemo(),
        units=units,
    )


# -- periods: whole quarters ------------------------------------------------------------------
def quarter_index(dates: pd.Series) -> pd.Series:
    """year * 4 + quarter - 1 of each date (an int per row; an empty frame gives ints too)."""
    if not len(dates):
        return pd.Series(dtype="int64", index=dates.index)
    dates = pd.to_datetime(dates)
    return (dates.dt.year * 4 + (dates.dt.month - 1) // 3).astype("int64")


def quarter_of(day: dt.date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def quarter_start(q: int) -> dt.date:
    return dt.date(q // 4, q % 4 * 3 + 1, 1)


def quarter_end(q: int) -> dt.date:
    return quarter_start(q + 1) - dt.timedelta(days=1)


def quarter_label(q: int) -> str:
    """ "2026-K1" / "2026-Q1" (they sort as they read)."""
    return f"{q // 4}{t('netwerk.kwartaal_teken')}{q % 4 + 1}"


def quarters(frames: Frames) -> list[int]:
    """Every quarter from the network's first MDO to its last: the periods the page offers."""
    if frames.meetings.empty:
        return []
    return list(range(int(frames.meetings.q.min()), int(frames.meetings.q.max()) + 1))


def period_label(q: pd.Series) -> pd.Series:
    """The label of each row's quarter (worked out once per quarter)."""
    return q.map({n: quarter_label(n) for n in q.unique()}) if len(q) else q.astype(str)


# -- organisations: units ---------------------------------------------------------------------
def units(frames: Frames) -> list[Unit]:
    """The network's units, as the organisation filter offers them (see pool_units)."""
    return list((frames.base or frames).units.values())


def unit_name(frames: Frames, key: str) -> str:
    """A unit on screen: the organisation's name, or "PO: overige organisaties (3)" …"""
    unit = (frames.base or frames).units.get(key)
    if unit is None or not unit.pooled:
        return key
    if unit.key == POOL + "*":
        return t("netwerk.eenheden.kleine_sectoren", aantal=len(unit.members))
    alone = any(u.sector == unit.sector and not u.pooled
                for u in (frames.base or frames).units.values())
    return t("netwerk.eenheden.overige" if alone else "netwerk.eenheden.alle",
             sector=texts.SECTORS.get(unit.sector, unit.sector), aantal=len(unit.members))


# -- filters ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filter:
    """A filter state of the page. `start` and `end` snap to whole quarters (the first and the
    last day of theirs); `organisations` holds unit keys (see `units`)."""
    start: dt.date | None = None
    end: dt.date | None = None
    sectors: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    kind: str | None = None  # "eerste", "evaluatie" or None for both


def _within(frame: pd.DataFrame, flt: Filter) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    if flt.start:
        mask &= frame.q >= quarter_of(flt.start)
    if flt.end:
        mask &= frame.q <= quarter_of(flt.end)
    if flt.sectors:
        mask &= frame.sector.isin(flt.sectors)
    if flt.organisations:
        mask &= frame.unit.isin(flt.organisations)
    return frame[mask]


def filtered(frames: Frames, flt: Filter) -> Frames:
    """The view of `frames` that `flt` selects; its rows keep their place in the network's
    frames (the index), which the "< 5" rule looks up."""
    base = frames.base or frames
    meetings = _within(frames.meetings, flt)
    if flt.kind:
        meetings = meetings[meetings.kind == flt.kind]
    return Frames(frames.organisations, meetings, _within(frames.agreements, flt),
                  _within(frames.goals, flt), _within(frames.texts, flt), frames.drop_words,
                  frames.memo, frames.units, base, flt)


# -- the "< 5" rule, per network ----------------------------------------------------------------
class Disclosure:
    """The "< 5" rule (hgs.disclosure) for one network's frames: the records of each kind of
    figure, made once and kept with the frames (a filter change looks verdicts up)."""

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
        figures of this kind (see hgs.disclosure.Records)."""
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


def _levels(records: Records, frame: pd.DataFrame, keys) -> pd.Series:
    """Per group of `frame` (grouped by `keys`): how the rule shows its figure."""
    groups = frame.groupby(keys, sort=True).indices
    labels = frame.index.to_numpy()
    return pd.Series({key: records.level(labels[positions])
                      for key, positions in groups.items()}, dtype=int)


# -- aggregates, with the small-group rule ------------------------------------------------------
def suppress(table: pd.DataFrame, value_columns: Iterable[str], levels) -> pd.DataFrame:
    """Per row, as the rule shows its figure (`levels`, one per row, see hgs.disclosure):
    hidden, every value becomes "< 5"; its number of cases unsaid, "casussen" becomes "≥ 5"."""
    table = table.copy()
    levels = np.asarray(levels, dtype=int)
    for column in [*value_columns, "casussen"]:
        table[column] = table[column].astype(object)
        table.loc[levels == HIDDEN, column] = SMALL
    table.loc[levels == AT_LEAST, "casussen"] = SOME
    return table


GROUP_NAMES = {"period": "periode", "sector": "sector", "organisation": "organisatie"}
GROUP_KEYS = {"period": "period", "sector": "sector", "organisation": "unit"}


def _named(table: pd.DataFrame, by: str, view: Frames) -> pd.DataFrame:
    """The group column under its (Dutch) name; units by their names on screen."""
    if by == "organisation":
        table = table.assign(unit=table["unit"].map(lambda key: unit_name(view, key)))
    return table.rename(columns={GROUP_KEYS[by]: GROUP_NAMES[by]})


def _grouped(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    return frame.assign(period=period_label(frame.q)) if by == "period" else frame


MEETING_MEASURES = {
    "MDO's": ("case", "size"),
    "ouders aanwezig (%)": ("parents", "mean"),
    "stem van het kind (%)": ("child_voice", "mean"),
    "deelnemers (mediaan)": ("participants", "median"),
    "onderzoek gevraagd (%)": ("research", "mean"),
    "rapportcijfer (gemiddeld)": ("rating", "mean"),
}


def meeting_figures(view: Frames, by: str) -> pd.DataFrame:
    """Per group (`period`, `sector` or `organisation`): the meeting measures, with the number
    of distinct cases behind each row."""
    columns = ["casussen", *MEETING_MEASURES]
    if view.meetings.empty:
        return pd.DataFrame(columns=[GROUP_NAMES[by], *columns])
    frame = _grouped(view.meetings, by)
    grouped = frame.groupby(GROUP_KEYS[by], sort=True)
    table = pd.DataFrame({"casussen": grouped.case.nunique()})
    for label, (column, how) in MEETING_MEASURES.items():
        values = getattr(grouped[column], how)()
        table[label] = (values * 100).round(0) if label.endswith("(%)") else values
    table["rapportcijfer (gemiddeld)"] = table["rapportcijfer (gemiddeld)"].astype(float).round(1)
    levels = _levels(Disclosure.of(view).records("meetings"), frame, GROUP_KEYS[by])
    return _named(suppress(table.reset_index(), MEETING_MEASURES, levels[table.index]), by, view)


def agreement_figures(view: Frames, today: dt.date, by: str = "organisation") -> pd.DataFrame:
    """Of the agreements whose date has passed: how many are marked done (per organisation
    or sector)."""
    if by not in ("organisation", "sector"):
        raise ValueError(f"agreements are counted per organisation or sector, not {by!r}")
    def passed(frame: pd.DataFrame) -> pd.Series:
        return frame.due.map(lambda d: isinstance(d, dt.date) and d < today).astype(bool)

    due = view.agreements[passed(view.agreements)] if len(view.agreements) \
        else view.agreements
    if due.empty:
        return pd.DataFrame(columns=[GROUP_NAMES[by], "casussen", "afspraken verlopen",
                                     "gedaan (%)"])
    due = due.assign(done=due.status == "gedaan")
    grouped = due.groupby(GROUP_KEYS[by])
    table = pd.DataFrame({"casussen": grouped.case.nunique(),
                          "afspraken verlopen": grouped.size(),
                          "gedaan (%)": (grouped.done.mean() * 100).round(0)})
    guard = Disclosure.of(view)
    scope = "single" if by == "organisation" else "sector"  # a row per unit or per sector
    records = guard.records("agreements", guard.where("agreements", ("due", today), passed),
                            scope)
    levels = _levels(records, due, GROUP_KEYS[by])
    return _named(suppress(table.reset_index(), ["afspraken verlopen", "gedaan (%)"],
                           levels[table.index]), by, view)


def _scored(goals: pd.DataFrame) -> pd.Series:
    return goals["last"].notna() & goals["first"].notna() & (goals.first_date < goals.last_date)


def goal_figures(view: Frames, by: str = "sector") -> pd.DataFrame:
    """Per organisation or sector: goals that improved since their first MDO and goals at or
    above target."""
    if by not in ("organisation", "sector"):
        raise ValueError(f"goals are counted per organisation or sector, not {by!r}")
    scored = view.goals[_scored(view.goals)] if len(view.goals) else view.goals
    if scored.empty:
        return pd.DataFrame(columns=[GROUP_NAMES[by], "casussen", "doelen", "vooruit (%)",
                                     "doel bereikt (%)"])
    scored = scored.assign(improved=scored["last"] > scored["first"],
                           reached=scored.level.fillna(-9) >= 0)
    grouped = scored.groupby(GROUP_KEYS[by])
    table = pd.DataFrame({"casussen": grouped.case.nunique(), "doelen": grouped.size(),
                          "vooruit (%)": (grouped.improved.mean() * 100).round(0),
                          "doel bereikt (%)": (grouped.reached.mean() * 100).round(0)})
    guard = Disclosure.of(view)
    scope = "single" if by == "organisation" else "sector"  # a row per unit or per sector
    records = guard.records("goals", guard.where("goals", "scored", _scored), scope)
    levels = _levels(records, scored, GROUP_KEYS[by])
    return _named(suppress(table.reset_index(), ["doelen", "vooruit (%)", "doel bereikt (%)"],
                           levels[table.index]), by, view)


T_BINS = [(0, 35, "< 35"), (35, 45, "35–45"), (45, 55, "45–55"), (55, 65, "55–65"),
          (65, 200, "≥ 65")]


def t_score_distribution(view: Frames) -> pd.DataFrame:
    """How many follow-up MDOs fall in each T-score band."""
    guard, meetings = Disclosure.of(view), view.meetings
    rows, levels = [], []
    for low, high, label in T_BINS:
        def band(frame: pd.DataFrame, low=low, high=high) -> pd.Series:
            return frame.t_score.notna() & (frame.t_score >= low) & (frame.t_score < high)

        part = meetings[band(meetings)]
        rows.append({"T-score": label, "casussen": part.case.nunique(), "MDO's": len(part)})
        levels.append(guard.level("meetings", guard.where("meetings", ("band", label), band),
                                  part.index.to_numpy()))
    return suppress(pd.DataFrame(rows), ["MDO's"], levels)


def toptip_figures(view: Frames) -> pd.DataFrame:
    """Counts of tops and tips per period and by who gave them."""
    tt = view.texts[view.texts.kind.isin(["top", "tip"])]
    if tt.empty:
        return pd.DataFrame(columns=["periode", "soort", "groep", "casussen", "aantal"])
    tt = tt.assign(periode=period_label(tt.q))
    grouped = tt.groupby(["periode", "kind", "group"])
    table = pd.DataFrame({"casussen": grouped.case.nunique(), "aantal": grouped.size()})
    guard, labels = Disclosure.of(view), tt.index.to_numpy()
    by_giver = {key: guard.where("texts", ("given", key), lambda f, key=key: (
                    f.kind == key[0]) & (f.group == key[1]))
                for key in {(k, g) for _, k, g in grouped.indices}}
    levels = [guard.level("texts", by_giver[(kind, group)], labels[positions],
                          periods="single")
              for (_, kind, group), positions in sorted(grouped.indices.items())]
    table = table.reset_index().rename(columns={"kind": "soort", "group": "groep"})
    return suppress(table, ["aantal"], levels)


def _recurring(view: Frames, texts: pd.DataFrame, min_cases: int, limit: int | None = 15):
    return themes.recurring_sets(
        ((case, view.memo.phrases(text, view.drop_words))
         for case, text in zip(texts.case, texts.text)), min_cases, limit)


def _shown_phrases(view: Frames, part: pd.DataFrame, kind: str, limit: int
                   ) -> list[tuple[str, int]]:
    """The recurring phrases of `part` (texts of `kind`) whose figures the rule shows."""
    found = _recurring(view, part, MIN_CASES, limit=None)
    wanted = {phrase for phrase, _ in found}
    cells: dict[str, list[int]] = defaultdict(list)
    for label, text in zip(part.index.tolist(), part.text.tolist()):
        for phrase in view.memo.phrases(text, view.drop_words) & wanted:
            cells[phrase].append(label)
    guard, kept = Disclosure.of(view), []
    for phrase, cases in found:
        level = guard.level("texts", guard.phrase(kind, phrase), np.array(cells[phrase]))
        if level != HIDDEN:
            kept.append((phrase, cases if level == EXACT else SOME))
        if len(kept) == limit:
            break
    return kept


def themes_table(view: Frames, kind: str) -> pd.DataFrame:
    """Recurring phrases in tops or tips, each used in at least MIN_CASES cases."""
    part = view.texts[view.texts.kind == kind]
    return pd.DataFrame(_shown_phrases(view, part, kind, 15), columns=["thema", "casussen"])


def shared_needs(view: Frames) -> pd.DataFrame:
    """Needs marked "meer leerlingen gebaat" whose phrases recur, per organisation, in at least
    MIN_CASES cases (a phrase from fewer cases could point at a child, so it is not shown)."""
    needs = view.texts[view.texts.kind == "behoefte"]
    rows = [{"organisatie": unit_name(view, unit), "behoefte (thema)": phrase, "casussen": cases}
            for unit, part in needs.groupby("unit")
            for phrase, cases in _shown_phrases(view, part, "behoefte", 5)]
    return pd.DataFrame(rows, columns=["organisatie", "behoefte (thema)", "casussen"])


def shared_needs_network(view: Frames) -> pd.DataFrame:
    """The same across the whole network, with the number of organisations behind each."""
    needs = view.texts[view.texts.kind == "behoefte"]
    sets = [view.memo.phrases(text, view.drop_words) for text in needs.text]
    rows = []
    for phrase, cases in _shown_phrases(view, needs, "behoefte", 15):
        hit = [phrase in s for s in sets]
        rows.append({"behoefte (thema)": phrase, "casussen": cases,
                     "organisaties": needs.organisation[hit].nunique()})
    return pd.DataFrame(rows, columns=["behoefte (thema)", "casussen", "organisaties"])


def principle_figures(view: Frames) -> pd.DataFrame:
    """How often each of the 7 principles shows in the tops and tips (see PRINCIPLE_WORDS)."""
    tt = view.texts[view.texts.kind.isin(["top", "tip"])]
    hits = tt.assign(principle=[view.memo.principles(t) for t in tt.text]).explode("principle")
    hits = hits[hits.principle.notna()]
    guard = Disclosure.of(view)
    rows, levels = [], []
    for number, title in PRINCIPLES.items():
        part = hits[hits.principle == number]
        rows.append({"uitgangspunt": f"{number}. {title}", "casussen": part.case.nunique(),
                     "tops": int((part.kind == "top").sum()),
                     "tips": int((part.kind == "tip").sum())})
        levels.append(guard.level("texts", guard.principle(number),
                                  np.unique(part.index.to_numpy())))
    return suppress(pd.DataFrame(rows), ["tops", "tips"], levels)


# -- the method's checks: tops and tips for the network, never a ranking --------------------------
CHECKS = tuple(CHECK_TITLES)
TOP_SHARE = 75  # met in at least this share (%) of MDOs: "goes well"; below: a point of attention


def _checked(meetings: pd.DataFrame, core_max: int) -> pd.DataFrame:
    """The meetings with one yes/no column per check; the core table's with today's threshold."""
    core = [method.core_table_ok(int(n), core_max) for n in meetings.participants]
    return meetings.assign(ok_core_table=pd.Series(core, index=meetings.index, dtype=bool))


def _view_level(view: Frames) -> int:
    """How the figures over all of the view's MDOs (headline, Werkwijze) are shown."""
    return Disclosure.of(view).level("meetings", None, view.meetings.index.to_numpy())


def method_overview(view: Frames, core_max: int = DEFAULT_CORE_MAX) -> pd.DataFrame:
    """Per check, network-wide: the share of MDOs where it was met, as a top ("gaat goed") or a
    tip ("aandachtspunt") for the network."""
    columns = ["werkwijze", "casussen", "MDO's", "gaat goed (%)", "top of tip"]
    meetings = view.meetings
    if meetings.empty:
        return pd.DataFrame(columns=columns)
    checked = _checked(meetings, core_max)
    cases = meetings.case.nunique()
    rows = []
    for name in CHECKS:
        share = round(float(checked[f"ok_{name}"].mean()) * 100)
        rows.append({"werkwijze": CHECK_TITLES[name], "casussen": cases, "MDO's": len(checked),
                     "gaat goed (%)": share,
                     "top of tip": t("netwerk.werkwijze.gaat_goed") if share >= TOP_SHARE
                     else t("netwerk.werkwijze.aandachtspunt")})
    return suppress(pd.DataFrame(rows, columns=columns), ["MDO's", "gaat goed (%)", "top of tip"],
                    [_view_level(view)] * len(rows))


def method_figures(view: Frames, by: str, core_max: int = DEFAULT_CORE_MAX) -> pd.DataFrame:
    """Per group (`period`, `sector` or `organisation`): per check the share of MDOs where it
    was met (%), with the number of distinct cases behind each row."""
    columns = ["casussen", "MDO's", *CHECKS]
    if view.meetings.empty:
        return pd.DataFrame(columns=[GROUP_NAMES[by], *columns])
    frame = _grouped(_checked(view.meetings, core_max), by)
    grouped = frame.groupby(GROUP_KEYS[by], sort=True)
    table = pd.DataFrame({"casussen": grouped.case.nunique(), "MDO's": grouped.size()})
    for name in CHECKS:
        table[name] = (grouped[f"ok_{name}"].mean() * 100).round(0)
    levels = _levels(Disclosure.of(view).records("meetings"), frame, GROUP_KEYS[by])
    return _named(suppress(table.reset_index(), ["MDO's", *CHECKS], levels[table.index]), by,
                  view)


def headline(view: Frames) -> dict:
    """The numbers at the top of the page, each None when the rule hides them."""
    meetings = view.meetings
    level = _view_level(view) if len(meetings) else HIDDEN
    if level == HIDDEN:
        return {"cases": SMALL, "meetings": SMALL, "parents": None, "child_voice": None,
                "participants": None}
    return {"cases": meetings.case.nunique() if level == EXACT else SOME,
            "meetings": len(meetings),
            "parents": round(meetings.parents.mean() * 100),
            "child_voice": round(meetings.child_voice.mean() * 100),
            "participants": float(meetings.participants.median())}


def headline_cells(view: Frames) -> dict[str, str]:
    """The headline numbers as shown: "93%", "5" or "5,5" in the session's language, and "< 5"
    for each of them when the rule hides them."""
    top = headline(view)
    percent = {"parents", "child_voice"}
    return {key: SMALL if value in (None, SMALL) else SOME if value == SOME
            else f"{value}%" if key in percent
            else format_number(value) if key == "participants" else str(value)
            for key, value in top.items()}


# -- exports ----------------------------------------------------------------------------------
def _cell(value) -> str:
    if isinstance(value, bool):
        return t("netwerk.ja") if value else t("netwerk.nee")
    if isinstance(value, (int, float)) and not pd.isna(value):
        if float(value).is_integer():
            return f"{value:.0f}"
        return f"{value:.1f}".replace(".", ",") if language() == "nl" else f"{value:.1f}"
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


# The frames' columns keep their Dutch names (the code looks them up; in Dutch they are the
# headers); the screen and the exports show them in the session's language ([netwerk.kolommen]).
COLUMNS = Labels("netwerk.kolommen", (
    "casussen", "MDO's", "ouders aanwezig (%)", "stem van het kind (%)", "deelnemers (mediaan)",
    "onderzoek gevraagd (%)", "rapportcijfer (gemiddeld)", "periode", "sector", "organisatie",
    "afspraken verlopen", "gedaan (%)", "doelen", "vooruit (%)", "doel bereikt (%)", "T-score",
    "soort", "groep", "aantal", "thema", "behoefte (thema)", "organisaties", "uitgangspunt",
    "tops", "tips", "werkwijze", "gaat goed (%)", "top of tip",
))
# Values of the model in a table's cells, per column, in the session's language.
CELL_WORDS = {"sector": texts.SECTORS, "soort": TEXT_KINDS, "groep": GIVER_NAMES}


def column_name(column: str) -> str:
    """A column's (or measure's) name on screen: "gedaan (%)" / "done (%)"; a check's column
    is its title: "Ouders aan tafel (%)" / "Parents at the table (%)"."""
    if column in CHECK_TITLES:
        return t("netwerk.werkwijze.kolom", title=CHECK_TITLES[column])
    return COLUMNS.get(column, column)


def display_names(table: pd.DataFrame) -> pd.DataFrame:
    """The same table with its column headers in the session's language."""
    return table.rename(columns=column_name)


def table_title(group: str) -> str:
    """ "MDO per periode" / "MDOs per period": the heading of a meeting table on screen."""
    return t("netwerk.tabellen.mdo_per", group=column_name(group))


def localised(table: pd.DataFrame) -> pd.DataFrame:
    """The same table with the model's values in its cells (sector, top or tip, who gave it)
    in the session's language; in Dutch they stay as they are."""
    words = {column: labels for column, labels in CELL_WORDS.items() if column in table}
    if not words or table.empty:
        return table
    return table.assign(**{column: table[column].map(lambda v, labels=labels: labels.get(v, v))
                           for column, labels in words.items()})


def display(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text in the session's language (7,5 / 7.5; "< 5" stays): one type per
    column for screens and CSV files."""
    return localised(table).apply(lambda column: column.map(_cell)) if not table.empty else table


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# injection"): an organisation named =HYPERLINK("https://…"&A2, "…") would send the
# neighbouring cell to a web site. Such a text cell gets a leading apostrophe, in the CSV and
# in the Excel file alike; numbers are not text and stay numbers, negative ones too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defused(value):
    """A text cell a spreadsheet would take for a formula, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _defused(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell and header `defused`; numbers untouched."""
    return table.rename(columns=defused).apply(lambda column: column.map(defused)) \
        if not table.empty else table.rename(columns=defused)


def to_csv(table: pd.DataFrame, lang: str | None = None) -> bytes:
    """With a byte-order mark, so it opens as-is in Excel. Dutch: semicolons and decimal commas,
    Dutch headers; English: commas and decimal points, English headers. `lang` defaults to the
    session's (a download button made later, outside the session, passes it). No cell starts
    a formula (`defused`)."""
    with using(lang or language()):
        # defused before the numbers become text: "-3" from a number stays -3; a carriage
        # return inside a cell as a line break, which the writer quotes (it does not quote \r)
        cells = display(_defused(table)).replace("\r\n?", "\n", regex=True)
        text = display_names(cells).to_csv(index=False, sep=";" if language() == "nl" else ",")
    return text.encode("utf-8-sig")


def to_excel(tables: dict[str, pd.DataFrame], lang: str | None = None) -> bytes:
    """One sheet per table, its name and headers in `lang` (default: the session's); no cell is
    a formula (`defused`: openpyxl writes a text that starts with = as one)."""
    buffer = io.BytesIO()
    with using(lang or language()), pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in tables.items():
            _defused(display_names(localised(table))).to_excel(
                writer, sheet_name=SHEETS.get(name, name)[:31], index=False)
    return buffer.getvalue()


# The page's tables by their (Dutch) sheet names; SHEETS gives the names in the session's language
SHEETS = Labels("netwerk.bladen", (
    "MDO per periode", "MDO per sector", "MDO per organisatie", "Afspraken", "Doelen per sector",
    "T-scores", "Tops en tips", "Thema's tops", "Thema's tips", "Behoeften per organisatie",
    "Behoeften netwerk", "Uitgangspunten", "Werkwijze", "Werkwijze per organisatie",
))


def dashboard(view: Frames, period: str, today: dt.date,
              core_max: int = DEFAULT_CORE_MAX) -> dict[str, pd.DataFrame]:
    """Every table of the Netwerk page for one filtered view, by its (Dutch sheet) name.
    `period` is "Q": the page counts whole quarters (see hgs.disclosure)."""
    if period != "Q":
        raise ValueError(f"periods are quarters, not {period!r}")
    return {
        "MDO per periode": meeting_figures(view, "period"),
        "MDO per sector": meeting_figures(view, "sector"),
        "MDO per organisatie": meeting_figures(view, "organisation"),
        "Afspraken": agreement_figures(view, today, "organisation"),
        "Doelen per sector": goal_figures(view, "sector"),
        "T-scores": t_score_distribution(view),
        "Tops en tips": toptip_figures(view),
        "Thema's tops": themes_table(view, "top"),
        "Thema's tips": themes_table(view, "tip"),
        "Behoeften per organisatie": shared_needs(view),
        "Behoeften netwerk": shared_needs_network(view),
        "Uitgangspunten": principle_figures(view),
        "Werkwijze": method_overview(view, core_max),
        "Werkwijze per organisatie": method_figures(view, "organisation", core_max),
    }


def workbook(view: Frames, period: str, today: dt.date, core_max: int, lang: str) -> bytes:
    """The Excel export of the page in `lang`: every table worked out in that language (the
    page asks for it later, outside the session, when the button is clicked)."""
    with using(lang):
        return to_excel(dashboard(view, period, today, core_max))
