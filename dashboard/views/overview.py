"""Tổng quan / Overview: every indicator with a target for the chosen unit and year; a row opens its detail."""
from __future__ import annotations

import streamlit as st

from dashboard import components as c
from dashboard import fmt, nav, state
from dashboard.i18n import t
from dashboard.warehouse import q


def render() -> None:
    v = state.view()
    st.title(f"{v.unit_name} · {v.year}")
    df = q(v.key, "scorecard", v.unit, v.year)
    if df.empty:
        st.warning(t("no_targets", v.lang))
    else:
        c.status_counts(df)
        st.caption(t("detail_hint", v.lang))
        clicked = c.scorecard_table(df, v.lang)
        if clicked:
            state.put("indicator", clicked)
            nav.go("indicator_detail")
    others = q(v.key, "untargeted", v.unit, v.year)
    if not others.empty:
        with st.expander(t("others", v.lang) + f" ({fmt.number(len(others), v.lang)})"):
            st.dataframe(
                {t("indicator", v.lang): others["name_vi" if v.lang == "vi" else "name_en"],
                 t("actual", v.lang): [c.fmt_value(r, r.share if r.kind == "units_at_level" else r.value, v.lang)
                                       if r.kind != "units_at_level" else f"{fmt.number(r.numerator, v.lang)}/{fmt.number(r.denominator, v.lang)}"
                                       for r in others.assign(measure="percent").itertuples()]},
                hide_index=True, width="stretch")


render()
