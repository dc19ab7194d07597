"""Tests for hgs.cycle: first and follow-up meetings, what carries over, and consent."""

from __future__ import annotations

import datetime as dt

import pytest

from hgs.cycle import (
    carry_over_from, consent_problem, goal_history, outside_participants, start_meeting)
from hgs.errors import NotFound
from hgs.model import (
    Agreement, Case, Consent, Decision, Explanation, Goal, Meeting, Need, OverviewItem,
    Participant, Question, SupportNeed, TopTip)

DAY = dt.date(2026, 3, 2)
LATER = dt.date(2026, 6, 8)


def full_meeting() -> Meeting:
    """A first MDO with something in every step."""
    goals = [Goal(area="kind", text="vraagt hulp", start=2, target=6),
             Goal(area="onderwijs", text="korte taken", start=4, target=8, weight=2),
             Goal(area="opvoeding", text="vaste bedtijd", dropped=True)]
    return Meeting(
        case_id="c1", date=DAY, chair="Anna", status="afgerond",
        reason="Joris komt moeilijk tot werken.", party_questions={"ouders": "Wat helpt thuis?"},
        participants=[Participant(name="Anna", role="intern begeleider (IB'er)"),
                      Participant(name="Piet", role="ouder/verzorger"),
                      Participant(name="Els", role="jeugdhulp", organisation="Jeugdhulp Almere")],
        questions=[Question(text="Wat helpt Joris bij rekenen?"),
                   Question(text="Is onderzoek nodig?", answer="Nee", answered=True),
                   Question(text="Hoe gaat het op het plein?", answer="deels")],
        overview=[OverviewItem(area="kind", sign="plus", text="enthousiast")],
        child_words="Ik wil bewegen.",
        explanations=[Explanation(area="onderwijs", text="lange instructie")],
        research_needed=False,
        goals=goals,
        scores={goals[0].id: 3},
        needs=[Need(category="opdrachten/leeractiviteiten", text="heeft korte taken nodig")],
        support_needs=[SupportNeed(for_whom="ouders", kind="vaardigheden", text="rust",
                                   from_whom="JGZ")],
        decisions=[Decision(text="geen onderzoek", decided_by="IB'er")],
        agreements=[Agreement(who="Anna", what="plan maken", due=DAY + dt.timedelta(14)),
                    Agreement(who="Piet", what="bedtijd", status="gedaan"),
                    Agreement(who="Els", what="huisbezoek")],
        evaluation_date=LATER,
        tops_tips=[TopTip(kind="top", text="fijn overleg")],
        rating=8,
    )


def test_follow_up_is_an_evaluation_of_the_previous_meeting():
    previous = full_meeting()
    follow_up = carry_over_from(previous, LATER)
    assert follow_up.kind == "evaluatie"
    assert follow_up.previous_id == previous.id
    assert follow_up.case_id == previous.case_id
    assert follow_up.date == LATER
    assert follow_up.chair == "Anna"
    assert follow_up.id != previous.id
    assert follow_up.status == "voorbereiding"


def test_only_unanswered_questions_carry_over():
    previous = full_meeting()
    follow_up = carry_over_from(previous, LATER)
    assert [q.text for q in follow_up.questions] == ["Wat helpt Joris bij rekenen?",
                                                     "Hoe gaat het op het plein?"]
    assert follow_up.questions[1].answer == "deels"


def test_active_goals_carry_over_with_their_ids_and_an_empty_score():
    previous = full_meeting()
    follow_up = carry_over_from(previous, LATER)
    active = [g for g in previous.goals if not g.dropped]
    assert [g.id for g in follow_up.goals] == [g.id for g in active]
    assert [(g.text, g.start, g.target, g.weight) for g in follow_up.goals] == [
        (g.text, g.start, g.target, g.weight) for g in active]
    assert follow_up.scores == {g.id: None for g in active}
    assert list(follow_up.scores) == [g.id for g in follow_up.goals]


