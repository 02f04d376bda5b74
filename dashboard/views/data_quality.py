"""Chất lượng dữ liệu / Data quality: the last build and its inputs, rejected rows with reasons, missing
unit-years, level disagreements and how the map was joined."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import build_info, q, table
from dashboard.exports import download_menu
from dashboard.ui import fmt, tables
from dashboard.ui.i18n import NEW_MAP_YEAR, REFORM_DAY, level_label, t, translator

TEXT = {
    "title": ("Chất lượng dữ liệu", "Data quality"),
    "build": ("Lần xây dựng gần nhất", "Last build"),
    "duration": ("Thời gian", "Duration"),
    "rows": ("Số dòng", "Rows"),
    "file": ("Tệp", "File"),
    "inputs": ("Tệp đầu vào", "Input files"),
    "rejects": ("Dòng dữ liệu bị loại", "Rejected rows"),
    "no_rejects": ("Không có dòng nào bị loại.", "No row was rejected."),
    "missing": ("Xã chưa báo cáo", "Communes that did not report"),
    "no_missing": ("Không thiếu báo cáo.", "Nothing missing."),
    "disagree": ("Mức độ báo cáo khác mức độ tính được", "Reported levels that differ from derived ones"),
    "map": ("Nối bản đồ với mã đơn vị", "Map features joined to unit codes"),
    "no_polygon": ("Xã không có vùng trên bản đồ", "Communes without a map polygon"),
    "row": ("Dòng", "Row"),
    "column": ("Cột", "Column"),
    "problem": ("Vấn đề", "Problem"),
    "group": ("Nhóm chỉ tiêu", "Indicator group"),
    "district": ("Huyện", "District"),
    "commune": ("Xã", "Commune"),
    "kind": ("Loại", "Kind"),
    "match": ("Cách nối", "Match"),
    "observations": ("số liệu", "observations"),
    "configuration": ("cấu hình", "configuration"),
    "week_activities": ("hoạt động Tuần lễ", "Week activities"),
    "literacy_classes": ("lớp xóa mù chữ", "literacy classes"),
    "match_exact": ("khớp đúng tên", "exact name"),
    "match_normalised": ("khớp sau chuẩn hóa", "after normalisation"),
    "match_alias": ("qua bảng đổi tên", "rename table"),
    "match_none": ("không khớp", "no match"),
    "reported": ("Mức độ báo cáo (công nhận)", "Reported (recognised) level"),
    "derived": ("Mức độ tính theo NĐ 20/2014", "Level derived by NĐ 20/2014"),
    "reform": (f"Sắp xếp ĐVHC {REFORM_DAY}: mục tiêu cần xem lại", f"The {REFORM_DAY} reform: targets to review"),
    "reform_help": (
        f"Từ năm {NEW_MAP_YEAR} không còn cấp huyện; các mục tiêu dưới đây không còn đơn vị để đánh giá từ {NEW_MAP_YEAR} "
        "(vẫn giữ nguyên và hiển thị cho các năm trước). Cán bộ phân tích có thể thêm mục tiêu theo địa giới mới "
        "ở trang Sửa mục tiêu.",
        f"From {NEW_MAP_YEAR} there is no district level; the targets below have no unit to be judged on from {NEW_MAP_YEAR} "
        "(kept and shown for earlier years). An analyst can add a target on the new map in the targets editor.",
    ),
    "target": ("Mục tiêu", "Target"),
    "reason": ("Lý do", "Reason"),
    "rebased": ("Mục tiêu thay thế (địa giới mới)", "Re-based target (new map)"),
    "counts_districts": ("đếm số huyện", "counts districts"),
    "applies_to_districts": ("áp dụng cho từng huyện", "applies to each district"),
    "unit_vanished": (f"đơn vị không còn từ {NEW_MAP_YEAR}", f"unit no longer exists from {NEW_MAP_YEAR}"),
    "not_rebased": ("chưa có", "none yet"),
}


_t = translator(TEXT)


def render() -> None:
    v = state.view()
    lg = v.lang
    st.title(f"{_t('title', lg)} · {v.unit_name}")
    info = build_info(v.key)
    inputs = table(v.key, "build_inputs")
    rejects = table(v.key, "rejects")
    missing = q(v.key, "missing", v.unit)
    dis = q(v.key, "disagreements", v.unit, None)
    cols = st.columns(4)
    cols[0].metric(_t("build", lg), f"{info['finished_at']:%d/%m/%Y %H:%M}", help=info["build_id"])
    cols[1].metric(_t("duration", lg), f"{fmt.number(info['duration_s'], lg, 1)} s")
    cols[2].metric(_t("rejects", lg), fmt.number(len(rejects), lg))
    cols[3].metric(_t("missing", lg), fmt.number(len(missing), lg))

    st.subheader(_t("rejects", lg))
    if rejects.empty:
        st.success(_t("no_rejects", lg))
    else:
        frame = pd.DataFrame(
            {
                _t("file", lg): rejects["file"],
                _t("row", lg): rejects["row"],
                _t("column", lg): rejects["column_name"],
                _t("problem", lg): rejects["message_vi" if lg == "vi" else "message_en"],
            }
        )
        tables.show(frame)
        download_menu.menu(v, "rejects", _t("rejects", lg), frame)  # to send back to the units that reported

    reform = q(v.key, "reform_targets", NEW_MAP_YEAR)
    if not reform.empty:
        st.subheader(_t("reform", lg))
        st.caption(_t("reform_help", lg))
        name = "name_vi" if lg == "vi" else "name_en"
        rebased = "rebased_vi" if lg == "vi" else "rebased_en"
        tables.show(
            pd.DataFrame(
                {
                    _t("target", lg): reform[name],
                    _t("reason", lg): reform["reason"].map(lambda r: _t(r, lg)),
                    _t("rebased", lg): [
                        b if isinstance(a, str) else _t("not_rebased", lg)
                        for a, b in zip(reform["rebased_by"], reform[rebased])
                    ],
                }
            )
        )

    st.subheader(_t("missing", lg))
    if missing.empty:
        st.success(_t("no_missing", lg))
    else:
        groups = table(v.key, "groups").set_index("id")[lg]
        frame = pd.DataFrame(
            {
                t("year", lg): missing["year"].astype(str),
                _t("district", lg): missing["district_name"],
                _t("commune", lg): missing["name"],
                _t("group", lg): missing["group"].map(groups),
            }
        )
        tables.show(frame)
        download_menu.menu(v, "missing", _t("missing", lg), frame)  # every row, however many the page shows

    st.subheader(_t("disagree", lg))
    tables.show(
        {
            t("year", lg): dis["year"].astype(str),
            t("unit", lg): dis["name"],
            t("indicator", lg): dis["name_vi" if lg == "vi" else "name_en"],
            _t("reported", lg): [level_label(r.levels, r.reported_level, lg) for r in dis.itertuples()],
            _t("derived", lg): [level_label(r.levels, r.derived_level, lg) for r in dis.itertuples()],
        }
    )

    st.subheader(_t("inputs", lg))
    tables.show(
        {
            _t("file", lg): inputs["file"],
            _t("kind", lg): inputs["kind"].map(lambda k: _t(k, lg)),
            _t("rows", lg): inputs["rows"],
        }
    )

    st.subheader(_t("map", lg))
    matches = q(v.key, "geo_matches")
    tables.show(
        pd.DataFrame(
            {
                _t("match", lg): matches["match"].fillna("none").map(lambda m: _t(f"match_{m}", lg)),
                "2009": matches["commune_2009"],
                "GSO": matches["unit_code"].fillna("—"),
            }
        )
    )
    no_polygon = q(v.key, "units_without_polygon", v.unit, v.year)
    if not no_polygon.empty:
        st.warning(_t("no_polygon", lg) + ": " + ", ".join(no_polygon["name"]))


render()
