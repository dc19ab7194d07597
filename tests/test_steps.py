"""Tests for hgs.steps: the MDO step catalogue and when a step has content."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hgs.method.cycle import carry_over_from
from hgs.method.records import (
    Agreement,
    Decision,
    Explanation,
    Goal,
    Meeting,
    Need,
    OverviewItem,
    Question,
    SupportNeed,
    TopTip,
)
from hgs.method.steps import PREPARATION_PROMPTS, STEPS, counts_as_held, is_empty, progress, step

DAY = dt.date(2026, 3, 2)
PHASES = ["overzicht", "inzicht", "uitzicht", "evaluatie"]
DUTCH_WORDS = {"de", "het", "een", "en", "wat", "wie", "we", "is", "van", "of", "bij", "voor"}


def empty() -> Meeting:
    return Meeting(case_id="c1", date=DAY)


def test_nine_steps_numbered_1_to_9():
    assert [s.number for s in STEPS] == list(range(1, 10))


def test_slugs_and_pages_are_unique():
    assert len({s.slug for s in STEPS}) == 9
    assert all(re.fullmatch(r"[a-z_]+", s.slug) for s in STEPS)


def test_step_lookup_by_number():
    assert all(step(s.number) is s for s in STEPS)
    for number in (0, 10, -1):
        with pytest.raises(KeyError):
            step(number)


def test_titles_follow_the_method():
    assert [s.title for s in STEPS] == [
        "Doelen van het overleg", "Overzicht", "Inzicht", "Uitzicht: doelen",
        "Onderwijs- en opvoedbehoeften", "Ondersteuningsbehoeften", "Antwoorden en besluiten",
        "Afspraken en hoe verder", "Evaluatie"]
    assert step(4).label == "4. Uitzicht: doelen"


def test_phases_run_from_overview_to_outlook_to_evaluation():
    assert all(s.phase in PHASES for s in STEPS)
    order = [PHASES.index(s.phase) for s in STEPS]
    assert order == sorted(order)
    assert [s.phase for s in STEPS[:3]] == ["overzicht", "overzicht", "inzicht"]
    assert step(9).phase == "evaluatie"


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.slug)
def test_every_step_has_dutch_title_aim_and_prompts(s):
    assert s.title.strip() and s.aim.strip()
    assert len(s.prompts) >= 2
    for text in (s.aim, *s.prompts):
        assert text.strip() == text and text[-1] in ".?”)"
        assert set(re.findall(r"[a-zà-ÿ]+", text.lower())) & DUTCH_WORDS, text


def test_preparation_prompts():
    assert len(PREPARATION_PROMPTS) == 3
    assert all(p.endswith("?") for p in PREPARATION_PROMPTS)


def test_empty_meeting_has_no_progress():
    assert progress(empty()) == {n: False for n in range(1, 10)}


def test_items_without_text_do_not_count():
    meeting = empty()
    meeting.questions = [Question()]
    meeting.overview = [OverviewItem(area="kind", sign="plus")]
    meeting.goals = [Goal(area="kind")]
    meeting.agreements = [Agreement(who="Anna")]
    meeting.tops_tips = [TopTip(kind="tip")]
    assert not any(progress(meeting).values())


CONTENT = {
    1: {"questions": [Question(text="Als we weten wat helpt, dan kunnen we …")]},
    2: {"overview": [OverviewItem(area="kind", sign="plus", text="enthousiast")]},
    3: {"explanations": [Explanation(area="onderwijs", text="lange instructie")]},
    4: {"goals": [Goal(area="kind", text="vraagt hulp")]},
    5: {"needs": [Need(category="andere kinderen", text="heeft een maatje nodig")]},
    6: {"support_needs": [SupportNeed(for_whom="school", kind="kennis", text="over ADHD")]},
    7: {"decisions": [Decision(text="geen onderzoek")]},
    8: {"agreements": [Agreement(who="Anna", what="belt ouders")]},
    9: {"tops_tips": [TopTip(kind="top", text="fijn overleg")]},
}
OTHER_CONTENT = [
    (2, {"circle_essence": "Ik wil bewegen."}),
    (3, {"research_needed": False}),
    (3, {"research_needed": True}),
    (7, {"questions": [Question(answer="Nee")]}),
    (7, {"questions": [Question(answered=True)]}),
    (8, {"evaluation_date": DAY + dt.timedelta(days=42)}),
    (9, {"rating": 7}),
]


@pytest.mark.parametrize("number, fields", [*CONTENT.items(), *OTHER_CONTENT])
def test_progress_flips_when_a_step_gets_content(number, fields):
    meeting = empty()
    for name, value in fields.items():
        setattr(meeting, name, value)
    assert progress(meeting) == {n: n == number for n in range(1, 10)}


def test_progress_of_a_meeting_with_everything():
    meeting = empty()
    for fields in CONTENT.values():
        for name, value in fields.items():
            setattr(meeting, name, value)
    assert all(progress(meeting).values())


def test_progress_follows_the_store(store, meeting):
    assert not progress(store.get_meeting(meeting.case_id, meeting.id))[4]
    store.add_item(meeting.case_id, meeting.id, "goals", area="kind", text="vraagt hulp")
    assert progress(store.get_meeting(meeting.case_id, meeting.id))[4]


# -- an MDO without content of its own -----------------------------------------------------------
def full_first() -> Meeting:
    return Meeting(case_id="c1", date=DAY, questions=[Question(text="Wat helpt Joris?")],
                   goals=[Goal(area="kind", text="Joris vraagt hulp", start=3, target=7)],
                   needs=[Need(category="andere kinderen", text="een maatje")],
                   agreements=[Agreement(what="Juf belt ouders", who="Inés")])


OWN_CONTENT = {
    "a question": {"questions": [Question(text="Wat helpt?")]},
    "an answered question": {"questions": [Question(answered=True)]},
    "an overview item": {"overview": [OverviewItem(area="kind", sign="plus", text="Vrolijk")]},
    "the child's words": {"circle_essence": "Ik wil buiten spelen"},
    "research decided": {"research_needed": False},
    "an explanation": {"explanations": [Explanation(area="kind", text="Te lange taken")]},
    "a goal": {"goals": [Goal(area="kind", text="Leest 10 minuten")]},
    "a need": {"needs": [Need(category="andere kinderen", text="een maatje")]},
    "a support need": {"support_needs": [SupportNeed(for_whom="ouders", kind="kennis",
                                                     text="over korte taken")]},
    "a decision": {"decisions": [Decision(text="Geen onderzoek")]},
    "an agreement": {"agreements": [Agreement(what="Dagschema")]},
    "an evaluation date": {"evaluation_date": DAY + dt.timedelta(days=60)},
    "a top": {"tops_tips": [TopTip(kind="top", text="Fijn overleg")]},
    "a rating": {"rating": 8},
}


def test_a_new_mdo_is_empty_even_with_its_preparation_done():
    prepared = empty().model_copy(update={"reason": "Joris loopt vast", "chair": "Anna",
                                          "party_questions": {"ouders": "Hoe thuis?"},
                                          "place": "Lokaal 3"})
    assert is_empty(empty()) and is_empty(prepared)
    assert is_empty(empty().model_copy(update={"questions": [Question(text="  ")]}))


@pytest.mark.parametrize("fields", OWN_CONTENT.values(), ids=OWN_CONTENT.keys())
def test_anything_recorded_in_a_step_makes_an_mdo_not_empty(fields):
    assert not is_empty(empty().model_copy(update=fields))


def test_a_fresh_follow_up_is_empty_until_something_of_its_own_is_recorded():
    first = full_first()
    follow = carry_over_from(first, DAY + dt.timedelta(days=70))
    meetings = [first, follow]
    assert follow.questions and follow.goals and follow.agreements  # carried over ...
    assert is_empty(follow, meetings)  # ... and not content of its own
    assert not is_empty(follow)  # without the MDO it follows, all of it is its own

    goal, agreement = follow.goals[0], follow.agreements[0]
    scored = follow.model_copy(update={"scores": {goal.id: 5}})
    done = follow.model_copy(update={"agreements": [agreement.model_copy(
        update={"status": "gedaan"})]})
    asked = follow.model_copy(update={"questions": [*follow.questions,
                                                    Question(text="Hoe gaat het nu?")]})
    for changed in (scored, done, asked):
        assert not is_empty(changed, [first, changed])


def test_a_cancelled_or_empty_mdo_does_not_count_as_held():
    held = full_first()
    assert counts_as_held(held.model_dump(mode="json"))
    cancelled = held.model_copy(update={"cancelled": DAY, "cancel_reason": "ziek"})
    assert not counts_as_held(cancelled.model_dump(mode="json"))
    assert not counts_as_held(empty().model_dump(mode="json"))
