"""The gap map: units coloured by the gap to this year's milestone, in the indicator's own terms (percentage points
behind or ahead), names on hover and written on the few lowest gaps (the furthest behind), and "no data" in a faded grey that the page's
key explains. Polygons come from a GeoJSON file (the pre-reform communes, the provinces) or from the rows of the query
(the post-reform communes, dissolved from the old ones)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.data_access.map_files import geo_source
from dashboard.ui import fmt
from dashboard.ui.charts import layout, value_text
from dashboard.ui.i18n import STATUS, label, t
from dashboard.ui.theme import BLUE, UNKNOWN, VERMILLION

NAMED = 5  # the furthest behind, named on the map


@lru_cache(maxsize=4)
def commune_geojson(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def rows_geojson(df: pd.DataFrame) -> dict:
    """The post-reform communes' polygons carried by the query's rows (column geometry)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"commune_id": str(r.feature_id)}, "geometry": json.loads(r.geometry)}
            for r in df.itertuples()
        ],
    }


def _only(gj: dict, id_key: str, ids) -> dict:
    """The features of `gj` whose `id_key` is among `ids`: a map's file holds the polygons of its units only (the
    traces share it: each draws its own `locations`)."""
    ids = set(map(str, ids))
    return {"type": "FeatureCollection", "features": [f for f in gj["features"] if str(f["properties"][id_key]) in ids]}


def _centre(geometry: dict) -> tuple[float, float]:
    """The middle of a polygon's largest outer ring's bounding box (where its name is written)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    ring = max((p[0] for p in polygons), key=len)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _points(geometry: dict):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        for ring in polygon:
            yield from ring


def _frame(fig: go.Figure, gj: dict, id_key: str, ids) -> go.Figure:
    """Frames the map on the drawn units' bounds (a little margin): the map's box takes their shape, so that a tall
    province fills a phone's width and the height of the chart instead of a small map in a world-shaped (2:1) box,
    which is what `fitbounds` gives."""
    ids = set(ids)
    points = [p for f in gj["features"] if str(f["properties"][id_key]) in ids for p in _points(f["geometry"])]
    if not points:
        return fig.update_geos(fitbounds="locations", visible=False)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    pad_x, pad_y = 0.02 * (max(xs) - min(xs)) or 0.01, 0.02 * (max(ys) - min(ys)) or 0.01
    return fig.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=[min(xs) - pad_x, max(xs) + pad_x],
        lataxis_range=[min(ys) - pad_y, max(ys) + pad_y],
    )


def _sides(lons: list[float], centres: dict, ids) -> list[str]:
    """Where each name is written from its unit's centre: towards the middle of the map for a unit near its west or
    east edge, so that the name is not cut by the map's frame."""
    xs = [centres[i][0] for i in ids if i in centres]
    west, east = min(xs), max(xs)
    width = (east - west) or 1
    return [
        "middle right" if x < west + width / 3 else "middle left" if x > east - width / 3 else "middle center"
        for x in lons
    ]


def _apart(rows: pd.DataFrame, centres: dict) -> pd.DataFrame:
    """Up to NAMED of `rows` (worst first) whose names, written at their centres, stay clear of each other even on a
    phone: a name is skipped when it would sit on the same line as one already written and near it."""
    xs = [x for x, _ in centres.values()]
    ys = [y for _, y in centres.values()]
    width, height = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    kept: list[tuple[float, float]] = []
    keep = []
    for i in rows["feature_id"]:
        x, y = centres[i]
        if all(abs(y - ky) > 0.07 * height or abs(x - kx) > 0.6 * width for kx, ky in kept):
            kept.append((x, y))
            keep.append(i)
        if len(keep) == NAMED:
            break
    return rows[rows["feature_id"].isin(keep)]


def gap_unit(kind: str, measure: str, lang: str) -> str:
    """What a gap is counted in: percentage points for a percentage, else the indicator's own count or level."""
    if kind == "level":
        return "mức độ" if lang == "vi" else "levels"
    if measure == "count":
        return ""
    return "điểm phần trăm" if lang == "vi" else "percentage points"


def _legend(title: str, ticks: list[float], labels: list[str]) -> dict:
    """The colour bar under a map: horizontal, titled in the indicator's terms, with readable ticks."""
    return dict(
        orientation="h",
        y=-0.02,
        yanchor="top",
        thickness=12,
        len=0.9,
        title=dict(text=title, side="top", font=dict(size=12)),
        tickvals=ticks,
        ticktext=labels,
    )


def _add_missing(fig: go.Figure, missing: pd.DataFrame, geo: str | dict, id_key: str, lang: str) -> None:
    """Units without a value, first (under the others) and faded, so that they never read as a value."""
    if missing.empty:
        return
    fig.add_trace(
        go.Choropleth(
            geojson=geo,
            featureidkey=f"properties.{id_key}",
            locations=missing["feature_id"],
            z=[0] * len(missing),
            colorscale=[[0, UNKNOWN], [1, UNKNOWN]],
            showscale=False,
            marker_line_color="#999999",
            marker_line_width=0.5,
            marker_opacity=0.55,
            hovertext=[f"{n}<br>{t('no_value', lang)}" for n in missing["name"]],
            hoverinfo="text",
            name=t("no_value", lang),
        )
    )


