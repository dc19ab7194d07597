"""The MDO cycle: starting a first or a follow-up meeting, what carries over, and whether a
meeting may start (consent)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hgs.i18n import t
from hgs.method import texts
from hgs.method.records import (
    Case,
    Consent,
    Goal,
    Meeting,
    MeetingKind,
    Participant,
    Question,
    new_id,
)

if TYPE_CHECKING:  # a store is passed in; the method does not know how data is stored
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


def new_meeting_kind(meetings: list[Meeting], date: dt.date) -> MeetingKind:
    """What an MDO planned on `date` becomes: a follow-up ("evaluatie") when it follows one
    (`follows`), else a first MDO ("eerste"). Start's caption and start_meeting both ask this."""
    return "eerste" if follows(meetings, date) is None else "evaluatie"


def first_possible_follow_up(meetings: list[Meeting]) -> dt.date | None:
    """The earliest date on which a new MDO is a follow-up (the first MDO that took place or is
    planned, not cancelled); a date before it gives a first MDO. None: every date gives one."""
    dates = [m.date for m in meetings if m.cancelled is None]
    return min(dates) if dates else None


def history(meetings: list[Meeting], meeting: Meeting) -> list[Meeting]:
    """The case's MDOs up to and including `meeting` (by date): what step 9, its charts and the
    verslag of that MDO look back on; a later MDO is not part of its story."""
    return [m for m in meetings if m.date <= meeting.date]


def goals_to_score(meeting: Meeting) -> list[Goal]:
    """The goals that get a new score at this MDO: the ones carried over from the previous MDO
    (they have a place in `scores`) that were not dropped since. Empty at a first MDO."""
    return [g for g in meeting.goals if g.id in meeting.scores and not g.dropped]


def start_meeting(store: Store, case_id: str, date: dt.date) -> Meeting:
    """A new MDO for the case: a follow-up of the MDO it follows (`follows`), else the first."""
    previous = follows(store.meetings(case_id), date)
    if previous is not None:
        meeting = carry_over_from(previous, date)
    else:
        meeting = Meeting(case_id=case_id, date=date, kind="eerste")
    return store.create_meeting(meeting)


# -- the aanmelding's questions become the meeting's questions (step 1), answered at step 7 -------
# The aanmelding holds the words school, parents and child wrote beforehand; step 1 is where the
# table makes them the meeting's questions ("Als we weten dat …"). So each party's question is
# carried once into the step-1 list, with who asked it. While nobody has changed it at step 1, a
# later edit of the aanmelding follows it there; once the table has reworded (or answered, or
# removed) it, the table's version stands and the aanmelding stays the record of what was asked.
def registration_to_carry(meeting: Meeting) -> dict[str, str]:
    """The aanmelding's questions (party -> text) not carried into step 1 as they read now."""
    return {party: text.strip() for party, text in meeting.party_questions.items()
            if text.strip() and text.strip() != meeting.carried_questions.get(party)}


def carry_registration(meeting: Meeting) -> bool:
    """Carry the aanmelding's questions into the step-1 questions (see above); True when the
    meeting changed. Running it again changes nothing: no question is carried twice."""
    carry = registration_to_carry(meeting)
    for party, text in carry.items():
        before = meeting.carried_questions.get(party)
        untouched = next((q for q in meeting.questions if q.party == party and q.text == before
                          and not q.answer and not q.answered), None) if before else None
        if untouched is not None:
            untouched.text = text
        else:
            meeting.questions = [*meeting.questions,
                                 Question(text=text, asked_by=texts.PARTIES[party], party=party)]
        meeting.carried_questions = {**meeting.carried_questions, party: text}
    return bool(carry)


def asked_by_words(question: Question) -> str:
    """Who asked the question, in words: what step 1's field says (a carried question gets the
    party's word, "Ouders/verzorgers"), or the party itself for one carried before that."""
    if question.party and question.asked_by == question.party:
        return texts.PARTIES[question.party]
    return question.asked_by


def people_at_table(meeting: Meeting) -> dict[str, str]:
    """Who an agreement can name (step 8's "Wie"): the participants' names -> how the choice
    reads, those present first; someone absent is typed instead."""
    people = sorted((p for p in meeting.participants if p.name), key=lambda p: not p.present)
    return {p.name: p.name if p.present else t("retype.afwezig", name=p.name) for p in people}


def goal_choices(meeting: Meeting, width: int = 70) -> dict[str, str]:
    """The goals a need can serve (step 5): "" for none, then each goal of step 4 that is not
    dropped, by id -> its area and (the start of) its text."""
    def words(goal: Goal) -> str:
        text = " ".join(goal.text.split()) or t("retype.doel_zonder_tekst")
        short = text if len(text) <= width else text[:width - 1].rstrip() + "…"
        return f"{texts.AREA_SHORT[goal.area]}: {short}"
    return {"": t("retype.geen_doel"),
            **{g.id: words(g) for g in meeting.goals if not g.dropped}}


