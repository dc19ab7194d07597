"""The method checks on hand-made meetings: each check's top and tip, the network's threshold for
the table, and the share over many meetings."""

from __future__ import annotations

import datetime as dt

import pytest

from hgs.errors import InvalidInput
from hgs.method.checks import (
    CHECK_TITLES,
    PRINCIPLES,
    Check,
    checks,
    checks_summary,
    core_table_ok,
    document_facts,
    meeting_facts,
    network_settings,
    results,
    set_core_max,
)
from hgs.method.records import Agreement, Case, Goal, Meeting, OverviewItem, Participant

DAY = dt.date(2026, 3, 2)
CASE = Case(code="L-2026-0001", first_name="Joris", organisation_id="org1")


def person(role: str, present: bool = True, name: str = "X") -> Participant:
    return Participant(name=name, role=role, present=present)


def good_meeting(**changes) -> Meeting:
    """A meeting where everything of the method shows."""
    meeting = Meeting(
        case_id=CASE.id, date=DAY,
        participants=[person("leerkracht/mentor", name="Juf Anna"),
                      person("ouder/verzorger", name="Moeder"),
                      person("kind/jongere", name="Joris")],
        circle_essence="Ik vind buitenspelen het leukst",
        research_needed=False,
        goals=[Goal(area="kind", text="Joris vraagt hulp",
                    observable="Joris steekt zijn vinger op als hij vastloopt", start=2, target=6)],
        overview=[OverviewItem(area=a, sign="plus", text="gaat goed")
                  for a in ("kind", "onderwijs", "opvoeding")],
        agreements=[Agreement(who="Juf Anna", what="Dagschema maken", due=DAY)],
    )
    return meeting.model_copy(update=changes)


def by_name(found: list[Check]) -> dict[str, Check]:
    return {check.name: check for check in found}


def test_a_meeting_that_follows_the_method_gets_only_tops():
    found = checks(CASE, good_meeting(), {})
    assert [c.name for c in found] == list(CHECK_TITLES)
    assert all(c.ok for c in found), [c.message for c in found if not c.ok]
    assert all(c.message and c.title for c in found)


def test_an_empty_meeting_gets_a_tip_for_every_check():
    found = checks(CASE, Meeting(case_id=CASE.id, date=DAY), None)
    assert not any(c.ok for c in found)
    assert all(c.message for c in found)


def test_tips_never_blame_anyone():
    found = checks(CASE, Meeting(case_id=CASE.id, date=DAY, participants=[
        person("leerkracht/mentor")]), {})
    words = " ".join(c.message.lower() for c in found)
    for blame in ("schuld", "fout", "slecht", "niet gedaan", "vergeten", "onvoldoende"):
        assert blame not in words


@pytest.mark.parametrize("changes,ok", [
    ({}, True),
    ({"circle_essence": ""}, True),  # the child sat at the table
    ({"participants": [person("ouder/verzorger")]}, True),  # the child's words were written
    ({"participants": [person("ouder/verzorger"), person("kind/jongere", present=False)],
      "circle_essence": "  "}, False),
])
def test_childs_voice_is_the_child_at_the_table_or_its_words(changes, ok):
    check = by_name(checks(CASE, good_meeting(**changes), {}))["child_voice"]
    assert check.ok is ok
    assert "Joris" in check.message


def test_parents_present_counts_only_parents_who_were_there():
    absent = good_meeting(participants=[person("ouder/verzorger", present=False),
                                        person("leerkracht/mentor")])
    check = by_name(checks(CASE, absent, {}))["parents_present"]
    assert not check.ok and "nodig" in check.message
    network = good_meeting(participants=[person("netwerk van het gezin")])
    assert not by_name(checks(CASE, network, {}))["parents_present"].ok


@pytest.mark.parametrize("needed,reason,ok", [
    (False, "", True), (True, "Is er sprake van een taalachterstand?", True),
    (True, "", False), (None, "", False), (None, "eerst kijken", False),
])
def test_research_asked_with_a_reason_or_not_asked(needed, reason, ok):
    meeting = good_meeting(research_needed=needed, research_reason=reason)
    assert by_name(checks(CASE, meeting, {}))["research"].ok is ok


def test_the_table_is_kept_to_the_core_by_the_networks_threshold():
    nine = good_meeting(participants=[person("leerkracht/mentor") for _ in range(9)])
    assert not by_name(checks(CASE, nine, {}))["core_table"].ok  # default 8
    assert "9 deelnemers" in by_name(checks(CASE, nine, {}))["core_table"].message
    assert by_name(checks(CASE, nine, {"core_max_participants": 10}))["core_table"].ok
    # those who were not there do not count
    absent = nine.model_copy(update={"participants": [
        *nine.participants[:8], person("jeugdhulp", present=False)]})
    assert by_name(checks(CASE, absent, {}))["core_table"].ok
    assert not by_name(checks(CASE, good_meeting(participants=[]), {}))["core_table"].ok


