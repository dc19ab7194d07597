"""The "< 5" rule holds against differencing: whatever two filter states a coordinator picks on
Netwerk, no difference of two figures the page shows (nor a total minus the parts it shows)
covers a group of 1 to 4 cases.

The test works out, on its own, which records stand behind every figure the page can show: the
headline and each row of each table, for every filter state it enumerates (every organisation
unit alone, all but one, all; every sector alone and all but one; every pair of quarters as the
period; all, first and follow-up MDOs). A share turned back into a count, a mean, a median: each
is a figure over the same records as its row, so comparing record sets covers them all. It then
asks the page's rule which of those figures are shown, and checks every pair of shown figures of
the same kind (same records family, same row kind): when one's records hold the other's, the
records in the one and not the other are none or at least 5 cases, and so are the cases that
only the larger one counts. Per filter state, a shown total minus the shown rows of a table is
none or at least 5 cases too. `test_the_page_shows_what_the_rule_says` checks that the page's
tables show exactly the figures the rule allows, so the pairs checked are the page's own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest

from hgs import demo
from hgs.analytics import dashboard, disclosure, figures, filters, guard, network, periods
from hgs.analytics import toptips as theme_tables
from hgs.method.records import Case, Meeting, Organisation, Participant, TopTip
from hgs.store import open_store

TODAY = dt.date(2026, 11, 28)
SMALL = range(1, disclosure.MIN_CASES)  # a group of this many cases must never be laid bare
REPORT: dict[str, dict] = {}  # figures per network, printed by the last test


# -- the networks ---------------------------------------------------------------------------
def frames_from(store, tmp_path) -> network.Frames:
    """The dashboard's frames from the store's own source (case files or PostgreSQL rows)."""
    orgs = {o.id: (o.name, o.sector) for o in store.organisations()}
    if getattr(store, "url", None):
        return network.NetworkCache(store.documents()).frames(orgs)
    return network.NetworkCache(open_store(store.data_dir).documents()).frames(orgs)


def small_network(store) -> None:
    """Three schools: De Regenboog with exactly 4 cases, Het Palet with 9, De Brug with 6, each
    case with a first MDO and most with a follow-up, spread over four quarters of 2026."""
    day = dt.date(2026, 1, 12)
    number = 0
    for name, sector, count in (("Basisschool De Regenboog", "PO", 4),
                                ("Kindcentrum Het Palet", "PO", 9),
                                ("SBO De Brug", "SO/SBO", 6)):
        org = store.save_organisation(Organisation(name=name, sector=sector))
        for i in range(count):
            number += 1
            case = Case(code=f"L-2026-{number:04d}", first_name=f"Kind{number}",
                        organisation_id=org.id)
            people = [Participant(name="Juf", role="leerkracht/mentor")]
            if number % 3:
                people.append(Participant(name="Moeder", role="ouder/verzorger"))
            first_day = day + dt.timedelta(days=23 * (number % 8))
            meetings = [Meeting(case_id=case.id, date=first_day, participants=people,
                                rating=6 + number % 3,
                                tops_tips=[TopTip(kind="top", group="ouders",
                                                  text="Duidelijke afspraken gemaakt")])]
            if i % 4 != 3:
                meetings.append(Meeting(case_id=case.id, kind="evaluatie",
                                        previous_id=meetings[0].id, participants=people,
                                        date=first_day + dt.timedelta(days=100), rating=7,
                                        tops_tips=[TopTip(kind="tip", group="school",
                                                          text="Vragen vooraf sturen")]))
            store.import_case(case, meetings)


# -- which records stand behind each figure ----------------------------------------------------
def quarter(dates: pd.Series) -> np.ndarray:
    dates = pd.to_datetime(dates)
    return (dates.dt.year * 4 + (dates.dt.month - 1) // 3).to_numpy()


@dataclass
class Family:
    """The records of one kind of figure: their unit, quarter, kind of MDO and case."""
    name: str
    unit: np.ndarray
    quarter: np.ndarray
    kind: np.ndarray  # 0 first, 1 follow-up; all 0 where the MDO filter does not apply
    case: np.ndarray
    kinds: bool
    selector: np.ndarray = field(default=None)  # positions in the page's frame


class Oracle:
    """Every figure the page can show, as a set of records, over a grid of filter states."""

    def __init__(self, frames: network.Frames, today: dt.date = TODAY):
        self.frames, self.today = frames, today
        meetings, texts = frames.meetings, frames.texts
        units = self.units_of(frames)
        self.units = sorted(set(units["name"]))
        self.unit_sector = dict(zip(units["name"], units["sector"]))
        code = {name: i for i, name in enumerate(self.units)}
        self.sectors = sorted(set(self.unit_sector.values()))
        all_q = np.concatenate([quarter(meetings.date), quarter(texts.date)]) \
            if len(texts) else quarter(meetings.date)
        self.quarters = list(range(int(all_q.min()), int(all_q.max()) + 1))
        self.codes = code

        def family(name, frame, dates, kinds=False, mask=None):
            mask = np.ones(len(frame), bool) if mask is None else np.asarray(mask, bool)
            part = frame[mask]
            return Family(name, np.array([code[u] for u in self.unit_column(part)], int),
                          quarter(dates[mask]) if len(part) else np.zeros(0, int),
                          (part.kind == "evaluatie").to_numpy().astype(int) if kinds
                          else np.zeros(len(part), int),
                          part.case.to_numpy(), kinds, np.flatnonzero(mask))

        goals, agreements = frames.goals, frames.agreements
        scored = (goals["last"].notna() & goals["first"].notna()
                  & (goals.first_date < goals.last_date)).to_numpy()
        due = (agreements.due.notna() & agreements.due.map(
            lambda d: d is not None and not pd.isna(d) and d < today)).to_numpy()
        self.families: dict[tuple, Family] = {
            ("meetings",): family("meetings", meetings, meetings.date, True),
            ("agreements",): family("agreements", agreements, agreements.made, mask=due),
            ("goals",): family("goals", goals, goals.last_date, mask=scored),
        }
        for low, high, label in figures.T_BINS:
            band = ((meetings.t_score >= low) & (meetings.t_score < high)).to_numpy()
            self.families[("t-band", label)] = family("meetings", meetings, meetings.date,
                                                     True, band)
        toptips = texts.kind.isin(["top", "tip"]).to_numpy()
        for kind, group in itertools.product(("top", "tip"), sorted(set(texts.group))):
            mask = ((texts.kind == kind) & (texts.group == group)).to_numpy()
            if mask.any():
                self.families[("toptip", kind, group)] = family("texts", texts, texts.date,
                                                               mask=mask)
        for number, stems in network.PRINCIPLE_WORDS.items():
            mask = toptips & texts.text.str.lower().map(
                lambda text, stems=stems: any(s in text for s in stems)).to_numpy()
            self.families[("principle", number)] = family("texts", texts, texts.date, mask=mask)
        # every theme of at least 5 cases of the network (the page can show no other): the
        # page's grouping of clauses by meaning is taken as given, the rule is what is tested
        for kind in ("top", "tip", "behoefte"):
            for theme in theme_tables.theme_groups(frames, kind):
                mask = np.zeros(len(texts), bool)
                mask[list(theme.texts)] = True
                self.families[("phrase", kind, theme.label)] = family("texts", texts, texts.date,
                                                                     mask=mask)

    # How the page groups organisations and sectors (its units; before: every organisation)
    @staticmethod
    def units_of(frames) -> dict[str, list]:
        """The page's units (before: every organisation stood alone)."""
        units = filters.units(frames)
        return {"name": [u.key for u in units], "sector": [u.sector for u in units]}

    @staticmethod
    def unit_column(frame: pd.DataFrame) -> pd.Series:
        return frame["unit"]

    # -- the filter states --------------------------------------------------------------------
    def selections(self) -> list[frozenset[int]]:
        everyone = frozenset(range(len(self.units)))
        picks = {everyone}
        for unit in everyone:
            picks |= {frozenset({unit}), everyone - {unit}}
        for sector in self.sectors:
            inside = frozenset(self.codes[u] for u in self.units if self.unit_sector[u] == sector)
            picks |= {inside, everyone - inside}
        return sorted(picks, key=sorted)

    def periods(self) -> list[tuple[int, int]]:
        return [(a, b) for a in self.quarters for b in self.quarters if a <= b]

    KINDS = (frozenset({0, 1}), frozenset({0}), frozenset({1}))

    def states(self):
        return itertools.product(self.selections(), self.periods(), self.KINDS)

    # -- the figures of one state, per family ---------------------------------------------------
    TABLES = {"meetings": ("total", "unit", "sector", "quarter"), "agreements": ("unit",),
              "goals": ("sector",), "toptip": ("quarter",), "t-band": ("total",),
              "principle": ("total",)}

    def tables(self, key: tuple) -> tuple[str, ...]:
        """Which figures the page shows in family `key`: "total" (over the whole selection)
        and rows per "unit", "sector" or "quarter"."""
        if key[0] == "phrase":
            return ("total", "unit") if key[1] == "behoefte" else ("total",)
        return self.TABLES[key[0]]

    def sector_part(self, units: frozenset[int], sector: str) -> frozenset[int]:
        return frozenset(u for u in units if self.unit_sector[self.units[u]] == sector)


