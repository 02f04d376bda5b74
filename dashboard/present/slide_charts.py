"""The series chart as a slide shows it: projector type, the height of the room it is given (the slide's CSS
stretches it to the footer), and no text on top of other text at 1280×720 or 1920×1080.

- a deck for year Y shows the actual values up to Y only; the projection only when it starts from Y or before
  (a path drawn from a later year's value would contradict the headline for Y);
- value labels at least two years apart (from the latest back), so that neighbours never run together at 1280 px;
- headroom above the highest point for its label; the reform note in the margin above the plot, short.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.ui import charts
from dashboard.ui.i18n import REFORM_DAY

FONT_PX = 24
CHAR_PX = 12.5  # a character of the chart's font at FONT_PX, generously
YEAR_PX = 46  # the width of one year on the x axis at 1280×720, the narrowest screen a slide is made for
X_START = 2019.2
REFORM_NOTE = {"vi": f"ĐVHC mới từ {REFORM_DAY}", "en": f"New units from {REFORM_DAY}"}


def _half_width_years(text: str) -> float:
    return (len(text) * CHAR_PX / 2 + 6) / YEAR_PX


def labelled_years(labels: dict[int, str]) -> set[int]:
    """The years whose value is written: the latest, then each earlier one whose label clears the last written
    one's at 1280×720 (half of each, with a margin), so that neighbouring labels never run together."""
    chosen: list[int] = []
    for year in sorted(labels, reverse=True):
        last = chosen[-1] if chosen else None
        if last is None or last - year >= _half_width_years(labels[last]) + _half_width_years(labels[year]):
            chosen.append(year)
    return set(chosen)


def until(series: pd.DataFrame, projection: pd.DataFrame, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The series with no value after `year` (milestones and target stay), and the projection if it starts by then
    and draws a line."""
    cut = series.copy()
    cut.loc[cut["year"] > year, ["value", "actual"]] = None
    # a path needs two points: an old district's ends with the year before the reform (a lone point draws nothing)
    if len(projection) < 2 or int(projection["year"].min()) > year:
        projection = projection.iloc[0:0]
    return cut, projection


def slide_chart(
    series: pd.DataFrame, projection: pd.DataFrame, kind: str, measure: str, lang: str, year: int, levels=None
) -> tuple[go.Figure, bool]:
    """The figure, and whether it draws a projection (the legend under it says so or not)."""
    series, projection = until(series, projection, year)
    x_start = X_START
    fig = charts.series_chart(series, projection, kind, measure, lang, levels=levels)
    fig.layout.annotations = ()
    fig.add_annotation(
        x=charts.REFORM_X,
        y=1,
        yref="paper",
        yanchor="bottom",
        xanchor="left",
        text=REFORM_NOTE[lang],
        showarrow=False,
        font=dict(size=FONT_PX, color="#555555"),
    )
    for trace in fig.data:
        if trace.mode == "lines+markers+text":  # the actual values: labels spaced out
            labels = {int(x): text for x, text in zip(trace.x, trace.text)}
            keep = labelled_years(labels)
            trace.text = [text if int(x) in keep else "" for x, text in zip(trace.x, trace.text)]
            # the first label stays within the plot, clear of the axis's tick labels
            if keep:
                first = min(keep)
                x_start = min(x_start, first - _half_width_years(labels[first]) - 0.1)
            trace.textfont = dict(size=FONT_PX)
            trace.marker.size = 14
        elif trace.mode == "markers+text":  # the 2030 target
            trace.textfont = dict(size=FONT_PX)
    _headroom(fig, series, projection, kind)
    fig.update_layout(
        height=None, autosize=True, font=dict(size=FONT_PX), showlegend=False, margin=dict(l=10, r=30, t=44, b=10)
    )
    fig.update_xaxes(automargin=True, tickvals=list(range(2020, 2031, 2)), range=[x_start, 2030.6])
    fig.update_yaxes(automargin=True)
    return fig, not projection.empty


def _headroom(fig: go.Figure, series: pd.DataFrame, projection: pd.DataFrame, kind: str) -> None:
    """A y range with a fifth of its height free above the highest value for the label written over it."""
    values = pd.concat(
        [series["value"], series["milestone"], series["target_2030"], projection.get("projected", pd.Series())]
    ).dropna()
    if values.empty:
        return
    low, high = float(values.min()), float(values.max())
    span = max(high - low, abs(high) * 0.02, 1e-6)
    fig.update_yaxes(range=[low - 0.08 * span, high + 0.25 * span])
