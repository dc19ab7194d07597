"""Tests for the demo network: deterministic, realistic in shape, and loaded only into a data
folder that was never used."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hgs.access.joining import open_joining
from hgs.demo import (
    build_network,
    legacy_demo_ids,
    load_demo_if_empty,
    plan_start_empty,
    start_empty,
)
from hgs.method.cycle import consent_problem, outside_participants
from hgs.method.records import SECTORS, Case, Meeting, Organisation
from hgs.store import open_store

TODAY = dt.date(2026, 11, 2)
REPO = Path(__file__).resolve().parent.parent


def _snapshot(store) -> list:
    return [(case.model_dump(), [m.model_dump() for m in store.meetings(case.id)])
            for case in store.cases()]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One default demo network, built once for the read-only tests below."""
    store = open_store(tmp_path_factory.mktemp("demo"))
    counts = build_network(store, today=TODAY)
    cases = store.cases()
    return store, counts, {case.id: (case, store.meetings(case.id)) for case in cases}


def _meetings(demo):
    return [m for _, meetings in demo[2].values() for m in meetings]


def test_same_seed_gives_the_same_network_ids_included(tmp_path, demo):
    again = open_store(tmp_path)
    assert build_network(again, today=TODAY) == demo[1]
    assert _snapshot(again) == _snapshot(demo[0])
    assert [o.model_dump() for o in again.organisations()] == \
        [o.model_dump() for o in demo[0].organisations()]


def test_another_seed_gives_another_network(tmp_path, demo):
    other = open_store(tmp_path)
    build_network(other, cases=5, seed=8, today=TODAY)
    assert not set(other.case_ids()) & set(demo[0].case_ids())


def test_counts_are_near_forty_cases_and_120_meetings(demo):
    store, counts, cases = demo
    assert counts["cases"] == len(store.case_ids()) == 40
    assert counts["meetings"] == len(_meetings(demo))
    assert 95 <= counts["meetings"] <= 150
    assert max(len(meetings) for _, meetings in cases.values()) >= 3
    assert min(len(meetings) for _, meetings in cases.values()) == 1
    assert store.setting("demo") is True


def test_every_sector_has_organisations_and_cases_belong_to_one(demo):
    store, _, cases = demo
    organisations = {o.id: o for o in store.organisations()}
    assert {o.sector for o in organisations.values()} == set(SECTORS)
    assert all(case.organisation_id in organisations for case, _ in cases.values())


def test_case_codes_are_unique_and_well_formed(demo):
    codes = [case.code for case, _ in demo[2].values()]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"L-20\d\d-\d{4}", code) for code in codes)


def test_meetings_are_in_the_past_over_about_two_years(demo):
    for case, meetings in demo[2].values():
        assert meetings[0].kind == "eerste"
        assert all(m.kind == "evaluatie" for m in meetings[1:])
        assert all(later.previous_id == earlier.id for earlier, later in zip(meetings, meetings[1:]))
        assert case.created <= meetings[0].date
        for meeting in meetings:
            assert TODAY - dt.timedelta(days=800) <= meeting.date < TODAY
            assert meeting.date.weekday() < 5


def test_follow_up_goals_keep_the_id_they_got_when_set(demo):
    for _, meetings in demo[2].values():
        set_in = {m.id: {g.id: g for g in m.goals} for m in meetings}
        for meeting in meetings:
            for goal in meeting.goals:
                first = set_in[goal.set_in][goal.id]  # the meeting that set it has it, same id
                assert (first.text, first.start, first.target) == \
                    (goal.text, goal.start, goal.target)
        for earlier, later in zip(meetings, meetings[1:]):
            assert {g.id for g in earlier.goals if not g.dropped} <= {g.id for g in later.goals}


def test_goals_are_observable_and_scored_within_the_scale(demo):
    goals = [g for m in _meetings(demo) for g in m.goals]
    assert all(g.observable and 0 <= g.start < g.target <= 10 for g in goals)
    assert any(g.weight > 1 for g in goals)
    assert any(g.dropped for g in goals)
    for meeting in _meetings(demo):
        assert all(0 <= score <= 10 for score in meeting.scores.values())
        assert set(meeting.scores) <= {g.id for g in meeting.goals}


