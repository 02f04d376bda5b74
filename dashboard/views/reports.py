"""Báo cáo / Reports: the periodic report of the steering committee for the chosen unit and year, as an
editable Word file and as PDF, with a preview of its content. The document itself is in Vietnamese."""
from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.downloads import slug
from dashboard.i18n import translator
from dashboard.report_content import Report, periodic
from dashboard.report_docx import to_docx
from dashboard.report_pdf import to_pdf

TEXT = {
    "title": ("Báo cáo định kỳ", "Periodic report"),
    "intro": ("Báo cáo kết quả thực hiện các chỉ tiêu của {unit} năm {year}, theo thể thức văn bản hành chính "
              "(Nghị định 30/2020/NĐ-CP): tải về bản Word để Ban Chỉ đạo chỉnh sửa, bổ sung đề xuất và ký ban hành, "
              "hoặc bản PDF. Hạn báo cáo: số liệu xóa mù chữ, phổ cập gửi Bộ trước 10/10; kết quả các mô hình học tập "
              "trước 15/12.",
              "The report on {unit}'s targets in {year}, in the layout of a Vietnamese administrative document "
              "(Decree 30/2020): download the Word file for the committee to edit, add its proposals and sign, or the "
              "PDF. The document is written in Vietnamese. Deadlines: literacy and universalisation data to the "
              "Ministry by 10/10; learning-model results by 15/12."),
    "recipients": ("Kính gửi (mỗi dòng một nơi nhận)", "Recipients (one per line)"),
    "charts": ("Kèm biểu đồ", "Include charts"),
    "make": ("Tạo báo cáo", "Make the report"),
    "making": ("Đang tạo báo cáo…", "Making the report…"),
    "docx": ("⤓ Word (.docx)", "⤓ Word (.docx)"),
    "pdf": ("⤓ PDF", "⤓ PDF"),
    "preview": ("Xem trước nội dung", "Preview of the content"),
    "pdf_failed": ("Không tạo được bản PDF (cần Chromium trên máy chủ): {error}",
                   "The PDF could not be made (needs Chromium on the server): {error}"),
}
_t = translator(TEXT)
DEFAULT_RECIPIENTS = {"province": ["Bộ Giáo dục và Đào tạo", "Ủy ban nhân dân tỉnh"],
                      "district": ["Ban Chỉ đạo xây dựng xã hội học tập tỉnh", "Ủy ban nhân dân huyện"],
                      "commune": ["Ban Chỉ đạo xây dựng xã hội học tập huyện", "Ủy ban nhân dân xã"],
                      "country": ["Thủ tướng Chính phủ"]}


@st.cache_data(show_spinner=False, max_entries=20)
def _report(key: str, unit: str, unit_name: str, year: int, recipients: tuple[str, ...], with_charts: bool) -> Report:
    return periodic(key, unit, unit_name, year, list(recipients), with_charts=with_charts)


@st.cache_data(show_spinner=False, max_entries=20)
def _files(key: str, unit: str, unit_name: str, year: int, recipients: tuple[str, ...], with_charts: bool):
    r = _report(key, unit, unit_name, year, recipients, with_charts)
    try:
        pdf, error = to_pdf(r), None
    except Exception as exc:  # no Chromium: the Word file still serves
        pdf, error = None, str(exc).splitlines()[0]
    return to_docx(r), pdf, error


def _preview(r: Report) -> None:
    for b in r.blocks:
        if b.kind == "heading":
            st.markdown(f"**{b.text}**")
        elif b.kind in ("paragraph", "bullet", "note"):
            st.text(("- " if b.kind == "bullet" else "") + b.text)
        elif b.kind == "table" and b.frame is not None:
            st.dataframe(b.frame, hide_index=True, width="stretch")
        elif b.kind == "chart" and b.png:
            st.image(b.png, caption=b.text)


def render() -> None:
    v = state.view()
    st.title(f"{_t('title', v.lang)} · {v.unit_name} · {v.year}")
    st.caption(_t("intro", v.lang, unit=v.unit_name, year=v.year))
    default = "\n".join(DEFAULT_RECIPIENTS.get(v.tier, DEFAULT_RECIPIENTS["province"]))
    left, right = st.columns([3, 1])
    text = left.text_area(_t("recipients", v.lang), default, height=90, key=f"recipients_{v.tier}")
    with_charts = right.checkbox(_t("charts", v.lang), value=True, key="report_charts")
    recipients = tuple(line.strip() for line in text.splitlines() if line.strip())
    args = (v.key, v.unit, v.unit_name, v.year, recipients, with_charts)
    if not right.button(_t("make", v.lang), type="primary", key="make_report") and not st.session_state.get("report_made") == args:
        return
    st.session_state["report_made"] = args
    with st.spinner(_t("making", v.lang)):
        docx, pdf, error = _files(*args)
    name = f"bao-cao_{slug(v.unit_name)}_{v.year}"
    a, b, _ = st.columns([1, 1, 3])
    a.download_button(_t("docx", v.lang), docx, file_name=f"{name}.docx", on_click="ignore", key="dl_docx",
                      mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    if pdf is not None:
        b.download_button(_t("pdf", v.lang), pdf, file_name=f"{name}.pdf", mime="application/pdf", on_click="ignore",
                          key="dl_pdf")
    else:
        st.warning(_t("pdf_failed", v.lang, error=error))
    with st.expander(_t("preview", v.lang), expanded=True):
        _preview(_report(*args))


render()
