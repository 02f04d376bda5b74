"""Tuần lễ / Lifelong Learning Week: the year's dates and theme, what the communes' learning centres did
(activities, participants, online), by kind and by unit, who has not reported; the Excel collection template
and the Week report."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import page_ids, q
from dashboard.exports import download_menu
from dashboard.exports.report_maker import report_maker
from dashboard.ui import charts, fmt, tables
from dashboard.ui.i18n import translator
from pipelines.config.record_catalog import load_records_config
from pipelines.ingest.record_templates import template

TEXT = {
    "title": ("Tuần lễ hưởng ứng học tập suốt đời", "Lifelong Learning Week"),
    "dates": ("Từ {start} đến {end}", "From {start} to {end}"),
    "theme": ("Chủ đề: {theme}", "Theme: {theme}"),
    "no_theme": ("Chủ đề năm nay chưa được công bố.", "This year's theme has not been announced yet."),
    "no_week": (
        "Chưa khai báo Tuần lễ học tập suốt đời năm {year}. Các năm đã khai báo: {years}.",
        "No Week declared for {year}. Declared years: {years}.",
    ),
    "reporting": ("Đơn vị đã báo cáo", "Units that reported"),
    "events": ("Số hoạt động", "Activities"),
    "participants": ("Lượt người tham gia", "Participants"),
    "online": ("Trực tuyến", "Online"),
    "by_kind": ("Theo loại hoạt động", "By kind of activity"),
    "by_unit": ("Theo đơn vị", "By unit"),
    "unit": ("Đơn vị", "Unit"),
    "communes": ("Số xã", "Communes"),
    "missing": ("Chưa báo cáo ({n})", "Not reported ({n})"),
    "district": ("Huyện", "District"),
    "nothing": ("Chưa có đơn vị nào báo cáo.", "No unit has reported yet."),
    "collect": ("Thu thập số liệu", "Collecting the data"),
    "shown_instead": (
        "Năm {year} chưa khai báo Tuần lễ học tập suốt đời; trang hiển thị Tuần lễ năm {shown}.",
        "No Week declared for {year}; this page shows the {shown} Week.",
    ),
    "template": ("Mẫu Excel thu thập ({n} xã)", "Excel collection template ({n} communes)"),
    "template_help": (
        "Mỗi xã điền loại hoạt động, hình thức, số hoạt động, số người; lưu thành tuan_le_*.xlsx trong "
        "data/records/ rồi xây dựng lại kho dữ liệu.",
        "Each commune fills in kind, mode, number of activities and participants; save as tuan_le_*.xlsx in "
        "data/records/ and rebuild the warehouse.",
    ),
    "report": ("Báo cáo Tuần lễ", "Week report"),
}
_t = translator(TEXT)


@st.cache_data(show_spinner=False)
def _template(key: str, unit: str, year: int) -> bytes:
    communes = q(key, "week_missing_all", unit, year)
    return template("tuan_le", load_records_config(), communes, year, rows_per_unit=3)


def _reported(v, year: int) -> bool:
    info = q(v.key, "week_info", v.unit, year, page_ids().online_mode)
    return not info.empty and info["reporting"].iloc[0] > 0


def _year_shown(v) -> int:
    """The year asked for when its Week has reports, else the nearest earlier Week with reports (else the next
    one): the page says which year it shows rather than opening on an empty Week."""
    if _reported(v, v.year):
        return v.year
    declared = [int(y) for y in q(v.key, "week_years")["year"]]
    nearest = sorted(declared, key=lambda y: (y > v.year, abs(y - v.year)))
    return next((y for y in nearest if _reported(v, y)), v.year)


def render() -> None:
    v = state.view()
    asked = v.year
    v = dataclasses.replace(v, year=_year_shown(v))
    info = q(v.key, "week_info", v.unit, v.year, page_ids().online_mode)
    st.title(f"{_t('title', v.lang)} · {v.unit_name} · {v.year}")
    if info.empty:
        years = ", ".join(str(y) for y in q(v.key, "week_years")["year"])
        st.info(_t("no_week", v.lang, year=asked, years=years or "–"))
        return
    if v.year != asked:
        st.info(_t("shown_instead", v.lang, year=asked, shown=v.year))
    i = info.iloc[0]
    st.markdown(
        f"**{_t('dates', v.lang, start=f'{i.start_date:%d/%m/%Y}', end=f'{i.end_date:%d/%m/%Y}')}** · "
        + (
            _t("theme", v.lang, theme=f"“{i.theme}”")
            if isinstance(i.theme, str) and i.theme
            else _t("no_theme", v.lang)
        )
    )
    by_kind = q(v.key, "week_by_activity", v.unit, v.year)
    cols = st.columns(4)
    cols[0].metric(_t("reporting", v.lang), f"{fmt.number(i.reporting, v.lang)}/{fmt.number(i.communes, v.lang)}")
    cols[1].metric(_t("events", v.lang), fmt.number(i.events, v.lang))
    cols[2].metric(_t("participants", v.lang), fmt.number(i.participants, v.lang))
    cols[3].metric(_t("online", v.lang), fmt.percent(i.online_share, v.lang))
    if by_kind.empty:
        st.info(_t("nothing", v.lang))
    else:
        left, right = st.columns([3, 2])
        with left:
            st.subheader(_t("by_kind", v.lang))
            fig = charts.week_activities_chart(by_kind, v.lang)
            st.plotly_chart(fig, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="week_chart")
            name = "vi" if v.lang == "vi" else "en"
            kind_table = pd.DataFrame(
                {
                    _t("by_kind", v.lang): by_kind[f"activity_{name}"],
                    _t("online", v.lang): by_kind[f"mode_{name}"],
                    _t("communes", v.lang): by_kind["units"],
                    _t("events", v.lang): by_kind["events"],
                    _t("participants", v.lang): by_kind["participants"],
                }
            )
            download_menu.menu(
                v, "week_kind", f"{_t('title', v.lang)} {v.year} · {_t('by_kind', v.lang)}", kind_table, fig
            )
        with right:
            st.subheader(_t("by_unit", v.lang))
            by_unit = q(v.key, "week_by_unit", v.unit, v.year, page_ids().online_mode)
            unit_table = pd.DataFrame(
                {
                    _t("unit", v.lang): by_unit["name"],
                    _t("communes", v.lang): by_unit["communes"],
                    _t("reporting", v.lang): by_unit["reporting"],
                    _t("events", v.lang): by_unit["events"],
                    _t("participants", v.lang): by_unit["participants"],
                    _t("online", v.lang): by_unit["online"],
                }
            )
            shown = {
                _t("unit", v.lang): by_unit["name"],
                _t("reporting", v.lang): [
                    f"{fmt.number(a, v.lang)}/{fmt.number(b, v.lang)}"
                    for a, b in zip(by_unit["reporting"], by_unit["communes"])
                ],
                _t("participants", v.lang): [fmt.number(x, v.lang) for x in by_unit["participants"]],
                _t("online", v.lang): [fmt.number(x, v.lang) for x in by_unit["online"]],
            }
            tables.show(shown)
            download_menu.menu(v, "week_unit", f"{_t('title', v.lang)} {v.year} · {_t('by_unit', v.lang)}", unit_table)
    missing = q(v.key, "week_missing", v.unit, v.year)
    if not missing.empty:
        with st.expander(_t("missing", v.lang, n=fmt.number(len(missing), v.lang))):
            tables.show(
                pd.DataFrame({_t("unit", v.lang): missing["name"], _t("district", v.lang): missing["parent_name"]})
            )
    st.subheader(_t("collect", v.lang))
    n = len(q(v.key, "week_missing_all", v.unit, v.year))
    st.download_button(
        _t("template", v.lang, n=fmt.number(n, v.lang)),
        lambda: _template(v.key, v.unit, v.year),
        icon=":material/download:",
        file_name=f"tuan_le_{download_menu.slug(v.unit_name)}_{v.year}.xlsx",
        on_click="ignore",
        key="week_template",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        help=_t("template_help", v.lang),
    )
    st.subheader(_t("report", v.lang))
    report_maker(v, "week")


render()
