"""What the network's tops, tips and needs say: how many were given and by whom, the phrases
that recur across cases, and how often each of the 7 principles shows; a phrase from fewer than
5 cases could point at a child and is never shown."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from hgs.analytics import themes
from hgs.analytics.disclosure import EXACT, HIDDEN, MIN_CASES
from hgs.analytics.filters import unit_name
from hgs.analytics.guard import Disclosure, suppress
from hgs.analytics.network import SOME, Frames
from hgs.analytics.periods import period_label
from hgs.method.checks import PRINCIPLES


def toptip_figures(view: Frames) -> pd.DataFrame:
    """Counts of tops and tips per period and by who gave them."""
    tt = view.texts[view.texts.kind.isin(["top", "tip"])]
    if tt.empty:
        return pd.DataFrame(columns=["periode", "soort", "groep", "casussen", "aantal"])
    tt = tt.assign(periode=period_label(tt.q))
    grouped = tt.groupby(["periode", "kind", "group"])
    table = pd.DataFrame({"casussen": grouped.case.nunique(), "aantal": grouped.size()})
    guard, labels = Disclosure.of(view), tt.index.to_numpy()
    by_giver = {key: guard.where("texts", ("given", key), lambda f, key=key: (
                    f.kind == key[0]) & (f.group == key[1]))
                for key in {(k, g) for _, k, g in grouped.indices}}
    levels = [guard.level("texts", by_giver[(kind, group)], labels[positions],
                          periods="single")
              for (_, kind, group), positions in sorted(grouped.indices.items())]
    table = table.reset_index().rename(columns={"kind": "soort", "group": "groep"})
    return suppress(table, ["aantal"], levels)


def _recurring(view: Frames, texts: pd.DataFrame, min_cases: int, limit: int | None = 15):
    return themes.recurring_sets(
        ((case, view.memo.phrases(text, view.drop_words))
         for case, text in zip(texts.case, texts.text)), min_cases, limit)


def _shown_phrases(view: Frames, part: pd.DataFrame, kind: str, limit: int
                   ) -> list[tuple[str, int]]:
    """The recurring phrases of `part` (texts of `kind`) whose figures the rule shows."""
    found = _recurring(view, part, MIN_CASES, limit=None)
    wanted = {phrase for phrase, _ in found}
    cells: dict[str, list[int]] = defaultdict(list)
    for label, text in zip(part.index.tolist(), part.text.tolist()):
        for phrase in view.memo.phrases(text, view.drop_words) & wanted:
            cells[phrase].append(label)
    guard, kept = Disclosure.of(view), []
    for phrase, cases in found:
        level = guard.level("texts", guard.phrase(kind, phrase), np.array(cells[phrase]))
        if level != HIDDEN:
            kept.append((phrase, cases if level == EXACT else SOME))
        if len(kept) == limit:
            break
    return kept


def themes_table(view: Frames, kind: str) -> pd.DataFrame:
    """Recurring phrases in tops or tips, each used in at least MIN_CASES cases."""
    part = view.texts[view.texts.kind == kind]
    return pd.DataFrame(_shown_phrases(view, part, kind, 15), columns=["thema", "casussen"])


def shared_needs(view: Frames) -> pd.DataFrame:
    """Needs marked "meer leerlingen gebaat" whose phrases recur, per organisation, in at least
    MIN_CASES cases (a phrase from fewer cases could point at a child, so it is not shown)."""
    needs = view.texts[view.texts.kind == "behoefte"]
    rows = [{"organisatie": unit_name(view, unit), "behoefte (thema)": phrase, "casussen": cases}
            for unit, part in needs.groupby("unit")
            for phrase, cases in _shown_phrases(view, part, "behoefte", 5)]
    return pd.DataFrame(rows, columns=["organisatie", "behoefte (thema)", "casussen"])


def shared_needs_network(view: Frames) -> pd.DataFrame:
    """The same across the whole network, with the number of organisations behind each."""
    needs = view.texts[view.texts.kind == "behoefte"]
    sets = [view.memo.phrases(text, view.drop_words) for text in needs.text]
    rows = []
    for phrase, cases in _shown_phrases(view, needs, "behoefte", 15):
        hit = [phrase in s for s in sets]
        rows.append({"behoefte (thema)": phrase, "casussen": cases,
                     "organisaties": needs.organisation[hit].nunique()})
    return pd.DataFrame(rows, columns=["behoefte (thema)", "casussen", "organisaties"])


def principle_figures(view: Frames) -> pd.DataFrame:
    """How often each of the 7 principles shows in the tops and tips (see PRINCIPLE_WORDS)."""
    tt = view.texts[view.texts.kind.isin(["top", "tip"])]
    hits = tt.assign(principle=[view.memo.principles(t) for t in tt.text]).explode("principle")
    hits = hits[hits.principle.notna()]
    guard = Disclosure.of(view)
    rows, levels = [], []
    for number, title in PRINCIPLES.items():
        part = hits[hits.principle == number]
        rows.append({"uitgangspunt": f"{number}. {title}", "casussen": part.case.nunique(),
                     "tops": int((part.kind == "top").sum()),
                     "tips": int((part.kind == "tip").sum())})
        levels.append(guard.level("texts", guard.principle(number),
                                  np.unique(part.index.to_numpy())))
    return suppress(pd.DataFrame(rows), ["tops", "tips"], levels)
