"""Goal scores, GAS levels and T-scores, tops & tips and agreements, from hand-computed cases."""

import datetime as dt
import math

import pytest

from hgs.analytics import goals as analytics
from hgs.method import cycle, scores
from hgs.method.records import Agreement, Goal, Meeting, TopTip

DAY = dt.date(2026, 1, 12)


# -- GAS T-score: published examples -------------------------------------------------------------
@pytest.mark.parametrize("level,expected", [(-2, 30), (-1, 40), (0, 50), (1, 60), (2, 70)])
def test_single_goal_t_score_is_50_plus_10_times_the_level(level, expected):
    # One goal, weight 1: the denominator is sqrt(0.7 + 0.3) = 1 (Kiresuk & Sherman 1968).
    assert scores.gas_t_score([level]) == pytest.approx(expected)


def test_all_goals_at_expected_level_give_50():
    assert scores.gas_t_score([0, 0, 0, 0, 0]) == pytest.approx(50)


@pytest.mark.parametrize("levels,expected", [
    # Unweighted, rho 0.3: T = 50 + 10*sum(x) / sqrt(0.7 n + 0.3 n^2)
    ([-1, -1, -1], 50 - 30 / math.sqrt(4.8)),       # 36.31, Turner-Stokes' look-up table
    ([1, 1, 1, 1], 50 + 40 / math.sqrt(7.6)),       # 64.51
    ([-2, -1, 0, 1], 50 - 20 / math.sqrt(7.6)),     # 42.75
])
def test_several_unweighted_goals(levels, expected):
    assert scores.gas_t_score(levels) == pytest.approx(expected)
    assert scores.gas_t_score([-1, -1, -1]) == pytest.approx(36.31, abs=0.01)


def test_weighted_goals_example_from_the_gasr_package():
    # gasr's calc_tscore() example: scores (-2, 0, -1, 2, 0, 1), weights (3, 5, 1, 4, 2, 6):
    # sum(wx) = 7; 0.7*91 + 0.3*21^2 = 196 = 14^2; T = 50 + 70/14 = 55.
    assert scores.gas_t_score([-2, 0, -1, 2, 0, 1], [3, 5, 1, 4, 2, 6]) == pytest.approx(55)


def test_rho_changes_the_spread():
    assert scores.gas_t_score([1, 1], rho=0.0) == pytest.approx(50 + 20 / math.sqrt(2))
    assert scores.gas_t_score([1, 1], rho=0.3) == pytest.approx(50 + 20 / math.sqrt(2.6))


@pytest.mark.parametrize("levels,weights", [([], None), ([3], None), ([1, 1], [1]), ([1], [0])])
def test_t_score_rejects_bad_input(levels, weights):
    with pytest.raises(ValueError):
        scores.gas_t_score(levels, weights)


# -- score -> level rule ---------------------------------------------------------------------
@pytest.mark.parametrize("score,level", [
    (1, -2), (3, -2),          # at or below the start
    (4, -1), (6, -1),          # on the way
    (7, 0),                    # target reached
    (8, 1), (9, 1),            # above, within half the planned step (3 -> 7: 2 points)
    (10, 2),                   # further above
])
def test_gas_level_for_a_goal_from_3_to_7(score, level):
    assert scores.gas_level(score, 3, 7) == level


def test_gas_level_for_a_small_step_gives_at_least_one_point_for_plus_one():
    assert scores.gas_level(6, 4, 5) == 1
    assert scores.gas_level(7, 4, 5) == 2


def test_gas_level_mirrors_a_goal_that_must_go_down():
    assert scores.gas_level(3, 8, 3) == 0
    assert scores.gas_level(5, 8, 3) == -1
    assert scores.gas_level(9, 8, 3) == -2
    assert scores.gas_level(2, 8, 3) == 1


def test_gas_level_needs_score_start_and_target():
    assert scores.gas_level(None, 3, 7) is None
    assert scores.gas_level(5, None, 7) is None
    assert scores.gas_level(5, 3, None) is None


