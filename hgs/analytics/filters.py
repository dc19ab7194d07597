"""What Netwerk's filter offers (the quarters, the organisation units) and the view of the
network one filter state selects; a view keeps its rows' places in the whole network's frames,
which the "< 5" rule looks up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from hgs.analytics.disclosure import POOL, Unit
from hgs.analytics.network import Frames
from hgs.analytics.periods import quarter_of
from hgs.i18n import t
from hgs.method import texts


def quarters(frames: Frames) -> list[int]:
    """Every quarter from the network's first MDO to its last: the periods the page offers."""
    if frames.meetings.empty:
        return []
    return list(range(int(frames.meetings.q.min()), int(frames.meetings.q.max()) + 1))


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


VIEWS_KEPT = 16  # filter states kept per network: a coordinator goes back and forth among a few


def _within(frame: pd.DataFrame, flt: Filter) -> pd.DataFrame:
    if not (flt.start or flt.end or flt.sectors or flt.organisations):
        return frame  # nothing to select: the frame itself, not a copy
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
    kept = frames._views.get(flt) if frames is base else None
    if kept is not None:
        return kept  # a filter state seen before (a rerun, or back to it): its view as made
    meetings = _within(frames.meetings, flt)
    if flt.kind:
        meetings = meetings[meetings.kind == flt.kind]
    view = Frames(frames.organisations, meetings, _within(frames.agreements, flt),
                  _within(frames.goals, flt), _within(frames.texts, flt), frames.drop_words,
                  frames.memo, frames.units, base, flt)
    if frames is base:
        if len(base._views) >= VIEWS_KEPT:
            base._views.pop(next(iter(base._views)))
        base._views[flt] = view
    return view