def cases_in(fam: Family, mask: np.ndarray) -> int:
    return len(set(fam.case[mask]))


# -- the page's rule --------------------------------------------------------------------------
# Which boxes the page shows figures of each kind for (hgs.analytics.disclosure.Records): a
# total over any selection or a row per unit / per sector; any range of quarters or a row per
# quarter.
SCOPES = {"meetings": ("any", "range"), "agreements": ("single", "range"),
          "goals": ("sector", "range"), "toptip": ("any", "single")}


def page_level(oracle: Oracle, key: tuple, mask: np.ndarray) -> int:
    """How the page shows the figure over these records (the rule of hgs.analytics.guard): hidden,
    shown with its number of cases as "≥ 5", or exactly."""
    fam = oracle.families[key]
    rule = guard.Disclosure.of(oracle.frames)
    return rule.level(fam.name, fam.selector, fam.selector[mask],
                      *SCOPES.get(key[0], ("any", "range")))


@dataclass
class Findings:
    states: int = 0
    figures: int = 0
    distinct: int = 0
    shown: int = 0
    pairs: int = 0  # pairs of shown figures compared
    nested: int = 0  # of which one's records held the other's
    sums: int = 0  # totals checked against the shown rows of a table
    leaks: list = field(default_factory=list)
    records: dict = field(default_factory=dict)  # key -> the distinct record sets (to explain)


