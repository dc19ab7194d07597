"""What the network's tops, tips and needs say: how many were given and by whom, the themes
that recur across cases (whole clauses grouped by meaning, hgs.analytics.themes), and how often
each of the 7 principles shows; a theme from fewer than 5 cases could point at a child and is
never shown."""

from __future__ import annotations

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


def theme_groups(view: Frames, kind: str) -> list[themes.Theme]:
    """The themes of the network's texts of `kind` in at least MIN_CASES cases (themes.group),
    with positions in the network's texts frame: a filter picks among them, never regroups."""
    base = view.base or view
    part = base.texts[base.texts.kind == kind]
    return base.memo.themes(kind, part.index.tolist(), part.case.tolist(), part.text.tolist(),
                            base.drop_words)


def _shown_themes(view: Frames, part: pd.DataFrame, kind: str, limit: int
                  ) -> list[tuple[str, int | str, np.ndarray]]:
    """The themes of `part` (texts of `kind`) whose figures the rule shows: label, number of
    cases (or SOME) and the positions of the texts behind it, most cases first."""
    base = view.base or view
    inside = np.zeros(len(base.texts), bool)
    inside[part.index.to_numpy()] = True
    case_of = base.texts.case.to_numpy()
    guard, found = Disclosure.of(view), []
    for theme in theme_groups(view, kind):
        every = np.asarray(theme.texts, dtype=np.int64)
        cell = every[inside[every]]
        cases = len(np.unique(case_of[cell]))
        if cases < MIN_CASES:
            continue
        level = guard.level("texts", every, cell)
        if level != HIDDEN:
            found.append((cases, theme.label, cases if level == EXACT else SOME, cell))
    found.sort(key=lambda row: (-row[0], row[1]))
    return [(label, shown, cell) for _, label, shown, cell in found[:limit]]


def themes_table(view: Frames, kind: str) -> pd.DataFrame:
    """Recurring themes in tops or tips, each from at least MIN_CASES cases: a clause as
    someone wrote it, for all clauses of the same meaning."""
    part = view.texts[view.texts.kind == kind]
    rows = [(label, cases) for label, cases, _ in _shown_themes(view, part, kind, 15)]
    return pd.DataFrame(rows, columns=["thema", "casussen"])


def shared_needs(view: Frames) -> pd.DataFrame:
    """Needs marked "meer leerlingen gebaat" whose theme recurs, per organisation, in at least
    MIN_CASES cases (a theme from fewer cases could point at a child, so it is not shown)."""
    needs = view.texts[view.texts.kind == "behoefte"]
    rows = [{"organisatie": unit_name(view, unit), "behoefte (thema)": label, "casussen": cases}
            for unit, part in needs.groupby("unit")
            for label, cases, _ in _shown_themes(view, part, "behoefte", 5)]
    return pd.DataFrame(rows, columns=["organisatie", "behoefte (thema)", "casussen"])


def shared_needs_network(view: Frames) -> pd.DataFrame:
    """The same across the whole network, with the number of organisations behind each."""
    needs = view.texts[view.texts.kind == "behoefte"]
    organisation = (view.base or view).texts.organisation.to_numpy()
    rows = [{"behoefte (thema)": label, "casussen": cases,
             "organisaties": len(set(organisation[cell].tolist()))}
            for label, cases, cell in _shown_themes(view, needs, "behoefte", 15)]
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
