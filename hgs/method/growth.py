"""Groeitaal: hints from the rule file groeitaal.toml toward needs language ("heeft … nodig").
The rules match Dutch phrasing; the explanation follows the session's language ([groeitaal] in the
catalogues, `why_en`/`suggestion_en` in a rule file; Dutch where a rule has no English)."""

from __future__ import annotations

import functools
import logging
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hgs import config
from hgs.errors import InvalidInput
from hgs.i18n import Lazy, language, t
from hgs.method.records import Goal, Meeting

RULES_PATH = Path(__file__).with_name("groeitaal.toml")
KINDS = ("label", "eigenschap", "schuld", "generalisatie")
GOAL_AREAS = ("kind", "onderwijs", "opvoeding")
AREA_WORDS = Lazy(GOAL_AREAS, lambda area: t(f"groeitaal.area_{area}"))  # "het kind" …
SENTENCE_END = re.compile(r"[.;!?\n]+")
WORD_NAME = re.compile(r"\{([a-z_]+)\}")  # {adv}: a word group of [words]; {0,3} stays a count

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
    why_en: str = ""  # the English explanation; empty: the Dutch one in every language
    suggestion_en: str = ""

    def explained(self) -> tuple[str, str]:
        """Why and what instead, in the session's language (Dutch where there is no English)."""
        if language() == "en":
            return self.why_en or self.why, self.suggestion_en or self.suggestion
        return self.why, self.suggestion


def _compile(pattern: str, where: str, words: dict[str, str]) -> re.Pattern:
    expanded = WORD_NAME.sub(lambda m: words.get(m.group(1), m.group(0)), pattern)
    try:
        return re.compile(expanded, re.IGNORECASE)
    except re.error as error:
        raise InvalidInput(t("groeitaal.bad_pattern", where=where, pattern=repr(pattern),
                             error=error)) from error


def _texts(raw: dict, field: str) -> list:
    value = raw.get(field, [])
    return [value] if isinstance(value, str) else value


def _rule(raw: dict, where: str, words: dict[str, str]) -> Rule:
    if not isinstance(raw, dict) or not str(raw.get("id", "")).strip():
        raise InvalidInput(t("groeitaal.no_id", where=where))
    rule_id = str(raw["id"]).strip()
    where = t("groeitaal.where_rule", where=where, id=rule_id)
    enabled = bool(raw.get("enabled", True))
    patterns, unless = _texts(raw, "patterns"), _texts(raw, "unless")
    if enabled and not (patterns and raw.get("why") and raw.get("suggestion")):
        raise InvalidInput(t("groeitaal.required", where=where))
    for field in ("why_en", "suggestion_en"):  # optional, but when given a real text
        if field in raw and not (isinstance(raw[field], str) and raw[field].strip()):
            raise InvalidInput(t("groeitaal.empty_text", where=where, field=field))
    return Rule(id=rule_id, kind=str(raw.get("kind", "")),
                patterns=tuple(_compile(p, where, words) for p in patterns),
                unless=tuple(_compile(p, where, words) for p in unless),
                why=str(raw.get("why", "")), suggestion=str(raw.get("suggestion", "")),
                enabled=enabled, why_en=raw.get("why_en", "").strip(),
                suggestion_en=raw.get("suggestion_en", "").strip())


def _words(data: dict, name: str) -> dict[str, str]:
    """A file's [words]: named word groups (adverbs, word forms) that a pattern or an unless
    uses as {name}; each a regular expression of its own."""
    words = data.get("words", {})
    where = f"{name}, [words]"
    if not isinstance(words, dict):
        raise InvalidInput(t("groeitaal.empty_text", where=where, field="words"))
    for key, value in words.items():
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput(t("groeitaal.empty_text", where=where, field=key))
        _compile(value, f"{where} {key}", {})
    return dict(words)


@functools.lru_cache(maxsize=16)
def _parse(path: str, mtime_ns: int, size: int) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(t("groeitaal.bad_toml", name=Path(path).name, error=error)) from error


def _version(path: Path) -> tuple[str, int, int]:
    """The file as a cache key: its full path, and its time and size (an edit counts)."""
    try:
        stat = path.stat()
    except OSError as error:
        raise InvalidInput(t("groeitaal.unreadable", path=path)) from error
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int, size: int,
          base: tuple[tuple[str, str], ...]) -> tuple[Rule, ...]:
    data, name = _parse(path, mtime_ns, size), Path(path).name
    words = {**dict(base), **_words(data, name)}
    return tuple(_rule(raw, name, words) for raw in data.get("rule", []))


def load_rules(path: str | os.PathLike) -> tuple[Rule, ...]:
    """The rules of one file (cached until the file changes); an error that says what is wrong.
    Its patterns may use the built-in word groups ([words] of groeitaal.toml) and its own."""
    version, built_in = _version(Path(path)), _version(RULES_PATH)
    base = () if version[0] == built_in[0] else tuple(
        _words(_parse(*built_in), RULES_PATH.name).items())
    return _load(*version, base)


def rules(extra_rules_path: str | os.PathLike | None = None) -> list[Rule]:
    """The built-in rules, extended or overridden (same id) by a network's file: the one given,
    or else the one named by `HGS_GROEITAAL`, read now. A broken network file is logged and
    skipped: a hint may never stop anyone from working."""
    merged = {rule.id: rule for rule in load_rules(RULES_PATH)}
    extra = extra_rules_path or config.groeitaal_rules()
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
    where two rules find the same words, the first rule in the file speaks. The phrasings are
    Dutch; why and suggestion are in the session's language."""
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
    return [Hint(text[s:e].strip(), *r.explained(), rule=r.id, kind=r.kind)
            for s, e, r in found]


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
            why=t("groeitaal.goal_observable_why"),
            suggestion=t("groeitaal.goal_observable_suggestion")))
    if goal.start is None or goal.target is None:
        found.append(Hint(
            phrase=goal.text, rule="doel-schaal", kind="doel", area=goal.area,
            why=t("groeitaal.goal_scale_why"), suggestion=t("groeitaal.goal_scale_suggestion")))
    elif goal.start == goal.target:
        found.append(Hint(
            phrase=goal.text, rule="doel-schaal", kind="doel", area=goal.area,
            why=t("groeitaal.goal_step_why"), suggestion=t("groeitaal.goal_step_suggestion")))
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
                why=t("groeitaal.area_strength_why", area=AREA_WORDS[area]),
                suggestion=t("groeitaal.area_strength_suggestion")))
    if len(missing) == len(GOAL_AREAS) and any(n.text.strip() for n in meeting.needs):
        found.append(Hint(
            phrase=t("groeitaal.needs_phrase"), rule="sterkte-behoeften", kind="sterkte",
            why=t("groeitaal.needs_strength_why"),
            suggestion=t("groeitaal.needs_strength_suggestion")))
    return found
