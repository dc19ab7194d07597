"""A decision of step 7 becomes an agreement of step 8 in one click: what was decided, by whom
(when that is someone at the table) and by the evaluation date, made once per decision."""

from __future__ import annotations

from hgs.method import cycle
from hgs.method.records import Agreement, Decision, Meeting


def agreement_of(meeting: Meeting, decision_id: str) -> Agreement | None:
    """The agreement made from this decision, if there is one (step 8 may have changed it)."""
    return next((a for a in meeting.agreements if a.from_decision == decision_id), None)


def prefilled(meeting: Meeting, decision: Decision) -> Agreement:
    """The agreement a decision gives: its text as what, who decided as who when that is one of
    the people at the table (cycle.people_at_table; a role or a group is not a person), and the
    MDO's evaluation date as the date, when it is set."""
    who = decision.decided_by.strip()
    return Agreement(what=decision.text, who=who if who in cycle.people_at_table(meeting) else "",
                     due=meeting.evaluation_date, from_decision=decision.id)


def make_agreement(meeting: Meeting, decision_id: str) -> Agreement | None:
    """Add the agreement of a decision to the meeting (a change for Store.update_meeting, so the
    check and the addition are one write); None when it was made already, or the decision is
    gone or has no text."""
    decision = next((d for d in meeting.decisions if d.id == decision_id), None)
    if decision is None or not decision.text.strip() or agreement_of(meeting, decision_id):
        return None
    agreement = prefilled(meeting, decision)
    meeting.agreements = [*meeting.agreements, agreement]
    return agreement
