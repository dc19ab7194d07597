"""A goal's scores over a case's MDOs: the GAS level of a score, the T-score of an MDO, and
when a goal is off track. Pure Python on plain meeting dicts (a pydantic dump or the raw JSON of
a case file), so the worklist (method) and the figures (analytics) share one rule each."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

GAS_LEVELS = {
    -2: "veel minder dan verwacht",
    -1: "minder dan verwacht",
    0: "verwacht niveau (doel bereikt)",
    1: "meer dan verwacht",
    2: "veel meer dan verwacht",
}


def gas_level(score: int | None, start: int | None, target: int | None) -> int | None:
    """The GAS level (−2 … +2) of a 0–10 score, given the goal's start and target; see
    hgs.analytics.goals.gas_rule()."""
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


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def goal_rows(meetings: Sequence[dict]) -> list[dict]:
    """One row per goal per meeting where it was on the table (oldest meeting first): the score
    there (its start score at the meeting that set it) and the GAS level. Goals keep their
    latest wording. Without pandas, so the network dashboard can run it on thousands of cases."""
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


# -- off track -----------------------------------------------------------------------------------
# A goal is off track (the alerts of FIT-Outcomes and OpenFIT, in the words of HGS) when
#   * "stilstand": two follow-ups brought no progress: the latest score is no better than the
#     score two follow-ups before it (the start score counts as the first);
#   * "achter": the latest score is behind a straight line from the start score (on the day the
#     goal was set) to the target (on the evaluation date the table set last): where the goal
#     would be by now if it moved evenly.
# "Better" follows the goal: for a goal to bring something down, lower is better.
# And an MDO's T-score is "falling" when it is lower than at the follow-up before.
def _gain(score: float, start: int, target: int) -> float:
    """How far `score` is on the way from start to target, in score points (negative: back)."""
    return (score - start) if target >= start else (start - score)


def stalled(scores: Sequence[int], start: int | None, target: int | None) -> bool:
    """Two follow-ups without progress: `scores` are the goal's scores oldest first, its start
    score first; the latest is no better than the one two follow-ups earlier."""
    if start is None or target is None or len(scores) < 3:
        return False
    if _gain(scores[-1], start, target) >= _gain(target, start, target):
        return False  # at or beyond the target: nothing is stuck
    return _gain(scores[-1], start, target) <= _gain(scores[-3], start, target)


def expected_score(start: int, target: int, set_on: dt.date, target_on: dt.date,
                   on: dt.date) -> float:
    """Where the goal would be on `on` on a straight line from `start` (on `set_on`) to
    `target` (on `target_on`); the target itself from `target_on` on."""
    if target_on <= set_on or on >= target_on:
        return float(target)
    share = max((on - set_on).days, 0) / (target_on - set_on).days
    return start + (target - start) * share


def behind_line(score: int, on: dt.date, start: int | None, target: int | None,
                set_on: dt.date, target_on: dt.date | None) -> int | None:
    """The expected (whole) score when `score` (given on `on`) is behind the straight line from start
    to target (see expected_score); None when it is not behind, or there is no line."""
    if start is None or target is None or target_on is None or start == target \
            or target_on <= set_on:  # no evaluation date after the goal was set: no line
        return None
    # scores are whole numbers: behind means below the line's value rounded to a whole score
    expected = math.floor(expected_score(start, target, set_on, target_on, on) + 0.5)
    return expected if _gain(score, start, target) < _gain(expected, start, target) else None


def t_score_falling(scores: Sequence[float | None]) -> bool:
    """The latest follow-up's T-score is lower than the one before (oldest first; an MDO where
    nothing was scored does not count)."""
    known = [s for s in scores if s is not None]
    return len(known) >= 2 and known[-1] < known[-2]
