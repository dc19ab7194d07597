"""Whole quarters, the page's periods: a quarter as one number (year * 4 + quarter - 1), so a
period is a range of ints that sorts and compares as it reads, and its label on screen."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from hgs.i18n import t


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


def period_label(q: pd.Series) -> pd.Series:
    """The label of each row's quarter (worked out once per quarter)."""
    return q.map({n: quarter_label(n) for n in q.unique()}) if len(q) else q.astype(str)
