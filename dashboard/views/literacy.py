"""Xóa mù chữ / Literacy: every commune at a glance by literacy standard level, grouped by district,
the change since last year, and what each commune below the standard lacks."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import page_ids, q
from dashboard.exports import download_menu
from dashboard.ui import charts, fmt, tables
from dashboard.ui import components as c
from dashboard.ui.i18n import NEW_MAP_YEAR, level_label, t, translator
from dashboard.ui.theme import level_colour

TEXT = {
    "title": ("Xóa mù chữ", "Literacy"),
    "at_level": ("{n}/{total} xã đạt chuẩn mức độ {level}", "{n}/{total} communes at level {level}"),
    "vs_last": ("năm trước {n}", "last year {n}"),
    "below": ("Các xã chưa đạt chuẩn và điều còn thiếu", "Communes below the standard and what each lacks"),
    "lacks": ("cần thêm {n} {entity}", "needs {n} more {entity}"),
    "lacks_pct": ("{actual} so với yêu cầu {required}", "{actual} against the required {required}"),
    "dbkk": ("ĐBKK", "ĐBKK"),
    "communes": ("Số xã, phường, thị trấn theo mức độ đạt chuẩn", "Communes by standard level"),
    # from the reform: no thị trấn (they became communes), island districts became đặc khu
    "communes_new": ("Số xã, phường, đặc khu theo mức độ đạt chuẩn", "Communes by standard level"),
    "legend": (
        "Màu và nhãn theo mức độ đạt chuẩn xóa mù chữ; ↑/↓: thay đổi so với năm trước; ĐBKK: xã đặc biệt khó khăn (ngưỡng riêng).",
        "Colour and label by literacy standard level; ↑/↓: change since last year; ĐBKK: commune with especially difficult conditions (own thresholds).",
    ),
    "none_below": ("Không có xã nào dưới chuẩn trong năm này.", "No commune is below the standard this year."),
    "commune": ("Xã", "Commune"),
    "district": ("Huyện", "District"),
    "province": ("Tỉnh, thành phố", "Province"),  # a commune's parent from the reform on
    "level": ("Mức độ chưa đạt", "Level not met"),
    "what": ("Còn thiếu", "What it lacks"),
    "classes": ("Lớp xóa mù chữ và giáo dục tiếp tục sau khi biết chữ", "Literacy and post-literacy classes"),
    "no_classes": ("Chưa có số liệu lớp học năm này.", "No class data for this year."),
    "n_classes": ("{n} lớp", "{n} classes"),
    "classes_col": ("Số lớp", "Classes"),
    "enrolled": ("Học viên", "Learners"),
    "completed": ("Hoàn thành", "Completed"),
    "units": ("Số xã có lớp", "Communes with classes"),
    "programme": ("Chương trình", "Programme"),
    "to_close": ("Cần thêm (người)", "Still needed (people)"),
    "remaining": ("Còn thiếu sau học viên hoàn thành", "Remaining after completing learners"),
    "class_note": (
        "So sánh số người còn thiếu để đạt chuẩn (theo NĐ 20/2014) với số học viên hoàn thành lớp cùng mức "
        "trong năm; học viên chỉ được tính vào tỷ lệ khi trong độ tuổi của tiêu chí.",
        "People still needed for the standard (NĐ 20/2014) against learners completing a class of the same "
        "level that year; learners count towards the ratio only within the criterion's age band.",
    ),
}


_t = translator(TEXT)


def _tile(name: str, level, previous, dbkk: bool, lang: str, levels) -> str:
    level = None if pd.isna(level) else int(level)
    colour = level_colour(level, max(levels))
    text = "?" if level is None else level_label(levels, level, lang)
    change = ""
    if level is not None and not pd.isna(previous):
        delta = level - int(previous)
        change = " ↑" if delta > 0 else " ↓" if delta < 0 else ""
    dbkk = f' <span class="dbkk">{_t("dbkk", lang)}</span>' if dbkk else ""
    return (
        f'<div class="tile" style="border-left:6px solid {colour};background:{colour}1f">'
        f'<div class="name">{html.escape(name)}{dbkk}</div><div class="lvl">{text}{change}</div></div>'
    )


def _districts(communes: pd.DataFrame, lang: str, levels) -> str:
    """Each district's communes as tiles, districts in the query's order: one pass over plain columns (the country
    has ~10.000 communes in ~700 districts; a pandas group per district cost ~0,25 s at every rerun)."""
    tiles: dict[tuple, list[str]] = {}
    for code, district, name, level, previous, dbkk in zip(
        communes["district_code"],
        communes["district_name"],
        communes["name"],
        communes["level"].astype(object),
        communes["previous_level"].astype(object),
        communes["dbkk"],
    ):
        tiles.setdefault((code, district), []).append(_tile(name, level, previous, bool(dbkk), lang, levels))
    return "".join(
        f'<div class="district"><h4>{html.escape(district)}</h4><div class="tiles">{"".join(group)}</div></div>'
        for (_code, district), group in tiles.items()
    )


STYLE = """<style>
.districts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
.district h4{margin:0 0 6px 0;font-size:1rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:4px}
.tile{padding:4px 6px;border-radius:3px;font-size:.85rem;line-height:1.2}
.tile .lvl{font-weight:600}
.dbkk{font-size:.7rem;border:1px solid #888;border-radius:3px;padding:0 3px}
</style>"""


def render() -> None:
    v = state.view()
    st.title(f"{_t('title', v.lang)} · {v.unit_name} · {v.year}")
    level_ind = q(v.key, "level_indicator", page_ids().literacy_standard)
    if level_ind.empty:
        st.info(t("no_series", v.lang))
        return
    indicator, levels = level_ind["id"].iloc[0], list(level_ind["levels"].iloc[0])
    communes = q(v.key, "literacy_communes", v.unit, v.year, indicator)
    if communes.empty:
        st.info(t("no_series", v.lang))
        return
    compare = v.year != NEW_MAP_YEAR  # no comparison across the reform: last year's units are not this year's
    if not compare:
        communes = communes.assign(previous_level=float("nan"))
    counts = q(v.key, "literacy_level_counts", v.unit, v.year, indicator, compare)
    cols = st.columns(len(counts))
    for col, r in zip(cols, counts.itertuples()):
        n, total = fmt.number(r.now, v.lang), fmt.number(r.total, v.lang)
        has_previous = not pd.isna(r.previous)
        col.metric(
            _t("at_level", v.lang, n=n, total=total, level=r.level),
            f"{n}/{total}",
            delta=c.delta(fmt.signed(r.now - r.previous, v.lang)) if has_previous else None,
            delta_description=t("since_last", v.lang) if has_previous else None,
            help=_t("vs_last", v.lang, n=fmt.number(r.previous, v.lang)) if has_previous else None,
        )
    if v.unit == "VN":  # ~10.000 communes: read by province, a tile each would be a wall
        by_province = q(v.key, "literacy_provinces", v.year, indicator)
        communes_by_level = _t("communes_new" if v.year >= NEW_MAP_YEAR else "communes", v.lang)
        fig = charts.level_distribution(by_province, levels, v.lang, communes_by_level)
        st.plotly_chart(fig, width="stretch", theme=None, config=charts.PLOTLY_CONFIG, key="literacy_provinces")
    else:
        st.caption(_t("legend", v.lang))
        st.html(STYLE + f'<div class="districts">{_districts(communes, v.lang, levels)}</div>')

    _below(v, indicator, levels)
    _classes(v, indicator, levels)


def _parent(v) -> str:
    """What a commune belongs to in the view's year: its district, or from the reform on its province."""
    return _t("province" if v.year >= NEW_MAP_YEAR else "district", v.lang)


def _below(v, indicator: str, levels) -> None:
    st.subheader(_t("below", v.lang))
    short = q(v.key, "shortfalls", v.unit, v.year, indicator)
    short = short[short["tier"] == "commune"]
    if short.empty:
        st.success(_t("none_below", v.lang))
        return
    rows = []
    for r in short.itertuples():
        entity = r.entity_vi if v.lang == "vi" else r.entity_en
        if not pd.isna(r.to_close) and isinstance(entity, str):
            what = _t("lacks", v.lang, n=fmt.number(r.to_close, v.lang), entity=entity)
        else:
            what = _t(
                "lacks_pct", v.lang, actual=fmt.percent(r.actual, v.lang), required=fmt.percent(r.required, v.lang)
            )
        rows.append(
            {
                _t("commune", v.lang): r.name,
                _parent(v): r.parent_name,
                _t("level", v.lang): level_label(levels, r.level, v.lang),
                _t("what", v.lang): what,
            }
        )
    tables.show(pd.DataFrame(rows))


def _classes(v, indicator: str, levels) -> None:
    st.subheader(_t("classes", v.lang))
    totals = q(v.key, "class_totals", v.unit, v.year)
    if totals.empty:
        st.info(_t("no_classes", v.lang))
        return
    cols = st.columns(len(totals))
    for col, r in zip(cols, totals.itertuples()):
        col.metric(
            r.vi if v.lang == "vi" else r.en,
            _t("n_classes", v.lang, n=fmt.number(r.classes, v.lang)),
            help=f"{_t('enrolled', v.lang)}: {fmt.number(r.enrolled, v.lang)} · "
            f"{_t('completed', v.lang)}: {fmt.number(r.completed, v.lang)} · "
            f"{_t('units', v.lang)}: {fmt.number(r.units, v.lang)}",
        )
    table = pd.DataFrame(
        {
            _t("programme", v.lang): totals["vi" if v.lang == "vi" else "en"],
            _t("units", v.lang): totals["units"],
            _t("classes_col", v.lang): totals["classes"],
            _t("enrolled", v.lang): totals["enrolled"],
            _t("completed", v.lang): totals["completed"],
        }
    )
    download_menu.menu(v, "class_totals", _t("classes", v.lang), table)
    gaps = q(v.key, "class_gaps", v.unit, v.year, indicator)
    if not gaps.empty:
        st.caption(_t("class_note", v.lang))
        frame = pd.DataFrame(
            {
                _t("commune", v.lang): gaps["name"],
                _parent(v): gaps["parent_name"],
                _t("level", v.lang): [level_label(levels, x, v.lang) for x in gaps["level"]],
                _t("to_close", v.lang): gaps["to_close"],
                _t("completed", v.lang): gaps["completed"],
                _t("remaining", v.lang): gaps["remaining"],
            }
        )
        tables.show(frame)
        download_menu.menu(v, "class_gaps", _t("remaining", v.lang), frame)


render()