def value_map(df: pd.DataFrame, gj: dict, id_key: str, lang: str) -> go.Figure:
    """Units coloured by a percentage with no target (figures for information, e.g. the statistics office's
    series): a light-to-dark scale, never the gap colours, the value and the unit's name on hover."""
    d = df.assign(feature_id=df["feature_id"].astype(str))
    known, fig = d[d["value"].notna()], go.Figure()
    geo = geo_source(_only(gj, id_key, d["feature_id"]))
    _add_missing(fig, d[d["value"].isna()], geo, id_key, lang)
    if not known.empty:
        low, high = float(known["value"].min()), float(known["value"].max())
        ticks = [low + (high - low) * k / 4 for k in range(5)]
        fig.add_trace(
            go.Choropleth(
                geojson=geo,
                featureidkey=f"properties.{id_key}",
                locations=known["feature_id"],
                z=known["value"],
                colorscale=[[0, "#F1EEF6"], [1, BLUE]],
                marker_line_color="#666666",
                marker_line_width=0.6,
                hovertext=[f"<b>{n}</b><br>{fmt.percent(x, lang)}" for n, x in zip(known["name"], known["value"])],
                hoverinfo="text",
                colorbar=_legend(
                    t("value_legend", lang), ticks, [fmt.percent(x, lang, 0 if high - low >= 8 else 1) for x in ticks]
                ),
            )
        )
    _frame(fig, gj, id_key, d["feature_id"])
    return layout(fig, lang, height=620, margin=dict(l=0, r=0, t=10, b=80), showlegend=False)


def gap_map(df: pd.DataFrame, gj: dict, id_key: str, kind: str, measure: str, lang: str, levels=None) -> go.Figure:
    """Units coloured by the gap (diverging: behind vermillion, ahead blue) around 0 = on the milestone. `gj` holds
    the polygons, `id_key` the feature property that equals the rows' feature_id."""
    d = df.copy()
    d["feature_id"] = d["feature_id"].astype(str)
    for f in gj["features"]:
        f["properties"][id_key] = str(f["properties"][id_key])
    written = dict(zip(d["feature_id"], d["name"]))  # on the map: the name alone (hover says "approximate")
    if "approximate" in d:
        d["name"] = [f"{n} ({t('approximate', lang)})" if a else n for n, a in zip(d["name"], d["approximate"])]
    known = d[d["gap"].notna()]
    # the colours span at least ±10 percentage points (±1 level or unit): one province 0,8 points behind is pale,
    # not painted as the darkest of a scale stretched to its own gap
    least = 10.0 if kind != "level" and measure in ("percent", "share") else 1.0
    limit = max(least, float(known["gap"].abs().max())) if not known.empty else least
    unit = gap_unit(kind, measure, lang)
    fig = go.Figure()
    geo = geo_source(_only(gj, id_key, d["feature_id"]))
    _add_missing(fig, d[d["gap"].isna()], geo, id_key, lang)
    if not known.empty:
        hover = [
            f"<b>{n}</b><br>{value_text(a, measure, kind, lang, levels)} / {t('milestone', lang).lower()} "
            f"{value_text(m, measure, kind, lang, levels)}<br>{label(STATUS, s, lang)}"
            for n, a, m, s in zip(known["name"], known["actual"], known["milestone"], known["status"])
        ]
        ticks = [-limit, -limit / 2, 0, limit / 2, limit]
        fig.add_trace(
            go.Choropleth(
                geojson=geo,
                featureidkey=f"properties.{id_key}",
                locations=known["feature_id"],
                z=known["gap"],
                zmin=-limit,
                zmax=limit,
                colorscale=[[0, VERMILLION], [0.5, "#F7F7F7"], [1, BLUE]],
                marker_line_color="#666666",
                marker_line_width=0.6,
                hovertext=hover,
                hoverinfo="text",
                colorbar=_legend(
                    t("map_legend", lang, unit=unit) if unit else t("gap", lang),
                    ticks,
                    [fmt.signed(x, lang, 0 if limit >= 4 else 1) for x in ticks],
                ),
            )
        )
        centres = {str(f["properties"][id_key]): _centre(f["geometry"]) for f in gj["features"]}
        # the lowest gaps, behind or not: a map whose only coloured unit is ahead still names it
        worst = _apart(known[known["feature_id"].isin(centres)].sort_values("gap", kind="stable"), centres)
        if not worst.empty:
            fig.add_trace(
                go.Scattergeo(
                    lon=[centres[i][0] for i in worst["feature_id"]],
                    lat=[centres[i][1] for i in worst["feature_id"]],
                    text=[written[i] for i in worst["feature_id"]],
                    textposition=_sides([centres[i][0] for i in worst["feature_id"]], centres, d["feature_id"]),
                    mode="text",
                    textfont=dict(size=13, color="#111111"),
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    _frame(fig, gj, id_key, d["feature_id"])
    return layout(fig, lang, height=620, margin=dict(l=0, r=0, t=10, b=80), showlegend=False)
