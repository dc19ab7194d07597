"""Netwerk's figures over meetings, agreements and goals: per period, sector or organisation
unit, the method's checks as tops and tips for the network (never a ranking), and the headline;
every row asks the "< 5" rule whether its figure is shown."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from hgs.analytics.disclosure import EXACT, HIDDEN, Records
from hgs.analytics.filters import unit_name
from hgs.analytics.guard import Disclosure, suppress
from hgs.analytics.network import SMALL, SOME, Frames
from hgs.analytics.periods import period_label
from hgs.i18n import format_number, t
from hgs.method import checks as method
from hgs.method.checks import CHECK_TITLES, DEFAULT_CORE_MAX


def _levels(records: Records, frame: pd.DataFrame, keys) -> pd.Series:
    """Per group of `frame` (grouped by `keys`): how the rule shows its figure."""
    groups = frame.groupby(keys, sort=True).indices
    labels = frame.index.to_numpy()
    return pd.Series({key: records.level(labels[positions])
                      for key, positions in groups.items()}, dtype=int)


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
