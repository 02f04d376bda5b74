"""The download menu under a chart or table: Excel and CSV of the table behind it, PNG and PDF of the chart.

Files are produced only when a button is pressed (callable data), so a page costs nothing extra to draw.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.data_access import warehouse
from dashboard.exports import file_writers, headless_chromium
from dashboard.state import View
from dashboard.ui.i18n import t, translator

TEXT = {
    "download": ("Tải xuống", "Download"),
    "xlsx": ("Bảng (Excel)", "Table (Excel)"),
    "csv": ("Bảng (CSV)", "Table (CSV)"),
    "png": ("Biểu đồ (PNG)", "Chart (PNG)"),
    "pdf": ("Biểu đồ (PDF)", "Chart (PDF)"),
    "sheet": ("Dữ liệu", "Data"),
    "about": ("Thông tin", "About"),
    "unit": ("Đơn vị", "Unit"),
    "year": ("Năm", "Year"),
    "build": ("Lần xây dựng kho dữ liệu", "Warehouse build"),
    "built_at": ("Thời điểm dữ liệu", "Data as of"),
    "chart_unavailable": ("Không xuất được biểu đồ: {error}", "The chart could not be exported: {error}"),
}
_t = translator(TEXT)


def slug(text: str) -> str:
    """ASCII file name part: 'Gia đình học tập' -> 'gia-dinh-hoc-tap'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "xhht"


def table_for(v: View, frame: pd.DataFrame, title: str) -> file_writers.Table:
    info = warehouse.build_info(v.key)
    about = {
        _t("unit", v.lang): f"{v.unit_name} ({v.unit})",
        _t("year", v.lang): str(v.year),
        _t("built_at", v.lang): str(info.get("finished_at", ""))[:19],
        _t("build", v.lang): str(info.get("build_id", "")),
        "": t("illustrative", v.lang),
    }
    return file_writers.Table(frame, title, about)


def menu(v: View, key: str, title: str, frame: pd.DataFrame, fig: go.Figure | None = None) -> None:
    """A popover with the downloads of one chart or table."""
    table = table_for(v, frame, title)
    name = f"{slug(title)}_{v.unit}_{v.year}"
    with st.popover(_t("download", v.lang), icon=":material/download:"):
        st.download_button(
            _t("xlsx", v.lang),
            lambda: file_writers.to_xlsx(table, _t("sheet", v.lang), _t("about", v.lang)),
            file_name=f"{name}.xlsx",
            on_click="ignore",
            key=f"dl_{key}_xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        st.download_button(
            _t("csv", v.lang),
            lambda: file_writers.to_csv(table),
            file_name=f"{name}.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"dl_{key}_csv",
        )
        if fig is not None and headless_chromium.available():  # drawn by Chromium: offered where there is one
            for fmt, mime in (("png", "image/png"), ("pdf", "application/pdf")):
                st.download_button(
                    _t(fmt, v.lang),
                    lambda fmt=fmt: file_writers.figure_bytes(fig, fmt, title=f"{title} · {v.unit_name} · {v.year}"),
                    file_name=f"{name}.{fmt}",
                    mime=mime,
                    on_click="ignore",
                    key=f"dl_{key}_{fmt}",
                )
