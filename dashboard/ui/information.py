"""An indicator with figures but no target at a unit (e.g. an official series of the statistics office): every year
the warehouse has, history before the programme included, with the source of the figures, their release year and
which years are provisional. No verdict: nothing is judged without a target."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.ui import charts, fmt, tables
from dashboard.ui.i18n import translator
from dashboard.ui.theme import BLUE

TEXT = {
    "no_target": (
        "Chưa có mục tiêu cho chỉ tiêu này ở đơn vị này: số liệu để tham khảo, không đánh giá đạt hay chưa đạt.",
        "No target for this indicator at this unit: figures for information, not judged.",
    ),
    "latest": ("Số liệu năm {year}", "{year} figure"),
    "provisional": ("sơ bộ", "provisional"),
    "source": ("Nguồn: {title}", "Source: {title}"),
    "released": ("phát hành năm {year}", "released {year}"),
    "provisional_years": ("Năm {years}: số liệu sơ bộ.", "{years}: provisional figures."),
    "illustrative": ("Số liệu minh họa, không phải số liệu thật.", "Illustrative figures, not real data."),
    "year": ("Năm", "Year"),
    "value": ("Giá trị", "Value"),
    "figure": ("Số liệu", "Figure"),
    "before": ("Các năm trước kỳ Đề án (từ {year})", "Years before the programme (from {year})"),
}
_t = translator(TEXT)


def value_text(r, lang: str) -> str:
    """A figure in its indicator's terms (percentages for the official series), '(sơ bộ)' when provisional."""
    text = fmt.percent(r.value, lang)
    provisional = r.provisional is True or (not pd.isna(r.provisional) and bool(r.provisional))  # NULL: final
    return f"{text} ({_t('provisional', lang)})" if provisional else text


def chart(history: pd.DataFrame, lang: str) -> go.Figure:
    """Every year's figure; provisional years drawn as open markers and named in the hover."""
    provisional = history["provisional"].fillna(False).astype(bool)
    fig = go.Figure(
        go.Scatter(
            x=history["year"],
            y=history["value"],
            mode="lines+markers",
            line=dict(color=BLUE, width=3),
            marker=dict(size=10, color=["white" if p else BLUE for p in provisional], line=dict(color=BLUE, width=2)),
            hovertext=[value_text(r, lang) for r in history.itertuples()],
            hoverinfo="x+text",
            showlegend=False,
        )
    )
    fig.update_xaxes(tickformat="d", tickangle=0)
    fig.update_yaxes(ticksuffix="%")
    return charts.layout(fig, lang, height=380)


def source_lines(history: pd.DataFrame, lang: str) -> list[str]:
    """One line per source of the figures (title, release year), then the provisional years and an illustrative
    warning where a figure is illustrative."""
    lines = []
    for (title, released), _ in history.groupby(["source_title", "source_released"], dropna=False, sort=False):
        if isinstance(title, str):
            line = _t("source", lang, title=title)
            if not pd.isna(released):
                line += f" ({_t('released', lang, year=int(released))})"
            lines.append(line)
    provisional = history.loc[history["provisional"].fillna(False).astype(bool), "year"]
    if not provisional.empty:
        lines.append(_t("provisional_years", lang, years=", ".join(str(int(y)) for y in provisional)))
    if history["illustrative"].fillna(False).astype(bool).any():
        lines.append(_t("illustrative", lang))
    return lines


def show(history: pd.DataFrame, year: int, lang: str) -> None:
    """The information view: the note that nothing is judged, the chosen (or latest earlier) year's figure, the
    chart of every year, the sources and a table of the figures."""
    st.info(_t("no_target", lang))
    shown = history[history["year"] <= year]
    latest = next((shown if not shown.empty else history).tail(1).itertuples())
    st.metric(_t("latest", lang, year=int(latest.year)), value_text(latest, lang))
    st.plotly_chart(chart(history, lang), width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="history")
    for line in source_lines(history, lang):
        st.caption(line)
    tables.show(
        {
            _t("year", lang): [str(int(y)) for y in history["year"]],
            _t("figure", lang): [value_text(r, lang) for r in history.itertuples()],
        }
    )


def earlier_trace(series: pd.DataFrame, history: pd.DataFrame, lang: str) -> go.Scatter | None:
    """The years before a judged series begins (history before the programme), as a grey line to add to the
    series chart; None when there are none."""
    if series.empty or history.empty:
        return None
    before = history[history["year"] < series["year"].min()]
    if before.empty:
        return None
    return go.Scatter(
        x=before["year"],
        y=before["value"],
        name=_t("before", lang, year=int(before["year"].min())),
        mode="lines+markers",
        line=dict(color="#888888", width=2),
        marker=dict(size=8, color="#888888"),
        hovertext=[value_text(r, lang) for r in before.itertuples()],
        hoverinfo="x+text",
    )
