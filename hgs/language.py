"""Groeitaal: hints from the rule file groeitaal.toml toward needs language ("heeft … nodig")."""

from __future__ import annotations

import functools
import logging
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hgs.errors import InvalidInput
from hgs.model import Goal, Meeting

RULES_PATH = Path(__file__).with_name("groeitaal.toml")
ENV_EXTRA = "HGS_GROEITAAL"
KINDS = ("label", "eigenschap", "schuld", "generalisatie")
GOAL_AREAS = ("kind", "onderwijs", "opvoeding")
AREA_WORDS = {"kind": "het kind", "onderwijs": "onderwijs (leraar, groep, school)",
              "opvoeding": "opvoeding (thuis)"}
SENTENCE_END = re.compile(r"[.;!?\n]+")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hint:
    """One quiet suggestion: the phrase found, why it gets a hint, and what to write instead."""

    phrase: str
    why: str
    suggestion: str
    rule: str = ""
    kind: str = ""
    area: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    patterns: tuple[re.Pattern, ...]
    unless: tuple[re.Pattern, ...]
    why: str
    suggestion: str
    enabled: bool = True


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise InvalidInput(f"{where}: de zoekregel {pattern!r} klopt niet ({error}).") from error


def _rule(raw: dict, where: str) -> Rule:
    if not isinstance(raw, dict) or not str(raw.get("id", "")).strip():
        raise InvalidInput(f"{where}: elke regel heeft een id nodig.")
    rule_id = str(raw["id"]).strip()
    where = f"{where}, regel {rule_id}"
    enabled = bool(raw.get("enabled", True))
    patterns = raw.get("patterns", [])
    if isinstance(patterns, str):
        patterns = [patterns]
    unless = raw.get("unless", [])
    if isinstance(unless, str):
        unless = [unless]
    if enabled and not (patterns and raw.get("why") and raw.get("suggestion")):
        raise InvalidInput(f"{where}: patterns, why en suggestion zijn verplicht.")
    return Rule(id=rule_id, kind=str(raw.get("kind", "")),
                patterns=tuple(_compile(p, where) for p in patterns),
                unless=tuple(_compile(p, where) for p in unless),
                why=str(raw.get("why", "")), suggestion=str(raw.get("suggestion", "")),
                enabled=enabled)


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int, size: int) -> tuple[Rule, ...]:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(f"{Path(path).name} is geen geldig TOML-bestand ({error}).") from error
    return tuple(_rule(raw, Path(path).name) for raw in data.get("rule", []))


