"""Đơn vị / Gaps by unit: a status heatmap of child units × indicators, and a map of the province's
communes (or districts) coloured by the chosen indicator's gap."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import commune_map, q, table
from dashboard.exports import chart_tables, download_menu
from dashboard.ui import charts, fmt, maps
from dashboard.ui import components as c
from dashboard.ui.i18n import NEW_MAP_YEAR, t


def _sorted(grid, order: str):
    """Rows by name (Vietnamese collation, as queried) or with the most indicators behind first (n_behind)."""
    if order != "behind":
        return grid
    return grid.sort_values("n_behind", ascending=False, kind="stable")


def render() -> None:
    v = state.view()
    st.title(f"{t('gaps_by_unit', v.lang)} · {v.unit_name} · {v.year}")
    grid = q(v.key, "heatmap", v.unit, v.year)
    if grid.empty:
        st.info(t("pick_unit_with_children", v.lang))
    else:
        head, sort_slot = st.columns([3, 1])
        head.subheader(t("heatmap", v.lang))
        order = sort_slot.selectbox(
            t("sort_by", v.lang), ["name", "behind"], key="heat_sort", format_func=lambda k: t(f"sort_{k}", v.lang)
        )
        fig = charts.heatmap(_sorted(grid, order), v.lang)
        st.plotly_chart(fig, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="heatmap")
        st.caption(c.status_legend(grid["status"], v.lang))
        download_menu.menu(
            v, "heatmap", t("heatmap", v.lang), chart_tables.progress_table(_sorted(grid, order), v.lang), fig
        )

    st.subheader(t("map", v.lang))
    options = q(v.key, "targeted_indicators", v.unit)
    left, right = st.columns([3, 1])
    indicator = c.indicator_picker(options, left)
    if indicator is None:  # no target applies to this unit: nothing to colour the map by
        st.info(t("no_targets", v.lang))
        return
    tiers = ["commune", "district"] if v.tier == "province" and v.year < NEW_MAP_YEAR else ["commune"]
    tier = right.radio(
        t("map_tier", v.lang),
        tiers,
        horizontal=True,
        key="map_tier",
        format_func=lambda x: t("commune_new" if x == "commune" and v.year >= NEW_MAP_YEAR else x, v.lang),
    )
    meta = table(v.key, "indicators").set_index("id").loc[indicator]
    kind, levels = meta["kind"], meta["levels"]
    ranking = q(v.key, "ranking", v.unit, indicator, v.year)
    measure = ranking["measure"].dropna().iloc[0] if ranking["measure"].notna().any() else "percent"
    new_map = v.year >= NEW_MAP_YEAR  # the post-reform communes, dissolved from the old polygons
    values = (
        q(v.key, "map_values_new", v.unit, indicator, v.year)
        if new_map
        else q(v.key, "map_values", v.unit, indicator, v.year, tier)
    )
    base_map = commune_map(v.key)
    map_slot, rank_slot = st.columns([3, 2])
    if values.empty or base_map is None:
        map_slot.info(t("no_map", v.lang))
    else:
        map_slot.plotly_chart(
            maps.gap_map(values, None if new_map else base_map, kind, measure, v.lang, levels),
            width="stretch",
            theme=None,
            config=charts.PLOTLY_CONFIG,
            key="gap_map",
        )
        if new_map:
            map_slot.caption(t("new_map_note", v.lang))
        with map_slot:  # the map's table; the map itself is drawn from the app's own base map, not exported
            download_menu.menu(
                v,
                "map",
                f"{t('map', v.lang)} · {indicator}",
                chart_tables.progress_table(values.drop(columns=["geometry"], errors="ignore"), v.lang),
            )
    if not ranking.empty:
        rank_slot.caption(t("children_ranked", v.lang))
        fig = charts.ranking_chart(ranking, kind, measure, v.lang, levels)
        rank_slot.plotly_chart(fig, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="ranking")
        with rank_slot:
            download_menu.menu(
                v,
                "ranking",
                f"{indicator} · {t('children_ranked', v.lang)}",
                chart_tables.progress_table(ranking, v.lang),
                fig,
            )
    counts = q(v.key, "geo_match_counts").set_index("match")["n"].to_dict()
    st.caption(
        t(
            "map_note",
            v.lang,
            exact=fmt.number(counts.get("exact", 0), v.lang),
            normalised=fmt.number(counts.get("normalised", 0), v.lang),
            alias=fmt.number(counts.get("alias", 0), v.lang),
        )
    )
    unmatched = q(v.key, "geo_unmatched")
    if not unmatched.empty:
        st.warning(t("unmatched", v.lang, n=len(unmatched), names=", ".join(unmatched["commune_2009"])))


render()