def test_the_threshold_is_read_from_the_networks_settings(store):
    assert network_settings(store) == {"core_max_participants": 8}
    store.set_setting("core_max_participants", 4)
    five = good_meeting(participants=[person("leerkracht/mentor") for _ in range(5)])
    assert not by_name(checks(CASE, five, network_settings(store)))["core_table"].ok


def test_the_beheerder_sets_the_threshold_within_reason(store):
    assert set_core_max(store, "5") == 5
    assert network_settings(store) == {"core_max_participants": 5}
    for wrong in (1, 31, "acht", 4.5, None, True):
        with pytest.raises(InvalidInput, match="heel getal van 2 tot en met 30"):
            set_core_max(store, wrong)
    assert network_settings(store) == {"core_max_participants": 5}  # a refusal changes nothing


def test_every_goal_observable_and_scaled():
    goal = good_meeting().goals[0]
    vague = Goal(area="opvoeding", text="Rust thuis")
    no_scale = goal.model_copy(update={"id": "g2", "start": None})
    for goals, ok in (([goal], True), ([goal, vague], False), ([no_scale], False), ([], False),
                      ([goal, vague.model_copy(update={"dropped": True})], True)):
        check = by_name(checks(CASE, good_meeting(goals=goals), {}))["goals_observable"]
        assert check.ok is ok, goals
    check = by_name(checks(CASE, good_meeting(goals=[goal, vague]), {}))["goals_observable"]
    assert "“Rust thuis”" in check.message


def test_strengths_in_each_area_and_the_tip_names_the_missing_ones():
    meeting = good_meeting(overview=[
        OverviewItem(area="kind", sign="plus", text="Sportief"),
        OverviewItem(area="onderwijs", sign="min", text="Lange instructie"),
        OverviewItem(area="jeugdhulp", sign="plus", text="Snel beschikbaar"),
        OverviewItem(area="opvoeding", sign="plus", text=""),
    ])
    check = by_name(checks(CASE, meeting, {}))["strengths"]
    assert not check.ok
    assert "onderwijs en opvoeding" in check.message


def test_agreements_each_with_who_and_by_when():
    complete = Agreement(who="Moeder", what="Herinnering zetten", due=DAY)
    for agreements, ok in (([complete], True),
                           ([complete, Agreement(what="Observeren", due=DAY)], False),
                           ([Agreement(who="IB'er", what="Observeren")], False),
                           ([], False),
                           ([complete, Agreement(who="", what="")], True)):
        check = by_name(checks(CASE, good_meeting(agreements=agreements), {}))["agreements"]
        assert check.ok is ok, agreements
    check = by_name(checks(CASE, good_meeting(agreements=[
        complete, Agreement(what="Observeren")]), {}))["agreements"]
    assert "1 van de 2" in check.message


def test_summary_gives_the_share_of_meetings_per_check():
    good, empty = good_meeting(), Meeting(case_id=CASE.id, date=DAY)
    no_parents = good_meeting(participants=[person("kind/jongere")])
    summary = checks_summary([(CASE, good), (CASE, empty), (no_parents, CASE), (CASE, good)])
    assert set(summary) == set(CHECK_TITLES)
    assert summary["child_voice"] == 0.75
    assert summary["parents_present"] == 0.5
    assert summary["research"] == 0.75
    assert checks_summary([]) == {}


def test_the_seven_principles_have_their_dutch_titles():
    assert list(PRINCIPLES) == [1, 2, 3, 4, 5, 6, 7]
    assert PRINCIPLES[1] == "Doelgericht werken en evalueren"
    assert PRINCIPLES[5] == "Positieve factoren benutten"


@pytest.mark.parametrize("meeting", [
    good_meeting(),
    Meeting(case_id=CASE.id, date=DAY),
    good_meeting(participants=[person("leerkracht/mentor") for _ in range(9)],
                 research_needed=True, research_reason="",
                 goals=[Goal(area="opvoeding", text="Rust thuis"),
                        Goal(area="kind", text="Weg", dropped=True)],
                 overview=[OverviewItem(area="kind", sign="plus", text="Sportief")],
                 agreements=[Agreement(what="Observeren")]),
], ids=["good", "empty", "mixed"])
def test_a_stored_document_gives_the_same_facts_and_results_as_the_meeting(meeting):
    document = meeting.model_dump(mode="json")
    assert document_facts(document) == meeting_facts(meeting)
    for core_max in (4, 8, 10):
        assert results(document_facts(document), core_max) == {
            c.name: c.ok for c in checks(CASE, meeting, {"core_max_participants": core_max})}


def test_the_table_check_applies_the_threshold_to_the_number_present():
    assert not core_table_ok(0, 8)
    assert core_table_ok(8, 8) and not core_table_ok(9, 8) and core_table_ok(9, 10)


def test_a_damaged_document_is_a_type_error_not_a_crash_of_another_kind():
    with pytest.raises(TypeError):
        document_facts({"participants": [{"role": "ouder/verzorger"}], "goals": [{"text": None}]})
    assert document_facts({}) == meeting_facts(Meeting(case_id=CASE.id, date=DAY))