def load_rules(path: str | os.PathLike) -> tuple[Rule, ...]:
    """The rules of one file (cached until the file changes); a Dutch error if it is wrong."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as error:
        raise InvalidInput(f"Het groeitaalbestand {path} is niet te lezen.") from error
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def rules(extra_rules_path: str | os.PathLike | None = None) -> list[Rule]:
    """The built-in rules, extended or overridden (same id) by a network's file: the one given,
    or else the one named by `HGS_GROEITAAL`, read now. A broken network file is logged and
    skipped: a hint may never stop anyone from working."""
    merged = {rule.id: rule for rule in load_rules(RULES_PATH)}
    extra = extra_rules_path or os.environ.get(ENV_EXTRA)
    if extra:
        try:
            merged.update({rule.id: rule for rule in load_rules(extra)})
        except InvalidInput as error:
            log.warning("groeitaal: %s", error)
    return [rule for rule in merged.values() if rule.enabled]


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = SENTENCE_END.search(text, end)
    return text[left:right.start() if right else len(text)]


def hints(text: str | None, extra_rules_path: str | os.PathLike | None = None) -> list[Hint]:
    """Hints for labelling, blaming or always/never phrasings in `text`, in the order they occur;
    where two rules find the same words, the first rule in the file speaks."""
    if not text or not text.strip():
        return []
    found: list[tuple[int, int, Rule]] = []
    for rule in rules(extra_rules_path):
        for pattern in rule.patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if start == end or any(s < end and start < e for s, e, _ in found):
                    continue
                sentence = _sentence(text, start, end)
                if any(u.search(sentence) for u in rule.unless):
                    continue
                found.append((start, end, rule))
    found.sort(key=lambda f: f[0])
    return [Hint(phrase=text[s:e].strip(), why=r.why, suggestion=r.suggestion, rule=r.id,
                 kind=r.kind) for s, e, r in found]


# -- goals and strengths ---------------------------------------------------------------------------
def goal_hints(goal: Goal) -> list[Hint]:
    """A goal without anything observable ("wat zien/horen we dan?") or without a scale (start and
    target) gets a hint; a dropped or still empty goal gets none."""
    if goal.dropped or not goal.text.strip():
        return []
    found = []
    if not goal.observable.strip():
        found.append(Hint(
            phrase=goal.text, rule="doel-waarneembaar", kind="doel", area=goal.area,
            why="Bij dit doel staat nog niet wat we zien of horen als het gelukt is; dan is het "
                "later lastig samen te evalueren.",
            suggestion="Vul in: wat zien en horen we dan? Bijvoorbeeld: “Joris vraagt zelf om "
                       "hulp als hij vastloopt, minstens drie keer per dag.”"))
    if goal.start is None or goal.target is None:
        found.append(Hint(
            phrase=goal.text, rule="doel-schaal", kind="doel", area=goal.area,
            why="Dit doel heeft nog geen schaal, zodat we bij de evaluatie niet kunnen zien hoe "
                "dichtbij het doel we zijn.",
            suggestion="Geef een start (waar staan we nu, 0–10) en een doel (waar willen we "
                       "uitkomen, 0–10)."))
    elif goal.start == goal.target:
        found.append(Hint(
            phrase=goal.text, rule="doel-schaal", kind="doel", area=goal.area,
            why="Start en doel zijn gelijk: er is nog geen stap gepland.",
            suggestion="Hoe ver willen we komen tot de evaluatie? Kies een doel dat hoger (of "
                       "lager) ligt dan de start."))
    return found


def goal_is_observable_and_scaled(goal: Goal) -> bool:
    return not goal_hints(goal)


def areas_without_strength(meeting: Meeting, areas: Iterable[str] = GOAL_AREAS) -> list[str]:
    """The areas of the overview without a single strength (a plus item with text)."""
    strong = {item.area for item in meeting.overview if item.sign == "plus" and item.text.strip()}
    return [area for area in areas if area not in strong]


def overview_hints(meeting: Meeting) -> list[Hint]:
    """An area whose overview names only worries or questions, and no strength, gets a hint; so
    do the child's needs when the overview names no strength at all."""
    found = []
    worried = {item.area for item in meeting.overview
               if item.sign in ("min", "vraag") and item.text.strip()}
    missing = areas_without_strength(meeting)
    for area in missing:
        if area in worried:
            found.append(Hint(
                phrase=AREA_WORDS[area], rule="sterkte-gebied", kind="sterkte", area=area,
                why=f"Bij {AREA_WORDS[area]} staan zorgen of vragen, maar nog geen sterke kant.",
                suggestion="Wat gaat er wél goed? Wanneer lukt het wel? Benoem minstens één "
                           "sterke kant (+): die helpt straks bij de aanpak."))
    if len(missing) == len(GOAL_AREAS) and any(n.text.strip() for n in meeting.needs):
        found.append(Hint(
            phrase="onderwijs- en opvoedbehoeften", rule="sterkte-behoeften", kind="sterkte",
            why="Er staan behoeften, maar in het overzicht (stap 2) nog geen enkele sterke kant.",
            suggestion="Welke sterke kanten en interesses van het kind kunnen we benutten? Zet ze "
                       "bij stap 2 onder “+ Gaat goed”."))
    return found
