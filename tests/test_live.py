"""Joining from one's own device: tokens (wrong, missing, closed), entries with their author,
many people adding at once (threads and processes), and the later save winning with a notice."""

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from hgs.access import joining as live
from hgs.errors import InvalidInput, NotFound
from hgs.method.records import Goal
from tests.conftest import store_target

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def token(store, meeting):
    return live.open_joining(store, meeting.case_id, meeting.id)


def test_open_gives_one_unguessable_token_and_resolves_to_the_meeting(store, meeting, token):
    assert len(token) >= 30
    assert live.open_joining(store, meeting.case_id, meeting.id) == token  # stays while open
    seat = live.resolve(store, token)
    assert seat.meeting.id == meeting.id and seat.case.id == meeting.case_id


@pytest.mark.parametrize("wrong", [None, "", "x" * 32, "x" * 500])
def test_wrong_or_missing_tokens_get_the_dutch_message(store, token, wrong):
    with pytest.raises(NotFound, match="Deze link werkt niet"):
        live.resolve(store, wrong)


def test_a_closed_meeting_refuses_its_old_token_and_a_new_opening_has_a_new_one(store, meeting,
                                                                                token):
    live.close_joining(store, meeting.case_id, meeting.id)
    with pytest.raises(NotFound):
        live.resolve(store, token)
    with pytest.raises(NotFound):
        live.add_entry(store, token, "tops_tips", "Anna", "ouder/verzorger", kind="top",
                       text="Fijn")
    again = live.open_joining(store, meeting.case_id, meeting.id)
    assert again != token
    with pytest.raises(NotFound):
        live.resolve(store, token)


def test_entries_keep_who_gave_them_and_the_group_they_speak_for(store, meeting, token):
    from hgs.method import cycle

    store.update_case(meeting.case_id, lambda c: (  # for jeugdhulp below: a child of 9 or 10
        cycle.set_birth_year(c, 2016), cycle.add_consent(c, ["ouders"], meeting.date, "")))
    live.add_entry(store, token, "questions", "Anna", "ouder/verzorger",
                   text="Als we weten wat helpt, dan kunnen we thuis hetzelfde doen")
    live.add_entry(store, token, "overview", "Sem", "kind/jongere", area="kind", sign="plus",
                   text="Ik kan goed tekenen")
    live.add_entry(store, token, "tops_tips", "Bram", "jeugdhulp", kind="tip",
                   text="Minder afkortingen")
    saved = store.get_meeting(meeting.case_id, meeting.id)
    assert saved.questions[0].asked_by == "Anna (ouder/verzorger)"
    assert saved.overview[0].by == "Sem (kind/jongere)"
    assert (saved.tops_tips[0].by, saved.tops_tips[0].group) == ("Bram (jeugdhulp)",
                                                                 "professionals")


def test_a_participant_must_choose_a_role(store, meeting, token):
    for role in ("", "schoolhoofd"):
        with pytest.raises(InvalidInput, match="Kies eerst uw rol"):
            live.add_entry(store, token, "tops_tips", "Anna", role, kind="top", text="Fijn")
    assert not live.may_take_part(live.resolve(store, token), "")
    assert store.get_meeting(meeting.case_id, meeting.id).tops_tips == []


def test_outside_roles_join_only_with_the_consent_the_childs_age_asks(store, meeting, token):
    from hgs.method import cycle

    store.update_case(meeting.case_id, lambda c: (  # 13 or 14: parents and young person
        cycle.set_birth_year(c, 2012), cycle.add_consent(c, ["ouders"], meeting.date, "")))
    seat = live.resolve(store, token)
    assert not live.may_take_part(seat, "jeugdhulp") and live.may_take_part(seat, "leerplicht") \
        is False and live.may_take_part(seat, "ouder/verzorger")
    with pytest.raises(InvalidInput, match="geen toestemming"):
        live.add_entry(store, token, "tops_tips", "Bram", "jeugdhulp", kind="tip", text="Kort")
    store.update_case(meeting.case_id,
                      lambda c: cycle.add_consent(c, ["jongere"], meeting.date, ""))
    assert live.may_take_part(live.resolve(store, token), "jeugdhulp")
    live.add_entry(store, token, "tops_tips", "Bram", "jeugdhulp", kind="tip", text="Kort")


def test_participants_can_add_only_to_their_lists_and_need_a_name(store, meeting, token):
    with pytest.raises(InvalidInput, match="naam"):
        live.add_entry(store, token, "questions", " ", "ouder/verzorger", text="Vraag")
    with pytest.raises(InvalidInput):
        live.add_entry(store, token, "agreements", "Anna", "ouder/verzorger", what="Niets")
    with pytest.raises(InvalidInput, match="Typ eerst"):
        live.add_entry(store, token, "tops_tips", "Anna", "ouder/verzorger", kind="top",
                       text="   ")