def check(oracle: Oracle) -> Findings:
    found = Findings()
    selections, periods = oracle.selections(), oracle.periods()
    found.states = len(selections) * len(periods) * len(Oracle.KINDS)
    for key, fam in oracle.families.items():
        if not len(fam.case):
            continue
        tables = oracle.tables(key)
        kinds = Oracle.KINDS if fam.kinds else (frozenset({0}),)
        # the figures of each table: its sets of units times its periods times the kinds
        singles = [(q, q) for q in oracle.quarters]
        shapes = {"total": (selections, periods),
                  "unit": ([frozenset({u}) for u in range(len(oracle.units))], periods),
                  "sector": (list(dict.fromkeys(oracle.sector_part(o, s) for o in selections
                                                for s in oracle.sectors)), periods),
                  "quarter": (selections, singles)}
        by_kind = np.array([np.isin(fam.kind, list(k)) for k in kinds])
        where, blocks = {}, []
        for table in tables:
            unit_sets, spans = shapes[table]
            where[table] = ({units: i for i, units in enumerate(unit_sets)},
                            {span: i for i, span in enumerate(spans)})
            by_unit = np.array([np.isin(fam.unit, list(u)) for u in unit_sets])
            by_period = np.array([(fam.quarter >= a) & (fam.quarter <= b) for a, b in spans])
            blocks.append(by_unit[:, None, None, :] & by_period[None, :, None, :]
                          & by_kind[None, None, :, :])
        flat = np.concatenate([b.reshape(-1, len(fam.case)) for b in blocks])
        packed = np.packbits(flat, axis=-1)
        _, first, inverse = np.unique(packed, axis=0, return_index=True, return_inverse=True)
        inverse, ids, at = inverse.reshape(-1), {}, 0
        for table, block in zip(tables, blocks):
            ids[table] = inverse[at:at + block[..., 0].size].reshape(block.shape[:3])
            at += block[..., 0].size

        def figure(table: str, units: frozenset[int], span: tuple[int, int], k: int,
                   where=where, ids=ids) -> int:
            unit_at, span_at = where[table]
            return int(ids[table][unit_at[units], span_at[span], k])

        matrix = flat[first]
        found.records[key] = matrix
        sizes = matrix.sum(1)
        level = np.array([page_level(oracle, key, mask) if size else disclosure.HIDDEN
                          for mask, size in zip(matrix, sizes)])
        shown, exact = level != disclosure.HIDDEN, level == disclosure.EXACT
        found.distinct += len(matrix)
        found.shown += int(shown.sum())
        # pairs of shown figures: where one holds the other, what lies between
        case_codes = np.unique(fam.case)
        per_case = matrix.astype(np.int32) @ (fam.case[:, None] == case_codes).astype(np.int32)
        visible = np.flatnonzero(shown)
        sub = matrix[visible].astype(np.int32)
        size = sizes[visible]
        found.pairs += len(visible) * (len(visible) - 1) // 2
        for start in range(0, len(visible), 1024):
            overlap = sub[start:start + 1024] @ sub.T
            big, small = np.nonzero((overlap == size[None, :])
                                    & (size[start:start + 1024, None] > size[None, :]))
            big += start
            found.nested += len(big)
            outer, inner = per_case[visible[big]], per_case[visible[small]]
            differ = ((outer - inner) > 0).sum(1)  # cases with records in the difference
            only = ((outer > 0) & (inner == 0)).sum(1)  # cases the larger figure alone counts
            # the numbers of cases differ by `only` where both are shown exactly
            only = np.where(exact[visible[big]] & exact[visible[small]], only, 0)
            for n in np.flatnonzero(np.isin(differ, SMALL) | np.isin(only, SMALL)):
                found.leaks.append((key, "pair", int(differ[n]), int(only[n]),
                                    int(visible[big[n]]), int(visible[small[n]])))
        # per filter state: its figures, and a shown total minus the shown rows of a table
        for units, (a, b), k in itertools.product(selections, periods, range(len(kinds))):
            rows = {"unit": [figure("unit", frozenset({u}), (a, b), k) for u in sorted(units)]
                    if "unit" in tables else [],
                    "sector": [figure("sector", oracle.sector_part(units, s), (a, b), k)
                               for s in oracle.sectors if oracle.sector_part(units, s)]
                    if "sector" in tables else [],
                    "quarter": [figure("quarter", units, (q, q), k) for q in range(a, b + 1)]
                    if "quarter" in tables else []}
            found.figures += ("total" in tables) + sum(len(r) for r in rows.values())
            if "total" not in tables:
                continue
            total = figure("total", units, (a, b), k)
            if not shown[total]:
                continue
            for table, row_ids in rows.items():
                row_ids = [r for r in row_ids if shown[r]]
                if not row_ids:
                    continue
                found.sums += 1
                rest = matrix[total] & ~matrix[row_ids].any(0)
                if cases_in(fam, rest) in SMALL:
                    found.leaks.append((key, f"total-{table}", cases_in(fam, rest), 0,
                                        total, (sorted(units), a, b, k)))
    return found


