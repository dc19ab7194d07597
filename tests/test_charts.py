"""Figures built from analytics frames: traces, titles and marks checked on the objects."""

import datetime as dt

from hgs.analytics import charts
from hgs.analytics import goals as analytics
from tests.test_analytics import three_meetings


def test_goal_figure_has_the_goal_as_title_scores_as_points_and_start_and_target_lines():
    frame = analytics.goal_scores(three_meetings())
    fig = charts.goal_figure(frame[frame.goal_id == "g1"])
    assert "Kind: Joris vraagt hulp" in fig.layout.title.text
    (trace,) = fig.data
    assert list(trace.y) == [3, 5, 8]
    assert trace.line.color == charts.AREA_COLOURS["kind"] and trace.name == "Kind"
    lines = {(shape.y0, shape.line.dash) for shape in fig.layout.shapes}
    assert lines == {(3, "dot"), (7, "dash")}
    labels = {a.text for a in fig.layout.annotations}
    assert labels == {"start 3", "streefscore 7"}
    assert list(fig.layout.yaxis.range) == [-0.5, 10.8]


def test_areas_differ_in_colour_and_label():
    frame = analytics.goal_scores(three_meetings())
    kind = charts.goal_figure(frame[frame.goal_id == "g1"])
    school = charts.goal_figure(frame[frame.goal_id == "g2"])
    assert kind.data[0].line.color != school.data[0].line.color
    assert school.layout.title.text.startswith("Onderwijs:")


def test_goal_without_any_score_gives_no_figure():
    frame = analytics.goal_scores(three_meetings())
    rows = frame[frame.goal_id == "g1"].assign(score=None)
    assert charts.goal_figure(rows) is None


def test_t_score_figure_marks_50_and_shows_each_follow_up():
    fig = charts.t_score_figure(analytics.attainment(three_meetings()))
    assert len(fig.data[0].x) == 2
    assert fig.layout.shapes[0].y0 == 50
    assert "T-score" in fig.layout.title.text
    assert charts.t_score_figure(analytics.attainment(three_meetings()[:1])) is None


def test_tops_tips_figure_puts_tops_up_and_tips_down_per_group():
    counts = analytics.tops_tips_counts(analytics.tops_tips(three_meetings()))
    fig = charts.tops_tips_figure(counts)
    bars = {trace.name: list(trace.y) for trace in fig.data}
    assert bars == {"tops van ouders": [1], "tips van school": [-1]}
    assert charts.tops_tips_figure(analytics.tops_tips_counts(
        analytics.tops_tips([]))) is None


def test_meeting_label_is_dutch_day_month_year():
    import pandas as pd
    assert charts.meeting_label(2, pd.Timestamp(dt.date(2026, 3, 4))) == "MDO 2<br>04-03-2026"


LINK = '<a href="https://evil.example">Klik</a> & <b>vet</b>'


def test_a_goal_typed_as_html_is_the_title_as_text_never_a_link():
    frame = analytics.goal_scores(three_meetings())
    rows = frame[frame.goal_id == "g1"].assign(goal=LINK + " " + "lang " * 30)
    title = charts.goal_figure(rows).layout.title.text
    assert "<a" not in title and "<b>" not in title
    assert "&lt;a href=\"https://evil.example\"&gt;Klik&lt;/a&gt; &amp; &lt;b&gt;vet" in title
    assert "<br>" in title  # wrapped into lines, by the chart itself


def test_an_organisation_named_as_html_is_a_tick_and_hover_as_text():
    import pandas as pd

    table = pd.DataFrame({"organisatie": [LINK, "De Regenboog"], "casussen": [6, "< 5"]})
    fig = charts.measure_bars(table, "organisatie", "casussen", "Casussen")
    assert list(fig.data[0].x) == [charts.label(LINK), "De Regenboog"]
    assert not any("<a" in str(x) for x in fig.data[0].x)


def _every_figure():
    import pandas as pd

    meetings = three_meetings()
    frame = analytics.goal_scores(meetings)
    table = pd.DataFrame({"organisatie": ["De Regenboog", "Het Palet"], "casussen": [6, "< 5"]})
    periods = pd.DataFrame({"periode": ["2026-01", "2026-02"], "groep": ["ouders", "school"],
                            "soort": ["top", "tip"], "aantal": [6, 7]})
    return {
        "goal": charts.goal_figure(frame[frame.goal_id == "g1"]),
        "t_score": charts.t_score_figure(analytics.attainment(meetings)),
        "tops_tips": charts.tops_tips_figure(
            analytics.tops_tips_counts(analytics.tops_tips(meetings))),
        "bars": charts.measure_bars(table, "organisatie", "casussen", "Casussen"),
        "bars_horizontal": charts.measure_bars(table, "organisatie", "casussen", "Casussen",
                                               horizontal=True),
        "periods": charts.toptip_period_figure(periods),
    }


def test_every_chart_is_readable_from_the_back_of_a_room():
    """No text in a chart under 16 px: the base font, title, ticks, axis titles, legend, the
    marks (start, doel, 50) and the numbers on points and bars."""
    for name, fig in _every_figure().items():
        layout = fig.layout
        sizes = {"font": layout.font.size, "title": layout.title.font.size,
                 "legend": layout.legend.font.size, "hover": layout.hoverlabel.font.size}
        for axis in ("xaxis", "yaxis"):
            sizes[f"{axis} ticks"] = layout[axis].tickfont.size
            sizes[f"{axis} title"] = layout[axis].title.font.size
        sizes.update({f"mark {a.text}": a.font.size for a in layout.annotations})
        sizes.update({f"text of {trace.name}": trace.textfont.size for trace in fig.data
                      if getattr(trace, "text", None) is not None})
        small = {what: size for what, size in sizes.items()
                 if size is None or size < charts.MIN_FONT}
        assert not small, (name, small)
        assert charts.MIN_FONT >= 16


def test_every_chart_is_a_valid_plotly_figure():
    """The figures are built without plotly's validation (it was most of a Voortgang run):
    each spec is checked against plotly's schema here, so a misspelt property fails a test
    instead of vanishing silently in the browser."""
    import json

    import plotly.graph_objects as go
    import plotly.io

    def plain(fig):
        return json.loads(plotly.io.to_json(fig, validate=False))

    for name, fig in _every_figure().items():
        checked = go.Figure(fig.to_dict())  # raises on an unknown property or a bad value
        assert plain(checked) == plain(fig), name  # and plotly would have coerced nothing
