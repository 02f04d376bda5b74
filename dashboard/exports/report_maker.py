"""Making a report from a page: recipients, a button, the Word and PDF downloads and a preview.
Used by the Reports page (periodic report, Week report) and the Week page."""

from __future__ import annotations

import logging

import streamlit as st

from dashboard.exports import headless_chromium, report_content
from dashboard.exports.download_menu import slug
from dashboard.exports.report_content import Report
from dashboard.exports.report_docx import to_docx
from dashboard.exports.report_pdf import to_pdf
from dashboard.state import View
from dashboard.ui import tables
from dashboard.ui.i18n import translator

TEXT = {
    "recipients": ("Kính gửi (mỗi dòng một nơi nhận)", "Recipients (one per line)"),
    "charts": ("Kèm biểu đồ", "Include charts"),
    "charts_need_browser": (
        "Máy chủ chưa cài trình vẽ biểu đồ (Chromium): báo cáo Word sẽ không kèm biểu đồ. Hãy nhờ quản trị viên cài.",
        "The server has no chart renderer (Chromium): the Word report comes without charts. Ask the administrator.",
    ),
    "make": ("Tạo báo cáo", "Make the report"),
    "making": ("Đang tạo báo cáo…", "Making the report…"),
    "docx": ("Word (.docx)", "Word (.docx)"),
    "pdf": ("PDF", "PDF"),
    "preview": ("Xem trước nội dung", "Preview of the content"),
    "pdf_failed": (
        "Chưa tạo được bản PDF trên máy chủ này (cần trình Chromium): hãy tải bản Word, hoặc nhờ quản trị viên.",
        "The PDF could not be made on this server (it needs Chromium): download the Word file, or ask the administrator.",
    ),
    "no_week": (
        "Chưa khai báo Tuần lễ của năm {year} trong data/records/records.yaml.",
        "No Week is declared for {year} in data/records/records.yaml.",
    ),
}
_t = translator(TEXT)
DEFAULT_RECIPIENTS = {
    "province": ["Bộ Giáo dục và Đào tạo", "Ủy ban nhân dân tỉnh"],
    "district": ["Ban Chỉ đạo xây dựng xã hội học tập tỉnh", "Ủy ban nhân dân huyện"],
    "commune": ["Ban Chỉ đạo xây dựng xã hội học tập huyện", "Ủy ban nhân dân xã"],
    "country": ["Thủ tướng Chính phủ"],
}
BUILDERS = {"periodic": report_content.periodic, "week": report_content.week}


@st.cache_data(show_spinner=False, max_entries=20)
def _report(
    kind: str, key: str, unit: str, unit_name: str, year: int, recipients: tuple[str, ...], with_charts: bool
) -> Report | None:
    return BUILDERS[kind](key, unit, unit_name, year, list(recipients), with_charts=with_charts)


@st.cache_data(show_spinner=False, max_entries=20)
def _files(*args):
    r = _report(*args)
    pdf = None
    if headless_chromium.available():
        try:
            pdf = to_pdf(r)
        except Exception as exc:  # Chromium failing: a plain message on the page, the cause in the server log
            logging.getLogger(__name__).error("the report PDF failed: %s", exc)
    return to_docx(r), pdf


def _preview(r: Report) -> None:
    for b in r.blocks:
        if b.kind == "heading":
            st.markdown(f"**{b.text}**")
        elif b.kind in ("paragraph", "bullet", "note"):
            st.text(("- " if b.kind == "bullet" else "") + b.text)
        elif b.kind == "table" and b.frame is not None:
            tables.show(b.frame)
        elif b.kind == "chart" and b.png:
            st.image(b.png, caption=b.text, width=760)


def report_maker(v: View, kind: str) -> None:
    default = "\n".join(DEFAULT_RECIPIENTS.get(v.tier, DEFAULT_RECIPIENTS["province"]))
    left, right = st.columns([3, 1])
    text = left.text_area(_t("recipients", v.lang), default, height=90, key=f"recipients_{kind}_{v.tier}")
    drawable = headless_chromium.available()
    with_charts = (
        right.checkbox(
            _t("charts", v.lang),
            value=drawable,
            disabled=not drawable,
            help=None if drawable else _t("charts_need_browser", v.lang),
            key=f"report_charts_{kind}",
        )
        and drawable
    )
    recipients = tuple(line.strip() for line in text.splitlines() if line.strip())
    args = (kind, v.key, v.unit, v.unit_name, v.year, recipients, with_charts)
    clicked = right.button(_t("make", v.lang), type="primary", key=f"make_{kind}")
    if not clicked and st.session_state.get(f"made_{kind}") != args:
        return
    st.session_state[f"made_{kind}"] = args
    with st.spinner(_t("making", v.lang)):
        report = _report(*args)
        if report is None:
            st.info(_t("no_week", v.lang, year=v.year))
            return
        docx, pdf = _files(*args)
    name = f"bao-cao{'-tuan-le' if kind == 'week' else ''}_{slug(v.unit_name)}_{v.year}"
    a, b, _ = st.columns([1, 1, 3])
    a.download_button(
        _t("docx", v.lang),
        docx,
        icon=":material/download:",
        file_name=f"{name}.docx",
        on_click="ignore",
        key=f"dl_docx_{kind}",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    if pdf is not None:
        b.download_button(
            _t("pdf", v.lang),
            pdf,
            icon=":material/download:",
            file_name=f"{name}.pdf",
            mime="application/pdf",
            on_click="ignore",
            key=f"dl_pdf_{kind}",
        )
    else:
        st.warning(_t("pdf_failed", v.lang))
    with st.expander(_t("preview", v.lang), expanded=True):
        _preview(report)
