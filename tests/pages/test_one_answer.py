"""The two questions that had two answers (issue 15): "were the parents there?" (Netwerk's
figure and the Werkwijze check) and "is the new MDO a follow-up?" (Start's caption and
cycle.start_meeting). Each now has one rule, and both places give its answer."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.analytics.network import case_facts
from hgs.method import checks, cycle
from hgs.method.records import ROLES, Case, Meeting, Participant, Question


@pytest.mark.parametrize("role", ROLES)
def test_netwerk_and_the_method_check_agree_on_parents_present(role):
    case = Case(code="L-2026-0042", first_name="Sem", organisation_id="org")
    meeting = Meeting(case_id=case.id, date=dt.date(2026, 11, 2),
                      participants=[Participant(name="Iemand", role=role, present=True)],
                      questions=[Question(text="Hoe leert Sem het best?")])
    facts = case_facts(case.model_dump(mode="json"), [meeting.model_dump(mode="json")])
    [counted] = facts.meetings
    checked = checks.parents_present_ok(checks.meeting_facts(meeting))
    assert counted["parents"] == counted["ok_parents_present"] == checked
    assert checked == (role == "ouder/verzorger")  # a grandmother is family, not a parent


def test_the_family_network_alone_is_not_parents_present():
    meeting = Meeting(case_id="c", date=dt.date(2026, 11, 2), participants=[
        Participant(name="Oma Ria", role="netwerk van het gezin", present=True),
        Participant(name="Moeder", role="ouder/verzorger", present=False)])
    assert not checks.parents_present_ok(checks.meeting_facts(meeting))


@pytest.mark.parametrize("offset, kind", [(-10, "eerste"), (0, "evaluatie"), (30, "evaluatie")])
def test_the_kind_of_a_new_mdo_is_what_start_meeting_makes(store, offset, kind):
    case = store.create_case(Case(code="L-2026-0043", first_name="Lotte", organisation_id="org"))
    first = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 11, 2)))
    day = first.date + dt.timedelta(days=offset)
    assert cycle.new_meeting_kind(store.meetings(case.id), day) == kind
    assert cycle.start_meeting(store, case.id, day).kind == kind


def test_start_says_what_the_new_mdo_becomes_and_from_which_date(data):
    store, case, meeting = data
    later = dt.date.today() + dt.timedelta(days=14)  # the only MDO is still to come
    store.set_field(case.id, meeting.id, "date", later)
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state["active_case"] = case.id
    at.run()
    at.switch_page(pages.START.path).run()  # the chair's home is the Werklijst
    captions = "\n".join(c.value for c in at.caption)
    # today is before that MDO: the default date gives a first MDO, and Start says so
    assert cycle.new_meeting_kind(store.meetings(case.id), dt.date.today()) == "eerste"
    assert "Dit wordt een eerste MDO." in captions
    assert f"Een datum vóór {later.strftime('%-d')}" in captions
    at.button[[b.label for b in at.button].index("MDO aanmaken")].click().run()
    new = [m for m in store.meetings(case.id) if m.date != later]
    assert [m.kind for m in new] == ["eerste"]
