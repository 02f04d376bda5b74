"""Tổng quan / Overview: every indicator with a target for the chosen unit and year."""
from __future__ import annotations

import streamlit as st

from dashboard import components as c
from dashboard import warehouse
from dashboard.i18n import t


def render() -> None:
    lang = c.lang()
    key = warehouse.build_key()
    *unit_slots, year_slot = st.columns([3, 3, 3, 1.3])
    year = c.year_picker(key, year_slot)
    unit, name = c.unit_picker(key, year, unit_slots)
    st.title(f"{name} · {year}")
    df = warehouse.scorecard(key, unit, year)
    if df.empty:
        st.warning(t("no_targets", lang))
        return
    c.status_counts(df)
    c.scorecard_table(df, lang)
