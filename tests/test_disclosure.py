"""The "< 5" rule's parts on tiny hand-made records: which organisations pool, and when a figure
is hidden, shown with "≥ 5" cases, or shown exactly."""

import numpy as np
import pytest

from hgs.analytics.disclosure import AT_LEAST, EXACT, HIDDEN, POOL, Records, pool_units
from hgs.method.records import SECTORS


def pooled(cases: dict[str, int], sectors: dict[str, str]) -> dict[str, tuple[str, ...]]:
    return {u.key: u.members for u in pool_units(cases, sectors, SECTORS)}


def test_organisations_of_fewer_than_5_cases_pool_per_sector():
    units = pooled({"Palet": 12, "Regenboog": 4, "Zon": 2, "Brug": 3, "Wissel": 2},
                   {"Palet": "PO", "Regenboog": "PO", "Zon": "PO", "Brug": "SO/SBO",
                    "Wissel": "SO/SBO"})
    assert units == {"Palet": ("Palet",), POOL + "PO": ("Regenboog", "Zon"),
                     POOL + "SO/SBO": ("Brug", "Wissel")}


def test_a_pool_of_1_to_4_cases_takes_in_the_smallest_organisation_of_its_sector():
    units = pooled({"Stedelijk": 8, "Lyceum": 6, "Waterland": 1},
                   dict.fromkeys(("Stedelijk", "Lyceum", "Waterland"), "VO"))
    assert units == {"Stedelijk": ("Stedelijk",), POOL + "VO": ("Lyceum", "Waterland")}


def test_sectors_of_1_to_4_cases_pool_together_and_take_in_the_smallest_unit_if_need_be():
    units = pooled({"Palet": 12, "Boomhut": 2, "JGZ": 1, "Wijkteam": 0},
                   {"Palet": "PO", "Boomhut": "voorschools", "JGZ": "jeugdhulp/ketenpartner",
                    "Wijkteam": "gemeente"})
    assert units == {POOL + "gemeente": ("Wijkteam",), POOL + "*": ("Boomhut", "JGZ", "Palet")}
    assert pool_units({"Wijkteam": 0}, {"Wijkteam": "gemeente"}, SECTORS)[0].cases == 0


def records(rows: list[tuple[int, int, int, int]], **scope) -> Records:
    """Records from (unit, quarter, kind, case) rows, at positions 0, 1, 2 …"""
    unit, quarter, kind, case = (np.array(column) for column in zip(*rows))
    return Records(np.arange(len(rows)), unit, quarter, kind, case, **scope)


def test_a_figure_is_hidden_when_one_more_quarter_adds_1_to_4_cases():
    # unit 0: cases 0-5 in quarter 10, cases 6-7 in quarter 11, cases 8-13 in quarter 12
    rows = [(0, 10, 0, c) for c in range(6)] + [(0, 11, 0, c) for c in (6, 7)] + \
        [(0, 12, 0, c) for c in range(8, 14)]
    figures = records(rows)
    assert figures.level(np.arange(6)) == HIDDEN  # quarter 10: stretched to 11 adds 2 cases
    assert figures.level(np.arange(len(rows))) == EXACT  # all three quarters: nothing broader
    assert figures.level(np.arange(6, 8)) == HIDDEN  # 2 cases: the rule as it always was
    one_quarter = records(rows, periods="single")  # a table with a row per quarter, no total
    assert one_quarter.level(np.arange(6)) == EXACT


def test_a_figure_is_hidden_when_one_more_unit_adds_1_to_4_cases():
    rows = [(0, 10, 0, c) for c in range(6)] + [(1, 10, 0, 6)] + \
        [(2, 10, 0, c) for c in range(7, 13)]
    figures = records(rows)
    assert figures.level(np.arange(6)) == HIDDEN  # unit 0 + unit 1 adds 1 case
    assert figures.level(np.arange(7)) == EXACT  # units 0 and 1 + unit 2 adds 6 cases
    assert records(rows, units="single").level(np.arange(6)) == EXACT  # rows per unit only


def test_the_number_of_cases_reads_at_least_5_when_a_broader_box_adds_1_to_4_of_them():
    # the next quarter holds cases 0-5 again and 2 new ones: 8 cases' MDOs, 2 cases more
    rows = [(0, 10, 0, c) for c in range(6)] + [(0, 11, 0, c) for c in range(8)]
    assert records(rows).level(np.arange(6)) == AT_LEAST


def test_the_other_kind_of_mdo_is_a_broader_box_too():
    rows = [(0, 10, 0, c) for c in range(6)] + [(0, 10, 1, 6)]
    assert records(rows).level(np.arange(6)) == HIDDEN  # first MDOs; with follow-ups: 1 more


def test_records_that_are_not_all_of_their_box_are_no_figure_of_the_page():
    rows = [(0, 10, 0, c) for c in range(10)]
    assert records(rows).level(np.arange(5)) == HIDDEN  # 5 of the box's 10 records
    with pytest.raises(ValueError):
        records(rows).level(np.array([42]))  # a record the kind of figure does not hold
