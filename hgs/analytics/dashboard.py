"""Every table of the Netwerk page for one filtered view, by its sheet name, and the Excel
workbook of them all in one language."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from hgs.analytics.figures import (
    agreement_figures,
    goal_figures,
    meeting_figures,
    method_figures,
    method_overview,
    t_score_distribution,
)
from hgs.analytics.network import Frames
from hgs.analytics.sheets import to_excel
from hgs.analytics.toptips import (
    principle_figures,
    shared_needs,
    shared_needs_network,
    themes_table,
    toptip_figures,
)
from hgs.i18n import using
from hgs.method.checks import DEFAULT_CORE_MAX


def dashboard(view: Frames, period: str, today: dt.date,
              core_max: int = DEFAULT_CORE_MAX) -> dict[str, pd.DataFrame]:
    """Every table of the Netwerk page for one filtered view, by its (Dutch sheet) name.
    `period` is "Q": the page counts whole quarters (see hgs.analytics.disclosure)."""
    if period != "Q":
        raise ValueError(f"periods are quarters, not {period!r}")
    return {
        "MDO per periode": meeting_figures(view, "period"),
        "MDO per sector": meeting_figures(view, "sector"),
        "MDO per organisatie": meeting_figures(view, "organisation"),
        "Afspraken": agreement_figures(view, today, "organisation"),
        "Doelen per sector": goal_figures(view, "sector"),
        "T-scores": t_score_distribution(view),
        "Tops en tips": toptip_figures(view),
        "Thema's tops": themes_table(view, "top"),
        "Thema's tips": themes_table(view, "tip"),
        "Behoeften per organisatie": shared_needs(view),
        "Behoeften netwerk": shared_needs_network(view),
        "Uitgangspunten": principle_figures(view),
        "Werkwijze": method_overview(view, core_max),
        "Werkwijze per organisatie": method_figures(view, "organisation", core_max),
    }


def workbook(view: Frames, period: str, today: dt.date, core_max: int, lang: str) -> bytes:
    """The Excel export of the page in `lang`: every table worked out in that language (the
    page asks for it later, outside the session, when the button is clicked)."""
    with using(lang):
        return to_excel(dashboard(view, period, today, core_max))