def goal_served(meeting: Meeting, goal_id: str) -> Goal | None:
    """The goal a need names, if it is still one of this meeting's goals."""
    return next((g for g in meeting.goals if goal_id and g.id == goal_id), None)


def outside_participants(meeting: Meeting) -> list[Participant]:
    """Participants who work outside the school: sharing with them needs consent."""
    return [p for p in meeting.participants if p.group == "extern"]


# -- consent: whose, by the child's age ----------------------------------------------------------
# Before information about a child is shared with professionals from outside the school, the
# parents consent while the child is below 12; from 12 the young person consents as well; from 16
# the young person decides alone. Only the year of birth is stored, so on a given day the child is
# one of two ages (before or after the birthday); when those two fall under different rules, the
# consent of both is asked.
YOUNG_PERSON_FROM = 12
ALONE_FROM = 16
GIVERS = ("ouders", "jongere")  # Consent.given_by, in the order they are named


def possible_ages(birth_year: int, on: dt.date) -> tuple[int, int]:
    """The two ages a child born in `birth_year` can have on `on`: before and after this year's
    birthday."""
    older = max(on.year - birth_year, 0)
    return max(older - 1, 0), older


def givers_at_age(age: int) -> frozenset[str]:
    """Whose consent counts at an exact age."""
    if age < YOUNG_PERSON_FROM:
        return frozenset({"ouders"})
    if age < ALONE_FROM:
        return frozenset({"ouders", "jongere"})
    return frozenset({"jongere"})


def required_givers(birth_year: int | None, on: dt.date) -> frozenset[str] | None:
    """Whose consent is needed on `on` (a set of "ouders", "jongere"); None while the year of
    birth is unknown. When the child may be on either side of 12 or 16, both are asked."""
    if birth_year is None:
        return None
    younger, older = possible_ages(birth_year, on)
    return givers_at_age(younger) | givers_at_age(older)


def age_in_doubt(birth_year: int, on: dt.date) -> int | None:
    """The age (12 or 16) the child may or may not have reached on `on`, when that changes
    whose consent counts; else None."""
    younger, older = possible_ages(birth_year, on)
    return older if givers_at_age(younger) != givers_at_age(older) else None


def _ages(birth_year: int, on: dt.date) -> str:
    younger, older = possible_ages(birth_year, on)
    return str(older) if younger == older else t("consent.ages", younger=younger, older=older)


def _who(givers) -> str:
    return t("consent.and").join(t(f"consent.who_{g}") for g in GIVERS if g in givers)


def _named(p: Participant) -> str:
    return f"{p.name} ({p.organisation or texts.ROLES.get(p.role, p.role)})"


def consent_rule(case: Case, on: dt.date) -> str:
    """Whose consent this case needs on `on`, in a sentence (for Voorbereiding)."""
    required = required_givers(case.birth_year, on)
    if required is None:
        return t("consent.rule_unknown", first_name=case.first_name)
    text = t("consent.rule", first_name=case.first_name, ages=_ages(case.birth_year, on),
             year=on.year, who=_who(required))
    if (doubt := age_in_doubt(case.birth_year, on)) is not None:
        text += " " + t("consent.in_doubt", first_name=case.first_name, age=doubt)
    return text


def _given(case: Case, p: Participant, on: dt.date) -> frozenset[str]:
    """Who has consented, in force on `on`, to sharing with this participant."""
    return frozenset(g for c in case.consents if c.covers(p.organisation or p.role, on)
                     for g in c.given_by)


def consented(case: Case, partner: str | None, on: dt.date) -> bool:
    """The one consent rule for a partner outside the school: consent in force on `on` that
    covers `partner` (an organisation or a role; None: any partner) comes from everyone the
    child's age asks, and the year of birth is known. Joining, reading, mail and the werklijst
    all ask this."""
    required = required_givers(case.birth_year, on)
    given = {g for c in case.consents
             if (c.in_force(on) if partner is None else c.covers(partner, on))
             for g in c.given_by}
    return required is not None and required <= given


def may_share_with(case: Case, person: Participant, on: dt.date) -> bool:
    """May something of this case reach this person on `on` (an e-mail from HGS)? Someone of
    the school, the family or the child: yes; a professional from outside the school only with
    consent in force that covers them, from everyone the child's age asks (the rule
    start_problems applies per person); someone whose role is not chosen yet: no."""
    if person.group != "extern":
        return bool(person.group)
    return consented(case, person.organisation or person.role, on)


def uncovered(case: Case, meeting: Meeting) -> list[Participant]:
    """The professionals from outside the school at this MDO whom consent in force on its date,
    from whom the child's age asks, does not cover (all of them while the year of birth is
    unknown). The werklijst asks this; start_problems says the same in sentences."""
    return [p for p in outside_participants(meeting)
            if not consented(case, p.organisation or p.role, meeting.date)]


