"""The "< 5" rule of Netwerk, made to hold against differencing: which figures may be shown so
that no difference of two of them, whatever two filter states a coordinator picks, lays bare a
group of 1 to 4 cases.

The page's filters form a grid. An organisation *unit* is an organisation with at least 5
cases, or a pool of smaller ones (`pool_units`); a selection is any set of units (a sector is
the set of its units). A period is a range of whole quarters. The kind of MDO is first,
follow-up or both. Every figure the page shows — the headline, a row of a table, a theme — counts
the records of one *box* of that grid (units × quarters × kinds) that qualify for it (a T-score
band, a top given by parents, a phrase …): the qualifying records form `Records`, the box is
the smallest one holding the figure's records (its hull).

A figure is shown only when
1. its records come from at least 5 cases (the rule as it always was), and
2. every broader box the page can offer — one more unit, the period stretched at either end,
   the other kind of MDO, or any mix of these — adds no records or records of at least 5 cases,
   and adds no cases or at least 5 cases to the ones the figure counts.
Otherwise it shows "< 5", like a small group.

Why that is enough: if the page shows two figures and the records of one hold the other's, the
larger one's box holds the smaller one's hull, so the difference is one of the broader boxes of
rule 2 (or a union of them): none or at least 5 cases. A total minus the shown rows of a table
is such a difference too (a row next to a hidden small row is itself hidden, because adding
that row is a broader box). Counting per distinct case, shares that turn back into counts,
means and medians: each is a figure over the same records, so it is covered by the same test.

Why this grid: periods snap to quarters, because any two day ranges (or month ranges) one step
apart isolate the MDOs of one day (or month), and a month of a network like the demo holds
fewer than 5 cases half the time; organisations of fewer than 5 cases are pooled, because with
each of them selectable alone, every selection that leaves one of them out differs by 1 to 4
cases from the one that takes it in, and almost nothing could be shown. Broader boxes win over
narrower ones: the whole network in a quarter is shown, a school in that quarter may not be.
Rounding was the other tool on offer; it does not stop differencing of shares and means (a
share that rises when a day is left out tells about that day's MDO), so it is not used.

What it does not cover: a chain of three or more figures combined, beyond totals and their
rows; and it tells an empty group from a hidden one, as every published table does.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

MIN_CASES = 5
POOL = "samen:"  # the key of a pool of organisations: "samen:PO", or "samen:*" across sectors


# -- units: organisations shown one by one, or together -------------------------------------------
@dataclass(frozen=True)
class Unit:
    """What the organisation filter offers and the tables show a row for."""
    key: str  # the organisation's name, or POOL + sector
    sector: str  # the unit's sector ("overig" for the pool of small sectors)
    members: tuple[str, ...]  # organisation names
    cases: int

    @property
    def pooled(self) -> bool:
        return self.key.startswith(POOL)


def pool_units(cases: Mapping[str, int], sector_of: Mapping[str, str],
               sectors: Sequence[str]) -> list[Unit]:
    """Organisations grouped into units of 0 or at least MIN_CASES cases: one of 5 or more
    cases stands alone; the smaller ones of a sector are pooled; a pool of 1 to 4 cases takes in
    the sector's smallest organisation that stood alone; the organisations of sectors that
    hold 1 to 4 cases in all are pooled across sectors (and that pool, if it still holds 1 to 4,
    takes in the network's smallest unit). `cases` maps each organisation to its cases."""
    order = list(sectors) + sorted(set(sector_of.values()) - set(sectors))
    units: list[Unit] = []
    leftover: list[str] = []
    for sector in order:
        orgs = sorted(o for o in cases if sector_of[o] == sector)
        alone = sorted((o for o in orgs if cases[o] >= MIN_CASES), key=lambda o: (cases[o], o))
        together = [o for o in orgs if cases[o] < MIN_CASES]
        if 0 < sum(cases[o] for o in together) < MIN_CASES:
            if not alone:
                leftover += together
                continue
            together.append(alone.pop(0))
        units += [Unit(o, sector, (o,), cases[o]) for o in sorted(alone)]
        if together:
            units.append(Unit(POOL + sector, sector, tuple(sorted(together)),
                              sum(cases[o] for o in together)))
    if leftover:
        total = sum(cases[o] for o in leftover)
        filled = [u for u in units if u.cases]
        if 0 < total < MIN_CASES and filled:
            smallest = min(filled, key=lambda u: (u.cases, u.key))
            units.remove(smallest)
            leftover += smallest.members
            total += smallest.cases
        units.append(Unit(POOL + "*", "overig", tuple(sorted(leftover)), total))
    return units


# -- the rule ---------------------------------------------------------------------------------------
UNIT_SCOPES = ("any", "sector", "single")
PERIOD_SCOPES = ("range", "single")


class Records:
    """The records one kind of figure counts: for each, its position in the page's frame, its
    unit (a number), quarter (year * 4 + quarter - 1), kind of MDO (0 first, 1 follow-up; 0
    where the kind filter does not apply) and anonymous case number. Decides per figure.

    The scope says which boxes the page shows figures of this kind for, so which broader boxes
    rule 2 looks at: any set of units (a total over the selection), the units of one sector (a
    table with a row per sector and no total), or one unit (a row per unit and no total); any
    range of quarters, or one quarter (a row per quarter and no total). Sums of rows the page
    shows add nothing: their differences are differences of rows. `sector_of` gives each unit
    number's sector (needed for the "sector" scope)."""

    def __init__(self, positions: np.ndarray, unit: np.ndarray, quarter: np.ndarray,
                 kind: np.ndarray, case: np.ndarray, units: str = "any",
                 periods: str = "range", sector_of: Sequence[str] = ()) -> None:
        if units not in UNIT_SCOPES or periods not in PERIOD_SCOPES:
            raise ValueError(f"unknown scope {units!r}, {periods!r}")
        self.scope, self.sector_of = (units, periods), tuple(sector_of)
        order = np.argsort(positions, kind="stable")
        self.positions = np.asarray(positions)[order]
        self.unit, self.quarter = np.asarray(unit)[order], np.asarray(quarter)[order]
        self.kind, self.case = np.asarray(kind)[order], np.asarray(case)[order]
        # atoms: (unit, quarter, kind) -> [the cases as bits of an int, the number of records]
        self.atoms: dict[tuple[int, int, int], list[int]] = {}
        for u, q, k, c in zip(self.unit.tolist(), self.quarter.tolist(), self.kind.tolist(),
                              self.case.tolist()):
            atom = self.atoms.setdefault((u, q, k), [0, 0])
            atom[0] |= 1 << c
            atom[1] += 1
        self._verdicts: dict[tuple, bool] = {}

    def _index(self, cell: np.ndarray) -> np.ndarray:
        cell = np.asarray(cell, dtype=self.positions.dtype)
        index = np.searchsorted(self.positions, cell)
        if len(cell) and (index.max() >= len(self.positions)
                          or (self.positions[index] != cell).any()):
            raise ValueError("a figure counts records its kind of figure does not hold")
        return index

    def cases(self, cell: np.ndarray) -> int:
        return len(np.unique(self.case[self._index(cell)]))

    def shown(self, cell: np.ndarray) -> bool:
        """Whether the figure over these records (positions in the page's frame) is shown."""
        index = self._index(cell)
        cases = np.unique(self.case[index])
        if len(cases) < MIN_CASES:
            return False
        units, kinds = frozenset(self.unit[index].tolist()), frozenset(self.kind[index].tolist())
        first, last = int(self.quarter[index].min()), int(self.quarter[index].max())
        hull = (units, first, last, kinds)
        if hull not in self._verdicts:
            inside = sum(n for (u, q, k), (_, n) in self.atoms.items()
                         if u in units and first <= q <= last and k in kinds)
            if inside != len(index):  # not all of its box: not a figure of the page's grid
                return False
            self._verdicts[hull] = self._safe(hull, sum(1 << int(c) for c in cases))
        return self._verdicts[hull]

    def _safe(self, hull: tuple, counted: int) -> bool:
        """Rule 2 for the box `hull`, whose figure counts the cases `counted` (bits)."""
        units, first, last, kinds = hull
        # Each record outside the box lies in one smallest broader box: the box plus its unit
        # (if outside), stretched to its quarter (if outside), plus its kind (if outside).
        # Every broader box's added records are a union of these; checking these suffices.
        units_scope, periods_scope = self.scope
        sectors = {self.sector_of[u] for u in units} if units_scope == "sector" else set()
        added: dict[tuple, int] = defaultdict(int)
        for (u, q, k), (bits, _) in self.atoms.items():
            key = (None if u in units else u, None if first <= q <= last else q,
                   None if k in kinds else k)
            if key == (None, None, None):
                continue
            if key[0] is not None and (units_scope == "single" or units_scope == "sector"
                                       and self.sector_of[u] not in sectors):
                continue  # the page shows no figure over that broader set of units
            if key[1] is not None and periods_scope == "single":
                continue  # nor over a longer period
            added[key] |= bits
        if not added:
            return True
        # Stretching the period takes in every quarter up to the new end: cumulative, outward.
        reach: dict[tuple, tuple[list[int], list[int]]] = {}
        lines: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
        for (u, q, k), bits in added.items():
            if q is not None:
                before = q < first
                lines[(u, k, before)].append((first - q if before else q - last, bits))
        for line, steps in lines.items():
            steps.sort()
            total, far, acc = 0, [], []
            for distance, bits in steps:
                total |= bits
                far.append(distance)
                acc.append(total)
            reach[line] = (far, acc)

        def stretched(u, k, before: bool, distance: int) -> int:
            far, acc = reach.get((u, k, before), ((), ()))
            i = bisect_right(far, distance) - 1
            return acc[i] if i >= 0 else 0

        for (u, q, k) in added:
            bits = 0
            for eu in {None, u}:
                for ek in {None, k}:
                    if (eu, ek) != (None, None):
                        bits |= added.get((eu, None, ek), 0)
                    if q is not None:
                        before = q < first
                        bits |= stretched(eu, ek, before, first - q if before else q - last)
            if 0 < bits.bit_count() < MIN_CASES:
                return False  # the broader box adds records of 1 to 4 cases
            if 0 < (bits & ~counted).bit_count() < MIN_CASES:
                return False  # it counts 1 to 4 cases more
        return True