def test_scores_move_mostly_up_sometimes_down_and_some_reach_the_target(demo):
    ups = downs = reached = 0
    added_later = 0
    for _, meetings in demo[2].values():
        last: dict[str, int] = {}
        for meeting in meetings:
            for goal in meeting.goals:
                if goal.set_in == meeting.id and meeting.kind == "evaluatie":
                    added_later += 1
                previous = last.get(goal.id, goal.start)
                score = meeting.scores.get(goal.id)
                if score is None:
                    continue
                ups += score > previous
                downs += score < previous
                reached += score >= goal.target
                last[goal.id] = score
    assert ups > 2 * downs > 0
    assert reached > 0 and added_later > 0


def test_consent_is_recorded_for_every_case_with_outside_professionals(demo):
    with_outside = 0
    for case, meetings in demo[2].values():
        if any(outside_participants(m) for m in meetings):
            with_outside += 1
            assert case.consents
        assert all(consent_problem(case, m) is None for m in meetings)
    assert 0 < with_outside < len(demo[2])


def test_the_table_parents_child_and_the_childs_own_words(demo):
    meetings = _meetings(demo)
    parents_there = [any(p.role == "ouder/verzorger" and p.present for p in m.participants)
                     for m in meetings]
    child_there = [any(p.role == "kind/jongere" for p in m.participants) for m in meetings]
    words = [bool(m.circle_essence) for m in meetings]
    assert 0.6 < sum(parents_there) / len(meetings) < 1
    assert 0 < sum(child_there) < len(meetings)
    assert 0 < sum(words) < len(meetings)


def test_texts_follow_the_method(demo):
    meetings = _meetings(demo)
    assert all(q.text.startswith("Als we weten") and ", dan kunnen we " in q.text
               for m in meetings for q in m.questions)
    assert all("nodig" in n.text for m in meetings for n in m.needs)
    assert any(n.more_pupils for m in meetings for n in m.needs)
    for meeting in meetings:
        for area in ("kind", "onderwijs", "opvoeding"):
            signs = [o.sign for o in meeting.overview if o.area == area]
            assert signs and signs[0] == "plus"  # strengths first
        assert meeting.explanations or meeting.kind == "evaluatie"
        assert meeting.decisions and all(d.decided_by for d in meeting.decisions)
        assert meeting.tops_tips and all(t.by for t in meeting.tops_tips)
        assert meeting.rating is not None and 1 <= meeting.rating <= 10
    everything = " ".join(m.model_dump_json() for m in meetings)
    for label in ("ADHD", "ODD", "hyperactief", "lastig kind"):
        assert label not in everything


def test_research_is_asked_in_a_minority_with_a_reason(demo):
    first = [meetings[0] for _, meetings in demo[2].values()]
    asked = [m for m in first if m.research_needed]
    assert 0 < len(asked) < len(first) / 2
    assert all(m.research_reason for m in asked)


def test_agreements_are_done_open_and_some_overdue(demo):
    agreements = [a for m in _meetings(demo) for a in m.agreements]
    assert all(a.who and a.what and a.due for a in agreements)
    assert any(a.status == "gedaan" for a in agreements)
    assert any(a.status == "open" and a.due < TODAY for a in agreements)
    assert any(a.status == "open" and a.due >= TODAY for a in agreements)


def test_tops_and_tips_come_from_every_group(demo):
    tops_tips = [t for m in _meetings(demo) for t in m.tops_tips]
    assert {t.kind for t in tops_tips} == {"top", "tip"}
    assert {t.group for t in tops_tips} == {"school", "ouders", "kind", "professionals"}


def test_meetings_per_case_can_be_forced(tmp_path):
    store = open_store(tmp_path)
    counts = build_network(store, cases=3, meetings=5, today=TODAY)
    assert counts["meetings"] == 15
    assert all(len(store.meetings(case_id)) == 5 for case_id in store.case_ids())


def test_load_demo_if_empty_loads_only_once(tmp_path, monkeypatch):
    monkeypatch.delenv("HGS_DEMO", raising=False)
    store = open_store(tmp_path)
    assert load_demo_if_empty(store) is True
    assert len(store.case_ids()) == 40
    assert store.setting("demo") is True and store.setting("initialised") is True
    start_empty(store)
    assert load_demo_if_empty(store) is False  # "leeg beginnen" is a choice that stays
    assert store.case_ids() == []


