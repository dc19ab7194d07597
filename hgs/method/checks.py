"""The method per meeting: checks as tops and tips for the team, and the names of the 7
principles, both in the session's language ([method] and [method.principles] in the catalogues)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from hgs.errors import InvalidInput
from hgs.i18n import Labels, Lazy, t, tn
from hgs.method.growth import GOAL_AREAS, areas_without_strength, goal_is_observable_and_scaled
from hgs.method.records import ROLE_GROUPS, Case, Goal, Meeting, OverviewItem

# The 7 principles of handelingsgericht werken by their number, which is what reflections store;
# reads like the dict it replaces (`PRINCIPLES[3]`, `.items()`), names from [method.principles].
PRINCIPLES: Mapping[int, str] = Lazy((1, 2, 3, 4, 5, 6, 7),
                                     lambda number: t(f"method.principles.{number}"))

DEFAULT_CORE_MAX = 8
CORE_MAX_RANGE = (2, 30)  # what a network may set as its guideline for the table's size

CHECK_TITLES = Labels("method.titles", (
    "child_voice", "parents_present", "research", "core_table", "goals_observable", "strengths",
    "agreements",
))  # the checks' titles in the session's language ([method.titles])
AREA_NAMES = Labels("method.areas", ("kind", "onderwijs", "opvoeding"))


@dataclass(frozen=True)
class Check:
    """One aspect of the method: `message` is a top when `ok`, a tip when not."""

    name: str
    ok: bool
    message: str

    @property
    def title(self) -> str:
        return CHECK_TITLES[self.name]


def network_settings(store: Any) -> dict[str, Any]:
    """The network settings the checks use, read from the store now."""
    return {"core_max_participants": store.setting("core_max_participants", DEFAULT_CORE_MAX)}


def set_core_max(store: Any, value: Any) -> int:
    """The network's guideline for how many people sit at the table (the core-table check at
    step 9 and on the Netwerk page); InvalidInput for anything but a whole number in range."""
    low, high = CORE_MAX_RANGE
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidInput(t("method.core_max_bereik", low=low, high=high))
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidInput(t("method.core_max_bereik", low=low, high=high)) from None
    if not low <= number <= high:
        raise InvalidInput(t("method.core_max_bereik", low=low, high=high))
    store.set_setting("core_max_participants", number)
    return number


def _core_max(settings: Mapping[str, Any] | None) -> int:
    try:
        return int((settings or {}).get("core_max_participants", DEFAULT_CORE_MAX))
    except (TypeError, ValueError):
        return DEFAULT_CORE_MAX


# -- the facts a check decides on, and its one decision -----------------------------------------
@dataclass(slots=True)  # not frozen: made ten thousand times on a cold Netwerk page
class MeetingFacts:
    """What the checks look at in one meeting, as plain values: taken from a Meeting (step 9) or
    straight from a stored document (the Netwerk page reads case files lean)."""

    child_present: bool = False
    child_words: bool = False  # the child's own words: the cirkelgesprek or its essence
    parents_present: bool = False
    listed: int = 0  # participants noted, present or not
    present: int = 0
    research_needed: bool | None = None
    research_reason: bool = False
    goals: tuple[str, ...] = ()  # the texts of the goals that count (not dropped, not empty)
    open_goals: tuple[str, ...] = ()  # of those, the ones not yet observable and scaled
    missing_strengths: tuple[str, ...] = ()  # areas without a strength
    agreements: int = 0  # agreements that say what
    open_agreements: int = 0  # of those, without who or without a date


def _facts(*, roles_present: list, listed: int, child_words: bool,
           research_needed: bool | None, research_reason: str, goals: list, overview: Any,
           agreements: list[tuple[str, str, Any]]) -> MeetingFacts:
    """What the checks look at, from a meeting's values: the roles of those present, the goals
    and the holder of the overview as the language rules read them, and (what, who, due) per
    agreement. The one place that says which goal or agreement counts."""
    goals = [g for g in goals if not g.dropped and g.text.strip()]
    agreements = [(who, due) for what, who, due in agreements if what.strip()]
    return MeetingFacts(
        child_present="kind" in {ROLE_GROUPS.get(role) for role in roles_present},
        child_words=child_words,
        parents_present="ouder/verzorger" in roles_present,
        listed=listed,
        present=len(roles_present),
        research_needed=research_needed,
        research_reason=bool(research_reason.strip()),
        goals=tuple(g.text for g in goals),
        open_goals=tuple(g.text for g in goals if not goal_is_observable_and_scaled(g)),
        missing_strengths=tuple(areas_without_strength(overview, GOAL_AREAS)),
        agreements=len(agreements),
        open_agreements=sum(1 for who, due in agreements if not who.strip() or due is None),
    )


def meeting_facts(meeting: Meeting) -> MeetingFacts:
    """The facts of a meeting record (step 9)."""
    return _facts(
        roles_present=[p.role for p in meeting.participants if p.present],
        listed=len(meeting.participants),
        child_words=child_spoke(meeting.circle_essence, [c.text for c in meeting.circles]),
        research_needed=meeting.research_needed, research_reason=meeting.research_reason,
        goals=meeting.goals, overview=meeting,
        agreements=[(a.what, a.who, a.due) for a in meeting.agreements])


# Each item's fields with their defaults (None for a required one), for a stored item that
# leaves one out.
_DEFAULTS = {model: {name: None if field.is_required() else field.default
                     for name, field in model.model_fields.items()
                     if field.default_factory is None}
             for model in (Goal, OverviewItem)}


def document_facts(document: Mapping[str, Any]) -> MeetingFacts:
    """The facts of a meeting as stored (TinyDB's JSON), without building the record (the
    Netwerk page reads ten thousand): plain values where the checks read values, and plain
    objects with the model's fields for the goals and the overview, which the language rules
    read, so they decide exactly as at step 9."""
    def items(model: type, key: str) -> list:
        defaults = _DEFAULTS[model]
        return [SimpleNamespace(**(defaults | item)) for item in document.get(key) or ()]

    participants = document.get("participants") or ()
    try:
        return _facts(
            roles_present=[p.get("role") for p in participants if p.get("present", True)],
            listed=len(participants), child_words=child_spoke(
                document.get("circle_essence") or document.get("child_words") or "",
                [c.get("text") or "" for c in document.get("circles") or ()]),
            research_needed=document.get("research_needed"),
            research_reason=document.get("research_reason") or "",
            goals=items(Goal, "goals"),
            overview=SimpleNamespace(overview=items(OverviewItem, "overview")),
            agreements=[(a.get("what") or "", a.get("who") or "", a.get("due"))
                        for a in document.get("agreements") or ()])
    except AttributeError as error:  # a damaged document: a value of the wrong type
        raise TypeError(f"meeting document: {error}") from error


def child_spoke(essence: str, circle_texts: Iterable[str]) -> bool:
    """Are the child's own words recorded: the essence, or anything in the three circles?
    (A document stored before version 3 has `child_words` instead of the essence.)"""
    return bool(essence.strip()) or any(text.strip() for text in circle_texts)


def child_voice_ok(facts: MeetingFacts) -> bool:
    return facts.child_present or facts.child_words


def parents_present_ok(facts: MeetingFacts) -> bool:
    return facts.parents_present


def research_ok(facts: MeetingFacts) -> bool:
    """Research decided against, or asked with a reason ("geen onderzoek, tenzij …")."""
    return facts.research_needed is False or bool(facts.research_needed and facts.research_reason)


def core_table_ok(present: int, core_max: int) -> bool:
    """Someone is noted as present, and no more than the network's threshold."""
    return 0 < present <= core_max


