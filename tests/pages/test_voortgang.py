"""The Voortgang page on the demo network: every case with a follow-up shows its goal lines,
T-scores, tops & tips and agreements; odd states get a Dutch sentence, never an error."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.analytics import goals as analytics
from hgs.method.records import Case, Goal, Meeting
from hgs.store import open_store

PAGE = pages.PROGRESS.path


@pytest.fixture(scope="module")
def network(demo_folder):
    return demo_folder


def run_page(folder, monkeypatch, case_id=None) -> AppTest:
    monkeypatch.setenv("HGS_DATA_DIR", str(folder))
    at = AppTest.from_file("../../app.py", default_timeout=60)
    if case_id:
        at.session_state["active_case"] = case_id
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def charts_of(at):
    return at.get("plotly_chart")


def test_every_case_with_a_follow_up_shows_lines_t_scores_tops_tips_and_agreements(
        network, monkeypatch):
    folder, store = network
    checked = 0
    for case_id in store.case_ids():
        meetings = store.meetings(case_id)
        if len(meetings) < 2:
            continue
        at = run_page(folder, monkeypatch, case_id)
        goals = analytics.goal_scores(meetings).goal_id.nunique()
        has_tops = not analytics.tops_tips(meetings).empty
        assert len(charts_of(at)) == goals + 1 + has_tops  # goal lines, T-score, tops & tips
        assert [m.label for m in at.metric][0] == "T-score laatste MDO"
        assert any("Afspraken" == h.value for h in at.subheader)
        checked += 1
        if checked == 5:  # five cases keep the test quick; the demo has about thirty
            break
    assert checked == 5


def test_without_an_active_case_the_page_says_what_to_do(network, monkeypatch):
    at = run_page(network[0], monkeypatch)
    assert "Kies eerst een casus" in at.info[0].value


def test_one_meeting_and_odd_goals_give_sentences_not_errors(tmp_path, monkeypatch):
    store = open_store(tmp_path)
    case = store.create_case(Case(code="L-2026-0009", first_name="Sanna", organisation_id="o"))
    first = Meeting(case_id=case.id, date=dt.date(2026, 9, 1),
                    goals=[Goal(area="kind", text="Sanna vraagt om hulp", start=2, target=6),
                           Goal(area="opvoeding", text="Zonder schaal")])
    store.create_meeting(first)
    at = run_page(tmp_path, monkeypatch, case.id)
    texts = " ".join(i.value for i in at.info)
    assert "eerste MDO" in texts and "vervolg-MDO" in texts
    assert len(charts_of(at)) == 1  # the goal with a start score; the other gets a sentence
    assert any("nog geen score" in c.value for c in at.caption)


def test_a_case_without_meetings(tmp_path, monkeypatch):
    store = open_store(tmp_path)
    case = store.create_case(Case(code="L-2026-0010", first_name="Daan", organisation_id="o"))
    at = run_page(tmp_path, monkeypatch, case.id)
    assert "nog geen MDO" in at.info[0].value


def test_step_9_of_a_follow_up_shows_the_compact_progress(network, monkeypatch):
    folder, store = network
    case_id = next(c for c in store.case_ids() if len(store.meetings(c)) >= 2)
    meeting = store.meetings(case_id)[-1]
    monkeypatch.setenv("HGS_DATA_DIR", str(folder))
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state["active_case"] = case_id
    at.session_state["active_meeting"] = meeting.id
    at.run()
    at.switch_page(pages.for_step(9).path).run()
    assert not at.exception
    goals = analytics.goal_scores(store.meetings(case_id)).goal_id.nunique()
    assert len(charts_of(at)) == goals + 1  # goal lines and the T-score, no tops & tips chart


def test_the_figures_are_built_once_per_version_of_the_case(tmp_path, monkeypatch):
    """A rerun of an unchanged case draws the figures it built before; one change to any MDO
    (here a score) builds them again, and the chart shows the new score."""
    import json

    from hgs.analytics import charts

    store = open_store(tmp_path)
    case = store.create_case(Case(code="L-2026-0011", first_name="Mila", organisation_id="o"))
    goal = Goal(area="kind", text="Mila vraagt om hulp", start=2, target=6)
    store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 9, 1), goals=[goal]))
    follow_up = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 11, 1),
                                             kind="evaluatie", goals=[goal], scores={goal.id: 3}))
    built = []
    real = charts.goal_figure
    monkeypatch.setattr(charts, "goal_figure", lambda rows: built.append(1) or real(rows))
    at = run_page(tmp_path, monkeypatch, case.id)
    assert len(built) == 1
    at.run()
    assert len(built) == 1  # the same version: nothing built again
    store.set_field(case.id, follow_up.id, f"scores.{goal.id}", 5)
    at.run()
    assert not at.exception, at.exception
    assert len(built) == 2
    spec = json.loads(charts_of(at)[-1].proto.spec)
    assert spec["data"][0]["y"][-1] == 5
