"""The province map of a year (63 provinces before the reform, 34 after), each polygon carrying the GSO code of its
province; read once per build and year."""

from __future__ import annotations

import streamlit as st

from dashboard.data_access.warehouse import q
from pipelines.config.settings import settings
from pipelines.ingest.province_maps import province_map


@st.cache_resource(show_spinner=False, max_entries=8)  # the same object to every view, never unpickled; read-only
def province_geojson(key: str, year: int) -> dict:
    return province_map(year >= settings().first_new_map_year, q(key, "child_units", "VN", year))
