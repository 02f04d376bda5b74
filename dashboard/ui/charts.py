"""Plotly figures. Inputs are warehouse rows; outputs are figures. Hover text is pre-formatted the user's way."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.ui import fmt
from dashboard.ui.i18n import NEW_MAP_YEAR, REFORM_DAY, STATUS, label, level_label, t
from dashboard.ui.theme import BLUE, GREY, ORANGE, SKY, STATUS_COLOURS, UNKNOWN, VERMILLION, level_colour
from pipelines.config.settings import settings

# Plotly's geo charts fetch a world base map (world_110m.json) from a CDN even when it is hidden. The app serves
# an empty one itself (dashboard/static/, enableStaticServing) so that maps draw without internet.
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": "app/static/"}

# a year's figure is on the units valid on 31/12 of that year: the line is the data boundary between the last year on
# the old map and the first on the new one, and says so (drawn at "mid-year" it would read as the reform's date)
REFORM_DATE_NOTE = {
    "vi": f"Đơn vị hành chính mới<br>từ {REFORM_DAY} →<br>số liệu từ năm {NEW_MAP_YEAR}",
    "en": f"New administrative units<br>from {REFORM_DAY} →<br>figures from {NEW_MAP_YEAR} on",
}
REFORM_X = NEW_MAP_YEAR - 0.5  # between the last data year on the old map and the first on the new one


def layout(fig: go.Figure, lang: str, height: int = 380, **kw) -> go.Figure:
    fig.update_layout(separators=",." if lang == "vi" else ".,", height=height, **kw)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def value_text(value, measure: str, kind: str, lang: str, levels=None) -> str:
    """A value in the indicator's terms; a level in the documents' words (`levels`: the indicator's levels)."""
    if value is None or pd.isna(value):
        return "–"
    if kind == "level":
        return level_label(levels, value, lang)
    if measure == "count":
        return fmt.number(value, lang, 1 if value != int(value) else 0)
    return fmt.percent(value, lang)


def series_chart(
    series: pd.DataFrame,
    projection: pd.DataFrame,
    kind: str,
    measure: str,
    lang: str,
    comparable: pd.DataFrame | None = None,
    levels=None,
) -> go.Figure:
    """Actual values, the milestone path, the target and the projected path to the target year; for a unit of the
    new map, its values before the reform on its current boundaries (through the crosswalk) as a dashed line."""
    fig = go.Figure()
    ms = series.dropna(subset=["milestone"])
    fig.add_trace(
        go.Scatter(
            x=ms["year"],
            y=ms["milestone"],
            name=t("milestone_path", lang),
            mode="lines",
            line=dict(color=GREY, dash="dash", width=2),
            hovertext=[value_text(v, measure, kind, lang, levels) for v in ms["milestone"]],
            hoverinfo="x+text+name",
        )
    )
    if not projection.empty:
        method = projection["method"].iloc[0]
        fig.add_trace(
            go.Scatter(
                x=projection["year"],
                y=projection["projected"],
                name=t("projection", lang, method=method_name(method, lang), year=int(projection["year"].min())),
                mode="lines",
                line=dict(color=BLUE, dash="dot", width=2),
                hovertext=[value_text(v, measure, kind, lang, levels) for v in projection["projected"]],
                hoverinfo="x+text+name",
            )
        )
    obs = series.dropna(subset=["value"])
    judged = obs["actual"].notna()
    fig.add_trace(
        go.Scatter(
            x=obs["year"],
            y=obs["value"],
            name=t("actual", lang),
            mode="lines+markers+text",
            line=dict(color=BLUE, width=3),
            marker=dict(size=10, color=[BLUE if j else "white" for j in judged], line=dict(color=BLUE, width=2)),
            # the latest value only: every label on a phone's width would lie on its neighbours (all are in the hover)
            text=[
                value_text(v, measure, kind, lang, levels) if y == obs["year"].max() else ""
                for v, y in zip(obs["value"], obs["year"])
            ],
            textposition="top center",
            hovertext=[
                f"{value_text(v, measure, kind, lang, levels)} · {label(STATUS, s, lang)}"
                for v, s in zip(obs["value"], obs["status"])
            ],
            hoverinfo="x+text",
        )
    )
    if comparable is not None and not comparable.empty:
        fig.add_trace(
            go.Scatter(
                x=comparable["year"],
                y=comparable["value"],
                name=t("comparable", lang),
                mode="lines+markers",
                line=dict(color=SKY, width=2, dash="dash"),
                marker=dict(symbol="diamond-open", size=9, color=SKY),
                hovertext=[
                    f"{value_text(v, measure, kind, lang, levels)} · {t('comparable', lang)}"
                    for v in comparable["value"]
                ],
                hoverinfo="x+text",
            )
        )
    target = series["target_2030"].iloc[-1] if not series.empty else None
    if target is not None and not pd.isna(target):  # none for a target that no longer applies in the target year
        last_year = int(max(series["year"].max(), 2030))
        fig.add_trace(
            go.Scatter(
                x=[last_year],
                y=[target],
                name=t("target_2030", lang),
                mode="markers+text",
                marker=dict(symbol="star", size=16, color=VERMILLION),
                text=[value_text(target, measure, kind, lang, levels)],
                textposition="bottom center",
                hoverinfo="text+name",
            )
        )
    fig.add_vline(x=REFORM_X, line=dict(color="#BBBBBB", width=1, dash="dot"))
    fig.add_annotation(
        x=REFORM_X,
        y=1,
        yref="paper",
        text=REFORM_DATE_NOTE[lang],
        showarrow=False,
        font=dict(size=11, color="#777777"),
        xanchor="right",
        yanchor="top",
    )
    # every year the warehouse has (GSO series start before the programme), ticks as many as the width allows
    first = min(int(series["year"].min()) if not series.empty else 2020, 2020)
    fig.update_xaxes(range=[first - 0.5, 2030.8], tickformat="d", tickangle=0)
    if kind == "level":
        ticks = sorted(int(x) for x in levels) if levels is not None and len(levels) else None
        fig.update_yaxes(dtick=1, rangemode="tozero", tickvals=ticks)
        if ticks:
            fig.update_yaxes(ticktext=[level_label(levels, x, lang) for x in ticks])
    elif measure != "count":
        fig.update_yaxes(ticksuffix="%")
    return layout(fig, lang, height=420)


def method_name(method: str | None, lang: str) -> str:
    from dashboard.ui.i18n import METHOD

    return label(METHOD, method, lang)


def ranking_chart(df: pd.DataFrame, kind: str, measure: str, lang: str, levels=None) -> go.Figure:
    """Child units by gap to this year's milestone, the furthest behind at the top."""
    d = df.dropna(subset=["gap"]).sort_values("gap", ascending=False)
    unit = "" if kind == "level" or measure == "count" else (" điểm phần trăm" if lang == "vi" else " pp")
    fig = go.Figure(
        go.Bar(
            x=d["gap"],
            y=d["name"],
            orientation="h",
            marker_color=[STATUS_COLOURS.get(s, UNKNOWN) for s in d["status"]],
            text=[f"{fmt.signed(g, lang, 1)}{unit} · {label(STATUS, s, lang)}" for g, s in zip(d["gap"], d["status"])],
            textposition="inside",
            # at the end away from the unit names: a bar from 0 to the right starts where its name ends
            insidetextanchor="end" if not d.empty and (d["gap"] >= 0).all() else "start",
            hovertext=[
                f"{n}: {value_text(a, measure, kind, lang, levels)} / {value_text(m, measure, kind, lang, levels)}"
                for n, a, m in zip(d["name"], d["actual"], d["milestone"])
            ],
            hoverinfo="text",
        )
    )
    fig.add_vline(x=0, line=dict(color="#444444", width=1))
    fig.update_xaxes(title=t("gap", lang) + unit)
    fig.update_yaxes(ticklabelstandoff=6)
    if not unit and not d.empty and d["gap"].abs().max() <= 6:  # levels and counts: whole steps only
        fig.update_xaxes(dtick=1, tickformat=",d")
    # a label that does not fit inside its bar is hidden rather than drawn over the unit names
    return layout(
        fig, lang, height=28 * max(len(d), 2) + 90, showlegend=False, uniformtext=dict(minsize=10, mode="hide")
    )


def group_progress_chart(card: pd.DataFrame, lang: str) -> go.Figure | None:
    """Percent indicators of one group: this year's actual as a bar coloured by status, the milestone as a mark.
    None when the group has no percentage to draw (levels and counts are read from the table)."""
    d = card[card["measure"].isin(["percent", "share"]) & card["actual"].notna()]
    if d.empty:
        return None
    names = [_wrap(n, 40) for n in d["name_vi" if lang == "vi" else "name_en"]]
    fig = go.Figure(
        go.Bar(
            x=d["actual"],
            y=names,
            orientation="h",
            name=t("actual", lang),
            marker_color=[STATUS_COLOURS.get(s, UNKNOWN) for s in d["status"]],
            text=[f"{fmt.percent(a, lang)} · {label(STATUS, s, lang)}" for a, s in zip(d["actual"], d["status"])],
            textposition="auto",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=d["milestone"],
            y=names,
            mode="markers",
            name=t("milestone", lang),
            marker=dict(symbol="line-ns-open", size=26, color="#222222", line=dict(width=3, color="#222222")),
        )
    )
    fig.update_xaxes(range=[0, 100], title="%")
    fig.update_yaxes(autorange="reversed")
    return layout(fig, lang, height=60 + 45 * len(d), legend=dict(orientation="h", y=-0.2), margin=dict(t=10))


def week_activities_chart(df: pd.DataFrame, lang: str) -> go.Figure:
    """Participants by kind of activity, in person and online stacked."""
    fig = go.Figure()
    names = df.groupby("activity")["participants"].sum().sort_values().index.tolist()
    label_of = dict(zip(df["activity"], df["activity_vi" if lang == "vi" else "activity_en"]))
    modes = settings().pages
    for mode, colour in ((modes.in_person_mode, BLUE), (modes.online_mode, ORANGE)):
        part = df[df["mode"] == mode].set_index("activity").reindex(names)
        if part["participants"].notna().any():
            mode_name = df.loc[df["mode"] == mode, "mode_vi" if lang == "vi" else "mode_en"].iloc[0]
            fig.add_trace(
                go.Bar(
                    x=part["participants"],
                    y=[_wrap(label_of[n], 30) for n in names],
                    orientation="h",
                    name=mode_name,
                    marker_color=colour,
                    text=[fmt.number(x, lang) if x == x else "" for x in part["participants"]],
                    textposition="auto",
                )
            )
    fig.update_layout(
        barmode="stack", legend=dict(orientation="h", yanchor="bottom", y=1.01, traceorder="normal"), margin=dict(t=40)
    )
    fig.update_xaxes(title="Số người tham gia" if lang == "vi" else "Participants", tickformat=",d")
    return layout(fig, lang, height=max(280, 60 * len(names) + 100))


STATUS_ORDER = ["behind", "incomplete", "met", "no_milestone", "no_rule", "not_applicable", "no_data"]


def heatmap(df: pd.DataFrame, lang: str) -> go.Figure:
    """Units (rows) × indicators (columns), each cell coloured by status and marked with its symbol."""
    names = df.drop_duplicates("indicator").sort_values("position")
    cols = list(names["indicator"])
    rows = list(dict.fromkeys(df["name"]))
    index = {s: i for i, s in enumerate(STATUS_ORDER)}
    z, text, hover = [], [], []
    cell = {(r.name, r.indicator): r for r in df.itertuples()}
    for unit in rows:
        zr, tr, hr = [], [], []
        for ind in cols:
            r = cell.get((unit, ind))
            status = r.status if r is not None else "no_data"
            zr.append(index.get(status, len(STATUS_ORDER) - 1))
            tr.append(label(STATUS, status, lang).split(" ")[0])
            hr.append(
                "–"
                if r is None
                else f"{unit} · {value_text(r.actual, r.measure, r.kind, lang, getattr(r, 'levels', None))} / "
                f"{value_text(r.milestone, r.measure, r.kind, lang, getattr(r, 'levels', None))} · "
                f"{label(STATUS, status, lang)}"
            )
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    n = len(STATUS_ORDER)
    scale = []
    for i, s in enumerate(STATUS_ORDER):
        scale += [[i / n, STATUS_COLOURS[s]], [(i + 1) / n, STATUS_COLOURS[s]]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(i) for i in range(1, len(cols) + 1)],  # numbered: names under the chart, any width
            y=rows,
            zmin=0,
            zmax=n,
            colorscale=scale,
            showscale=False,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            xgap=2,
            ygap=2,
            textfont=dict(size=15, color="white"),
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", tickangle=0, type="category")
    # one row is a strip, not a 180 px block
    return layout(fig, lang, height=32 * max(len(rows), 2) + 60, margin=dict(t=30, b=10, r=10))


def heatmap_columns(df: pd.DataFrame, lang: str) -> list[str]:
    """The indicator of each numbered column of `heatmap`, in order."""
    names = df.drop_duplicates("indicator").sort_values("position")
    return list(names["name_vi" if lang == "vi" else "name_en"])


def _wrap(text: str, width: int = 15) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(lines[:6])


def level_distribution(df: pd.DataFrame, levels: list[int], lang: str, counted: str = "") -> go.Figure:
    """Stacked bars, one row per parent unit (names side by side would run together): units at each level; `counted`
    names what the bars count (the axis title, e.g. "Số đơn vị cấp huyện")."""
    fig = go.Figure()
    for level in [str(lv) for lv in levels] + ["?"]:
        part = df[df["level"] == level]
        if part.empty:
            continue
        name = t("unknown_level", lang) if level == "?" else level_label(levels, int(level), lang)
        fig.add_trace(
            go.Bar(
                y=part["parent_name"],
                x=part["units"],
                orientation="h",
                name=name,
                marker_color=UNKNOWN if level == "?" else level_colour(int(level), max(levels)),
                text=part["units"],
                textposition="inside",
                textangle=0,  # never turned on its side in a narrow bar: level, or hidden (uniformtext below)
            )
        )
    fig.update_layout(
        barmode="stack",
        showlegend=True,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        margin=dict(t=50),
        uniformtext=dict(minsize=10, mode="hide"),
    )
    # whole units: no tick at 0,2 of a commune when there are only a few; the axis ends at the longest bar
    most = int(df.groupby("parent_name")["units"].sum().max()) if not df.empty else 1
    fig.update_xaxes(tickformat=",d", range=[0, most], dtick=1 if most <= 12 else None, title=counted or None)
    # the rows in the frame's order (by name), not in the order the levels' traces first name them
    order = list(dict.fromkeys(df["parent_name"]))
    fig.update_yaxes(autorange="reversed", ticklabelstandoff=6, categoryorder="array", categoryarray=order)
    return layout(fig, lang, height=max(220, 30 * len(order) + 140))
