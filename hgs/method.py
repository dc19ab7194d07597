"""The method per meeting: checks as tops and tips for the team, and the 7 principles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hgs.language import GOAL_AREAS, areas_without_strength, goal_is_observable_and_scaled
from hgs.model import Case, Meeting

PRINCIPLES: dict[int, str] = {
    1: "Doelgericht werken en evalueren",
    2: "Onderwijs- en opvoedbehoeften van het kind",
    3: "Ondersteuningsbehoeften van leraren en ouders",
    4: "Wisselwerking en afstemming",
    5: "Positieve factoren benutten",
    6: "Samenwerking tussen ouders, leraren, kind, onderwijs en jeugdhulp",
    7: "Systematisch en transparant werken",
}

DEFAULT_CORE_MAX = 8
CHECK_TITLES: dict[str, str] = {
    "child_voice": "De stem van het kind",
    "parents_present": "Ouders aan tafel",
    "research": "Geen onderzoek, tenzij",
    "core_table": "Een kleine tafel",
    "goals_observable": "Waarneembare doelen met een schaal",
    "strengths": "Sterke kanten in elk gebied",
    "agreements": "Afspraken met wie en wanneer",
}
AREA_NAMES = {"kind": "het kind", "onderwijs": "onderwijs", "opvoeding": "opvoeding"}


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
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def _child_voice(case: Case, meeting: Meeting) -> Check:
    name = case.first_name
    child_present = any(p.group == "kind" and p.present for p in meeting.participants)
    words = bool(meeting.child_words.strip())
    if child_present or words:
        how = "was erbij" if child_present and not words else \
            "kwam zelf aan het woord" if words and not child_present else \
            "was erbij en kwam zelf aan het woord"
        return Check("child_voice", True, f"{name} {how}: de stem van het kind is gehoord.")
    return Check("child_voice", False,
                 f"Vraag {name} de volgende keer naar de eigen kijk, bijvoorbeeld met een "
                 "cirkelgesprek (Thuis, Kind, School), en schrijf de eigen woorden op bij stap 2. "
                 "Ieder kind heeft het recht gehoord te worden.")


def _parents_present(case: Case, meeting: Meeting) -> Check:
    if any(p.role == "ouder/verzorger" and p.present for p in meeting.participants):
        return Check("parents_present", True,
                     "Ouders zaten aan tafel: zij kennen hun kind het best.")
    if not meeting.participants:
        return Check("parents_present", False,
                     "Noteer bij Voorbereiding wie er aan tafel zitten, ook de ouders; dan is "
                     "later terug te zien wie meedacht.")
    return Check("parents_present", False,
                 "Ouders waren er deze keer niet bij. Wat hebben zij nodig om te komen? "
                 "Bijvoorbeeld een tijd die past, een herinnering vooraf of een gesprek thuis.")


def _research(case: Case, meeting: Meeting) -> Check:
    if meeting.research_needed is False:
        return Check("research", True,
                     "Bewust besloten dat onderzoek nu niet nodig is: we gaan meteen aan de slag.")
    if meeting.research_needed and meeting.research_reason.strip():
        return Check("research", True,
                     "Onderzoek is gevraagd met een duidelijke reden: iedereen weet welke vraag "
                     "het moet beantwoorden.")
    if meeting.research_needed:
        return Check("research", False,
                     "Onderzoek is gevraagd. Schrijf bij stap 3 op welke vraag het moet "
                     "beantwoorden en wat het toevoegt aan wat we gaan doen.")
    return Check("research", False,
                 "Bespreek bij stap 3 of onderzoek echt nodig is voor wat we gaan doen "
                 "(geen onderzoek, tenzij …).")


def _core_table(meeting: Meeting, core_max: int) -> Check:
    count = sum(p.present for p in meeting.participants)
    if count == 0:
        return Check("core_table", False,
                     "Noteer bij Voorbereiding wie er aan tafel zitten; kies ze bewust en "
                     "beperk je tot de kern.")
    if count <= core_max:
        return Check("core_table", True,
                     f"Een kleine tafel: {count} deelnemers, de kern. Zo komt iedereen aan "
                     "het woord.")
    return Check("core_table", False,
                 f"Er zaten {count} deelnemers aan tafel (het netwerk houdt als richtlijn "
                 f"hoogstens {core_max} aan). Wie is echt nodig voor de vragen van vandaag? "
                 "Anderen kunnen vooraf meedenken of het verslag krijgen.")


def _goals(meeting: Meeting) -> Check:
    goals = [g for g in meeting.goals if not g.dropped and g.text.strip()]
    if not goals:
        return Check("goals_observable", False,
                     "Er zijn nog geen doelen: waar willen we samen heen, en wat zien en horen "
                     "we dan? (stap 4)")
    open_ = [g for g in goals if not goal_is_observable_and_scaled(g)]
    if not open_:
        return Check("goals_observable", True,
                     "Elk doel zegt wat we dan zien en horen, met een start en een doel op de "
                     "schaal: zo kunnen we straks samen evalueren.")
    names = _join([f"“{g.text}”" for g in open_[:3]]) + (" …" if len(open_) > 3 else "")
    return Check("goals_observable", False,
                 f"Maak {'dit doel' if len(open_) == 1 else 'deze doelen'} nog waarneembaar "
                 f"(wat zien en horen we dan?) en geef een start en een doel op de schaal: "
                 f"{names}.")


def _strengths(meeting: Meeting) -> Check:
    missing = areas_without_strength(meeting, GOAL_AREAS)
    if not missing:
        return Check("strengths", True,
                     "Sterke kanten benoemd bij het kind, het onderwijs en de opvoeding: "
                     "daar bouwen we op.")
    return Check("strengths", False,
                 f"Nog geen sterke kant (+) bij {_join([AREA_NAMES[a] for a in missing])}. "
                 "Wat gaat daar wél goed, en wanneer lukt het wel?")


def _agreements(meeting: Meeting) -> Check:
    agreements = [a for a in meeting.agreements if a.what.strip()]
    if not agreements:
        return Check("agreements", False,
                     "Er zijn nog geen afspraken: wie doet wat, en wanneer? (stap 8)")
    open_ = [a for a in agreements if not a.who.strip() or a.due is None]
    if not open_:
        return Check("agreements", True,
                     "Elke afspraak heeft een naam en een datum: zeg wat je doet, doe wat je "
                     "zegt.")
    return Check("agreements", False,
                 f"Bij {len(open_)} van de {len(agreements)} afspraken staat nog niet wie het "
                 "doet of wanneer het klaar is. Vul dat samen aan bij stap 8.")


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
