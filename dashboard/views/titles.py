"""Danh hiệu học tập / Learning titles: families, clans, communities, units and citizens against their
targets, for the chosen unit and for each unit under it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import page_ids, q
from dashboard.exports import chart_tables, download_menu
from dashboard.ui import components as c
from dashboard.ui import scorecard, tables
from dashboard.ui.i18n import STATUS, label, t, translator

TEXT = {"title": ("Danh hiệu học tập", "Learning titles"), "by_unit": ("Theo đơn vị trực thuộc", "By child unit")}


_t = translator(TEXT)


def render() -> None:
    v = state.view()
    st.title(f"{_t('title', v.lang)} · {v.unit_name} · {v.year}")
    card = q(v.key, "group_scorecard", v.unit, v.year, page_ids().titles_group)
    if card.empty:
        st.info(t("no_targets", v.lang))
    else:
        cols = st.columns(len(card))
        for col, r in zip(cols, card.itertuples()):
            # the arrow is the change since last year, as in the table; the distance to the milestone is in words
            c.change_metric(
                col,
                r,
                v.lang,
                c.fmt_actual(r, v.lang),
                c.short_name(r, v.lang),
                help=f"{t('milestone', v.lang)}: {c.fmt_value(r, r.milestone, v.lang)} · "
                f"{t('target_2030', v.lang)}: {c.fmt_value(r, r.target_2030, v.lang)}",
            )
            col.caption(c.fmt_gap_words(r, v.year, v.lang))
        scorecard.table(card, v.lang, key="titles_card")
    grid = q(v.key, "heatmap", v.unit, v.year)
    grid = grid[grid["group"] == page_ids().titles_group]
    if grid.empty:
        return
    st.subheader(_t("by_unit", v.lang))
    names = (
        grid.drop_duplicates("indicator").set_index("indicator")["name_vi" if v.lang == "vi" else "name_en"].to_dict()
    )
    names.update({r.indicator: c.short_name(r, v.lang) for r in card.itertuples()})
    table: dict[str, dict[str, str]] = {}  # unit -> title -> "value mark", units in the grid's order
    for r in grid.itertuples():
        line = table.setdefault(r.name, {})
        line[names[r.indicator]] = f"{c.fmt_actual(r, v.lang)} {label(STATUS, r.status, v.lang).split(' ')[0]}"
    frame = pd.DataFrame.from_dict(table, orient="index")
    frame.index.name = t("unit", v.lang)
    tables.show(frame.reset_index())
    st.caption(c.status_legend(grid["status"], v.lang))
    download_menu.menu(
        v,
        "titles_by_unit",
        f"{_t('title', v.lang)} · {_t('by_unit', v.lang)}",
        chart_tables.progress_table(grid, v.lang),
    )


render()
