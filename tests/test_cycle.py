"""Tests for hgs.cycle: first and follow-up meetings, what carries over, and consent."""

from __future__ import annotations

import datetime as dt

import pytest

from hgs.errors import NotFound
from hgs.method import texts
from hgs.method.cycle import (
    asked_by_words,
    carry_over_from,
    carry_registration,
    consent_problem,
    goal_choices,
    goal_served,
    outside_participants,
    people_at_table,
    start_meeting,
)
from hgs.method.records import (
    Agreement,
    Case,
    Consent,
    Decision,
    Explanation,
    Goal,
    Meeting,
    Need,
    OverviewItem,
    Participant,
    Question,
    SupportNeed,
    TopTip,
)
from hgs.method.steps import has_own_content

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
        circle_essence="Ik wil bewegen.",
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
    assert follow_up.circle_essence == ""
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


def _case(*consents: Consent, birth_year: int | None = 2016) -> Case:
    """Joris, 9 or 10 in 2026 (his parents consent) unless another year of birth is given."""
    return Case(code="L-2026-0042", first_name="Joris", organisation_id="o1",
                consents=list(consents), birth_year=birth_year)


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


def test_consent_given_after_the_meeting_does_not_cover_it_and_says_so():
    consent = Consent(given_by=["ouders"], date=DAY + dt.timedelta(days=1))
    assert consent_problem(_case(consent), _meeting(ELS)).splitlines()[0] == (
        "De toestemming van de ouders is gegeven op 3 maart 2026, na de datum van dit MDO "
        "(2 maart 2026).")


def test_withdrawn_consent_no_longer_covers(store, new_case):
    case = new_case(consents=[Consent(given_by=["ouders", "jongere"],
                                      date=DAY - dt.timedelta(days=30))], birth_year=2012)
    meeting = store.create_meeting(_meeting(ELS).model_copy(update={"case_id": case.id}))
    assert consent_problem(store.get_case(case.id), meeting) is None

    def withdraw(c: Case) -> None:
        c.consents[0].withdrawn = DAY - dt.timedelta(days=1)

    store.update_case(case.id, withdraw)
    message = consent_problem(store.get_case(case.id), meeting)
    assert message.splitlines()[0] == ("De toestemming van de ouders en de jongere van "
                                       "31 januari 2026 is ingetrokken op 1 maart 2026.")


# -- whose consent, by the child's age -----------------------------------------------------------
from hgs import i18n  # noqa: E402
from hgs.method.cycle import (  # noqa: E402
    age_in_doubt,
    consent_basis,
    consent_rule,
    givers_at_age,
    outside_may_join,
    possible_ages,
    required_givers,
)

PARENTS, YOUNG, BOTH = {"ouders"}, {"jongere"}, {"ouders", "jongere"}


@pytest.mark.parametrize("age, givers", [(3, PARENTS), (11, PARENTS), (12, BOTH), (13, BOTH),
                                         (15, BOTH), (16, YOUNG), (17, YOUNG)])
def test_whose_consent_counts_at_an_exact_age(age, givers):
    assert givers_at_age(age) == givers


# On 2 March 2026 a child born in <year> is one of two ages; both count, so where they straddle
# 12 or 16 the consent of parents and young person is asked (the boundary years 2014 and 2010).
@pytest.mark.parametrize("year, ages, givers, doubt", [
    (2023, (2, 3), PARENTS, None),
    (2015, (10, 11), PARENTS, None),
    (2014, (11, 12), BOTH, 12),
    (2013, (12, 13), BOTH, None),
    (2011, (14, 15), BOTH, None),
    (2010, (15, 16), BOTH, 16),
    (2009, (16, 17), YOUNG, None),
    (2008, (17, 18), YOUNG, None),
])
def test_a_year_of_birth_gives_two_possible_ages_and_is_decided_conservatively(year, ages,
                                                                              givers, doubt):
    assert possible_ages(year, DAY) == ages
    assert required_givers(year, DAY) == givers
    assert age_in_doubt(year, DAY) == doubt
    # the same year, one day before New Year's Eve or on it: only the year counts
    assert required_givers(year, dt.date(2026, 12, 31)) == givers


def test_without_a_year_of_birth_nobody_knows_whose_consent_counts():
    assert required_givers(None, DAY) is None


def _daan(year: int | None, *consents: Consent) -> Case:
    return Case(code="L-2026-0007", first_name="Daan", organisation_id="o1", birth_year=year,
                consents=list(consents))


def _parents(**fields) -> Consent:
    return Consent(given_by=["ouders"], date=DAY - dt.timedelta(days=7), **fields)


def _young(**fields) -> Consent:
    return Consent(given_by=["jongere"], date=DAY - dt.timedelta(days=7), **fields)


