"""Pure functions: a case's records in, pandas frames and numbers out (goal scores, Goal
Attainment Scaling, tops and tips, agreements). No Streamlit, no plotly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd

from hgs.i18n import t
from hgs.method.records import Meeting

# The rules themselves live in the method room (the worklist asks them too); the figures use them.
# (GAS levels and T-scores: hgs.method.scores; an agreement's state: hgs.method.worklist)
from hgs.method.scores import goal_rows, t_scores
from hgs.method.worklist import agreement_state


def gas_rule() -> str:
    """How a score becomes a GAS level and the levels a T-score, in the session's language
    ([analytics] gas_rule in the catalogues)."""
    return t("analytics.gas_rule")


AGREEMENT_STATES = ("te laat", "binnenkort", "open", "gedaan")


GOAL_COLUMNS = ["goal_id", "goal", "area", "weight", "start", "target", "dropped", "meeting_id",
                "meeting_no", "date", "score", "level"]


def goal_scores(meetings: Sequence[Meeting]) -> pd.DataFrame:
    """One row per goal per meeting where it was on the table: the score there (its start score
    at the meeting that set it) and the GAS level. Goals keep their latest wording."""
    frame = pd.DataFrame(goal_rows([m.model_dump() for m in meetings]), columns=GOAL_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.astype({"score": "Int64", "level": "Int64", "start": "Int64", "target": "Int64"})


def attainment(meetings: Sequence[Meeting]) -> pd.DataFrame:
    """Per follow-up meeting: how many goals were scored, how many reached, the GAS T-score."""
    rows = goal_rows([m.model_dump() for m in meetings])
    scores = t_scores(rows)
    table = []
    for number, meeting in enumerate(meetings, 1):
        if meeting.kind != "evaluatie":
            continue
        here = [r for r in rows if r["meeting_id"] == meeting.id and not r["dropped"]]
        levels = [r["level"] for r in here if r["level"] is not None]
        table.append({
            "meeting_id": meeting.id, "meeting_no": number, "date": pd.Timestamp(meeting.date),
            "goals_scored": len(levels), "goals_open": len(here) - len(levels),
            "reached": sum(1 for x in levels if x >= 0), "t_score": scores.get(meeting.id),
        })
    return pd.DataFrame(table, columns=["meeting_id", "meeting_no", "date", "goals_scored",
                                        "goals_open", "reached", "t_score"])


def level_table(meetings: Sequence[Meeting]) -> pd.DataFrame:
    """Goals as rows, follow-up meetings as columns, each cell the goal's GAS level there
    ("" where it was not scored), plus the T-score as the last row."""
    scores = goal_scores(meetings)
    att = attainment(meetings)
    follow = scores[scores.meeting_id.isin(set(att.meeting_id))]
    if follow.empty:
        return pd.DataFrame()
    column = {row.meeting_no: f"MDO {row.meeting_no} ({row.date:%d-%m-%Y})"
              for row in att.itertuples()}
    cells = follow.assign(
        mdo=follow.meeting_no.map(column),
        cell=[("" if pd.isna(level) else f"{int(level):+d}".replace("+0", "0"))
              + (" (vervallen)" if dropped else "")
              for level, dropped in zip(follow.level, follow.dropped)])
    table = cells.pivot_table(index="goal", columns="mdo", values="cell", aggfunc="first",
                              sort=False).fillna("–")
    table = table[[column[n] for n in att.meeting_no]]
    table.loc["GAS T-score"] = ["–" if pd.isna(t) else f"{t:.1f}" for t in att.t_score]
    table.index.name = "Doel"
    table.columns.name = None
    return table


def tops_tips(meetings: Sequence[Meeting]) -> pd.DataFrame:
    """Every top and tip with its meeting, kind, giver and the group they speak for."""
    rows = [{"meeting_id": m.id, "meeting_no": n, "date": pd.Timestamp(m.date), "kind": t.kind,
             "group": t.group, "by": t.by, "text": t.text}
            for n, m in enumerate(meetings, 1) for t in m.tops_tips if t.text]
    return pd.DataFrame(rows, columns=["meeting_id", "meeting_no", "date", "kind", "group", "by",
                                       "text"])


def tops_tips_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts per meeting, kind and group, zeros included so bars line up."""
    if frame.empty:
        return pd.DataFrame(columns=["meeting_no", "date", "kind", "group", "count"])
    counts = frame.groupby(["meeting_no", "date", "kind", "group"]).size()
    return counts.rename("count").reset_index()


def agreements(meetings: Sequence[Meeting], today: dt.date) -> pd.DataFrame:
    """Each agreement of the case once, as it stands in the latest meeting that has it (an open
    agreement is carried to the next meeting until it is done)."""
    latest: dict[str, dict] = {}
    for number, meeting in enumerate(meetings, 1):
        for a in meeting.agreements:
            first = latest.get(a.id, {}).get("since", meeting.date)
            latest[a.id] = {"agreement_id": a.id, "what": a.what, "who": a.who, "due": a.due,
                            "status": a.status, "since": first, "meeting_no": number,
                            "state": agreement_state(a.status, a.due, today)}
    frame = pd.DataFrame(list(latest.values()),
                         columns=["agreement_id", "what", "who", "due", "status", "since",
                                  "meeting_no", "state"])
    order = {state: i for i, state in enumerate(AGREEMENT_STATES)}
    return frame.sort_values(by=["state", "due"], key=lambda col: col.map(order)
                             if col.name == "state" else col, na_position="last",
                             ignore_index=True)


def summary(meetings: Iterable[Meeting]) -> dict:
    """A few numbers for the top of the page."""
    meetings = list(meetings)
    scores = goal_scores(meetings)
    att = attainment(meetings)
    last_t = att.t_score.dropna()
    return {
        "meetings": len(meetings),
        "goals": int(scores.goal_id.nunique()),
        "latest_t_score": float(last_t.iloc[-1]) if len(last_t) else None,
    }