# -- frames from meetings --------------------------------------------------------------------
def three_meetings():
    first = Meeting(case_id="c", date=DAY)
    first.goals = [Goal(id="g1", area="kind", text="Joris vraagt hulp", start=3, target=7),
                   Goal(id="g2", area="onderwijs", text="Korte taken", start=2, target=6, weight=2)]
    first.tops_tips = [TopTip(kind="top", text="Fijn overleg", group="ouders"),
                       TopTip(kind="tip", text="Eerder starten", group="school")]
    first.agreements = [Agreement(id="a1", what="Dagschema", who="juf", due=DAY),
                        Agreement(id="a2", what="Gesprek", who="IB", due=DAY)]
    second = cycle.carry_over_from(first, DAY + dt.timedelta(days=60))
    second.scores = {"g1": 5, "g2": 6}
    second.agreements[0].status = "gedaan"
    second.goals.append(Goal(id="g3", area="opvoeding", text="Voorlezen", start=1, target=4,
                             set_in=second.id))
    third = cycle.carry_over_from(second, DAY + dt.timedelta(days=120))
    third.scores = {"g1": 8, "g2": None, "g3": 4}
    return [first, second, third]


def test_goal_scores_start_at_the_start_score_and_follow_each_meeting():
    frame = analytics.goal_scores(three_meetings())
    g1 = frame[frame.goal_id == "g1"]
    assert list(g1.score) == [3, 5, 8]
    assert list(g1.level) == [-2, -1, 1]
    g3 = frame[frame.goal_id == "g3"]  # added at the follow-up: its start there
    assert list(g3.meeting_no) == [2, 3] and list(g3.score) == [1, 4]
    g2 = frame[frame.goal_id == "g2"]
    assert g2.score.isna().tolist() == [False, False, True]  # not scored yet at MDO 3


def test_attainment_per_follow_up_uses_weights_and_skips_unscored_goals():
    att = analytics.attainment(three_meetings())
    assert list(att.meeting_no) == [2, 3]
    # MDO 2: g1 at 5 (-1, w1), g2 at 6 (0, w2); g3 just set (its start 1: -2, w1)
    expected = scores.gas_t_score([-1, 0, -2], [1, 2, 1])
    assert att.t_score.iloc[0] == pytest.approx(round(expected, 1))
    # MDO 3: g1 at 8 (+1), g3 at 4 (0); g2 has no score and is left out
    assert att.t_score.iloc[1] == pytest.approx(round(scores.gas_t_score([1, 0]), 1))
    assert att.goals_open.iloc[1] == 1 and att.reached.iloc[1] == 2


def test_a_dropped_goal_stays_in_the_history_but_not_in_the_t_score():
    meetings = three_meetings()
    meetings[2].goals[0].dropped = True
    att = analytics.attainment(meetings)
    assert att.t_score.iloc[1] == pytest.approx(round(scores.gas_t_score([0]), 1))
    assert "g1" in set(analytics.goal_scores(meetings).goal_id)


def test_one_meeting_has_no_t_score_yet():
    assert analytics.attainment(three_meetings()[:1]).empty


def test_tops_and_tips_are_counted_per_meeting_kind_and_group():
    counts = analytics.tops_tips_counts(analytics.tops_tips(three_meetings()))
    assert set(zip(counts.kind, counts.group, counts["count"])) == {
        ("top", "ouders", 1), ("tip", "school", 1)}
    assert analytics.tops_tips_counts(analytics.tops_tips([])).empty


@pytest.mark.parametrize("status,due,state", [
    ("gedaan", DAY - dt.timedelta(days=3), "gedaan"),
    ("open", DAY - dt.timedelta(days=1), "te laat"),
    ("open", DAY + dt.timedelta(days=7), "binnenkort"),
    ("open", DAY + dt.timedelta(days=8), "open"),
    ("open", None, "open"),
])
def test_agreement_state(status, due, state):
    assert analytics.agreement_state(status, due, DAY) == state


def test_agreements_appear_once_in_their_latest_state():
    table = analytics.agreements(three_meetings(), today=DAY + dt.timedelta(days=1))
    assert sorted(table.agreement_id) == ["a1", "a2"]
    states = dict(zip(table.agreement_id, table.state))
    assert states == {"a1": "gedaan", "a2": "te laat"}
    assert list(table.state) == ["te laat", "gedaan"]  # most urgent first


def test_level_table_has_a_column_per_follow_up_and_the_t_score_last():
    table = analytics.level_table(three_meetings())
    assert list(table.columns) == ["MDO 2 (13-03-2026)", "MDO 3 (12-05-2026)"]
    assert table.loc["Joris vraagt hulp"].tolist() == ["-1", "+1"]
    assert table.loc["Korte taken"].tolist() == ["0", ""]
    assert table.index[-1] == "GAS T-score"
    assert analytics.level_table(three_meetings()[:1]).empty
