"""A decision becomes an agreement: prefilled from the decision, the table and the evaluation
date, and never twice for the same decision (also through a real store)."""

import datetime as dt

from hgs.method import decisions
from hgs.method.records import Case, Decision, Meeting, Organisation, Participant

DAY = dt.date(2026, 11, 2)


def meeting(**changes) -> Meeting:
    table = [Participant(name="Ilse de Vries", role="leerkracht/mentor"),
             Participant(name="Ahmed", role="jeugdhulp", present=False)]
    return Meeting(**{"case_id": "c1", "date": DAY, "participants": table, **changes})


def test_what_who_and_when_come_from_the_decision_the_table_and_the_evaluation_date():
    decision = Decision(text="Joris krijgt een maatje bij het buitenspelen",
                        decided_by="Ilse de Vries")
    m = meeting(decisions=[decision], evaluation_date=dt.date(2027, 1, 18))
    made = decisions.make_agreement(m, decision.id)
    assert m.agreements == [made]
    assert (made.what, made.who, made.due, made.status, made.from_decision) == (
        "Joris krijgt een maatje bij het buitenspelen", "Ilse de Vries", dt.date(2027, 1, 18),
        "open", decision.id)


def test_someone_absent_is_at_the_table_too_but_a_role_is_not_a_person():
    absent = Decision(text="Ahmed belt de ouders", decided_by="Ahmed")
    role = Decision(text="Aanvraag arrangement", decided_by="de school")
    m = meeting(decisions=[absent, role])
    assert decisions.make_agreement(m, absent.id).who == "Ahmed"
    made = decisions.make_agreement(m, role.id)
    assert made.who == "" and made.due is None  # no evaluation date set yet


def test_a_decision_gives_one_agreement_however_often_it_is_clicked():
    decision = Decision(text="Observatie in de klas", decided_by="Ilse de Vries")
    m = meeting(decisions=[decision])
    assert decisions.make_agreement(m, decision.id) is not None
    assert decisions.make_agreement(m, decision.id) is None
    assert len(m.agreements) == 1
    m.agreements[0].what = "Observatie in de klas, in maart"  # changed at step 8: still made
    assert decisions.make_agreement(m, decision.id) is None
    assert decisions.agreement_of(m, decision.id) is m.agreements[0]


def test_an_empty_or_removed_decision_gives_nothing():
    empty = Decision(text="  ")
    m = meeting(decisions=[empty])
    assert decisions.make_agreement(m, empty.id) is None
    assert decisions.make_agreement(m, "weg") is None
    assert m.agreements == []


def test_through_a_real_store_the_agreement_is_kept(store):  # TinyDB and PostgreSQL
    org = store.save_organisation(Organisation(name="De Regenboog", sector="PO"))
    case = store.create_case(Case(code="L-2026-0001", first_name="Joris", organisation_id=org.id))
    decision = Decision(text="Maatje bij het buitenspelen")
    m = store.create_meeting(meeting(case_id=case.id, decisions=[decision]))
    for _ in range(2):
        store.update_meeting(case.id, m.id, lambda mm: decisions.make_agreement(mm, decision.id))
    (kept,) = store.get_meeting(case.id, m.id).agreements
    assert kept.what == "Maatje bij het buitenspelen" and kept.from_decision == decision.id
