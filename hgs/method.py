"""The method per meeting: checks as tops and tips for the team, and the names of the 7
principles, both in the session's language ([method] and [method.principles] in the catalogues)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hgs.i18n import Labels, Lazy, t
from hgs.language import GOAL_AREAS, areas_without_strength, goal_is_observable_and_scaled
from hgs.model import Case, Meeting

# The 7 principles of handelingsgericht werken by their number, which is what reflections store;
# reads like the dict it replaces (`PRINCIPLES[3]`, `.items()`), names from [method.principles].
PRINCIPLES: Mapping[int, str] = Lazy((1, 2, 3, 4, 5, 6, 7),
                                     lambda number: t(f"method.principles.{number}"))

DEFAULT_CORE_MAX = 8
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


def _core_max(settings: Mapping[str, Any] | None) -> int:
    try:
        return int((settings or {}).get("core_max_participants", DEFAULT_CORE_MAX))
    except (TypeError, ValueError):
        return DEFAULT_CORE_MAX


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + t("method.en") + words[-1]


def _child_voice(case: Case, meeting: Meeting) -> Check:
    name = case.first_name
    child_present = any(p.group == "kind" and p.present for p in meeting.participants)
    words = bool(meeting.child_words.strip())
    if child_present or words:
        how = t("method.child_voice_was_erbij") if child_present and not words else \
            t("method.child_voice_woorden") if words and not child_present else \
            t("method.child_voice_beide")
        return Check("child_voice", True, t("method.child_voice_ok", name=name, how=how))
    return Check("child_voice", False, t("method.child_voice_tip", name=name))


def _parents_present(case: Case, meeting: Meeting) -> Check:
    if any(p.role == "ouder/verzorger" and p.present for p in meeting.participants):
        return Check("parents_present", True, t("method.parents_ok"))
    if not meeting.participants:
        return Check("parents_present", False, t("method.parents_noteer"))
    return Check("parents_present", False, t("method.parents_tip"))


def _research(case: Case, meeting: Meeting) -> Check:
    if meeting.research_needed is False:
        return Check("research", True, t("method.research_niet_nodig"))
    if meeting.research_needed and meeting.research_reason.strip():
        return Check("research", True, t("method.research_met_reden"))
    if meeting.research_needed:
        return Check("research", False, t("method.research_zonder_reden"))
    return Check("research", False, t("method.research_bespreek"))


def _core_table(meeting: Meeting, core_max: int) -> Check:
    count = sum(p.present for p in meeting.participants)
    if count == 0:
        return Check("core_table", False, t("method.core_noteer"))
    if count <= core_max:
        return Check("core_table", True, t("method.core_ok", count=count))
    return Check("core_table", False, t("method.core_tip", count=count, core_max=core_max))


def _goals(meeting: Meeting) -> Check:
    goals = [g for g in meeting.goals if not g.dropped and g.text.strip()]
    if not goals:
        return Check("goals_observable", False, t("method.goals_geen"))
    open_ = [g for g in goals if not goal_is_observable_and_scaled(g)]
    if not open_:
        return Check("goals_observable", True, t("method.goals_ok"))
    names = _join([f"“{g.text}”" for g in open_[:3]]) + (" …" if len(open_) > 3 else "")
    which = t("method.goals_dit_doel") if len(open_) == 1 else t("method.goals_deze_doelen")
    return Check("goals_observable", False, t("method.goals_tip", which=which, names=names))


def _strengths(meeting: Meeting) -> Check:
    missing = areas_without_strength(meeting, GOAL_AREAS)
    if not missing:
        return Check("strengths", True, t("method.strengths_ok"))
    return Check("strengths", False,
                 t("method.strengths_tip", areas=_join([AREA_NAMES[a] for a in missing])))


def _agreements(meeting: Meeting) -> Check:
    agreements = [a for a in meeting.agreements if a.what.strip()]
    if not agreements:
        return Check("agreements", False, t("method.agreements_geen"))
    open_ = [a for a in agreements if not a.who.strip() or a.due is None]
    if not open_:
        return Check("agreements", True, t("method.agreements_ok"))
    return Check("agreements", False,
                 t("method.agreements_tip", open=len(open_), total=len(agreements)))


def checks(case: Case, meeting: Meeting,
           settings: Mapping[str, Any] | None = None) -> list[Check]:
    """The method checks of one meeting, in a fixed order. `settings` holds the network's
    settings (`core_max_participants`, default 8)."""
    return [
        _child_voice(case, meeting),
        _parents_present(case, meeting),
        _research(case, meeting),
        _core_table(meeting, _core_max(settings)),
        _goals(meeting),
        _strengths(meeting),
        _agreements(meeting),
    ]


def checks_summary(meetings_with_cases: Iterable[tuple[Case, Meeting]],
                   settings: Mapping[str, Any] | None = None) -> dict[str, float]:
    """Per check, the share of meetings (0–1) where it was ok; empty without meetings. Accepts
    (case, meeting) or (meeting, case) pairs."""
    ok: dict[str, int] = {name: 0 for name in CHECK_TITLES}
    total = 0
    for first, second in meetings_with_cases:
        case, meeting = (first, second) if isinstance(first, Case) else (second, first)
        total += 1
        for check in checks(case, meeting, settings):
            ok[check.name] += check.ok
    return {name: count / total for name, count in ok.items()} if total else {}
