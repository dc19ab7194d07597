"""The werklijst's rules on hand-made cases: each flag fires on its case and not on the near
miss beside it (a day earlier or later, one follow-up instead of two, a cancelled MDO …)."""

import datetime as dt

import pytest

from hgs import pages
from hgs.method import scores, worklist
from hgs.method.records import Agreement, Case, Consent, Goal, Meeting, Participant

TODAY = dt.date(2026, 12, 2)
DAY = dt.timedelta(days=1)


def case(**changes) -> Case:
    return Case(code="L-2026-0001", first_name="Joris", organisation_id="org", id="c1",
                **changes)


def meeting(date: dt.date, **changes) -> Meeting:
    return Meeting(case_id="c1", date=date, **changes)


def kinds(found) -> list[str]:
    return [f.kind for f in found]


def of(kind: str, found) -> list[worklist.Flag]:
    return [f for f in found if f.kind == kind]


def held(date=dt.date(2026, 10, 5), **changes) -> Meeting:
    return meeting(date, status="afgerond", **changes)


# -- next MDO and invitation ---------------------------------------------------------------------
def test_the_next_planned_mdo_says_date_time_and_place():
    m = meeting(TODAY + 9 * DAY, start_time=dt.time(14, 30), place="Lokaal 3",
                invitation_sent=dt.datetime(2026, 12, 1, 9))
    [flag] = worklist.flags(case(), [held(), m], TODAY)
    assert (flag.kind, flag.meeting_id, flag.page) == ("volgend_mdo", m.id, pages.PREPARATION)
    assert "11 december 2026" in flag.reason and "14:30" in flag.reason
    assert "Lokaal 3" in flag.reason and flag.severity == "info"


def test_a_planned_mdo_says_when_time_and_place_are_missing():
    [flag] = of("volgend_mdo", worklist.flags(case(), [meeting(TODAY)], TODAY))
    assert "tijd nog niet gekozen" in flag.reason and "plaats nog niet gekozen" in flag.reason


@pytest.mark.parametrize("changes", [
    dict(date=TODAY - DAY),  # yesterday: no longer planned
    dict(date=TODAY + DAY, cancelled=TODAY),
    dict(date=TODAY + DAY, status="gestart"),
])
def test_not_a_planned_mdo(changes):
    found = worklist.flags(case(), [meeting(**changes)], TODAY)
    assert "volgend_mdo" not in kinds(found) and "uitnodiging" not in kinds(found)


def test_a_planned_mdo_without_invitation_is_flagged_and_with_one_not():
    m = meeting(TODAY)
    assert of("uitnodiging", worklist.flags(case(), [m], TODAY))[0].meeting_id == m.id
    m.invitation_sent = dt.datetime(2026, 11, 30, 16, 5)
    assert not of("uitnodiging", worklist.flags(case(), [m], TODAY))


# -- evaluation date -----------------------------------------------------------------------------
def test_an_evaluation_date_passed_without_a_follow_up():
    first = held(evaluation_date=TODAY - DAY)
    [flag] = of("evaluatie", worklist.flags(case(), [first], TODAY))
    assert flag.page == pages.START and "1 december 2026" in flag.reason
    assert flag.severity == "actie"


def test_an_evaluation_date_of_today_has_not_passed():
    assert not of("evaluatie", worklist.flags(case(), [held(evaluation_date=TODAY)], TODAY))


def test_a_planned_follow_up_answers_the_evaluation_date_and_a_cancelled_one_does_not():
    first = held(evaluation_date=TODAY - 10 * DAY)
    follow = meeting(TODAY + 3 * DAY, kind="evaluatie", previous_id=first.id)
    assert not of("evaluatie", worklist.flags(case(), [first, follow], TODAY))
    follow.cancelled = TODAY - DAY
    assert of("evaluatie", worklist.flags(case(), [first, follow], TODAY))


