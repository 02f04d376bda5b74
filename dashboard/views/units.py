"""Đơn vị / Gaps by unit: a status heatmap of child units × indicators, and a map of the province's
communes (or districts) coloured by the chosen indicator's gap."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, fmt, state
from dashboard import components as c
from dashboard.i18n import t
from dashboard.warehouse import q
from pipelines.geo import commune_layers


def render() -> None:
    v = state.view()
    st.title(f"{t('gaps_by_unit', v.lang)} · {v.unit_name} · {v.year}")
    grid = q(v.key, "heatmap", v.unit, v.year)
    if grid.empty:
        st.info(t("pick_unit_with_children", v.lang))
    else:
        st.subheader(t("heatmap", v.lang))
        st.plotly_chart(charts.heatmap(grid, v.lang), width="stretch", config=charts.PLOTLY_CONFIG, key="heatmap")

    st.subheader(t("map", v.lang))
    options = q(v.key, "targeted_indicators", v.unit)
    left, right = st.columns([3, 1])
    indicator = c.indicator_picker(options, left)
    tiers = ["commune", "district"] if v.tier == "province" else ["commune"]
    tier = right.radio(t("map_tier", v.lang), tiers, horizontal=True, key="map_tier",
                       format_func=lambda x: t(x, v.lang))
    values = q(v.key, "map_values", v.unit, indicator, v.year, tier)
    layers = commune_layers()
    if values.empty or not layers:
        st.info(t("no_series", v.lang))
        return
    meta = q(v.key, "scorecard", v.unit, v.year)
    kind_row = meta[meta["indicator"] == indicator]
    kind = kind_row["kind"].iloc[0] if not kind_row.empty else "ratio"
    measure = values["measure"].dropna().iloc[0] if values["measure"].notna().any() else "percent"
    st.plotly_chart(charts.gap_map(values, str(layers[0]), kind, measure, v.lang), width="stretch",
                    config=charts.PLOTLY_CONFIG, key="gap_map")
    matches = q(v.key, "geo_matches")
    counts = matches["match"].value_counts().to_dict()
    st.caption(t("map_note", v.lang, exact=fmt.number(counts.get("exact", 0), v.lang),
                 normalised=fmt.number(counts.get("normalised", 0), v.lang), alias=fmt.number(counts.get("alias", 0), v.lang)))
    unmatched = matches[matches["match"].isna()]
    if not unmatched.empty:
        st.warning(t("unmatched", v.lang, n=len(unmatched), names=", ".join(unmatched["commune_2009"])))


render()
