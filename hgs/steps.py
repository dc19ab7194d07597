"""The MDO step catalogue: order, Dutch titles, aims, the chair's prompts, and when a step has
content. Pages show what is here; nothing about the method's order lives in a page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hgs.model import Meeting


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    phase: str  # overzicht, inzicht or uitzicht (HGD-light), or evaluatie
    aim: str
    prompts: tuple[str, ...]
    filled: Callable[[Meeting], bool]

    @property
    def page(self) -> str:
        return f"views/{self.number:02d}_{self.slug}.py"

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"


def _has_text(items) -> bool:
    return any(getattr(item, "text", "") or getattr(item, "what", "") for item in items)


STEPS: tuple[Step, ...] = (
    Step(1, "doelen_overleg", "Doelen van het overleg", "overzicht",
         "Welke vragen willen we vandaag beantwoorden en welke besluiten nemen? "
         "Wie wil wat weten? Vorm: “Als we weten dat …, dan kunnen we …”.",
         ("Is iedereen vooraf geïnformeerd over de doelen van dit overleg?",
          "Heeft iedereen aan tafel, ook ouders en kind, een eigen vraag kunnen noemen?",
          "Gaat het om procesdoelen van dit overleg? Inhoudelijke doelen komen bij stap 4."),
         lambda m: _has_text(m.questions)),
    Step(2, "overzicht", "Overzicht", "overzicht",
         "Wat weten we al? Per gebied: wat gaat goed (+), wat moet beter (−) en wat vragen we ons "
         "af (?). Begin bij de sterke kanten, en laat het kind zelf aan het woord (cirkelgesprek).",
         ("Wat gaat er goed bij het kind, in de groep, op school en thuis?",
          "Wat zegt het kind zelf? Ieder kind heeft het recht gehoord te worden (IVRK art. 12).",
          "Beschrijven we wat we zien en horen, in plaats van labels?"),
         lambda m: _has_text(m.overview) or bool(m.child_words)),
    Step(3, "inzicht", "Inzicht", "inzicht",
         "Hoe zou het kunnen komen? Een korte brainstorm over verklaringen bij kind, onderwijs en "
         "opvoeding. Is verder onderzoek echt nodig, en waarom? (Geen onderzoek, tenzij.)",
         ("Zoeken we naar wisselwerking: dit kind, in deze groep, bij deze leraar, met deze ouders?",
          "Wat zou onderzoek toevoegen aan wat we straks gaan dóen?"),
         lambda m: _has_text(m.explanations) or m.research_needed is not None),
    Step(4, "doelen", "Uitzicht: doelen", "uitzicht",
         "Waar willen we samen heen? Doelen voor kind, onderwijs en opvoeding: wat zien en horen "
         "we dan? Met een schaal van 0 tot 10: waar staan we nu, en waar willen we uitkomen?",
         ("Is elk doel waarneembaar: wat zien of horen we als het gelukt is?",
          "Zijn de doelen haalbaar tot de evaluatie?"),
         lambda m: _has_text(m.goals)),
    Step(5, "onderwijsbehoeften", "Onderwijs- en opvoedbehoeften", "uitzicht",
         "Wat heeft het kind nodig om het doel te bereiken? Steeds in de vorm “heeft … nodig”.",
         ("Zouden meer leerlingen hier baat bij hebben? Noodzakelijk voor één, goed voor allen.",
          "Welke sterke kanten van het kind kunnen we benutten?"),
         lambda m: _has_text(m.needs)),
    Step(6, "ondersteuningsbehoeften", "Ondersteuningsbehoeften", "uitzicht",
         "Wat hebben leraar/school en ouders nodig om dit te bieden: kennis, vaardigheden, "
         "ondersteuning of hulp bij … en van wie?",
         ("Wat heeft de leraar nodig? Wat hebben de ouders nodig?",
          "Wie kan dat bieden, binnen de eigen rol?"),
         lambda m: _has_text(m.support_needs)),
    Step(7, "antwoorden_besluiten", "Antwoorden en besluiten", "uitzicht",
         "Zijn de vragen van stap 1 beantwoord? Welke besluiten nemen we, en wie besluit (ieder "
         "binnen de eigen rol)?",
         ("We denken mee, maar gaan niet op elkaars stoel zitten.",
          "Is elke vraag van stap 1 beantwoord, of weten we wie het uitzoekt?"),
         lambda m: _has_text(m.decisions) or any(q.answer or q.answered for q in m.questions)),
    Step(8, "afspraken", "Afspraken en hoe verder", "uitzicht",
         "Wie doet wat, en wanneer? Hoe volgen we de voortgang, en wanneer evalueren we?",
         ("Heeft elke afspraak een naam en een datum?",
          "Zeg wat je doet, doe wat je zegt."),
         lambda m: _has_text(m.agreements) or m.evaluation_date is not None),
    Step(9, "evaluatie", "Evaluatie", "evaluatie",
         "Tops en tips over de samenwerking van vandaag, van iedereen aan tafel. Bij een "
         "vervolg-MDO ook: hoe ver is elk doel nu?",
         ("Wat ging goed in onze samenwerking (tops)? Wat kan volgende keer beter (tips)?",
          "Zijn ouders en kind ook om hun tops en tips gevraagd?"),
         lambda m: _has_text(m.tops_tips) or m.rating is not None),
)

PREPARATION_PAGE = "views/voorbereiding.py"
PREPARATION_PROMPTS = (
    "Zijn de deelnemers bewust gekozen, en beperkt tot de kern?",
    "Is er iemand uit het netwerk van het gezin die erbij zou moeten zijn?",
    "Hoe zijn de ouders betrokken bij de aanmelding en de vragen?",
)


def step(number: int) -> Step:
    if not 1 <= number <= len(STEPS):
        raise KeyError(f"stap {number} bestaat niet")
    return STEPS[number - 1]


def progress(meeting: Meeting) -> dict[int, bool]:
    """Which steps have content, by step number."""
    return {s.number: s.filled(meeting) for s in STEPS}
