"""Chỉ tiêu / Indicator detail: the series against the milestone path and the target, the projection to
2030 with its method and evidence, the gap, and the same indicator for every child unit ranked by gap."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import q
from dashboard.exports import chart_tables, download_menu
from dashboard.present import slide_charts
from dashboard.ui import charts, fmt, information, provenance, scorecard
from dashboard.ui import components as c
from dashboard.ui.i18n import JUDGEMENT, METHOD, NEW_MAP_YEAR, label, t, translator
from dashboard.ui.theme import GREY, OUTLOOK_COLOURS, STATUS_COLOURS

_j = translator(JUDGEMENT)


def _headline(row, year: int, lang: str) -> None:
    cols = st.columns(4)
    cols[0].metric(t("actual", lang), c.fmt_actual(row, lang))
    cols[1].metric(t("milestone", lang), c.fmt_value(row, row.milestone, lang))
    cols[2].metric(t("target_2030", lang), c.fmt_value(row, row.target_2030, lang))
    cols[3].metric(t("gap", lang), c.fmt_gap(row, lang), help=c.fmt_to_close(row, lang) or None)
    # the status; an outlook only where there is one (no verdict without this year's value)
    badges = [c.badge(c.status_text(row, lang, year), STATUS_COLOURS.get(row.status, GREY))]
    if isinstance(row.outlook_category, str):
        badges.append(c.badge(c.outlook_text(row, lang), OUTLOOK_COLOURS.get(row.outlook_category, GREY)))
    elif c.replacement_name(row, lang):
        badges.append(c.badge(c.outlook_text(row, lang), GREY))
    to_close = c.fmt_to_close(row, lang)
    if to_close:
        badges.append(c.badge((f"Cần thêm {to_close}" if lang == "vi" else f"Needs {to_close} more"), GREY))
    if c.carried_over(row):
        badges.append(c.badge(_j("carried_over", lang), GREY))
    st.markdown(" ".join(badges), unsafe_allow_html=True)
    if row.status == "no_rule":
        st.caption(c.no_rule_note(lang))
    if c.carried_over(row):
        st.caption(_j("carried_over_note", lang))
    if isinstance(row.outlook_method, str):  # the evidence of an outlook; none without one (NaN is truthy)
        years = row.evidence_years or "–"
        note = t("evidence", lang, method=label(METHOD, row.outlook_method, lang), years=years)
        if row.years_behind is not None and not pd.isna(row.years_behind) and abs(row.years_behind) >= 0.05:
            n = fmt.number(abs(row.years_behind), lang, 1)
            note += " · " + t("years_behind" if row.years_behind > 0 else "years_ahead", lang, n=n)
        st.caption(note)


def _baseline(series: pd.DataFrame, year: int, r, lang: str) -> None:
    """The year the unit's path starts from (the target's baseline year, or the unit's first judged value)."""
    now = series[series["year"] == year]
    if now.empty or pd.isna(now["base_year"].iloc[0]):
        return
    base = now.iloc[0]
    st.caption(t("baseline", lang, year=int(base["base_year"]), value=c.fmt_value(r, base["base_value"], lang)))


def render() -> None:
    v = state.view()
    options = q(v.key, "unit_indicators", v.unit)
    if options.empty:
        st.warning(t("no_targets", v.lang))
        return
    indicator = c.indicator_picker(options, prefer=list(options.loc[options["targeted"], "indicator"]))
    picked = options.set_index("indicator").loc[indicator]
    name = picked["name_vi" if v.lang == "vi" else "name_en"]
    st.title(name)
    st.caption(f"{v.unit_name} · {v.year}")
    history = q(v.key, "history", v.unit, indicator)
    if not picked["targeted"]:  # figures only (e.g. the statistics office's series): shown, never judged
        information.show(history, v.year, v.lang)
        return
    card = q(v.key, "scorecard", v.unit, v.year)
    row = card[card["indicator"] == indicator]
    series = q(v.key, "series", v.unit, indicator)
    if row.empty or series.empty:
        st.info(t("no_series", v.lang))
        return
    r = next(row.itertuples())
    _headline(r, v.year, v.lang)
    _baseline(series, v.year, r, v.lang)
    points = provenance.points_from_frame(q(v.key, "target_provenance", r.target_id))
    st.caption(provenance.caption(points, lambda x: c.fmt_value(r, x, v.lang), v.lang))
    projection = c.projection_for(v.key, v.unit, r)
    comparable = q(v.key, "comparable_series", v.unit, indicator) if v.year >= NEW_MAP_YEAR else None
    if r.measure == "share" or r.measure == "count":
        comparable = None  # counts of units at a level are not converted across the reform
    # the chosen year's view: values up to that year, a projection only from that year's data or earlier (a 2024
    # page never draws a path projected from 2026 beside a 2024 outlook)
    shown, projection = slide_charts.until(series, projection, v.year)
    fig = charts.series_chart(shown, projection, r.kind, r.measure, v.lang, comparable, r.levels)
    earlier = information.earlier_trace(series, history, v.lang) if r.measure == "percent" else None
    if earlier is not None:  # the years before the programme, kept as history: drawn, never judged
        fig.add_trace(earlier)
        fig.update_xaxes(range=[int(history["year"].min()) - 0.5, 2030.8])
    st.plotly_chart(fig, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="series_chart")
    if comparable is not None and not comparable.empty:
        st.caption(t("comparable_note", v.lang))
    download_menu.menu(v, "series", f"{name} · {v.unit_name}", chart_tables.progress_table(series, v.lang), fig)
    ranking = q(v.key, "ranking", v.unit, indicator, v.year)
    if scorecard.all_on_milestone(ranking):
        st.subheader(t("children_ranked", v.lang))
        st.success(t("all_met", v.lang))  # not an empty axis around 0
        scorecard.ranking_table(ranking, r, v.lang)
    elif not ranking.empty:
        st.subheader(t("children_ranked", v.lang))
        left, right = st.columns([3, 2])
        with left:
            fig = charts.ranking_chart(ranking, r.kind, r.measure, v.lang, r.levels)
            st.plotly_chart(fig, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="ranking_chart")
            download_menu.menu(
                v,
                "ranking",
                f"{name} · {t('children_ranked', v.lang)}",
                chart_tables.progress_table(ranking, v.lang),
                fig,
            )
        with right:
            scorecard.ranking_table(ranking, r, v.lang)


render()