def test_carried_goals_remember_where_they_were_set():
    first = full_meeting()
    second = carry_over_from(first, LATER)
    third = carry_over_from(second, LATER + dt.timedelta(days=90))
    assert {g.set_in for g in second.goals} == {first.id}
    assert {g.set_in for g in third.goals} == {first.id}


def test_needs_support_needs_and_open_agreements_carry_over():
    previous = full_meeting()
    follow_up = carry_over_from(previous, LATER)
    assert follow_up.needs == previous.needs
    assert follow_up.support_needs == previous.support_needs
    assert [a.what for a in follow_up.agreements] == ["plan maken", "huisbezoek"]
    assert all(a.status == "open" for a in follow_up.agreements)


def test_participants_carry_over_with_new_ids():
    previous = full_meeting()
    follow_up = carry_over_from(previous, LATER)
    assert [(p.name, p.role, p.organisation) for p in follow_up.participants] == [
        (p.name, p.role, p.organisation) for p in previous.participants]
    new_ids = {p.id for p in follow_up.participants}
    assert len(new_ids) == len(previous.participants)
    assert not new_ids & {p.id for p in previous.participants}


def test_what_belongs_to_one_meeting_does_not_carry_over():
    follow_up = carry_over_from(full_meeting(), LATER)
    assert follow_up.overview == []
    assert follow_up.explanations == []
    assert follow_up.decisions == []
    assert follow_up.tops_tips == []
    assert follow_up.child_words == ""
    assert follow_up.research_needed is None
    assert follow_up.rating is None
    assert follow_up.evaluation_date is None


def test_follow_up_does_not_share_records_with_the_previous_meeting():
    previous = full_meeting()
    snapshot = previous.model_dump()
    follow_up = carry_over_from(previous, LATER)
    follow_up.goals[0].text = "vraagt zelf om hulp"
    follow_up.needs[0].more_pupils = True
    follow_up.participants[0].present = False
    follow_up.questions[0].answered = True
    assert previous.model_dump() == snapshot


def test_follow_up_is_a_valid_meeting():
    follow_up = carry_over_from(full_meeting(), LATER)
    assert Meeting.model_validate(follow_up.model_dump(mode="json")) == follow_up


def test_start_meeting_without_earlier_meetings_is_a_first_meeting(store, case):
    meeting = start_meeting(store, case.id, DAY)
    assert meeting.kind == "eerste"
    assert meeting.previous_id is None
    assert store.meetings(case.id) == [meeting]


def test_start_meeting_after_a_meeting_is_an_evaluation(store, case):
    first = start_meeting(store, case.id, DAY)
    goal = store.add_item(case.id, first.id, "goals", area="kind", text="vraagt hulp")
    store.add_item(case.id, first.id, "questions", text="Wat helpt?")
    second = start_meeting(store, case.id, LATER)
    assert second.kind == "evaluatie"
    assert second.previous_id == first.id
    assert second.scores == {goal.id: None}
    assert [q.text for q in second.questions] == ["Wat helpt?"]
    assert store.meetings(case.id) == [store.get_meeting(case.id, first.id), second]


def test_start_meeting_follows_the_latest_meeting_before_its_date(store, case, new_meeting):
    early = new_meeting(case, date=dt.date(2026, 1, 10), chair="Anna")
    middle = new_meeting(case, date=dt.date(2026, 3, 1), chair="Bram")
    new_meeting(case, date=dt.date(2026, 9, 1), chair="Cor")
    meeting = start_meeting(store, case.id, dt.date(2026, 4, 1))
    assert meeting.previous_id == middle.id
    assert meeting.chair == "Bram"
    before_all = start_meeting(store, case.id, dt.date(2025, 12, 1))
    assert before_all.kind == "eerste"
    assert early.id != before_all.id


def test_start_meeting_for_unknown_case_is_not_found(store):
    with pytest.raises(NotFound):
        start_meeting(store, "onbekend", DAY)


def _case(*consents: Consent) -> Case:
    return Case(code="L-2026-0042", first_name="Joris", organisation_id="o1",
                consents=list(consents))


def _meeting(*participants: Participant) -> Meeting:
    return Meeting(case_id="c1", date=DAY, participants=list(participants))