# -- agreements ----------------------------------------------------------------------------------
def test_agreements_overdue_and_due_within_seven_days_name_who_and_what():
    late = Agreement(who="Mevr. de Vries", what="Belt de ouders", due=TODAY - DAY)
    soon = Agreement(who="Ahmed", what="Plant een observatie", due=TODAY + 7 * DAY)
    later = Agreement(who="Ahmed", what="Later", due=TODAY + 8 * DAY)
    done = Agreement(who="Ahmed", what="Klaar", due=TODAY - DAY, status="gedaan")
    m = held(agreements=[late, soon, later, done])
    found = of("afspraak", worklist.flags(case(), [m], TODAY))
    assert [f.severity for f in found] == ["actie", "let_op"]
    assert "te laat" in found[0].reason and "Mevr. de Vries" in found[0].reason
    assert "Belt de ouders" in found[0].reason
    assert "binnenkort" in found[1].reason and "Plant een observatie" in found[1].reason
    assert {f.page for f in found} == {pages.for_step(8)}
    assert {f.meeting_id for f in found} == {m.id}


def test_only_the_latest_meetings_agreements_count():
    old = held(dt.date(2026, 9, 1), agreements=[Agreement(what="Oud", due=TODAY - DAY)])
    new = held(dt.date(2026, 11, 1))  # it was done: not carried over
    assert not of("afspraak", worklist.flags(case(), [old, new], TODAY))


def test_agreement_state_is_the_one_rule_analytics_uses():
    from hgs.analytics import goals
    assert goals.agreement_state is worklist.agreement_state
    assert worklist.agreement_state("open", TODAY, TODAY) == "binnenkort"
    assert worklist.agreement_state("open", None, TODAY) == "open"


# -- goals off track -----------------------------------------------------------------------------
def scored(*points, start=3, target=7, evaluation=None, goal_id="g1"):
    """A goal set at the first meeting with `start`, then one follow-up per (date, score)."""
    goal = Goal(id=goal_id, area="kind", text="Joris vraagt hulp", start=start, target=target)
    first = held(dt.date(2026, 6, 1), goals=[goal])
    meetings = [first]
    for day, score in points:
        meetings.append(held(day, kind="evaluatie", goals=[goal], scores={goal_id: score},
                             previous_id=meetings[-1].id))
    if evaluation:
        meetings[-1].evaluation_date = evaluation
    return meetings


def test_no_progress_over_two_follow_ups_is_off_track():
    meetings = scored((dt.date(2026, 8, 1), 4), (dt.date(2026, 10, 1), 3))  # 3 -> 4 -> 3
    [flag, falling] = of("doel", worklist.flags(case(), meetings, TODAY))
    assert "T-score" in falling.reason  # level -1 then -2
    assert "geen vooruitgang" in flag.reason and "3 → 4 → 3" in flag.reason
    assert flag.page == pages.PROGRESS


def test_one_follow_up_without_progress_is_not_yet_off_track():
    meetings = scored((dt.date(2026, 8, 1), 3))
    assert not of("doel", worklist.flags(case(), meetings, TODAY))


def test_progress_at_the_second_follow_up_is_not_off_track():
    meetings = scored((dt.date(2026, 8, 1), 4), (dt.date(2026, 10, 1), 4))  # 3 -> 4 -> 4
    assert not of("doel", worklist.flags(case(), meetings, TODAY))


def test_a_goal_kept_at_or_beyond_its_target_is_not_stuck():
    assert not scores.stalled([3, 7, 7], 3, 7)
    assert not scores.stalled([3, 8, 8], 3, 7)
    assert scores.stalled([3, 6, 6, 6], 3, 7)
    assert not scores.stalled([8, 2, 1], 8, 2)  # down past its target
    assert scores.stalled([8, 5, 5, 5], 8, 2)


def test_a_goal_to_bring_something_down_runs_the_other_way():
    meetings = scored((dt.date(2026, 8, 1), 7), (dt.date(2026, 10, 1), 8), start=8, target=2)
    assert of("doel", worklist.flags(case(), meetings, TODAY))
    meetings = scored((dt.date(2026, 8, 1), 7), (dt.date(2026, 10, 1), 6), start=8, target=2)
    assert not of("doel", worklist.flags(case(), meetings, TODAY))