def test_load_demo_if_empty_leaves_a_used_folder_alone(tmp_path, monkeypatch):
    monkeypatch.delenv("HGS_DEMO", raising=False)
    store = open_store(tmp_path)
    build_network(store, cases=2, today=TODAY)
    assert load_demo_if_empty(store) is False
    assert len(store.case_ids()) == 2


def test_hgs_demo_0_starts_empty(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DEMO", "0")
    store = open_store(tmp_path)
    assert load_demo_if_empty(store) is False
    assert store.case_ids() == [] and store.organisations() == []
    assert store.setting("initialised") is True
    monkeypatch.delenv("HGS_DEMO")
    assert load_demo_if_empty(store) is False


def test_start_empty_removes_the_demo_cases_and_organisations(store):
    build_network(store, cases=4, today=TODAY)
    assert all(c.demo for c in store.cases()) and all(o.demo for o in store.organisations())
    plan = plan_start_empty(store)
    assert len(plan.demo_cases) == 4 and plan.own_cases == ()
    assert plan.meetings == sum(len(store.meetings(c)) for c in store.case_ids())
    start_empty(store)
    assert store.case_ids() == [] and store.organisations() == []
    assert store.setting("demo") is False and store.setting("initialised") is True


def test_start_empty_keeps_a_case_someone_made_and_its_demo_organisation(store):
    build_network(store, cases=4, today=TODAY)
    demo_school = store.get_case(store.case_ids()[0]).organisation_id
    own_org = store.save_organisation(Organisation(name="De Eigen School", sector="PO"))
    mine = store.create_case(Case(code="L-2026-9001", first_name="Sanne",
                                  organisation_id=demo_school))
    meeting = store.create_meeting(Meeting(case_id=mine.id, date=TODAY))
    demo_case = next(c for c in store.case_ids() if c != mine.id)
    demo_meeting = store.meetings(demo_case)[-1]
    token = open_joining(store, demo_case, demo_meeting.id)

    plan = plan_start_empty(store)
    assert [c.id for c in plan.own_cases] == [mine.id]
    assert len(plan.demo_cases) == 4
    assert [o.id for o in plan.kept_organisations] == [demo_school]
    assert own_org.id not in {o.id for o in plan.demo_organisations}
    start_empty(store)

    assert store.case_ids() == [mine.id]
    assert store.get_meeting(mine.id, meeting.id) == meeting
    assert {o.id for o in store.organisations()} == {demo_school, own_org.id}
    assert store.setting(f"join:{token}") is None  # the demo meeting's join link went too


def test_a_folder_made_before_the_demo_mark_is_recognised_by_its_ids(tmp_path):
    """The default demo network's ids do not depend on the day it was made: a folder filled a
    year ago, without the demo marks, is recognised case by case."""
    store = open_store(tmp_path)
    build_network(store, today=TODAY - dt.timedelta(days=400))
    for case_id in store.case_ids():
        store.update_case(case_id, lambda case: setattr(case, "demo", False))
    for organisation in store.organisations():
        store.save_organisation(organisation.model_copy(update={"demo": False}))
    mine = store.create_case(Case(code="L-2026-9001", first_name="Sanne",
                                  organisation_id=store.organisations()[0].id))
    case_ids, organisation_ids = legacy_demo_ids()
    assert case_ids == set(store.case_ids()) - {mine.id}
    assert organisation_ids == {o.id for o in store.organisations()}

    plan = plan_start_empty(store)
    assert len(plan.demo_cases) == 40 and [c.id for c in plan.own_cases] == [mine.id]
    start_empty(store)
    assert store.case_ids() == [mine.id]
    assert [o.id for o in store.organisations()] == [mine.organisation_id]


def test_command_line_builds_into_a_folder(tmp_path):
    out = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "hgs.demo", "--cases", "3", "--meetings", "2", "--seed", "1",
         "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "cases=3" in result.stdout and "meetings=6" in result.stdout
    assert "seconds=" in result.stdout
    assert len(open_store(out).case_ids()) == 3
