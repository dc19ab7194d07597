"""Pure functions: frames from `hgs.analytics` in, plotly figures out, readable from the back of
a room (large type, colour-blind-safe colours, every colour also named in a label). Titles, axis
names, legend names and marks in the session's language ([charts]; Dutch in the verslag)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go

from hgs.i18n import format_date, t
from hgs.method.texts import AREA_SHORT, GIVERS

# Okabe-Ito: safe for the common forms of colour blindness.
AREA_COLOURS = {"kind": "#0072B2", "onderwijs": "#D55E00", "opvoeding": "#009E73"}
GIVER_COLOURS = {"school": "#0072B2", "ouders": "#E69F00", "kind": "#009E73",
                 "professionals": "#CC79A7"}
# Read from the back of a room on a projector: nothing in a chart smaller than MIN_FONT px.
MIN_FONT = 16
FONT = dict(size=18)
TICK_FONT = dict(size=17)
TITLE_FONT = dict(size=22)


def _layout(fig: go.Figure, title: str, height: int = 360) -> go.Figure:
    fig.update_layout(title=dict(text=title, font=TITLE_FONT), font=FONT, height=height,
                      margin=dict(l=60, r=30, t=90, b=50), hovermode="closest",
                      hoverlabel=dict(font=FONT), legend=dict(orientation="h", y=-0.2, font=FONT))
    fig.update_xaxes(tickfont=TICK_FONT, title_font=FONT)
    fig.update_yaxes(tickfont=TICK_FONT, title_font=FONT)
    fig.update_annotations(font=FONT)  # the start, doel and "doelen bereikt" marks
    fig.update_traces(textfont=FONT, selector=lambda trace: "textfont" in trace)
    return fig


def label(text: str) -> str:
    """Typed text (a goal, an organisation's name) for a chart's title, tick or hover: plotly
    reads a small HTML (`<a href>` makes a link, `<b>` bold), so < > & go as entities, which it
    shows as the characters typed."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap(text: str, width: int = 60) -> str:
    """Typed text as chart lines of at most `width` characters, each line `label`led."""
    return "<br>".join(label(line) for line in textwrap.wrap(text, width)) or label(text)


def _given(kind: str, group: str) -> str:
    """ "tops van ouders" / "tops from parents": a legend name."""
    return t(f"charts.{kind}s_van", giver=GIVERS[group].lower())


def meeting_label(no: int, date: pd.Timestamp) -> str:
    return f"MDO {no}<br>{format_date(pd.Timestamp(date).date(), 'short')}"  # 04-03-2026 / 04/03/2026


def goal_figure(rows: pd.DataFrame) -> go.Figure | None:
    """One goal's 0–10 score over the meetings, start and target marked; None without scores."""
    scored = rows.dropna(subset=["score"]).sort_values("meeting_no")
    if scored.empty:
        return None
    first = rows.iloc[0]
    area, colour = first["area"], AREA_COLOURS[first["area"]]
    x = [meeting_label(n, d) for n, d in zip(scored.meeting_no, scored.date)]
    fig = go.Figure(go.Scatter(
        x=x, y=scored.score.astype(int), mode="lines+markers+text", name=AREA_SHORT[area],
        text=scored.score.astype(int), textposition="top center", line=dict(color=colour, width=4),
        marker=dict(size=14, color=colour), hovertemplate="%{x}: " + t("charts.score") + " %{y}<extra></extra>"))
    for value, mark, dash in ((first["start"], "start", "dot"), (first["target"], "doel", "dash")):
        if pd.notna(value):
            fig.add_hline(y=int(value), line=dict(color="#555555", dash=dash, width=2),
                          annotation_text=t(f"charts.{mark}", value=int(value)),
                          annotation_position="top left" if mark == "doel" else "bottom left")
    fig.update_yaxes(range=[-0.5, 10.8], dtick=2, title=t("charts.score_as"))
    fig.update_xaxes(type="category")
    dropped = t("charts.vervallen") if bool(rows.dropped.iloc[-1]) else ""
    return _layout(fig, f"{AREA_SHORT[area]}: {wrap(first['goal'])}{dropped}")


def t_score_figure(att: pd.DataFrame) -> go.Figure | None:
    """The GAS T-score of each follow-up meeting, with 50 (goals reached) marked."""
    rows = att.dropna(subset=["t_score"])
    if rows.empty:
        return None
    x = [meeting_label(n, d) for n, d in zip(rows.meeting_no, rows.date)]
    fig = go.Figure(go.Scatter(
        x=x, y=rows.t_score, mode="lines+markers+text", name=t("charts.t_score"),
        text=[f"{t:.0f}" for t in rows.t_score], textposition="top center",
        line=dict(color="#0072B2", width=4), marker=dict(size=14),
        hovertemplate="%{x}: " + t("charts.t_score") + " %{y:.1f}<extra></extra>"))
    fig.add_hline(y=50, line=dict(color="#009E73", dash="dash", width=2),
                  annotation_text=t("charts.doelen_bereikt"), annotation_position="top left")
    low, high = min(20, rows.t_score.min() - 5), max(80, rows.t_score.max() + 5)
    fig.update_yaxes(range=[low, high], title=t("charts.gas_t_score"))
    fig.update_xaxes(type="category")
    return _layout(fig, t("charts.doelrealisatie_per_mdo"))


def tops_tips_figure(counts: pd.DataFrame) -> go.Figure | None:
    """Tops and tips per meeting, stacked by who gave them; tops above, tips below the line."""
    if counts.empty:
        return None
    labels = {(n, d): meeting_label(n, d) for n, d in zip(counts.meeting_no, counts.date)}
    order = [labels[k] for k in sorted(labels)]
    fig = _toptip_bars(
        lambda group, kind: counts[(counts.group == group) & (counts.kind == kind)],
        lambda rows: [labels[(n, d)] for n, d in zip(rows.meeting_no, rows.date)],
        lambda rows: rows["count"])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)
    return _layout(fig, t("charts.tops_en_tips_per_mdo"), height=420)