def test_a_score_behind_the_straight_line_to_the_target_is_off_track():
    # start 3 on 1 June, target 7 on 30 November: on 31 August (half way) 5 is expected
    meetings = scored((dt.date(2026, 8, 31), 4), evaluation=dt.date(2026, 11, 29))
    [flag] = of("doel", worklist.flags(case(), meetings, TODAY))
    assert "onder de lijn" in flag.reason and "5" in flag.reason
    on_line = scored((dt.date(2026, 8, 31), 5), evaluation=dt.date(2026, 11, 29))
    assert not of("doel", worklist.flags(case(), on_line, TODAY))


def test_the_straight_line_in_numbers():
    assert scores.expected_score(3, 7, dt.date(2026, 1, 1), dt.date(2026, 1, 11),
                                 dt.date(2026, 1, 6)) == 5
    assert scores.behind_line(5, dt.date(2026, 1, 6), 3, 7, dt.date(2026, 1, 1),
                              dt.date(2026, 1, 11)) is None
    assert scores.behind_line(4, dt.date(2026, 1, 6), 3, 7, dt.date(2026, 1, 1),
                              dt.date(2026, 1, 11)) == 5
    assert scores.behind_line(4, dt.date(2026, 1, 4), 3, 7, dt.date(2026, 1, 1),
                              dt.date(2026, 1, 11)) is None  # 4.2 expected: 4 is on the line
    assert scores.behind_line(4, dt.date(2026, 1, 6), 3, 7, dt.date(2026, 1, 1), None) is None
    # an evaluation date from before the goal was set draws no line
    assert scores.behind_line(4, dt.date(2026, 1, 6), 3, 7, dt.date(2026, 1, 1),
                              dt.date(2025, 12, 1)) is None


def test_a_falling_t_score_is_flagged_and_a_rising_one_not():
    two = [Goal(id=g, area="kind", text=g, start=3, target=7) for g in ("a", "b")]
    first = held(dt.date(2026, 6, 1), goals=two)
    up = held(dt.date(2026, 8, 1), kind="evaluatie", goals=two, scores={"a": 7, "b": 8})
    down = held(dt.date(2026, 10, 1), kind="evaluatie", goals=two, scores={"a": 7, "b": 7})
    found = of("doel", worklist.flags(case(), [first, up, down], TODAY))
    assert any("T-score" in f.reason and f.meeting_id == down.id for f in found)
    down.scores = {"a": 8, "b": 8}
    found = of("doel", worklist.flags(case(), [first, up, down], TODAY))
    assert not any("T-score" in f.reason for f in found)


def test_a_dropped_goal_is_not_off_track():
    meetings = scored((dt.date(2026, 8, 1), 3), (dt.date(2026, 10, 1), 3))
    meetings[-1].goals = [meetings[-1].goals[0].model_copy(update={"dropped": True})]
    assert not of("doel", worklist.flags(case(), meetings, TODAY))


# -- consent -------------------------------------------------------------------------------------
JEUGDHULP = Participant(name="Sanne", role="jeugdhulp", organisation="Jeugdhulp Almere")


def test_consent_missing_for_a_planned_mdo_with_a_professional_from_outside():
    m = meeting(TODAY + 5 * DAY, participants=[JEUGDHULP])
    [flag] = of("toestemming", worklist.flags(case(birth_year=2018), [m], TODAY))
    assert "ontbreekt" in flag.reason and "Sanne" in flag.reason and flag.severity == "actie"
    given = case(birth_year=2018, consents=[Consent(given_by=["ouders"], date=TODAY)])
    assert not of("toestemming", worklist.flags(given, [m], TODAY))


def test_consent_of_the_parents_alone_is_missing_the_young_persons_from_12():
    m = meeting(TODAY + 5 * DAY, participants=[JEUGDHULP])
    parents = Consent(given_by=["ouders"], date=TODAY)
    assert of("toestemming", worklist.flags(case(birth_year=2012, consents=[parents]), [m],
                                            TODAY))
    both = Consent(given_by=["ouders", "jongere"], date=TODAY)
    assert not of("toestemming", worklist.flags(case(birth_year=2012, consents=[both]), [m],
                                                TODAY))
    elsewhere = Consent(given_by=["ouders", "jongere"], date=TODAY, scope=["GGD"])
    assert of("toestemming", worklist.flags(case(birth_year=2012, consents=[elsewhere]), [m],
                                            TODAY))


