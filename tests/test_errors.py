"""Tests for hgs.errors: errors a Dutch user can read."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from hgs.errors import HGSError, InvalidInput, NotFound, StorageError, explain
from hgs.method.records import Case, Consent, Goal, Meeting, Organisation, Participant, Question

DAY = dt.date(2026, 3, 2)


def explained(kind, **fields) -> str:
    with pytest.raises(ValidationError) as info:
        kind(**fields)
    return explain(info.value)


def test_score_too_high():
    assert explained(Goal, area="kind", start=11) == "Startscore mag niet hoger zijn dan 10."
    assert explained(Goal, area="kind", target=12) == "Streefscore mag niet hoger zijn dan 10."


def test_score_too_low():
    assert explained(Goal, area="kind", start=-1) == "Startscore mag niet lager zijn dan 0."


def test_weight_and_rating_bounds():
    assert explained(Goal, area="kind", weight=4) == "Gewicht mag niet hoger zijn dan 3."
    assert explained(Goal, area="kind", weight=0) == "Gewicht mag niet lager zijn dan 1."
    assert (explained(Meeting, case_id="c", date=DAY, rating=0)
            == "Rapportcijfer mag niet lager zijn dan 1.")


def test_text_too_long():
    assert (explained(Question, text="a" * 4001)
            == "Tekst is te lang (hoogstens 4000 tekens).")


def test_required_field_missing_or_empty():
    assert explained(Participant, name="", role="jeugdhulp") == "Naam is verplicht."
    assert explained(Goal) == "Gebied is verplicht."
    assert (explained(Case, code="L-2026-0042", first_name=" ", organisation_id="o")
            == "Voornaam is verplicht.")


def test_not_a_number_or_date():
    assert explained(Goal, area="kind", start="veel") == "Startscore moet een getal zijn."
    assert (explained(Meeting, case_id="c", date="gisteren")
            == "Datum is geen geldige datum.")


def test_value_not_allowed():
    assert (explained(Participant, name="Anna", role="conciërge")
            == "Rol heeft geen toegestane waarde.")
    assert explained(Organisation, name="X", sector="HBO") == "Sector heeft geen toegestane waarde."


def test_own_validator_messages_are_sentences():
    assert (explained(Case, code="2026-42", first_name="Joris", organisation_id="o")
            == "Code moet de vorm L-2026-0042 hebben.")
    assert (explained(Meeting, case_id="c", date=DAY, evaluation_date=DAY - dt.timedelta(1))
            == "De evaluatiedatum ligt vóór het MDO.")
    assert (explained(Consent, given_by=["ouders"], date=DAY, withdrawn=DAY - dt.timedelta(1))
            == "Intrekking ligt vóór de datum van toestemming.")


def test_several_problems_in_one_message():
    message = explained(Goal, area="kind", start=11, weight=9)
    assert message == "Startscore mag niet hoger zijn dan 10; Gewicht mag niet hoger zijn dan 3."


def test_item_inside_a_list_is_named_by_its_field():
    message = explained(Meeting, case_id="c", date=DAY,
                        goals=[{"area": "kind"}, {"area": "kind", "start": 11}])
    assert message == "Startscore mag niet hoger zijn dan 10."


def test_no_english_leaks_through():
    for message in (explained(Goal, area="kind", start=11),
                    explained(Question, text="a" * 5000),
                    explained(Participant, name="", role="jeugdhulp")):
        for english in ("Input", "should", "less than", "field", "Value error"):
            assert english not in message


def test_error_classes():
    assert issubclass(NotFound, HGSError) and issubclass(NotFound, KeyError)
    assert issubclass(InvalidInput, HGSError) and issubclass(InvalidInput, ValueError)
    assert issubclass(StorageError, HGSError) and issubclass(StorageError, OSError)


def test_not_found_message_is_not_quoted():
    assert str(NotFound("Deze casus bestaat niet.")) == "Deze casus bestaat niet."
    assert str(NotFound()) == "niet gevonden"


def test_not_found_can_be_caught_as_key_error():
    with pytest.raises(KeyError):
        raise NotFound("Dit MDO bestaat niet (meer).")




@pytest.mark.parametrize("kind, fields, attribute", [
    pytest.param(Meeting, {"case_id": "c", "date": DAY, "reason": "a" * 4001}, "reason"),
    pytest.param(Meeting, {"case_id": "c", "date": DAY, "circle_essence": "a" * 4001},
                 "circle_essence"),
    pytest.param(Meeting, {"case_id": "c", "date": DAY, "research_reason": "a" * 4001},
                 "research_reason"),
    pytest.param(Meeting, {"case_id": "c", "date": DAY, "chair": "a" * 201}, "chair"),
    pytest.param(Goal, {"area": "kind", "observable": "a" * 4001}, "observable"),
    pytest.param(Question, {"answer": "a" * 4001}, "answer"),
    pytest.param(Question, {"asked_by": "a" * 201}, "asked_by"),
    (Question, {"text": "a" * 4001}, "text"),
    (Goal, {"area": "kind", "weight": 9}, "weight"),
])
def test_typed_fields_are_named_in_dutch(kind, fields, attribute):
    message = explained(kind, **fields)
    assert not message.lower().startswith(attribute.replace("_", " "))
    assert not message.lower().startswith(attribute)


def test_goal_score_is_called_score_not_its_goal_id():
    message = explained(Meeting, case_id="c", date=DAY, scores={"3f2a9b1c0d4e": 11})
    assert message == "Score mag niet hoger zijn dan 10."


def test_unknown_party_is_explained_without_internal_names():
    message = explained(Meeting, case_id="c", date=DAY, party_questions={"buren": "?"})
    assert "[key]" not in message
    assert "party_questions" not in message


def test_own_validator_messages_follow_the_session_language():
    from hgs import i18n

    with i18n.using("en"):
        assert (explained(Case, code="2026-42", first_name="Joris", organisation_id="o")
                == "The code must have the form L-2026-0042.")
        assert (explained(Goal, area="kind", start=11, weight=9)
                == "Start score may not be higher than 10; Weight may not be higher than 3.")
        assert str(NotFound()) == "not found"
    assert (explained(Case, code="2026-42", first_name="Joris", organisation_id="o")
            == "Code moet de vorm L-2026-0042 hebben.")
