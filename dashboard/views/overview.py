"""Tổng quan / Overview: every indicator with a target for the chosen unit and year; a row opens its detail."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import q
from dashboard.exports import chart_tables, download_menu
from dashboard.ui import components as c
from dashboard.ui import fmt, information, scorecard, tables
from dashboard.ui.i18n import level_label, t


def render() -> None:
    v = state.view()
    st.title(f"{v.unit_name} · {v.year}")
    df = q(v.key, "scorecard", v.unit, v.year)
    if df.empty:
        st.warning(t("no_targets", v.lang))
    else:
        c.status_counts(df)
        st.caption(t("detail_hint", v.lang))
        scorecard.table(df, v.lang)
        download_menu.menu(
            v, "scorecard", f"{t('overview', v.lang)} · {v.unit_name}", chart_tables.progress_table(df, v.lang)
        )
    others = q(v.key, "untargeted", v.unit, v.year)
    if others.empty:
        return
    heading = t("others", v.lang) + f" ({fmt.number(len(others), v.lang)})"
    # open when the year has nothing judged (e.g. the statistics office's series before the programme)
    with st.expander(heading, expanded=df.empty):
        tables.show(
            {
                t("indicator", v.lang): others["name_vi" if v.lang == "vi" else "name_en"],
                t("actual", v.lang): [_untargeted_value(r, v.lang) for r in others.itertuples()],
                t("source", v.lang): others["source_title"].fillna("–"),
            }
        )


def _untargeted_value(r, lang: str) -> str:
    if r.kind == "units_at_level":
        return f"{fmt.number(r.numerator, lang)}/{fmt.number(r.denominator, lang)}"
    if r.kind == "level":
        return level_label(r.levels, r.value, lang)
    return information.value_text(r, lang)


render()
