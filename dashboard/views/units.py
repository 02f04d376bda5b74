"""Đơn vị / Gaps by unit: a status heatmap of child units × indicators, and a map of the province's
communes (or districts) coloured by the chosen indicator's gap."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import q, table
from dashboard.exports import chart_tables, download_menu
from dashboard.ui import charts, maps, scorecard
from dashboard.ui import components as c
from dashboard.ui.i18n import NEW_MAP_YEAR, t
from dashboard.ui.unit_maps import unit_map


def _sorted(grid, order: str):
    """Rows by name (Vietnamese collation, as queried) or the worst first: most indicators behind (n_behind), then
    the furthest behind their milestones (the sum of the percentage gaps)."""
    if order != "behind":
        return grid
    gaps = grid[grid["measure"] != "count"].groupby("code")["gap"].sum()
    worst = grid.assign(_gap=grid["code"].map(gaps).fillna(0))
    return worst.sort_values(["n_behind", "_gap"], ascending=[False, True], kind="stable").drop(columns="_gap")


def render() -> None:
    v = state.view()
    st.title(f"{t('gaps_by_unit', v.lang)} · {v.unit_name} · {v.year}")
    grid = q(v.key, "heatmap", v.unit, v.year)
    if grid.empty:
        # a commune has no child units; a province or the country may have none judged in this year
        st.info(t("pick_unit_with_children" if v.tier == "commune" else "no_judged_children", v.lang, year=v.year))
    else:
        head, sort_slot = st.columns([3, 1])
        head.subheader(t("heatmap", v.lang))
        order = sort_slot.selectbox(
            t("sort_by", v.lang),
            ["behind", "name"],
            key="heat_sort",
            format_func=lambda k: t(f"sort_{k}", v.lang),
            help=t("sort_behind_help", v.lang),
        )
        st.markdown(c.status_key(grid["status"], v.lang), unsafe_allow_html=True)
        fig = charts.heatmap(_sorted(grid, order), v.lang)
        st.plotly_chart(fig, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="heatmap")
        columns = charts.heatmap_columns(grid, v.lang)
        st.caption(" · ".join(f"**{i}** {name}" for i, name in enumerate(columns, 1)))
        download_menu.menu(
            v, "heatmap", t("heatmap", v.lang), chart_tables.progress_table(_sorted(grid, order), v.lang), fig
        )

    heading = st.empty()  # a gap map or, for figures with no target, a map of values: said once the pick is known
    country = v.tier == "country"
    options = q(v.key, "unit_indicators", v.unit)
    if not country:  # the provinces' figures without a target (the statistics office's) are mapped for the country
        options = options[options["targeted"]]
    left, right = st.columns([3, 1])
    # the country's map draws its provinces, the others their communes
    with_data = list(q(v.key, "mapped_indicators", v.unit, v.year, 1 if country else None)["indicator"])
    if country:
        with_data += list(q(v.key, "untargeted", v.unit, v.year)["indicator"])
    indicator = c.indicator_picker(options, left, prefer=[i for i in with_data if i in set(options["indicator"])])
    if indicator is None:  # no target applies to this unit: nothing to colour the map by
        heading.subheader(t("map", v.lang))
        st.info(t("no_targets", v.lang))
        return
    judged = bool(options.set_index("indicator").loc[indicator, "targeted"])
    heading.subheader(t("map" if judged else "value_map", v.lang))
    if country:
        tiers = ["province"]
    else:
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
    drawn = unit_map(v.key, v.unit, v.year, indicator, tier, judged, measure, v.lang)
    if drawn is None:
        st.info(t("no_map", v.lang))
    else:
        values, figure, areas = drawn
        st.plotly_chart(figure, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="gap_map")
        notes = [t("map_named", v.lang, n=maps.NAMED)] if judged else []  # a map of values names no unit
        if values["gap" if judged else "value"].isna().any():
            notes.append(t("map_no_data", v.lang, year=v.year))
        if country:
            notes.append(t("province_map", v.lang, n=areas, year=v.year))
        elif new_map:
            notes.append(t("new_map_note", v.lang))
        st.caption(" ".join(notes))
        download_menu.menu(  # the map's table; the map itself is drawn from the app's own base map, not exported
            v,
            "map",
            f"{t('map' if judged else 'value_map', v.lang)} · {meta['name_vi' if v.lang == 'vi' else 'name_en']}",
            chart_tables.progress_table(values.drop(columns=["geometry"], errors="ignore"), v.lang),
        )
    rank_slot = st.container()
    if scorecard.all_on_milestone(ranking):
        rank_slot.success(t("all_met", v.lang))  # not an empty axis around 0
    elif not ranking.empty:
        rank_slot.caption(t("children_ranked", v.lang))
        fig = charts.ranking_chart(ranking, kind, measure, v.lang, levels)
        rank_slot.plotly_chart(fig, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="ranking")
        with rank_slot:
            download_menu.menu(
                v,
                "ranking",
                f"{meta['name_vi' if v.lang == 'vi' else 'name_en']} · {t('children_ranked', v.lang)}",
                chart_tables.progress_table(ranking, v.lang),
                fig,
            )


render()
