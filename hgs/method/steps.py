"""The MDO step catalogue: order, titles, aims, the chair's prompts, and when a step has
content, and when an MDO holds nothing of its own. Pages show what is here; nothing about the
method's order lives in a page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hgs.i18n import Texts, t
from hgs.method.records import Meeting


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    phase: str  # overzicht, inzicht or uitzicht (HGD-light), or evaluatie
    filled: Callable[[Meeting], bool]

    # The words live in the catalogues (hgs/locales/<lang>.toml, [steps.<number>]).
    @property
    def title(self) -> str:
        return t(f"steps.{self.number}.title")

    @property
    def aim(self) -> str:
        return t(f"steps.{self.number}.aim")

    @property
    def prompts(self) -> Texts:
        return Texts(f"steps.{self.number}.prompt_")

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"


def _has_text(items) -> bool:
    return any(getattr(item, "text", "") or getattr(item, "what", "") for item in items)


STEPS: tuple[Step, ...] = (
    Step(1, "doelen_overleg", "overzicht", lambda m: _has_text(m.questions)),
    Step(2, "overzicht", "overzicht", lambda m: _has_text(m.overview) or _has_text(m.circles)
         or bool(m.circle_essence.strip())),
    Step(3, "inzicht", "inzicht",
         lambda m: _has_text(m.explanations) or m.research_needed is not None),
    Step(4, "doelen", "uitzicht", lambda m: _has_text(m.goals)),
    Step(5, "onderwijsbehoeften", "uitzicht", lambda m: _has_text(m.needs)),
    Step(6, "ondersteuningsbehoeften", "uitzicht", lambda m: _has_text(m.support_needs)),
    Step(7, "antwoorden_besluiten", "uitzicht",
         lambda m: _has_text(m.decisions) or any(q.answer or q.answered for q in m.questions)),
    Step(8, "afspraken", "uitzicht",
         lambda m: _has_text(m.agreements) or m.evaluation_date is not None
         or bool(m.progress_followed)),
    Step(9, "evaluatie", "evaluatie", lambda m: _has_text(m.tops_tips) or m.rating is not None),
)

PREPARATION_PROMPTS = Texts("steps.preparation.prompt_")


def step(number: int) -> Step:
    if not 1 <= number <= len(STEPS):
        raise KeyError(f"stap {number} bestaat niet")
    return STEPS[number - 1]


def progress(meeting: Meeting) -> dict[int, bool]:
    """Which steps have content, by step number."""
    return {s.number: s.filled(meeting) for s in STEPS}


# -- what an MDO holds of its own ---------------------------------------------------------------
# A follow-up starts with what carries over from the MDO before it (open questions, goals, needs,
# support needs and open agreements, with the same ids): that is no content of its own until
# someone changes it. The rule reads stored documents (plain values, as the Netwerk page reads
# them lean); records go through `model_dump(mode="json")`, so both decide alike.
STEP_LISTS = ("questions", "overview", "circles", "explanations", "goals", "needs", "support_needs",
              "decisions", "agreements", "tops_tips")
STEP_VALUES = ("circle_essence", "research_needed", "research_reason", "evaluation_date",
               "progress_followed", "rating")
_SAYS = ("text", "what", "answer", "observable")  # where a list item says something
_NOT_CONTENT = {"set_in"}  # set by the carry-over itself


def _says_something(item: Mapping[str, Any]) -> bool:
    return bool(item.get("answered")) or any(str(item.get(name) or "").strip()
                                             for name in _SAYS)


def _carried(item: Mapping[str, Any], before: Mapping[str, Any] | None) -> bool:
    """The item as it came over from the MDO before, unchanged."""
    if before is None:
        return False
    keys = (set(item) | set(before)) - _NOT_CONTENT
    return all(item.get(key) == before.get(key) for key in keys)


def _from_registration(item: Mapping[str, Any], document: Mapping[str, Any]) -> bool:
    """A step-1 question as it came from the aanmelding (hgs.method.cycle.carry_registration),
    unchanged and unanswered: still the preparation's, not the meeting's own."""
    party = item.get("party")
    return bool(party) and not item.get("answered") and not item.get("answer") and (
        item.get("text") == (document.get("carried_questions") or {}).get(party))


def has_own_content(document: Mapping[str, Any],
                    previous: Mapping[str, Any] | None = None) -> bool:
    """Whether anything was recorded in any of the nine steps of this MDO (a stored document),
    beyond what carried over unchanged from `previous`, the MDO it follows. The preparation
    (reason, questions beforehand, participants, planning) is not a step, nor are its
    questions once carried into step 1, until the table changes or answers them."""
    for name in STEP_LISTS:
        before = {item.get("id"): item for item in (previous or {}).get(name) or []}
        for item in document.get(name) or []:
            if _says_something(item) and not _carried(item, before.get(item.get("id"))) \
                    and not (name == "questions" and _from_registration(item, document)):
                return True
    for name in STEP_VALUES:
        value = document.get(name)
        if value is not None and (not isinstance(value, str) or value.strip()):
            return True
    return bool(document.get("giver_scores")) or any(
        score is not None for score in (document.get("scores") or {}).values())


def counts_as_held(document: Mapping[str, Any],
                   previous: Mapping[str, Any] | None = None) -> bool:
    """Whether an MDO counts (on the Netwerk page): not cancelled, and not empty."""
    return not document.get("cancelled") and has_own_content(document, previous)


def previous_of(meeting: Meeting, meetings: Sequence[Meeting]) -> Meeting | None:
    """The MDO `meeting` follows, among the case's `meetings`."""
    return next((m for m in meetings if m.id == meeting.previous_id), None) \
        if meeting.previous_id else None


def is_empty(meeting: Meeting, meetings: Sequence[Meeting] = ()) -> bool:
    """No content of its own in any step (see has_own_content); `meetings` are the case's, to
    find the one it follows."""
    previous = previous_of(meeting, meetings)
    return not has_own_content(meeting.model_dump(mode="json"),
                               previous.model_dump(mode="json") if previous else None)
