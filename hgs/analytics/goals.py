"""Pure functions: a case's records in, pandas frames and numbers out (goal scores, Goal
Attainment Scaling, tops and tips, agreements). No Streamlit, no plotly."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

import pandas as pd

from hgs.i18n import t
from hgs.method.records import Meeting

GAS_LEVELS = {
    -2: "veel minder dan verwacht",
    -1: "minder dan verwacht",
    0: "verwacht niveau (doel bereikt)",
    1: "meer dan verwacht",
    2: "veel meer dan verwacht",
}
def gas_rule() -> str:
    """How a score becomes a GAS level and the levels a T-score, in the session's language
    ([analytics] gas_rule in the catalogues)."""
    return t("analytics.gas_rule")
DUE_SOON_DAYS = 7
AGREEMENT_STATES = ("te laat", "binnenkort", "open", "gedaan")


def gas_level(score: int | None, start: int | None, target: int | None) -> int | None:
    """The GAS level (−2 … +2) of a 0–10 score, given the goal's start and target; see gas_rule()."""
    if score is None or start is None or target is None:
        return None
    if target < start:  # a goal to bring something down: mirror it
        return gas_level(10 - score, 10 - start, 10 - target)
    if score == target:
        return 0
    if score > target:
        margin = max(1, math.ceil((target - start) / 2))
        return 1 if score - target <= margin else 2
    return -2 if score <= start else -1


def gas_t_score(levels: Sequence[int], weights: Sequence[float] | None = None,
                rho: float = 0.3) -> float:
    """Kiresuk & Sherman's T-score: 50 + 10·Σwx / √((1−ρ)Σw² + ρ(Σw)²)."""
    if not levels:
        raise ValueError("a T-score needs at least one goal level")
    weights = [1.0] * len(levels) if weights is None else list(weights)
    if len(weights) != len(levels):
        raise ValueError("one weight per goal level")
    if any(level not in GAS_LEVELS for level in levels):
        raise ValueError("goal levels are whole numbers from -2 to +2")
    if any(w <= 0 for w in weights) or not 0 <= rho < 1:
        raise ValueError("weights must be positive and 0 <= rho < 1")
    weighted = sum(w * x for w, x in zip(weights, levels))
    spread = (1 - rho) * sum(w * w for w in weights) + rho * sum(weights) ** 2
    return 50 + 10 * weighted / math.sqrt(spread)


GOAL_COLUMNS = ["goal_id", "goal", "area", "weight", "start", "target", "dropped", "meeting_id",
                "meeting_no", "date", "score", "level"]


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def goal_rows(meetings: Sequence[dict]) -> list[dict]:
    """The core of `goal_scores` on plain meeting dicts (a pydantic dump or the raw JSON of a
    case file), without pandas, so the network dashboard can run it on thousands of cases."""
    latest: dict[str, dict] = {}
    for meeting in meetings:
        for goal in meeting.get("goals", ()):
            latest[goal["id"]] = goal
    rows = []
    for number, meeting in enumerate(meetings, 1):
        scores = meeting.get("scores") or {}
        for goal in meeting.get("goals", ()):
            final = latest[goal["id"]]
            if goal["id"] in scores:
                score = scores[goal["id"]]
            elif (goal.get("set_in") or meeting["id"]) == meeting["id"]:
                score = goal.get("start")
            else:
                score = None
            start, target = final.get("start"), final.get("target")
            rows.append({
                "goal_id": goal["id"], "goal": final.get("text") or "(doel zonder tekst)",
                "area": goal["area"], "weight": goal.get("weight", 1), "start": start,
                "target": target, "dropped": bool(goal.get("dropped")),
                "meeting_id": meeting["id"], "meeting_no": number,
                "date": _day(meeting["date"]), "kind": meeting.get("kind", "eerste"),
                "score": score, "level": gas_level(score, start, target),
            })
    return rows


def t_scores(rows: Sequence[dict]) -> dict[str, float | None]:
    """The GAS T-score of every follow-up meeting in `goal_rows` output (None: nothing scored)."""
    per_meeting: dict[str, list[tuple[int, int]]] = {}
    for row in rows:
        if row["kind"] != "evaluatie":
            continue
        levels = per_meeting.setdefault(row["meeting_id"], [])
        if not row["dropped"] and row["level"] is not None:
            levels.append((row["level"], row["weight"]))
    return {meeting_id: round(gas_t_score([x for x, _ in lv], [w for _, w in lv]), 1)
            if lv else None for meeting_id, lv in per_meeting.items()}


def goal_scores_raw(meetings: Sequence[dict]) -> dict:
    """For the network: per goal its first and latest score and level, and every follow-up
    meeting's T-score, from the raw meetings of one case (oldest first)."""
    rows = goal_rows(meetings)
    goals: dict[str, dict] = {}
    for row in rows:
        if row["score"] is None:
            continue
        goal = goals.setdefault(row["goal_id"], {
            "goal": row["goal_id"], "first_date": row["date"], "first": row["score"]})
        goal.update(last_date=row["date"], last=row["score"], start=row["start"],
                    target=row["target"], level=row["level"])
    return {"goals": list(goals.values()), "t_scores": t_scores(rows)}


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


def agreement_state(status: str, due: dt.date | None, today: dt.date) -> str:
    if status == "gedaan":
        return "gedaan"
    if due is not None and due < today:
        return "te laat"
    if due is not None and (due - today).days <= DUE_SOON_DAYS:
        return "binnenkort"
    return "open"


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