def test_consent_without_a_year_of_birth_says_so():
    m = meeting(TODAY + 5 * DAY, participants=[JEUGDHULP])
    [flag] = of("toestemming", worklist.flags(case(), [m], TODAY))
    assert "Geboortejaar onbekend" in flag.reason


def test_no_consent_needed_without_a_professional_from_outside():
    m = meeting(TODAY + 5 * DAY, participants=[Participant(name="Ilse", role="leerkracht/mentor")])
    assert not of("toestemming", worklist.flags(case(birth_year=2018), [m], TODAY))


def test_consent_withdrawn_while_an_outside_professional_is_at_the_table():
    withdrawn = Consent(given_by=["ouders"], date=dt.date(2026, 5, 1), withdrawn=TODAY - DAY)
    c = case(birth_year=2018, consents=[withdrawn])
    [flag] = of("toestemming", worklist.flags(c, [held(participants=[JEUGDHULP])], TODAY))
    assert "ingetrokken" in flag.reason and "1 december 2026" in flag.reason
    withdrawn.withdrawn = TODAY + DAY  # withdrawn from tomorrow: still in force today
    assert not of("toestemming", worklist.flags(c, [held(participants=[JEUGDHULP])], TODAY))


def test_consent_about_to_lapse_when_the_child_may_turn_12_before_the_next_mdo():
    parents = [Consent(given_by=["ouders"], date=dt.date(2026, 5, 1))]
    c = case(birth_year=2015, consents=parents)  # 10 or 11 now; 11 or 12 in 2027
    [flag] = of("toestemming", worklist.flags(c, [meeting(dt.date(2027, 1, 11))], TODAY))
    assert "verloopt" in flag.reason and "12" in flag.reason and "de jongere" in flag.reason
    assert flag.severity == "let_op"
    # the near miss: the next MDO is still this year
    assert not of("toestemming", worklist.flags(c, [meeting(dt.date(2026, 12, 31))], TODAY))


def test_the_evaluation_date_is_the_horizon_when_no_mdo_is_planned():
    parents = [Consent(given_by=["ouders"], date=dt.date(2026, 5, 1))]
    c = case(birth_year=2015, consents=parents)
    assert of("toestemming", worklist.flags(
        c, [held(evaluation_date=dt.date(2027, 2, 1))], TODAY))


# -- the whole list ------------------------------------------------------------------------------
def test_a_closed_case_has_no_flags():
    m = held(evaluation_date=TODAY - DAY, agreements=[Agreement(what="x", due=TODAY - DAY)])
    assert worklist.flags(case(), [m], TODAY)
    assert worklist.flags(case(status="afgesloten"), [m], TODAY) == []


def test_sorted_by_urgency_date_or_kind_and_filtered_by_kind():
    m = held(evaluation_date=TODAY - 3 * DAY,
             agreements=[Agreement(what="x", due=TODAY + 2 * DAY)])
    other = case().model_copy(update={"id": "c2"})
    nxt = Meeting(case_id="c2", date=TODAY + 4 * DAY)
    found = worklist.worklist([case(), other], {"c1": [m], "c2": [nxt]}, TODAY)
    assert kinds(found) == ["evaluatie", "afspraak", "uitnodiging", "volgend_mdo"]
    assert [f.case_id for f in found] == ["c1", "c1", "c2", "c2"]
    assert kinds(worklist.ordered(found, "soort")) == [
        "afspraak", "evaluatie", "uitnodiging", "volgend_mdo"]
    assert kinds(worklist.ordered(found, "datum")) == [
        "evaluatie", "afspraak", "uitnodiging", "volgend_mdo"]
    assert kinds(worklist.of_kinds(found, ["afspraak"])) == ["afspraak"]
    assert worklist.of_kinds(found, []) == found
    assert worklist.counts(found) == {"afspraak": 1, "evaluatie": 1, "uitnodiging": 1,
                                      "volgend_mdo": 1}
