"""Phổ cập / Universalisation: units by level of each standard per parent, against targets such as
"9 huyện đạt mức độ 3", and where reported (recognised) levels disagree with the derived ones."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import page_ids, q
from dashboard.exports import chart_tables, download_menu
from dashboard.ui import charts, scorecard, tables
from dashboard.ui.i18n import NEW_MAP_YEAR, level_label, t, translator

TEXT = {
    "title": ("Phổ cập giáo dục", "Universalisation of education"),
    "targets": ("Mục tiêu phổ cập", "Universalisation targets"),
    "communes": ("Đơn vị cấp xã theo mức độ đạt chuẩn", "Communes by level"),
    "districts": ("Đơn vị cấp huyện theo mức độ đạt chuẩn", "Districts by level"),
    "count_districts": ("Số đơn vị cấp huyện", "Number of districts"),
    "count_communes": ("Số đơn vị cấp xã", "Number of communes"),
    "disagree": ("Mức độ báo cáo khác mức độ tính theo tiêu chí", "Reported levels that differ from the derived ones"),
    "none": ("Không có khác biệt.", "No disagreement."),
    "reported": ("Báo cáo (công nhận)", "Reported (recognised)"),
    "derived": ("Tính theo NĐ 20/2014", "Derived (NĐ 20/2014)"),
}


_t = translator(TEXT)


def render() -> None:
    v = state.view()
    st.title(f"{_t('title', v.lang)} · {v.unit_name} · {v.year}")
    card = q(v.key, "group_scorecard", v.unit, v.year, page_ids().universalisation_group)
    if not card.empty:
        st.subheader(_t("targets", v.lang))
        scorecard.table(card, v.lang, key="pc_card")
    has_districts = v.tier == "province" and v.year < NEW_MAP_YEAR  # no districts from the reform on
    tiers = [("district", "districts"), ("commune", "communes")] if has_districts else [("commune", "communes")]
    for std in page_ids().universalisation_standards:
        ind = q(v.key, "level_indicator", std)
        if ind.empty:
            continue
        name = ind["name_vi" if v.lang == "vi" else "name_en"].iloc[0]
        levels = list(ind["levels"].iloc[0])
        st.subheader(name)
        cols = st.columns(len(tiers))
        for col, (tier, title) in zip(cols, tiers):
            dist = q(v.key, "level_distribution", v.unit, v.year, tier)
            dist = dist[dist["indicator"] == ind["id"].iloc[0]]
            with col:
                st.caption(_t(title, v.lang))
                if dist.empty:
                    st.info(t("no_series", v.lang))
                else:
                    fig = charts.level_distribution(dist, levels, v.lang, _t(f"count_{title}", v.lang))
                    st.plotly_chart(
                        fig, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key=f"dist_{std}_{tier}"
                    )
                    download_menu.menu(
                        v,
                        f"dist_{std}_{tier}",
                        f"{name} · {_t(title, v.lang)}",
                        chart_tables.progress_table(dist, v.lang),
                        fig,
                    )
    st.subheader(_t("disagree", v.lang))
    dis = q(v.key, "disagreements", v.unit, v.year)
    if dis.empty:
        st.success(_t("none", v.lang))
    else:
        tables.show(
            {
                t("unit", v.lang): dis["name"],
                t("indicator", v.lang): dis["name_vi" if v.lang == "vi" else "name_en"],
                _t("reported", v.lang): [level_label(r.levels, r.reported_level, v.lang) for r in dis.itertuples()],
                _t("derived", v.lang): [level_label(r.levels, r.derived_level, v.lang) for r in dis.itertuples()],
            }
        )


render()
