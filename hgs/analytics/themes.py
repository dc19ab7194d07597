"""Recurring themes in short free texts (tops, tips, needs): whole clauses as people wrote them,
names out, grouped by their Dutch word stems and counted by the number of cases behind each.
(`phrases`, word groups of two to four words, is what hgs.analytics.guard's phrase index and
TextMemo.phrases still use.)"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer

# Common Dutch function words, plus the words every top, tip or need in HGS is built from
# ("heeft … nodig"), which would otherwise top every list.
STOP_WORDS = frozenset("""
aan al alle alles als altijd ander andere ben bij binnen daar daarna dan dat de der deze die dit
doch doen door dus een eens en er even ge geen gehad gelijk genoeg geweest had haar hadden heb
hebben heeft hem het hier hij hoe hun ieder iedereen iets ik in is ja je jij jou jouw juist kan
kon kunnen maar me meer men met mij mijn moet moeten na naar nadat niet niets nog nu of om omdat
onder ons onze ook op over reeds samen te tegen toch toen tot u uit uw van veel voor vooral waar
want waren was wat we wel werd wie wij wil willen word worden wordt zal ze zelf zich zij zijn zo
zoals zodat zou zouden zullen nodig graag goed fijn keer even echt heel erg beetje iets wat
volgende vorige vandaag steeds naam
""".split())
WORD = re.compile(r"[a-zà-ÿĳ]+(?:[-'][a-zà-ÿĳ]+)*", re.IGNORECASE)


def phrases(text: str, drop: frozenset[str] = frozenset()) -> set[str]:
    """Phrases of two to four consecutive words within a clause that begin and end with a
    content word and hold at least two ("vragen vooraf gestuurd", "snel bij de kern"); a word
    in `drop` (a child's name or code) breaks the phrase."""
    found: set[str] = set()
    for clause in re.split(r"[,.;:!?()\n]", text.lower()):
        tokens = [m.group(0) for m in WORD.finditer(clause)]
        content = [len(t) > 2 and t not in STOP_WORDS and t not in drop for t in tokens]
        for i in range(len(tokens)):
            if not content[i]:
                continue
            for j in range(i + 1, min(i + 4, len(tokens))):
                if tokens[j] in drop:
                    break
                if content[j] and sum(content[i:j + 1]) >= 2:
                    found.add(" ".join(tokens[i:j + 1]))
    return found


# -- themes: whole clauses as people wrote them, grouped by their word stems ----------------------
# A clause ends where a sentence does, or at ; and : — not at a comma, which mostly carries a need
# on ("heeft korte opdrachten nodig, met beweging tussendoor").
CLAUSE_END = re.compile(r"[.!?;:\n\r•]+|\s[-–]\s")
TOKEN = re.compile(r"\[naam\]|[0-9]+|[a-zà-ÿĳ]+(?:[-'][a-zà-ÿĳ]+)*", re.IGNORECASE)
SIMILAR = 0.5  # the share of stems two clauses have in common (of all of theirs) to be one theme


def clauses(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    """The whole clauses of a text as written, each word in `drop` (a child's name or code)
    replaced by "[naam]"."""
    found = []
    for part in CLAUSE_END.split(text):
        words = []
        for token in part.split():
            core = token.strip(".,;:!?()'\"").lower()
            words.append("[naam]" if core in drop or core.removesuffix("'s") in drop else token)
        clause = " ".join(words).strip(" ,-–'\"()")
        if clause:
            found.append(clause)
    return found


class Stemmer:
    """Dutch word stems (Snowball), made a little coarser: a final -t or -d of a longer stem off
    and double vowels
    single, so "hanteert" and "hanteren", "voorbeeld" and "voorbeelden" meet. One per grouping:
    a Snowball stemmer keeps state while it works and is not shared between threads."""

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("dutch")
        self._memo: dict[str, str] = {}

    def word(self, word: str) -> str:
        stem = self._memo.get(word)
        if stem is None:
            stem = self._stemmer.stemWord(word)
            if len(stem) > 5 and stem[-1] in "td":  # not "maat", "weet", "toets"
                stem = stem[:-1]
            stem = self._memo[word] = re.sub(r"([aeou])\1", r"\1", stem)
        return stem

    def content(self, clause: str) -> tuple[str, ...]:
        """The stems of the clause's content words (and numbers), in order, each once."""
        stems: dict[str, None] = {}
        for token in TOKEN.findall(clause.lower()):
            if token.isdigit():
                stems[token] = None
            elif len(token) > 2 and token not in STOP_WORDS and not token.startswith("["):
                stems[self.word(token)] = None
        return tuple(stems)


@dataclass(frozen=True)
class Theme:
    """Clauses of one meaning: `label` is one of them as someone wrote it, `texts` the positions
    of the texts that hold one, `cases` the number of distinct cases behind them."""
    label: str
    texts: tuple[int, ...]
    cases: int


def group(items: Iterable[tuple[int, int, str]], drop: frozenset[str] = frozenset(),
          min_cases: int = 5, similar: float = SIMILAR) -> list[Theme]:
    """The themes of (position, case number, text) triples used in at least `min_cases` cases,
    most cases first. Clauses whose stems are the same form one group; a group joins the
    theme of the most used group before it that shares at least `similar` of their stems
    (leader clustering: no chain of small steps drifts away from what a theme means).

    A theme's label is the clause most cases wrote word for word (then: whose words most of
    the theme's cases wrote too) among those whose every
    content word (by stem) at least `min_cases` cases of the theme used: a clause one case
    wrote may carry details of that case, so a theme without such a clause is not shown. Themes
    of the very same texts (the clauses of one sentence that is always written whole) are one,
    their labels joined in the order written."""
    stemmer = Stemmer()
    per_text: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
    sig_cases: dict[frozenset[str], set[int]] = defaultdict(set)
    sig_texts: dict[frozenset[str], set[int]] = defaultdict(set)
    form_cases: dict[str, set[int]] = defaultdict(set)
    written: dict[str, str] = {}  # form (lower case, words only) -> as first written
    form_sig: dict[str, frozenset[str]] = {}
    text_at: dict[int, str] = {}
    for position, case, text in items:
        text_at[position] = text
        found = per_text.get(text)
        if found is None:
            found = per_text[text] = []
            for clause in clauses(text, drop):
                sig = frozenset(stemmer.content(clause))
                if sig:
                    found.append((" ".join(TOKEN.findall(clause.lower())), clause, sig))
        for form, clause, sig in found:
            sig_cases[sig].add(case)
            sig_texts[sig].add(position)
            form_cases[form].add(case)
            written.setdefault(form, clause)
            form_sig[form] = sig
    # Two stem sets that share at least `similar` of their stems share one of the rarest few of
    # each (the prefix filter of set-similarity joins): only those prefixes are indexed and
    # looked up, so a common stem ("leraar", "ouders") does not make every pair a candidate.
    rarity: dict[str, int] = defaultdict(int)
    for sig in sig_cases:
        for stem in sig:
            rarity[stem] += 1

    def prefix(sig: frozenset[str]) -> list[str]:
        size = len(sig) - math.ceil(similar * len(sig) - 1e-9) + 1
        return sorted(sig, key=lambda stem: (rarity[stem], stem))[:size]

    leaders: list[frozenset[str]] = []
    by_stem: dict[str, list[int]] = defaultdict(list)
    theme_of: dict[frozenset[str], int] = {}
    for sig in sorted(sig_cases, key=lambda s: (-len(sig_cases[s]), -len(s), sorted(s))):
        best, best_share = None, similar
        for candidate in sorted({c for stem in prefix(sig) for c in by_stem.get(stem, ())}):
            lead = leaders[candidate]
            share = len(sig & lead) / len(sig | lead)
            if share >= best_share and (best is None or share > best_share):
                best, best_share = candidate, share
        if best is None:
            best = len(leaders)
            leaders.append(sig)
            for stem in prefix(sig):
                by_stem[stem].append(best)
        theme_of[sig] = best
    members: dict[int, list[frozenset[str]]] = defaultdict(list)
    for sig, number in theme_of.items():
        members[number].append(sig)
    forms_of: dict[int, list[str]] = defaultdict(list)
    for form, sig in form_sig.items():
        forms_of[theme_of[sig]].append(form)
    by_texts: dict[tuple[int, ...], list[tuple[int, str]]] = defaultdict(list)
    for number, sigs in members.items():
        cases = set().union(*(sig_cases[s] for s in sigs))
        if len(cases) < min_cases:
            continue
        support: dict[str, set[int]] = defaultdict(set)
        for sig in sigs:
            for stem in sig:
                support[stem] |= sig_cases[sig]
        shared = {stem for stem, users in support.items() if len(users) >= min_cases}
        fit = [f for f in forms_of[number] if form_sig[f] <= shared]
        if not fit:
            continue
        # the most typical: most cases wrote it word for word, then its words (as written)
        # are those most of the theme's cases used
        users: dict[str, set[int]] = defaultdict(set)
        for form in forms_of[number]:
            for word in set(form.split()):
                users[word] |= form_cases[form]

        def typical(form: str, users=users) -> float:
            words = form.split()
            return sum(len(users[w]) for w in words) / len(words)

        label = min(fit, key=lambda f: (-len(form_cases[f]), -typical(f), len(f), f))
        texts = tuple(sorted(set().union(*(sig_texts[s] for s in sigs))))
        by_texts[texts].append((len(cases), label))
    found_themes = []
    for texts, labels in by_texts.items():
        written_in = [form for form, _, _ in per_text[text_at[texts[0]]]]
        labels.sort(key=lambda item: written_in.index(item[1]) if item[1] in written_in else 0)
        label = "; ".join(written[form] for _, form in labels)
        found_themes.append(Theme(label[0].upper() + label[1:], texts, labels[0][0]))
    found_themes.sort(key=lambda theme: (-theme.cases, theme.label))
    return found_themes
