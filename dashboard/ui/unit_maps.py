"""The map of a unit's children on the units page: the country's provinces, a province's communes (or districts)
on the map of the year, coloured by an indicator's gap, or by its value when no target judges it. Built once per
build and view and kept: Plotly validating and copying a map's polygons cost ~0,13 s at every rerun (issue 17)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.data_access.province_layer import province_geojson
from dashboard.data_access.warehouse import commune_map, q, table
from dashboard.ui import maps
from dashboard.ui.i18n import NEW_MAP_YEAR


# the same figure to every view of it (st.plotly_chart only reads it); keyed by build, so a new build draws anew
@st.cache_resource(show_spinner=False, max_entries=200)
def unit_map(
    key: str, unit: str, year: int, indicator: str, tier: str, judged: bool, measure: str, lang: str
) -> tuple[pd.DataFrame, go.Figure, int] | None:
    """(the map's rows, the figure, how many areas the base map has), or None when there is nothing to draw."""
    meta = table(key, "indicators").set_index("id").loc[indicator]
    if unit == "VN":
        values = q(key, "province_values", indicator, year)
        gj, id_key = province_geojson(key, year), "unit_code"
    elif year >= NEW_MAP_YEAR:  # the post-reform communes, dissolved from the old polygons
        values = q(key, "map_values_new", unit, indicator, year)
        gj, id_key = maps.rows_geojson(values), "commune_id"
    else:
        values = q(key, "map_values", unit, indicator, year, tier)
        base_map = commune_map(key)
        gj, id_key = (maps.commune_geojson(base_map) if base_map else None), "commune_id"
    if values.empty or gj is None:
        return None
    figure = (
        maps.gap_map(values, gj, id_key, meta["kind"], measure, lang, meta["levels"])
        if judged
        else maps.value_map(values, gj, id_key, lang)
    )
    return values, figure, len(gj["features"])
