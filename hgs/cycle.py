"""The MDO cycle: starting a first or a follow-up meeting, what carries over, and whether a
meeting may start (consent)."""

from __future__ import annotations

import datetime as dt

from hgs import texts
from hgs.i18n import t
from hgs.model import Case, Consent, Goal, Meeting, Participant, new_id
from hgs.store import Store


def _copies(items, keep=lambda item: True) -> list:
    return [item.model_copy(update={"id": item.id}) for item in items if keep(item)]


def carry_over_from(previous: Meeting, date: dt.date) -> Meeting:
    """A follow-up MDO that starts where `previous` ended: open questions, active goals (same ids,
    each asking for its new score), needs, support needs, open agreements and the table itself
    carry over, so nobody retypes them."""
    goals = [g.model_copy(update={"set_in": g.set_in or previous.id})
             for g in previous.goals if not g.dropped]
    return Meeting(
        case_id=previous.case_id,
        date=date,
        kind="evaluatie",
        previous_id=previous.id,
        chair=previous.chair,
        participants=[p.model_copy(update={"id": new_id()}) for p in previous.participants],
        questions=_copies(previous.questions, lambda q: not q.answered),
        goals=goals,
        scores={g.id: None for g in goals},
        needs=_copies(previous.needs),
        support_needs=_copies(previous.support_needs),
        agreements=_copies(previous.agreements, lambda a: a.status != "gedaan"),
    )


def follows(meetings: list[Meeting], date: dt.date | None = None) -> Meeting | None:
    """The MDO a new one on `date` (any date: None) follows: the latest on or before it that
    was not cancelled (a cancelled one did not take place); None: the new one is the first."""
    earlier = [m for m in meetings if m.cancelled is None and (date is None or m.date <= date)]
    return earlier[-1] if earlier else None


def start_meeting(store: Store, case_id: str, date: dt.date) -> Meeting:
    """A new MDO for the case: a follow-up of the MDO it follows (`follows`), else the first."""
    previous = follows(store.meetings(case_id), date)
    if previous is not None:
        meeting = carry_over_from(previous, date)
    else:
        meeting = Meeting(case_id=case_id, date=date, kind="eerste")
    return store.create_meeting(meeting)


def outside_participants(meeting: Meeting) -> list[Participant]:
    """Participants who work outside the school: sharing with them needs consent."""
    return [p for p in meeting.participants if p.group == "extern"]


def consent_problem(case: Case, meeting: Meeting) -> str | None:
    """Why this meeting may not start yet, in the session's language; None when it may."""
    missing = [p for p in outside_participants(meeting)
               if not any(c.covers(p.organisation or p.role, meeting.date) for c in case.consents)]
    if not missing:
        return None
    names = ", ".join(f"{p.name} ({p.organisation or texts.ROLES.get(p.role, p.role)})"
                      for p in missing)
    return t("errors.cycle.consent_missing", names=names)


def goal_history(meetings: list[Meeting]) -> dict[str, Goal]:
    """Every goal ever set in the case, by id, in its latest wording."""
    goals: dict[str, Goal] = {}
    for meeting in meetings:
        for goal in meeting.goals:
            goals[goal.id] = goal
    return goals


def add_consent(case: Case, given_by: list[str], date: dt.date, scope: str) -> None:
    """Record consent; `scope` lists partner organisations separated by commas (empty: all)."""
    partners = [part.strip() for part in scope.split(",") if part.strip()]
    case.consents = [*case.consents, Consent(given_by=given_by, date=date, scope=partners)]


def withdraw_consent(case: Case, consent_id: str, date: dt.date) -> None:
    case.consents = [c.model_copy(update={"withdrawn": date}) if c.id == consent_id else c
                     for c in case.consents]


CONSENT_STATES = {
    "geldig": "toestemming gegeven",
    "ingetrokken": "zonder toestemming (ingetrokken)",
    "geen": "geen toestemming vastgelegd",
}


def consent_state(case: Case, on: dt.date) -> str:
    """"geldig" when some consent is in force on `on`, "ingetrokken" when there was consent
    and all of it is withdrawn, else "geen"."""
    if any(c.date <= on and (c.withdrawn is None or c.withdrawn > on) for c in case.consents):
        return "geldig"
    return "ingetrokken" if case.consents else "geen"