def goals_ok(facts: MeetingFacts) -> bool:
    return bool(facts.goals) and not facts.open_goals


def strengths_ok(facts: MeetingFacts) -> bool:
    return not facts.missing_strengths


def agreements_ok(facts: MeetingFacts) -> bool:
    return facts.agreements > 0 and not facts.open_agreements


# The checks that need no network setting; the core table needs `core_max` (core_table_ok), so
# the Netwerk page keeps the number present and applies the threshold when it counts.
RULES = {"child_voice": child_voice_ok, "parents_present": parents_present_ok,
         "research": research_ok, "goals_observable": goals_ok, "strengths": strengths_ok,
         "agreements": agreements_ok}


def results(facts: MeetingFacts, core_max: int = DEFAULT_CORE_MAX) -> dict[str, bool]:
    """Per check (in CHECK_TITLES order): was it met?"""
    found = {name: rule(facts) for name, rule in RULES.items()}
    found["core_table"] = core_table_ok(facts.present, core_max)
    return {name: found[name] for name in CHECK_TITLES}


# -- the checks as tops and tips for the team at step 9 ------------------------------------------
def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + t("method.en") + words[-1]


def _child_voice(name: str, facts: MeetingFacts) -> Check:
    if child_voice_ok(facts):
        present, words = facts.child_present, facts.child_words
        how = t("method.child_voice_was_erbij") if present and not words else \
            t("method.child_voice_woorden") if words and not present else \
            t("method.child_voice_beide")
        return Check("child_voice", True, t("method.child_voice_ok", name=name, how=how))
    return Check("child_voice", False, t("method.child_voice_tip", name=name))