def start_problems(case: Case, meeting: Meeting) -> list[str]:
    """Why this meeting may not start yet, one sentence each, in the session's language (plain
    text: escape it before showing it as Markdown); empty when it may. A participant without a
    role, and consent that does not cover every professional from outside the school, given by
    whom the child's age asks."""
    problems: list[str] = []
    if unchosen := [p.name for p in meeting.participants if not p.role]:
        problems.append(t("consent.role_missing", names=", ".join(unchosen)))
    outside = outside_participants(meeting)
    if not outside:
        return problems
    required = required_givers(case.birth_year, meeting.date)
    if required is None:
        problems.append(t("consent.birth_year_missing", first_name=case.first_name))
        return problems
    day = meeting.date
    notes: list[str] = []  # consent that would count, but is dated after the MDO or withdrawn
    short: dict[tuple[frozenset[str], bool], list[Participant]] = {}
    for p in outside:
        given = _given(case, p, day)
        missing = required - given
        if not missing:
            continue
        explained: set[str] = set()
        for c in case.consents:
            if not (c.in_scope(p.organisation or p.role) and missing & set(c.given_by)):
                continue
            if c.date > day:
                note = t("consent.after_meeting", who=_who(c.given_by),
                         date=texts.date_nl(c.date), meeting_date=texts.date_nl(day))
            elif c.withdrawn is not None and c.withdrawn <= day:
                note = t("consent.withdrawn", who=_who(c.given_by), date=texts.date_nl(c.date),
                         withdrawn=texts.date_nl(c.withdrawn))
            else:
                continue
            explained |= set(c.given_by)
            if note not in notes:
                notes.append(note)
        if not missing <= explained:  # the notes alone do not say what is missing
            short.setdefault((frozenset(missing), bool(given & required)), []).append(p)
    if not notes and not short:
        return problems
    problems += notes
    ages = _ages(case.birth_year, day)
    for (missing, partly), people in short.items():
        problems.append(t("consent.also_needed" if partly else "consent.needed",
                          first_name=case.first_name, ages=ages, who=_who(missing),
                          names=", ".join(map(_named, people))))
    if short and (doubt := age_in_doubt(case.birth_year, day)) is not None:
        problems.append(t("consent.in_doubt", first_name=case.first_name, age=doubt))
    problems.append(t("consent.how"))
    return problems


def consent_problem(case: Case, meeting: Meeting) -> str | None:
    """Why this meeting may not start yet, as one plain text (a line per reason); None when it
    may. Voorbereiding and every step page ask this before anything of the MDO is shown."""
    return "\n".join(problems) if (problems := start_problems(case, meeting)) else None


def outside_may_join(case: Case, on: dt.date) -> bool:
    """May professionals from outside the school take part through the join link on `on`? Only
    when the year of birth is known and consent in force (for any partner: who joins names no
    organisation) comes from everyone the child's age asks."""
    return consented(case, None, on)


def outside_may_read(case: Case, organisation: str, on: dt.date) -> bool:
    """May a professional of `organisation` outside the school read an MDO's verslag on `on`
    (a lees-link)? Only while consent in force on `on`, naming that organisation (or every
    partner), comes from everyone the child's age asks: the rule of the table, checked on the
    day of reading, not on the day of the MDO."""
    return consented(case, organisation, on)


def consent_basis(case: Case, meeting: Meeting) -> str | None:
    """The consent this MDO shares information on, in a sentence for the verslag; None when no
    professional from outside the school took part."""
    if not outside_participants(meeting):
        return None
    if problem := consent_problem(case, meeting):
        return t("consent.basis_missing", problem=problem.replace("\n", " "))
    used = [c for c in case.consents if c.in_force(meeting.date)
            and any(c.in_scope(p.organisation or p.role) for p in outside_participants(meeting))]
    return t("consent.basis", given="; ".join(
        t("consent.basis_one", who=_who(c.given_by), date=texts.date_nl(c.date)) for c in used),
        first_name=case.first_name, ages=_ages(case.birth_year, meeting.date))


def add_consent(case: Case, given_by: list[str], date: dt.date, scope: str) -> None:
    """Record consent; `scope` lists partner organisations separated by commas (empty: all)."""
    partners = [part.strip() for part in scope.split(",") if part.strip()]
    case.consents = [*case.consents, Consent(given_by=given_by, date=date, scope=partners)]


def set_birth_year(case: Case, year: int | None) -> None:
    """Record the child's year of birth (None: not known); the model checks the range."""
    case.birth_year = None if year is None else int(year)


def withdraw_consent(case: Case, consent_id: str, date: dt.date) -> None:
    case.consents = [c.model_copy(update={"withdrawn": date}) if c.id == consent_id else c
                     for c in case.consents]


def consent_state(case: Case, on: dt.date) -> str:
    """"geldig" when some consent is in force on `on`, "ingetrokken" when there was consent
    and all of it is withdrawn, else "geen"."""
    if any(c.date <= on and (c.withdrawn is None or c.withdrawn > on) for c in case.consents):
        return "geldig"
    return "ingetrokken" if case.consents else "geen"