def describe(oracle: Oracle, found: Findings, limit: int = 5) -> str:
    def where(key, n) -> str:
        fam, mask = oracle.families[key], found.records[key][n]
        return (f"units {sorted(set(fam.unit[mask].tolist()))} quarters "
                f"{sorted(set(fam.quarter[mask].tolist()))} "
                f"kinds {sorted(set(fam.kind[mask].tolist()))}")

    lines = [f"{len(found.leaks)} leaks, e.g.:"]
    for key, how, differ, only, big, small in found.leaks[:limit]:
        lines.append(f"  {key} {how}: {differ} cases differ ({only} counted by the larger "
                     f"only): {where(key, big)} vs "
                     + (where(key, small) if how == "pair" else f"state {small}"))
    return "\n".join(lines)


# -- the tests --------------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["demo", "four"])
def test_no_two_filter_states_lay_bare_a_group_of_fewer_than_5(store, tmp_path, which):
    if which == "demo":
        demo.build_network(store, today=TODAY)
    else:
        small_network(store)
    frames = frames_from(store, tmp_path)
    started = time.perf_counter()
    oracle = Oracle(frames)
    found = check(oracle)
    seconds = time.perf_counter() - started
    REPORT[f"{which}/{type(store).__name__}"] = {
        "states": found.states, "state pairs": found.states * (found.states - 1) // 2,
        "figures": found.figures, "distinct record sets": found.distinct,
        "shown": found.shown, "shown pairs": found.pairs, "nested pairs": found.nested,
        "totals checked": found.sums, "leaks": len(found.leaks), "seconds": round(seconds, 1)}
    print(which, REPORT[f"{which}/{type(store).__name__}"])
    assert found.nested > 0 and found.sums > 0  # the check looked at something
    assert not found.leaks, describe(oracle, found)


