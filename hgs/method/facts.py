"""The lean facts of one case for the network's figures, as plain JSON values (dates as ISO
text): the one rule that turns a stored case document into what Netwerk counts. It lives in the
method room so that the store can keep the facts beside the data on every write (the store may
not import analytics) and analytics can lay them out as frames; neither computes them itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hgs.method import checks, steps
from hgs.method.scores import goal_rows, t_scores

# Bump when the facts a case yields change shape or meaning: kept facts of another version are
# rebuilt from the cases.
FACTS_VERSION = 1


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


def scrub(text: str, names: frozenset[str]) -> str:
    """Free text with every word that is the case's first name or code replaced."""
    lowered = text.lower()
    if not any(name in lowered for name in names):
        return text  # most texts name no one: nothing to look for word by word
    out = []
    for token in text.split():
        core = token.strip(".,;:!?()'\"").lower()
        out.append("[naam]" if core in names or core.removesuffix("'s") in names else token)
    return " ".join(out)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def case_facts(case: dict, meetings: list[dict]) -> dict:
    """The lean facts of one case from its raw documents, as stored: `organisation_id`,
    `names` (only to scrub free text), and rows of `meetings`, `agreements`, `goals` and
    `texts` (tops, tips and needs, names removed). Raises ValueError/KeyError/TypeError on a
    document it cannot read."""
    names = sorted({n.lower() for n in (case.get("first_name", ""), case.get("code", "")) if n})
    drop = frozenset(names)
    facts: dict[str, Any] = {"organisation_id": case.get("organisation_id", ""), "names": names,
                             "meetings": [], "agreements": [], "goals": [], "texts": []}
    # A cancelled MDO, or one with nothing of its own in any step, did not take place: it and
    # what it holds (carried-over agreements and goals too) are left out (one rule, in steps).
    by_id = {m.get("id"): m for m in meetings}
    meetings = sorted((m for m in meetings
                       if steps.counts_as_held(m, by_id.get(m.get("previous_id")))),
                      key=lambda m: m.get("date", ""))
    goal_scores = goal_scores_raw(meetings)
    for meeting in meetings:
        date = dt.date.fromisoformat(meeting["date"]).isoformat()
        checked = checks.document_facts(meeting)  # the method checks decide on these
        facts["meetings"].append({
            "date": date, "kind": meeting.get("kind", "eerste"),
            "parents": checked.parents_present,
            "child_voice": checks.child_voice_ok(checked),
            "participants": checked.present,
            "research": meeting.get("research_needed") is True,
            "rating": meeting.get("rating"),
            "t_score": goal_scores["t_scores"].get(meeting["id"]),
            # the core table's check needs the network's threshold: applied when counting
            **{f"ok_{name}": rule(checked) for name, rule in checks.RULES.items()},
        })
        for item in meeting.get("tops_tips", []):
            if item.get("text"):
                facts["texts"].append({"date": date, "kind": item["kind"],
                                       "group": item.get("group", "professionals"),
                                       "text": scrub(item["text"], drop)})
        for need in meeting.get("needs", []):
            if need.get("more_pupils") and need.get("text"):
                facts["texts"].append({"date": date, "kind": "behoefte", "group": "",
                                       "text": scrub(need["text"], drop)})
    latest: dict[str, dict] = {}
    for meeting in meetings:
        for a in meeting.get("agreements", []):
            latest[a["id"]] = {"due": a.get("due"), "status": a.get("status", "open"),
                               "made": dt.date.fromisoformat(meeting["date"]).isoformat()}
    facts["agreements"] = [{**a, "due": dt.date.fromisoformat(a["due"]).isoformat()
                            if a["due"] else None} for a in latest.values()]
    facts["goals"] = [{key: _iso(value) for key, value in goal.items()}
                      for goal in goal_scores["goals"]]
    return facts


def facts_or_none(document: dict | None) -> dict | None:
    """The facts of one raw document `{"case": …, "meetings": […]}`; None for one that cannot be
    read (left out of the figures, never fatal)."""
    if document is None:
        return None
    try:
        return case_facts(document["case"], document["meetings"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