HOW = ("Leg de toestemming vast (met de datum waarop die is gegeven) bij Voorbereiding → "
       "Toestemming, of haal deze deelnemers van de lijst.")


def test_a_fourteen_year_old_needs_the_young_persons_consent_as_well():
    assert consent_problem(_daan(2012, _parents()), _meeting(ELS)).splitlines() == [
        "Voor Daan (13 of 14 jaar) is ook toestemming van de jongere nodig om informatie te "
        "delen met: Els Jansen (Jeugdhulp Almere).", HOW]
    assert consent_problem(_daan(2012, _parents(), _young()), _meeting(ELS)) is None
    both = Consent(given_by=["ouders", "jongere"], date=DAY)
    assert consent_problem(_daan(2012, both), _meeting(ELS)) is None


def test_below_twelve_the_parents_consent_is_enough():
    assert consent_problem(_daan(2015, _parents()), _meeting(ELS)) is None
    assert consent_problem(_daan(2023, _parents()), _meeting(ELS)) is None
    assert consent_problem(_daan(2015, _young()), _meeting(ELS)).splitlines()[0] == (
        "Voor Daan (10 of 11 jaar) is toestemming van de ouders nodig om informatie te delen "
        "met: Els Jansen (Jeugdhulp Almere).")


def test_from_sixteen_the_young_person_decides_alone():
    assert consent_problem(_daan(2009, _young()), _meeting(ELS)) is None
    assert consent_problem(_daan(2009, _parents()), _meeting(ELS)).splitlines() == [
        "Voor Daan (16 of 17 jaar) is toestemming van de jongere nodig om informatie te delen "
        "met: Els Jansen (Jeugdhulp Almere).", HOW]


@pytest.mark.parametrize("year, given, missing, age", [
    (2014, _parents(), "de jongere", 12), (2010, _young(), "de ouders", 16)])
def test_in_a_boundary_year_both_are_asked_and_the_message_says_why(year, given, missing, age):
    lines = consent_problem(_daan(year, given), _meeting(ELS)).splitlines()
    assert f"is ook toestemming van {missing} nodig" in lines[0]
    assert lines[1] == (f"Uit het geboortejaar alleen blijkt niet of Daan al {age} is; daarom "
                        "is de toestemming van beiden nodig.")
    assert consent_problem(_daan(year, _parents(), _young()), _meeting(ELS)) is None


def test_the_young_persons_consent_counts_only_for_the_partners_it_names():
    young = _young(scope=["leerplicht"])
    message = consent_problem(_daan(2012, _parents(), young), _meeting(ELS))
    assert "Els Jansen (Jeugdhulp Almere)" in message
    kees = Participant(name="Kees", role="leerplicht")
    assert consent_problem(_daan(2012, _parents(), young), _meeting(kees)) is None


def test_without_a_year_of_birth_an_mdo_with_outside_professionals_waits_for_it():
    assert consent_problem(_daan(None, _parents()), _meeting(ELS)) == (
        "Vul eerst het geboortejaar van Daan in (Voorbereiding → Toestemming): wie toestemming "
        "moet geven voor professionals van buiten de school, hangt af van de leeftijd.")
    assert consent_problem(_daan(None), _meeting(*SCHOOL_AND_HOME)) is None  # nobody outside


def test_a_participant_without_a_role_blocks_the_start_and_is_named():
    unchosen = [Participant(name="Fatima"), Participant(name="Sem")]
    assert consent_problem(_daan(None), _meeting(*SCHOOL_AND_HOME, *unchosen)) == (
        "Kies eerst de rol van: Fatima, Sem (Voorbereiding → Deelnemers). Pas met een rol weet "
        "HGS of er toestemming nodig is.")
    with i18n.using("en"):
        assert consent_problem(_daan(None), _meeting(*unchosen)).startswith(
            "First choose the role of: Fatima, Sem")


def test_consent_dated_after_the_mdo_says_exactly_that():
    late = Consent(given_by=["ouders", "jongere"], date=dt.date(2026, 3, 9))
    assert consent_problem(_daan(2012, late), _meeting(ELS)).splitlines() == [
        "De toestemming van de ouders en de jongere is gegeven op 9 maart 2026, na de datum van "
        "dit MDO (2 maart 2026).", HOW]
    with i18n.using("en"):
        assert consent_problem(_daan(2012, late), _meeting(ELS)).splitlines()[0] == (
            "The consent of the parents and the young person was given on 9 March 2026, after "
            "the date of this MDO (2 March 2026).")


