"""Tổng quan / Overview: every indicator with a target for the chosen unit and year."""
from __future__ import annotations

import streamlit as st

from dashboard import components as c
from dashboard import warehouse
from dashboard.i18n import t


def render() -> None:
    lang = c.lang()
    key = warehouse.build_key()
    left, right = st.columns([3, 1])
    with right:
        year = c.year_picker(key)
    with left:
        unit, name = c.unit_picker(key, year)
    st.title(f"{name} · {year}")
    df = warehouse.scorecard(key, unit, year)
    if df.empty:
        st.warning(t("no_targets", lang))
        return
    c.status_counts(df)
    st.dataframe(c.scorecard_frame(df, lang), hide_index=True, width="stretch",
                 height=min(38 * (len(df) + 1), 720))
