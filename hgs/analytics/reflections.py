"""The Reflectie's anonymous count on Netwerk: per principle, how many professionals who chose
to share marked it "hier wil ik aan werken". The store counts (only numbers leave it); this
turns the counts into the table, with the network's "< 5" rule for small numbers."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from hgs.analytics.disclosure import MIN_CASES
from hgs.method.checks import PRINCIPLES

SMALL = "< 5"


def reflection_figures(counts: Mapping[int, int]) -> pd.DataFrame:
    """One row per principle (1–7): "uitgangspunt" and "aantal" professionals; 1 to 4 people
    show as "< 5" (a colleague could tell who it is), none as 0."""
    rows = [{"uitgangspunt": f"{number}. {title}",
             "aantal": SMALL if 0 < counts.get(number, 0) < MIN_CASES else counts.get(number, 0)}
            for number, title in PRINCIPLES.items()]
    return pd.DataFrame(rows, columns=["uitgangspunt", "aantal"])