def test_the_rule_in_a_sentence_for_voorbereiding():
    assert consent_rule(_daan(2012), DAY) == \
        "Daan is in 2026 13 of 14 jaar: toestemming nodig van de ouders en de jongere."
    assert consent_rule(_daan(2009), DAY) == \
        "Daan is in 2026 16 of 17 jaar: toestemming nodig van de jongere."
    assert "al 16 is" in consent_rule(_daan(2010), DAY)
    assert consent_rule(_daan(None), DAY).startswith("Vul het geboortejaar van Daan in")


@pytest.mark.parametrize("year, consents, may", [
    (2015, [_parents()], True), (2012, [_parents()], False), (2012, [_parents(), _young()], True),
    (2009, [_young()], True), (2009, [_parents()], False), (None, [_parents()], False)])
def test_outside_professionals_join_through_the_link_only_with_the_consent_the_age_asks(
        year, consents, may):
    assert outside_may_join(_daan(year, *consents), DAY) is may


def test_the_verslag_says_with_whose_consent_information_was_shared():
    assert consent_basis(_daan(2012), _meeting(*SCHOOL_AND_HOME)) is None
    both = Consent(given_by=["ouders", "jongere"], date=dt.date(2026, 2, 1))
    assert consent_basis(_daan(2012, both), _meeting(ELS)) == (
        "Informatie is gedeeld met professionals van buiten de school met toestemming van "
        "de ouders en de jongere op 1 februari 2026 (Daan: 13 of 14 jaar).")
    assert consent_basis(_daan(2012, _parents()), _meeting(ELS)).startswith(
        "Let op: Voor Daan (13 of 14 jaar) is ook toestemming van de jongere nodig")


# -- the aanmelding's questions carried into step 1 (issue 16 part 4) ------------------------------
def _registered(**questions) -> Meeting:
    return Meeting(case_id="c", date=dt.date(2026, 11, 2), party_questions=questions)


def test_the_aanmelding_questions_become_step_1_questions_once():

    meeting = _registered(kind="Mag ik binnen blijven?", school="", ouders="Hoe thuis?")
    assert carry_registration(meeting)
    assert [(q.party, q.asked_by, q.text) for q in meeting.questions] == [
        ("kind", "Kind/jongere", "Mag ik binnen blijven?"),
        ("ouders", texts.PARTIES["ouders"], "Hoe thuis?")]
    assert asked_by_words(meeting.questions[0]) == "Kind/jongere"
    assert not carry_registration(meeting)  # again: nothing carried twice
    assert len(meeting.questions) == 2


def test_an_aanmelding_edit_follows_an_untouched_question_and_leaves_a_reworded_one():

    meeting = _registered(kind="Mag ik binnen blijven?", ouders="Hoe thuis?")
    carry_registration(meeting)
    meeting.questions[1].text = "Als we weten wat thuis helpt, dan kunnen we afstemmen"
    meeting.party_questions = {"kind": "Mag ik soms binnen blijven?", "ouders": "Hoe thuis, echt?"}
    assert carry_registration(meeting)
    assert [q.text for q in meeting.questions] == [
        "Mag ik soms binnen blijven?",  # untouched at step 1: followed the aanmelding
        "Als we weten wat thuis helpt, dan kunnen we afstemmen",  # the table's words stand
        "Hoe thuis, echt?"]  # and the changed aanmelding is not lost


def test_a_removed_carried_question_does_not_come_back():

    meeting = _registered(kind="Mag ik binnen blijven?")
    carry_registration(meeting)
    meeting.questions = []
    assert not carry_registration(meeting)
    assert meeting.questions == []


def test_an_mdo_with_only_carried_questions_holds_nothing_of_its_own():

    meeting = _registered(kind="Mag ik binnen blijven?")
    carry_registration(meeting)
    assert not has_own_content(meeting.model_dump(mode="json"))  # still the preparation's
    meeting.questions[0].answer = "Ja, twee keer per week"
    assert has_own_content(meeting.model_dump(mode="json"))


def test_wie_offers_the_participants_present_first_and_a_need_the_active_goals():

    meeting = Meeting(case_id="c", date=dt.date(2026, 11, 2), participants=[
        Participant(name="Tom", present=False), Participant(name="Juf Anna")],
        goals=[Goal(id="g1", area="kind", text="Joris maakt zijn taak af"),
               Goal(id="g2", area="opvoeding", text="Weg", dropped=True)])
    assert list(people_at_table(meeting).items()) == [("Juf Anna", "Juf Anna"),
                                                      ("Tom", "Tom (afwezig)")]
    assert goal_choices(meeting) == {"": "Geen doel gekozen",
                                     "g1": "Kind: Joris maakt zijn taak af"}
    assert goal_served(meeting, "g1").text == "Joris maakt zijn taak af"
    assert goal_served(meeting, "") is None and goal_served(meeting, "gone") is None
