"""Recurring themes in short free texts (tops, tips, needs): Dutch stop words out, names out,
phrases of two or three words counted by the number of cases that use them."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

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


def recurring(texts: Iterable[tuple[int, str]], drop: frozenset[str] = frozenset(),
              min_cases: int = 5, limit: int = 15) -> list[tuple[str, int]]:
    """Phrases used in texts of at least `min_cases` different cases, most cases first.
    `texts` holds (case number, text) pairs."""
    return recurring_sets(((case, phrases(text, drop)) for case, text in texts),
                          min_cases, limit)


def recurring_sets(found: Iterable[tuple[int, set[str] | frozenset[str]]], min_cases: int = 5,
                   limit: int = 15) -> list[tuple[str, int]]:
    """`recurring` on phrases already found: (case number, phrases of one text) pairs. A phrase
    inside a longer one that as many cases use is left out (the longer one says more)."""
    per_case: dict[int, set[str]] = defaultdict(set)
    for case, text_phrases in found:
        per_case[case] |= text_phrases
    counts = Counter(p for case_phrases in per_case.values() for p in case_phrases)
    common = {p: n for p, n in counts.items() if n >= min_cases}
    kept = [p for p in common
            if not any(p != q and p in q and common[q] == common[p] for q in common)]
    kept.sort(key=lambda p: (-common[p], p))
    return [(p, common[p]) for p in kept[:limit]]
