"""The series chart as a slide shows it: projector type, the height of the room it is given (the slide's CSS
stretches it to the footer), and no text on top of other text at 1280×720 or 1920×1080.

- a deck for year Y shows the actual values up to Y only; the projection only when it starts from Y or before
  (a path drawn from a later year's value would contradict the headline for Y);
- value labels at least two years apart (from the latest back), so that neighbours never run together at 1280 px;
- headroom above the highest point for its label, a percentage's axis within 0–100%; each value written where no
  line, marker or other label is, inside the plot, at both sizes (label_places), or not written;
- the reform note in the margin above the plot, short.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.present import label_places
from dashboard.ui import charts
from dashboard.ui.i18n import REFORM_DAY

FONT_PX, CHAR_PX = label_places.FONT_PX, label_places.CHAR_PX
YEAR_PX = 46  # the width of one year on the x axis at 1280×720, the narrowest screen a slide is made for
X_START, X_END = 2019.2, 2030.6
LABEL = "#222222"  # the colour of the values written on the chart
PERCENT = ("percent", "share")  # measures whose axis stops at 0 and 100%
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
            trace.marker.size = 14
    y_range = _y_range(fig, series, projection, measure)
    if y_range:
        _place_labels(fig, (x_start, X_END), y_range)
    fig.update_traces(cliponaxis=False)  # a marker on the axis's end (100%) is drawn whole
    fig.update_layout(
        height=None, autosize=True, font=dict(size=FONT_PX), showlegend=False, margin=dict(l=10, r=30, t=44, b=10)
    )
    fig.update_xaxes(automargin=True, tickvals=list(range(2020, 2031, 2)), range=[x_start, X_END])
    fig.update_yaxes(automargin=True)
    return fig, not projection.empty


def _y_range(fig: go.Figure, series: pd.DataFrame, projection: pd.DataFrame, measure: str):
    """A fifth of the height free above the highest value for the label written over it; a percentage's axis
    never beyond 0–100% (a label that finds no room there goes beside or below its point)."""
    values = pd.concat(
        [series["value"], series["milestone"], series["target_2030"], projection.get("projected", pd.Series())]
    ).dropna()
    if values.empty:
        return None
    low, high = float(values.min()), float(values.max())
    span = max(high - low, abs(high) * 0.02, 1e-6)
    low, high = low - 0.08 * span, high + 0.25 * span
    if measure in PERCENT and float(values.max()) <= 100:
        low, high = max(low, 0.0), min(high, 100.0)
    fig.update_yaxes(range=[low, high])
    return low, high


def _place_labels(fig: go.Figure, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
    """The values the traces write, as annotations placed where no line of a trace, marker or other label is
    (label_places): the latest actual value chooses first, then earlier ones, then the target. A value with no free
    place is not written. Guides (the grid, the reform's vertical line) pass behind a label, which is on white."""
    lines, markers, labels = [], [], []
    fig.update_shapes(layer="below")
    for trace in fig.data:
        points = [(float(x), float(y)) for x, y in zip(trace.x, trace.y) if y is not None and not pd.isna(y)]
        if "lines" in trace.mode:
            lines.append(points)
        if "markers" in trace.mode:
            markers += [(x, y, trace.marker.size or 6) for x, y in points]
    for trace in sorted(fig.data, key=lambda tr: tr.mode != "lines+markers+text"):
        if "text" not in trace.mode:
            continue
        written = [(float(x), float(y), text) for x, y, text in zip(trace.x, trace.y, trace.text) if text]
        labels += [label_places.Label(x, y, text, trace.marker.size) for x, y, text in sorted(written, reverse=True)]
        trace.mode, trace.text = trace.mode.replace("+text", ""), None
    plot = label_places.Plot(x_range, y_range, lines, markers)
    for label, place in zip(labels, label_places.places(labels, plot)):
        if place is not None:
            fig.add_annotation(
                **place.annotation(label),
                text=label.text,
                showarrow=False,
                font=dict(size=FONT_PX, color=LABEL),
                bgcolor="white",
            )


def late_reach(series: pd.DataFrame, projection: pd.DataFrame, target: float) -> tuple[int, int] | None:
    """(the year the projection reaches the target, the year the plan's path reaches it) when the projection gets
    there later than the plan: a unit behind its path ("tiến bộ hạn chế") whose dotted line still meets the 2030
    target, which the slide says in words so that the verdict and the line do not seem to disagree. None otherwise."""
    values = series["value"].dropna()
    if projection.empty or values.empty or pd.isna(target):
        return None
    up = target >= values.iloc[-1]

    def first_at_target(years: pd.Series, xs: pd.Series) -> int | None:
        hit = years[(xs >= target - 1e-9) if up else (xs <= target + 1e-9)]
        return int(hit.min()) if not hit.empty else None

    reached = first_at_target(projection["year"], projection["projected"])
    path = series.dropna(subset=["milestone"])
    planned = first_at_target(path["year"], path["milestone"])
    return (reached, planned) if reached and planned and reached > planned else None