ELS = Participant(name="Els Jansen", role="jeugdhulp", organisation="Jeugdhulp Almere")
SCHOOL_AND_HOME = (Participant(name="Anna", role="leerkracht/mentor"),
                   Participant(name="Piet", role="ouder/verzorger"),
                   Participant(name="Joris", role="kind/jongere"),
                   Participant(name="Oma", role="netwerk van het gezin"))


def test_outside_participants():
    assert outside_participants(_meeting(*SCHOOL_AND_HOME, ELS)) == [ELS]


def test_no_consent_needed_without_outside_participants():
    assert consent_problem(_case(), _meeting()) is None
    assert consent_problem(_case(), _meeting(*SCHOOL_AND_HOME)) is None


def test_outside_professional_without_consent_is_named():
    message = consent_problem(_case(), _meeting(*SCHOOL_AND_HOME, ELS))
    assert message is not None
    assert "Els Jansen (Jeugdhulp Almere)" in message
    assert "toestemming" in message
    assert "Anna" not in message and "Piet" not in message


def test_every_outside_professional_without_consent_is_named():
    jgz = Participant(name="Sanne", role="JGZ (jeugdarts/-verpleegkundige)")
    message = consent_problem(_case(), _meeting(ELS, jgz))
    assert "Els Jansen (Jeugdhulp Almere)" in message
    assert "Sanne (JGZ (jeugdarts/-verpleegkundige))" in message


def test_consent_for_all_partners_covers_them():
    consent = Consent(given_by=["ouders"], date=DAY - dt.timedelta(days=7))
    assert consent_problem(_case(consent), _meeting(*SCHOOL_AND_HOME, ELS)) is None


def test_consent_given_on_the_meeting_day_covers_it():
    consent = Consent(given_by=["ouders"], date=DAY)
    assert consent_problem(_case(consent), _meeting(ELS)) is None


def test_consent_for_named_partner_covers_only_that_partner():
    consent = Consent(given_by=["ouders"], date=DAY, scope=["jeugdhulp almere"])
    leerplicht = Participant(name="Kees", role="leerplicht", organisation="Gemeente Almere")
    assert consent_problem(_case(consent), _meeting(ELS)) is None
    message = consent_problem(_case(consent), _meeting(ELS, leerplicht))
    assert "Kees (Gemeente Almere)" in message
    assert "Els" not in message


def test_participant_without_organisation_is_matched_by_role():
    consent = Consent(given_by=["ouders"], date=DAY, scope=["leerplicht"])
    assert consent_problem(_case(consent),
                           _meeting(Participant(name="Kees", role="leerplicht"))) is None


def test_consent_given_after_the_meeting_does_not_cover_it():
    consent = Consent(given_by=["ouders"], date=DAY + dt.timedelta(days=1))
    assert "Els Jansen" in consent_problem(_case(consent), _meeting(ELS))


def test_withdrawn_consent_no_longer_covers(store, new_case):
    case = new_case(consents=[Consent(given_by=["ouders", "jongere"],
                                      date=DAY - dt.timedelta(days=30))])
    meeting = store.create_meeting(_meeting(ELS).model_copy(update={"case_id": case.id}))
    assert consent_problem(store.get_case(case.id), meeting) is None

    def withdraw(c: Case) -> None:
        c.consents[0].withdrawn = DAY - dt.timedelta(days=1)

    store.update_case(case.id, withdraw)
    message = consent_problem(store.get_case(case.id), meeting)
    assert message is not None and "Els Jansen (Jeugdhulp Almere)" in message


def test_goal_history_keeps_the_latest_wording():
    first = full_meeting()
    second = carry_over_from(first, LATER)
    second.goals[0] = second.goals[0].model_copy(update={"text": "vraagt zelf hulp"})
    history = goal_history([first, second])
    assert set(history) == {g.id for g in first.goals}
    assert history[first.goals[0].id].text == "vraagt zelf hulp"
    assert history[first.goals[2].id].dropped  # a dropped goal stays in the history
