"""The "< 5" rule of Netwerk, made to hold against differencing: which figures may be shown so
that no difference of two of them, whatever two filter states a coordinator picks, lays bare a
group of 1 to 4 cases.

The page's filters form a grid. An organisation *unit* is an organisation of at least 5 cases or
a pool of smaller ones (`pool_units`); a selection is any set of units (a sector: the set of its
units). A period is a range of whole quarters. The kind of MDO is first, follow-up or both.
Every figure the page shows (the headline, a row of a table, a theme) counts the records that
qualify for it (a T-score band, a top given by parents, a phrase …, together: `Records`) in one
*box* of that grid (units × quarters × kinds); its hull is the smallest box holding them.

A figure is shown only when
1. its records come from at least 5 cases (the rule as it always was), and
2. every broader box the page can offer (one more unit, the period stretched at either end, the
   other kind of MDO, or any mix of these) adds no records, or records of at least 5 cases.
Otherwise it shows "< 5", as a small group does. Its number of cases is shown exactly only when
3. every such broader box counts no more cases, or at least 5 more; otherwise it reads "≥ 5".
   (A case counts once however many MDOs it had: "2026" and "2026 with the quarter before" may
   differ by 2 cases seen only in that quarter, while the quarter's MDOs are of 11 cases.)

Why that is enough: when the page shows two figures and the records of one hold the other's,
the larger one's box holds the smaller one's hull, so what lies between is what one of the
broader boxes of rule 2 adds (or a union of them): no cases or at least 5; and two exact numbers
of cases differ by 0 or at least 5 (rule 3). A total minus the rows of its table that are shown
is such a difference too: a row beside a hidden row of 1 to 4 cases is hidden itself, because
taking that row in is a broader box. Shares that turn back into counts, means and medians are
figures over the same records, so the same test covers them. The scope of `Records` narrows
"every broader box" to the boxes the page shows such figures for.

Why this grid: periods snap to quarters, because two day ranges (or month ranges) one step apart
isolate one day's MDOs (or one month's), and on a network the size of the demo half the months
hold fewer than 5 cases; organisations of fewer than 5 cases are pooled, because were each of
them selectable, every selection leaving one out would differ by 1 to 4 cases from the one taking
it in, and next to nothing could be shown. Broader boxes win over narrower ones: the network in a
quarter is shown where a school in that quarter may not be. Rounding (to multiples of 5) was the
other tool on offer; it leaves shares and means open to differencing (a share that rises when a
day is left out tells about that day's MDO), so it is not used.

Not covered: combining three or more figures other than a total and its rows; and the page tells
an empty group from a hidden one, as published tables do.
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


# -- the rule --------------------------------------------------------------------------------
UNIT_SCOPES = ("any", "sector", "single")
HIDDEN, AT_LEAST, EXACT = 0, 1, 2  # how a figure is shown (Records.level)
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

    def level(self, cell: np.ndarray) -> int:
        """How the figure over these records (positions in the page's frame) is shown: HIDDEN,
        AT_LEAST (shown, its number of cases as "≥ 5") or EXACT."""
        index = self._index(cell)
        cases = np.unique(self.case[index])
        if len(cases) < MIN_CASES:
            return HIDDEN
        units, kinds = frozenset(self.unit[index].tolist()), frozenset(self.kind[index].tolist())
        first, last = int(self.quarter[index].min()), int(self.quarter[index].max())
        hull = (units, first, last, kinds)
        if hull not in self._verdicts:
            inside = sum(n for (u, q, k), (_, n) in self.atoms.items()
                         if u in units and first <= q <= last and k in kinds)
            if inside != len(index):  # not all of its box: not a figure of the page's grid
                return HIDDEN
            self._verdicts[hull] = self._safe(hull, sum(1 << int(c) for c in cases))
        return self._verdicts[hull]

    def shown(self, cell: np.ndarray) -> bool:
        return self.level(cell) != HIDDEN

    def _safe(self, hull: tuple, counted: int) -> int:
        """Rule 2 for the box `hull`, whose figure counts the cases `counted` (bits)."""
        units, first, last, kinds = hull
        units_scope, periods_scope = self.scope
        sectors = {self.sector_of[u] for u in units} if units_scope == "sector" else set()
        # Each record outside the box lies in one smallest broader box: the box plus its unit
        # (if outside), stretched to its quarter (if outside), plus its kind (if outside).
        # Every broader box's added records are a union of these; checking these suffices.
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

        level = EXACT
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
                return HIDDEN  # the broader box adds records of 1 to 4 cases
            if 0 < (bits & ~counted).bit_count() < MIN_CASES:
                level = AT_LEAST  # it counts 1 to 4 cases more: their number stays unsaid
        return level
