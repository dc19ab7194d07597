"""Tests for hgs.model: what a valid record is."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from hgs.method.records import (
    CASE_CODE,
    LIST_TYPES,
    NEED_CATEGORIES,
    ROLE_GROUPS,
    ROLES,
    SECTORS,
    Agreement,
    Case,
    Consent,
    Goal,
    Item,
    Meeting,
    Need,
    Organisation,
    OverviewItem,
    Participant,
    Question,
    TopTip,
    new_id,
)

DAY = dt.date(2026, 3, 2)


def meeting(**fields) -> Meeting:
    return Meeting(**{"case_id": "c1", "date": DAY, **fields})


def case(**fields) -> Case:
    return Case(**{"code": "L-2026-0042", "first_name": "Joris", "organisation_id": "o1",
                   **fields})


def test_new_id_is_short_and_unique():
    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 12 for i in ids)


def test_items_get_distinct_ids():
    assert Question().id != Question().id


@pytest.mark.parametrize("score", [0, 5, 10, None])
def test_goal_accepts_scores_from_0_to_10(score):
    goal = Goal(area="kind", start=score, target=score)
    assert goal.start == score and goal.target == score


@pytest.mark.parametrize("field", ["start", "target"])
@pytest.mark.parametrize("score", [-1, 11, 100])
def test_goal_rejects_scores_outside_0_to_10(field, score):
    with pytest.raises(ValidationError):
        Goal(area="kind", **{field: score})


def test_goal_rejects_score_outside_range_on_assignment():
    goal = Goal(area="kind", start=3)
    with pytest.raises(ValidationError):
        goal.start = 11
    assert goal.start == 3


@pytest.mark.parametrize("weight", [1, 2, 3])
def test_goal_accepts_weight_1_to_3(weight):
    assert Goal(area="onderwijs", weight=weight).weight == weight


@pytest.mark.parametrize("weight", [0, 4, -1])
def test_goal_rejects_weight_outside_1_to_3(weight):
    with pytest.raises(ValidationError):
        Goal(area="onderwijs", weight=weight)


def test_goal_rejects_unknown_area():
    with pytest.raises(ValidationError):
        Goal(area="jeugdhulp")  # an overview area, not a goal area


@pytest.mark.parametrize("rating", [1, 10, None])
def test_meeting_accepts_rating_1_to_10(rating):
    assert meeting(rating=rating).rating == rating


@pytest.mark.parametrize("rating", [0, 11])
def test_meeting_rejects_rating_outside_1_to_10(rating):
    with pytest.raises(ValidationError):
        meeting(rating=rating)


def test_meeting_scores_are_0_to_10_or_empty():
    assert meeting(scores={"g1": 0, "g2": 10, "g3": None}).scores == {"g1": 0, "g2": 10,
                                                                      "g3": None}
    with pytest.raises(ValidationError):
        meeting(scores={"g1": 11})
    with pytest.raises(ValidationError):
        meeting(scores={"g1": -1})


def test_text_up_to_4000_characters():
    assert len(Question(text="a" * 4000).text) == 4000
    with pytest.raises(ValidationError):
        Question(text="a" * 4001)
    with pytest.raises(ValidationError):
        meeting(reason="a" * 4001)


def test_text_is_stripped():
    assert Question(text="  Als we weten dat …  ").text == "Als we weten dat …"


def test_short_fields_up_to_200_characters():
    assert Question(asked_by="a" * 200).asked_by == "a" * 200
    with pytest.raises(ValidationError):
        Question(asked_by="a" * 201)


@pytest.mark.parametrize("first_name", ["", "   "])
def test_case_rejects_empty_first_name(first_name):
    with pytest.raises(ValidationError):
        case(first_name=first_name)


def test_case_rejects_too_long_first_name():
    with pytest.raises(ValidationError):
        case(first_name="a" * 121)


@pytest.mark.parametrize("code", ["L-2026-0042", "VO-2025-0001", "ABC-2030-9999"])
def test_case_code_of_the_form_l_2026_0042(code):
    assert case(code=code).code == code


@pytest.mark.parametrize("code", ["", "L-2026-42", "l-2026-0042", "ABCD-2026-0042",
                                  "L-26-0042", "L20260042", "L-2026-0042 ", "L-2026-00420"])
def test_case_rejects_other_codes(code):
    with pytest.raises(ValidationError, match="L-2026-0042"):
        case(code=code)


def test_case_code_pattern_anchored():
    assert CASE_CODE.match("L-2026-0042")
    assert not CASE_CODE.match("xL-2026-0042")


def test_case_defaults():
    c = case()
    assert c.status == "actief"
    assert c.created == dt.date.today()
    assert c.consents == []
    assert c.group == ""


def test_case_rejects_unknown_status():
    with pytest.raises(ValidationError):
        case(status="gesloten")


def test_meeting_evaluation_date_may_not_precede_meeting():
    assert meeting(evaluation_date=DAY).evaluation_date == DAY
    assert meeting(evaluation_date=DAY + dt.timedelta(days=42)).evaluation_date
    with pytest.raises(ValidationError, match="evaluatiedatum"):
        meeting(evaluation_date=DAY - dt.timedelta(days=1))


def test_meeting_evaluation_date_checked_on_assignment():
    m = meeting()
    with pytest.raises(ValidationError):
        m.evaluation_date = DAY - dt.timedelta(days=1)
    # pydantic keeps the rejected value on the object when an after-validator fails
    # (pydantic#7105); the store never saves such an object (see test_store).


def test_meeting_date_not_before_2000():
    with pytest.raises(ValidationError):
        meeting(date=dt.date(1999, 12, 31))


def test_meeting_defaults():
    m = meeting()
    assert m.kind == "eerste"
    assert m.status == "voorbereiding"
    assert m.previous_id is None
    assert m.research_needed is None
    assert all(getattr(m, name) == [] for name in LIST_TYPES)


def test_meeting_party_questions_only_for_known_parties():
    m = meeting(party_questions={"ouders": "Hoe helpen we thuis?"})
    assert m.party_questions == {"ouders": "Hoe helpen we thuis?"}
    with pytest.raises(ValidationError):
        meeting(party_questions={"buren": "?"})


def test_consent_withdrawn_before_given_is_rejected():
    with pytest.raises(ValidationError, match="intrekking"):
        Consent(given_by=["ouders"], date=DAY, withdrawn=DAY - dt.timedelta(days=1))


def test_consent_withdrawn_on_or_after_given_is_allowed():
    assert Consent(given_by=["ouders"], date=DAY, withdrawn=DAY).withdrawn == DAY


def test_consent_needs_a_giver():
    with pytest.raises(ValidationError):
        Consent(given_by=[], date=DAY)
    with pytest.raises(ValidationError):
        Consent(given_by=["school"], date=DAY)


def test_consent_with_empty_scope_covers_every_partner():
    consent = Consent(given_by=["ouders"], date=DAY)
    assert consent.covers("Jeugdhulp Almere", DAY)
    assert consent.covers("leerplicht", DAY + dt.timedelta(days=300))


def test_consent_with_scope_covers_only_named_partners():
    consent = Consent(given_by=["ouders", "jongere"], date=DAY, scope=["Jeugdhulp Almere", "JGZ"])
    assert consent.covers("Jeugdhulp Almere", DAY)
    assert consent.covers("  jeugdhulp almere ", DAY)  # case and spaces do not matter
    assert consent.covers("jgz", DAY)
    assert not consent.covers("Leerplicht", DAY)


def test_consent_does_not_cover_before_it_was_given():
    consent = Consent(given_by=["ouders"], date=DAY)
    assert not consent.covers("JGZ", DAY - dt.timedelta(days=1))


def test_consent_does_not_cover_from_the_day_it_is_withdrawn():
    consent = Consent(given_by=["ouders"], date=DAY, withdrawn=DAY + dt.timedelta(days=10))
    assert consent.covers("JGZ", DAY + dt.timedelta(days=9))
    assert not consent.covers("JGZ", DAY + dt.timedelta(days=10))
    assert not consent.covers("JGZ", DAY + dt.timedelta(days=11))


def test_participant_group_follows_role():
    assert Participant(name="Anna", role="leerkracht/mentor").group == "school"
    assert Participant(name="Piet", role="ouder/verzorger").group == "ouders"
    assert Participant(name="Joris", role="kind/jongere").group == "kind"
    assert Participant(name="Els", role="jeugdhulp").group == "extern"


def test_participant_rejects_unknown_role():
    with pytest.raises(ValidationError):
        Participant(name="Anna", role="conciërge")


def test_participant_needs_a_name():
    with pytest.raises(ValidationError):
        Participant(name="", role="jeugdhulp")


def test_every_role_has_a_known_group():
    assert set(ROLES) == set(ROLE_GROUPS)
    assert set(ROLE_GROUPS.values()) == {"school", "ouders", "kind", "extern"}


@pytest.mark.parametrize("kind, fields", [
    (Organisation, {"name": "De Regenboog", "sector": "PO"}),
    (Case, {"code": "L-2026-0042", "first_name": "Joris", "organisation_id": "o1"}),
    (Meeting, {"case_id": "c1", "date": DAY}),
    (Goal, {"area": "kind"}),
    (Consent, {"given_by": ["ouders"], "date": DAY}),
    (Agreement, {}),
])
def test_extra_fields_are_rejected(kind, fields):
    assert kind(**fields)
    with pytest.raises(ValidationError):
        kind(**fields, diagnosis="ADHD")


def test_unknown_attribute_cannot_be_assigned():
    with pytest.raises(ValidationError):
        meeting().diagnosis = "ADHD"


def test_organisation_sector_is_one_of_the_known_sectors():
    assert "SO/SBO" in SECTORS
    with pytest.raises(ValidationError):
        Organisation(name="X", sector="HBO")


def test_need_categories_and_top_tip_kinds():
    assert len(NEED_CATEGORIES) == 6
    assert Need(category="een leraar die").more_pupils is False
    with pytest.raises(ValidationError):
        Need(category="medicatie")
    with pytest.raises(ValidationError):
        TopTip(kind="compliment")


def test_agreement_status_and_due_date():
    agreement = Agreement(who="Anna", what="belt ouders", due="2026-04-01")
    assert agreement.due == dt.date(2026, 4, 1)
    assert agreement.status == "open"
    with pytest.raises(ValidationError):
        Agreement(status="bezig")
    with pytest.raises(ValidationError):
        Agreement(due="morgen")


def test_list_types_are_items():
    assert all(issubclass(kind, Item) for kind in LIST_TYPES.values())
    assert set(LIST_TYPES) <= set(Meeting.model_fields)


def test_meeting_roundtrips_through_json():
    m = meeting(goals=[Goal(area="kind", text="leest zelf", start=3, target=7)],
                evaluation_date=DAY + dt.timedelta(days=60),
                party_questions={"kind": "Mag ik bewegen?"})
    m.scores = {m.goals[0].id: 5}
    assert Meeting.model_validate(m.model_dump(mode="json")) == m


def test_a_stored_meeting_from_before_issue_16_reads_with_the_new_facts_empty():
    old = {"case_id": "c", "date": "2026-11-02", "questions": [{"id": "q1", "text": "Hoe?"}],
           "overview": [{"id": "o1", "area": "kind", "sign": "plus", "text": "Lacht", "by": "Ayla"}],
           "needs": [{"id": "n1", "category": "andere kinderen", "text": "Een maatje"}],
           "agreements": [{"id": "a1", "who": "Juf Anna", "what": "Dagschema"}]}
    meeting = Meeting.model_validate(old)
    assert meeting.questions[0].party is None and meeting.carried_questions == {}
    assert meeting.overview[0].group == "" and meeting.overview[0].by == "Ayla"
    assert meeting.needs[0].goal_id == "" and meeting.progress_followed == ""
    assert meeting.agreements[0].who == "Juf Anna"  # "Wie" stays text


def test_the_new_facts_refuse_what_they_cannot_hold():
    with pytest.raises(ValidationError):
        Need(category="andere kinderen", goal_id="een doel als tekst")  # an id, never text
    with pytest.raises(ValidationError):
        OverviewItem(area="kind", sign="plus", group="buurman")
    with pytest.raises(ValidationError):
        Question(party="buurman")
