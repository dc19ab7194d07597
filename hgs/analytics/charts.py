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


def _figure(data: list[dict], title: str, height: int = 360, xaxis: dict | None = None,
            yaxis: dict | None = None, marks: Sequence[tuple[dict, dict | None]] = (),
            **layout) -> go.Figure:
    """One figure from plain dicts: the room-sized fonts on every text, `marks` (horizontal
    lines and their labels, see `_hline`) as shapes and annotations in the layout. Built
    without plotly's per-property validation, which was most of a Voortgang run;
    tests/test_charts.py validates every spec against plotly's schema instead."""
    for trace in data:
        trace["textfont"] = dict(FONT)
    axes = {name: {**(extra or {}), "tickfont": dict(TICK_FONT),
                   "title": {**_title(extra), "font": dict(FONT)}}
            for name, extra in (("xaxis", xaxis), ("yaxis", yaxis))}
    spec = dict(title=dict(text=title, font=dict(TITLE_FONT)), font=dict(FONT), height=height,
                margin=dict(l=60, r=30, t=90, b=50), hovermode="closest",
                hoverlabel=dict(font=dict(FONT)),
                legend=dict(orientation="h", y=-0.2, font=dict(FONT)), **axes, **layout)
    if marks:
        spec["shapes"] = [shape for shape, _ in marks]
        notes = [{**note, "font": dict(FONT)} for _, note in marks if note]
        if notes:
            spec["annotations"] = notes
    return go.Figure(dict(data=data, layout=spec), _validate=False)


def _title(axis: dict | None) -> dict:
    title = (axis or {}).get("title")
    return {"text": title} if title else {}


def _hline(y: float, line: dict, text: str | None = None,
           position: str = "top left") -> tuple[dict, dict | None]:
    """A line across the plot at `y` and its label at the left, above ("top left") or below
    it: what `fig.add_hline` makes, as plain dicts."""
    shape = dict(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=y, y1=y, line=line)
    if text is None:
        return shape, None
    return shape, dict(text=text, showarrow=False, xref="x domain", x=0, xanchor="left",
                       yref="y", y=y, yanchor="bottom" if position.startswith("top") else "top")


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
    points = scored.score.astype(int).tolist()
    line = dict(
        type="scatter", x=x, y=points, mode="lines+markers+text", name=AREA_SHORT[area],
        text=[str(p) for p in points], textposition="top center", line=dict(color=colour, width=4),
        marker=dict(size=14, color=colour),
        hovertemplate="%{x}: " + t("charts.score") + " %{y}<extra></extra>")
    marks = [_hline(int(value), dict(color="#555555", dash=dash, width=2),
                    t(f"charts.{mark}", value=int(value)),
                    "top left" if mark == "doel" else "bottom left")
             for value, mark, dash in ((first["start"], "start", "dot"),
                                       (first["target"], "doel", "dash")) if pd.notna(value)]
    dropped = t("charts.vervallen") if bool(rows.dropped.iloc[-1]) else ""
    return _figure([line], f"{AREA_SHORT[area]}: {wrap(first['goal'])}{dropped}",
                   xaxis=dict(type="category"),
                   yaxis=dict(range=[-0.5, 10.8], dtick=2, title=t("charts.score_as")),
                   marks=marks)


def t_score_figure(att: pd.DataFrame) -> go.Figure | None:
    """The GAS T-score of each follow-up meeting, with 50 (goals reached) marked."""
    rows = att.dropna(subset=["t_score"])
    if rows.empty:
        return None
    x = [meeting_label(n, d) for n, d in zip(rows.meeting_no, rows.date)]
    scores = rows.t_score.astype(float).tolist()
    line = dict(
        type="scatter", x=x, y=scores, mode="lines+markers+text", name=t("charts.t_score"),
        text=[f"{t:.0f}" for t in scores], textposition="top center",
        line=dict(color="#0072B2", width=4), marker=dict(size=14),
        hovertemplate="%{x}: " + t("charts.t_score") + " %{y:.1f}<extra></extra>")
    low, high = min(20, min(scores) - 5), max(80, max(scores) + 5)
    return _figure([line], t("charts.doelrealisatie_per_mdo"), xaxis=dict(type="category"),
                   yaxis=dict(range=[low, high], title=t("charts.gas_t_score")),
                   marks=[_hline(50, dict(color="#009E73", dash="dash", width=2),
                                 t("charts.doelen_bereikt"))])


def tops_tips_figure(counts: pd.DataFrame) -> go.Figure | None:
    """Tops and tips per meeting, stacked by who gave them; tops above, tips below the line."""
    if counts.empty:
        return None
    labels = {(n, d): meeting_label(n, d) for n, d in zip(counts.meeting_no, counts.date)}
    order = [labels[k] for k in sorted(labels)]
    bars = _toptip_bars(
        lambda group, kind: counts[(counts.group == group) & (counts.kind == kind)],
        lambda rows: [labels[(n, d)] for n, d in zip(rows.meeting_no, rows.date)],
        lambda rows: rows["count"])
    return _toptip_figure(bars, t("charts.tops_en_tips_per_mdo"),
                          dict(type="category", categoryorder="array", categoryarray=order))


def _toptip_bars(rows_of: Callable[[str, str], pd.DataFrame],
                 x_of: Callable[[pd.DataFrame], Sequence],
                 count_of: Callable[[pd.DataFrame], pd.Series]) -> list[dict]:
    """Tops above and tips below the zero line, stacked by who gave them: `rows_of(group,
    kind)` holds one bar series, `x_of` and `count_of` read its places and counts."""
    bars = []
    for group, colour in GIVER_COLOURS.items():
        for kind, sign in (("top", 1), ("tip", -1)):
            rows = rows_of(group, kind)
            if rows.empty:
                continue
            name, count = _given(kind, group), [int(c) for c in count_of(rows)]
            bars.append(dict(
                type="bar", x=list(x_of(rows)), y=[sign * c for c in count], name=name,
                legendgroup=group,
                marker=dict(color=colour, pattern=dict(shape="" if kind == "top" else "/")),
                customdata=count, hovertemplate=f"%{{x}}: %{{customdata}} {name}<extra></extra>"))
    return bars


def _toptip_figure(bars: list[dict], title: str, xaxis: dict) -> go.Figure:
    return _figure(bars, title, height=420, xaxis=xaxis,
                   yaxis=dict(title=t("charts.tops_tips_as")), barmode="relative",
                   marks=[_hline(0, dict(color="#333333", width=1))])


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
    bar = dict(type="bar", x=values if horizontal else cats, y=cats if horizontal else values,
               orientation="h" if horizontal else "v", text=labels, textposition="outside",
               marker=dict(color=colour), cliponaxis=False,
               hovertemplate="%{" + ("y" if horizontal else "x") + "}: %{text}<extra></extra>")
    if horizontal:
        return _figure([bar], title, height=max(360, 40 * len(cats) + 150),
                       yaxis=dict(autorange="reversed", type="category"))
    return _figure([bar], title, height=380, xaxis=dict(type="category"))


def toptip_period_figure(table: pd.DataFrame) -> go.Figure | None:
    """Tops (up) and tips (down) per period, stacked by who gave them; "< 5" cells left out."""
    if table.empty:
        return None
    shown = table[table.aantal.map(lambda v: isinstance(v, (int, float)))]
    bars = _toptip_bars(
        lambda group, kind: shown[(shown.groep == group) & (shown.soort == kind)],
        lambda rows: rows.periode, lambda rows: rows.aantal.astype(int))
    return _toptip_figure(bars, t("charts.tops_en_tips_per_periode"),
                          dict(type="category", categoryorder="category ascending"))