def _parents_present(facts: MeetingFacts) -> Check:
    if parents_present_ok(facts):
        return Check("parents_present", True, t("method.parents_ok"))
    if not facts.listed:
        return Check("parents_present", False, t("method.parents_noteer"))
    return Check("parents_present", False, t("method.parents_tip"))


def _research(facts: MeetingFacts) -> Check:
    if research_ok(facts):
        return Check("research", True, t("method.research_niet_nodig")
                     if facts.research_needed is False else t("method.research_met_reden"))
    if facts.research_needed:
        return Check("research", False, t("method.research_zonder_reden"))
    return Check("research", False, t("method.research_bespreek"))


def _core_table(facts: MeetingFacts, core_max: int) -> Check:
    count = facts.present
    if core_table_ok(count, core_max):
        return Check("core_table", True, tn("method.core_ok", count))
    if count == 0:
        return Check("core_table", False, t("method.core_noteer"))
    return Check("core_table", False, t("method.core_tip", count=count, core_max=core_max))


def _goals(facts: MeetingFacts) -> Check:
    if goals_ok(facts):
        return Check("goals_observable", True, t("method.goals_ok"))
    if not facts.goals:
        return Check("goals_observable", False, t("method.goals_geen"))
    open_ = facts.open_goals
    names = _join([f"“{text}”" for text in open_[:3]]) + (" …" if len(open_) > 3 else "")
    return Check("goals_observable", False, tn("method.goals_tip", len(open_), names=names))


def _strengths(facts: MeetingFacts) -> Check:
    if strengths_ok(facts):
        return Check("strengths", True, t("method.strengths_ok"))
    return Check("strengths", False, t("method.strengths_tip", areas=_join(
        [AREA_NAMES[a] for a in facts.missing_strengths])))


def _agreements(facts: MeetingFacts) -> Check:
    if agreements_ok(facts):
        return Check("agreements", True, t("method.agreements_ok"))
    if not facts.agreements:
        return Check("agreements", False, t("method.agreements_geen"))
    return Check("agreements", False, tn("method.agreements_tip", facts.agreements,
                                          open=facts.open_agreements))


def checks(case: Case, meeting: Meeting,
           settings: Mapping[str, Any] | None = None) -> list[Check]:
    """The method checks of one meeting, in a fixed order. `settings` holds the network's
    settings (`core_max_participants`, default 8)."""
    facts = meeting_facts(meeting)
    return [
        _child_voice(case.first_name, facts),
        _parents_present(facts),
        _research(facts),
        _core_table(facts, _core_max(settings)),
        _goals(facts),
        _strengths(facts),
        _agreements(facts),
    ]


def checks_summary(meetings_with_cases: Iterable[tuple[Case, Meeting]],
                   settings: Mapping[str, Any] | None = None) -> dict[str, float]:
    """Per check, the share of meetings (0–1) where it was ok; empty without meetings. Accepts
    (case, meeting) or (meeting, case) pairs."""
    ok: dict[str, int] = {name: 0 for name in CHECK_TITLES}
    total, core_max = 0, _core_max(settings)
    for first, second in meetings_with_cases:
        meeting = second if isinstance(first, Case) else first
        total += 1
        for name, met in results(meeting_facts(meeting), core_max).items():
            ok[name] += met
    return {name: count / total for name, count in ok.items()} if total else {}