def test_a_participant_scores_only_goals_of_this_follow_up(store, meeting, token):
    goal = Goal(area="kind", text="Vraagt hulp", start=2, target=6)
    store.update_meeting(meeting.case_id, meeting.id,
                         lambda m: (m.goals.append(goal), m.scores.update({goal.id: None})))
    live.add_entry(store, token, "giver_scores", "Anna", "ouder/verzorger", goal_id=goal.id,
                   score=5)
    with pytest.raises(InvalidInput):
        live.add_entry(store, token, "giver_scores", "Anna", "ouder/verzorger",
                       goal_id="ander-doel", score=5)
    saved = store.get_meeting(meeting.case_id, meeting.id)
    assert [(g.goal_id, g.score, g.group) for g in saved.giver_scores] == [(goal.id, 5, "ouders")]
    assert saved.scores[goal.id] is None  # the chair sets the meeting's own score


def test_many_participants_at_once_lose_nothing(store, meeting, token):
    def participant(n: int) -> None:
        for i in range(10):
            live.add_entry(store, token, "tops_tips", f"P{n}", "ouder/verzorger", kind="top",
                           text=f"top {n}-{i}")

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = store.get_meeting(meeting.case_id, meeting.id)
    assert sorted(t.text for t in saved.tops_tips) == sorted(
        f"top {n}-{i}" for n in range(12) for i in range(10))


ADDER = """
import sys
from hgs.access import joining as live
from hgs.store import open_store
store = open_store(sys.argv[1])
for i in range(15):
    live.add_entry(store, sys.argv[2], "questions", "P" + sys.argv[3], "leerkracht/mentor",
                   text=f"vraag {sys.argv[3]}-{i}")
"""


def test_participants_in_several_processes_lose_nothing(store, meeting, token):
    processes = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(ADDER),
                                   store_target(store), token, str(n)], cwd=REPO)
                 for n in range(4)]
    assert [p.wait(timeout=120) for p in processes] == [0] * 4
    saved = store.get_meeting(meeting.case_id, meeting.id)
    assert len(saved.questions) == 60
    assert {q.asked_by for q in saved.questions} == {f"P{n} (leerkracht/mentor)"
                                                      for n in range(4)}


def test_two_people_on_different_fields_both_keep_their_edit(store, meeting):
    first = store.save_field(meeting.case_id, meeting.id, "circle_essence", "Ik teken graag", "")
    second = store.save_field(meeting.case_id, meeting.id, "research_reason", "Niet nodig", "")
    saved = store.get_meeting(meeting.case_id, meeting.id)
    assert (saved.circle_essence, saved.research_reason) == ("Ik teken graag", "Niet nodig")
    assert not first and not second


def test_same_field_later_save_wins_and_is_told(store, meeting):
    # both saw "" ; the participant saves first, the chair later
    assert not store.save_field(meeting.case_id, meeting.id, "circle_essence", "versie A", "")
    assert store.save_field(meeting.case_id, meeting.id, "circle_essence", "versie B", "")
    assert store.get_meeting(meeting.case_id, meeting.id).circle_essence == "versie B"


def test_same_item_field_later_save_wins_and_is_told(store, meeting):
    item = store.add_item(meeting.case_id, meeting.id, "tops_tips", kind="top", text="eerst")
    assert not store.save_item_field(meeting.case_id, meeting.id, "tops_tips", item.id, "text",
                                     "versie A", "eerst")
    assert store.save_item_field(meeting.case_id, meeting.id, "tops_tips", item.id, "text",
                                 "versie B", "eerst")
    assert store.get_meeting(meeting.case_id, meeting.id).tops_tips[0].text == "versie B"


def test_nobody_deletes_someone_elses_entry_by_saving(store, meeting, token):
    item = store.add_item(meeting.case_id, meeting.id, "tops_tips", kind="top", text="van de voorzitter")
    live.add_entry(store, token, "tops_tips", "Anna", "ouder/verzorger", kind="top",
                   text="van Anna")
    store.save_item_field(meeting.case_id, meeting.id, "tops_tips", item.id, "text",
                          "aangepast", "van de voorzitter")
    texts = sorted(t.text for t in store.get_meeting(meeting.case_id, meeting.id).tops_tips)
    assert texts == ["aangepast", "van Anna"]


def test_closing_every_link_at_once_closes_each_and_a_new_opening_has_a_new_token(
        store, meeting, token, new_meeting):
    second = new_meeting()
    other = live.open_joining(store, second.case_id, second.id)
    assert live.close_all(store) == 2
    for old, m in ((token, meeting), (other, second)):
        with pytest.raises(NotFound):
            live.resolve(store, old)
        stored = store.get_meeting(m.case_id, m.id)
        assert stored.join_token is None and not stored.join_open
    assert not any(name.startswith("join:") and value for name, value in store.settings().items())
    assert live.open_joining(store, meeting.case_id, meeting.id) not in (token, other)
    assert live.close_all(store) == 1


def test_forgetting_a_case_drops_its_links_even_a_stale_one(store, meeting, token, new_meeting):
    second = new_meeting()
    kept = live.open_joining(store, second.case_id, second.id)
    store.set_setting("join:stale-token", {"case": meeting.case_id, "meeting": meeting.id})
    live.forget_case(store, meeting.case_id)
    assert not any(isinstance(v, dict) and v.get("case") == meeting.case_id
                   for v in store.settings().values())
    assert live.resolve(store, kept).meeting.id == second.id  # the other case keeps its link