def test_the_page_shows_what_the_rule_says(tmp_path):
    """The page's own tables, for a sample of filter states: a row is a number exactly when the
    rule shows the figure over the records the test finds behind it, and then it counts those
    records' cases. So the pairs above are the page's figures, not the test's idea of them."""
    store = open_store(tmp_path)
    demo.build_network(store, today=TODAY)
    frames = frames_from(store, tmp_path)
    oracle = Oracle(frames)
    names = {filters.unit_name(frames, key): oracle.codes[key] for key in oracle.units}
    everyone = frozenset(range(len(oracle.units)))
    first, last = oracle.quarters[0], oracle.quarters[-1]
    states = [(everyone, first, last, None), (everyone, last - 3, last, None),
              (everyone, last - 1, last - 1, "evaluatie"), (everyone, first, last, "eerste")]
    states += [(frozenset({u}), a, last, None) for u in everyone for a in (first, last - 4)]
    states += [(oracle.sector_part(everyone, s), last - 2, last, None) for s in oracle.sectors]
    states += [(everyone - {u}, last - 4, last, None) for u in everyone]
    kinds = {None: frozenset({0, 1}), "eerste": frozenset({0}), "evaluatie": frozenset({1})}
    levels = {disclosure.HIDDEN: 0, disclosure.AT_LEAST: 0, disclosure.EXACT: 0}

    def expect(key, units, a, b, kind, value):
        fam = oracle.families[key]
        mask = (np.isin(fam.unit, list(units)) & (fam.quarter >= a) & (fam.quarter <= b)
                & np.isin(fam.kind, list(kinds[kind] if fam.kinds else {0})))
        level = page_level(oracle, key, mask) if mask.any() else disclosure.HIDDEN
        expected = {disclosure.HIDDEN: network.SMALL, disclosure.AT_LEAST: network.SOME,
                    disclosure.EXACT: cases_in(fam, mask)}[level]
        assert value == expected, (key, units, a, b, kind, value, expected)
        levels[level] += 1

    for units, a, b, kind in states:
        flt = filters.Filter(periods.quarter_start(a), periods.quarter_end(b), (),
                             tuple(oracle.units[u] for u in sorted(units)), kind)
        view = filters.filtered(frames, flt)
        tables = dashboard.dashboard(view, "Q", TODAY)
        expect(("meetings",), units, a, b, kind, figures.headline(view)["cases"])
        for row in tables["MDO per organisatie"].itertuples():
            expect(("meetings",), {names[row.organisatie]}, a, b, kind, row.casussen)
        for row in tables["MDO per sector"].itertuples():
            expect(("meetings",), oracle.sector_part(units, row.sector), a, b, kind,
                   row.casussen)
        for row in tables["MDO per periode"].itertuples():
            q = int(row.periode[:4]) * 4 + int(row.periode[-1]) - 1
            expect(("meetings",), units, q, q, kind, row.casussen)
        for row in tables["Afspraken"].itertuples():
            expect(("agreements",), {names[row.organisatie]}, a, b, None, row.casussen)
        for row in tables["Doelen per sector"].itertuples():
            expect(("goals",), oracle.sector_part(units, row.sector), a, b, None, row.casussen)
        for row in tables["T-scores"].itertuples():
            expect(("t-band", row[1]), units, a, b, kind, row.casussen)
        for row in tables["Tops en tips"].itertuples():
            q = int(row.periode[:4]) * 4 + int(row.periode[-1]) - 1
            expect(("toptip", row.soort, row.groep), units, q, q, None, row.casussen)
        for number, row in enumerate(tables["Uitgangspunten"].itertuples(), start=1):
            expect(("principle", number), units, a, b, None, row.casussen)
        for kind_of, name in (("top", "Thema's tops"), ("tip", "Thema's tips")):
            for row in tables[name].itertuples():
                expect(("phrase", kind_of, row.thema), units, a, b, None, row.casussen)
        for row in tables["Behoeften netwerk"].itertuples():
            expect(("phrase", "behoefte", row[1]), units, a, b, None, row.casussen)
        for row in tables["Behoeften per organisatie"].itertuples():
            expect(("phrase", "behoefte", row[2]), {names[row.organisatie]}, a, b, None,
                   row.casussen)
    assert min(levels.values()) > 10, levels  # each way of showing was met, and checked