def _toptip_bars(rows_of: Callable[[str, str], pd.DataFrame],
                 x_of: Callable[[pd.DataFrame], Sequence],
                 count_of: Callable[[pd.DataFrame], pd.Series]) -> go.Figure:
    """Tops above and tips below the zero line, stacked by who gave them: `rows_of(group,
    kind)` holds one bar series, `x_of` and `count_of` read its places and counts."""
    fig = go.Figure()
    for group, colour in GIVER_COLOURS.items():
        for kind, sign in (("top", 1), ("tip", -1)):
            rows = rows_of(group, kind)
            if rows.empty:
                continue
            name, count = _given(kind, group), count_of(rows)
            fig.add_bar(x=x_of(rows), y=sign * count, name=name, legendgroup=group,
                        marker=dict(color=colour, pattern_shape="" if kind == "top" else "/"),
                        customdata=count,
                        hovertemplate=f"%{{x}}: %{{customdata}} {name}<extra></extra>")
    fig.add_hline(y=0, line=dict(color="#333333", width=1))
    fig.update_layout(barmode="relative")
    fig.update_yaxes(title=t("charts.tops_tips_as"))
    return fig


# -- network dashboard ---------------------------------------------------------------------------
def measure_bars(table: pd.DataFrame, category: str, value: str, title: str,
                 horizontal: bool = False, colour: str = "#0072B2") -> go.Figure | None:
    """One bar per row of a suppressed table; a row counting fewer than 5 cases gets no bar,
    only the label "< 5"."""
    if table.empty:
        return None
    shown = table[value].map(lambda v: isinstance(v, (int, float)) and not pd.isna(v))
    values = [v if ok else 0 for v, ok in zip(table[value], shown)]
    labels = [(f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}") if ok else "< 5"
              for v, ok in zip(table[value], shown)]
    cats = [label(c) for c in table[category]]  # organisations' names are typed
    bar = go.Bar(x=values if horizontal else cats, y=cats if horizontal else values,
                 orientation="h" if horizontal else "v", text=labels, textposition="outside",
                 marker=dict(color=colour), cliponaxis=False,
                 hovertemplate="%{" + ("y" if horizontal else "x") + "}: %{text}<extra></extra>")
    fig = go.Figure(bar)
    if horizontal:
        fig.update_yaxes(autorange="reversed", type="category")
    else:
        fig.update_xaxes(type="category")
    return _layout(fig, title, height=max(360, 40 * len(cats) + 150) if horizontal else 380)


def toptip_period_figure(table: pd.DataFrame) -> go.Figure | None:
    """Tops (up) and tips (down) per period, stacked by who gave them; "< 5" cells left out."""
    if table.empty:
        return None
    shown = table[table.aantal.map(lambda v: isinstance(v, (int, float)))]
    fig = _toptip_bars(
        lambda group, kind: shown[(shown.groep == group) & (shown.soort == kind)],
        lambda rows: rows.periode, lambda rows: rows.aantal.astype(int))
    fig.update_xaxes(type="category", categoryorder="category ascending")
    return _layout(fig, t("charts.tops_en_tips_per_periode"), height=420)
