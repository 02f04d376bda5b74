"""The gap map: communes coloured by the gap to this year's milestone, from the pre-reform polygons (a GeoJSON
file) or from the post-reform communes' dissolved polygons (rows of the query)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.ui.charts import layout, value_text
from dashboard.ui.i18n import STATUS, label, t
from dashboard.ui.theme import BLUE, UNKNOWN, VERMILLION


@lru_cache(maxsize=4)
def _geojson(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def gap_map(df: pd.DataFrame, geojson_path: str | None, kind: str, measure: str, lang: str, levels=None) -> go.Figure:
    """Communes coloured by the gap to this year's milestone (diverging: behind vermillion, ahead blue).
    Without a geojson_path, `df` carries each commune's polygon (column geometry: the post-2025 communes
    dissolved from the old ones; `approximate` where an old commune was split)."""
    d = df.copy()
    if geojson_path is None:
        gj = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": str(r.feature_id),
                    "properties": {"commune_id": str(r.feature_id)},
                    "geometry": json.loads(r.geometry),
                }
                for r in d.itertuples()
            ],
        }
        d["feature_id"] = d["feature_id"].astype(str)
        d["name"] = [f"{n} ({t('approximate', lang)})" if a else n for n, a in zip(d["name"], d["approximate"])]
    else:
        gj = _geojson(geojson_path)
        d["feature_id"] = d["feature_id"].astype(int)
    limit = max(1e-9, float(d["gap"].abs().max())) if d["gap"].notna().any() else 1.0
    hover = [
        f"{n}<br>{value_text(a, measure, kind, lang, levels)} / {value_text(m, measure, kind, lang, levels)}"
        f"<br>{label(STATUS, s, lang) if isinstance(s, str) else '–'}"
        for n, a, m, s in zip(d["name"], d["actual"], d["milestone"], d["status"])
    ]
    fig = go.Figure(
        go.Choropleth(
            geojson=gj,
            featureidkey="properties.commune_id",
            locations=d["feature_id"],
            z=d["gap"].fillna(0),
            zmin=-limit,
            zmax=limit,
            colorscale=[[0, VERMILLION], [0.5, "#F7F7F7"], [1, BLUE]],
            marker_line_color="#666666",
            marker_line_width=0.6,
            hovertext=hover,
            hoverinfo="text",
            colorbar=dict(title=t("gap", lang), thickness=14),
        )
    )
    missing = d[d["gap"].isna()]
    if not missing.empty:
        fig.add_trace(
            go.Choropleth(
                geojson=gj,
                featureidkey="properties.commune_id",
                locations=missing["feature_id"],
                z=[0] * len(missing),
                colorscale=[[0, UNKNOWN], [1, UNKNOWN]],
                showscale=False,
                marker_line_color="#666666",
                marker_line_width=0.6,
                hovertext=[f"{n}<br>{t('no_value', lang)}" for n in missing["name"]],
                hoverinfo="text",
            )
        )
    fig.update_geos(fitbounds="locations", visible=False)
    return layout(fig, lang, height=560, margin=dict(l=0, r=0, t=10, b=0))
