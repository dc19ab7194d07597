"""The MDO step catalogue: order, titles, aims, the chair's prompts, and when a step has
content. Pages show what is here; nothing about the method's order lives in a page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hgs.i18n import Texts, t
from hgs.model import Meeting


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
    def page(self) -> str:
        return f"views/{self.number:02d}_{self.slug}.py"

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"


def _has_text(items) -> bool:
    return any(getattr(item, "text", "") or getattr(item, "what", "") for item in items)


STEPS: tuple[Step, ...] = (
    Step(1, "doelen_overleg", "overzicht", lambda m: _has_text(m.questions)),
    Step(2, "overzicht", "overzicht", lambda m: _has_text(m.overview) or bool(m.child_words)),
    Step(3, "inzicht", "inzicht",
         lambda m: _has_text(m.explanations) or m.research_needed is not None),
    Step(4, "doelen", "uitzicht", lambda m: _has_text(m.goals)),
    Step(5, "onderwijsbehoeften", "uitzicht", lambda m: _has_text(m.needs)),
    Step(6, "ondersteuningsbehoeften", "uitzicht", lambda m: _has_text(m.support_needs)),
    Step(7, "antwoorden_besluiten", "uitzicht",
         lambda m: _has_text(m.decisions) or any(q.answer or q.answered for q in m.questions)),
    Step(8, "afspraken", "uitzicht",
         lambda m: _has_text(m.agreements) or m.evaluation_date is not None),
    Step(9, "evaluatie", "evaluatie", lambda m: _has_text(m.tops_tips) or m.rating is not None),
)

PREPARATION_PAGE = "views/voorbereiding.py"
PREPARATION_PROMPTS = Texts("steps.preparation.prompt_")


def step(number: int) -> Step:
    if not 1 <= number <= len(STEPS):
        raise KeyError(f"stap {number} bestaat niet")
    return STEPS[number - 1]


def progress(meeting: Meeting) -> dict[int, bool]:
    """Which steps have content, by step number."""
    return {s.number: s.filled(meeting) for s in STEPS}
