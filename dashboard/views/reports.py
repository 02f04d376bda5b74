"""Báo cáo / Reports: the periodic report of the steering committee, or the Lifelong Learning Week report, for
the chosen unit and year, as an editable Word file and as PDF, with a preview. Documents are in Vietnamese."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.exports.report_maker import report_maker
from dashboard.ui.i18n import translator

TEXT = {
    "title": ("Báo cáo", "Reports"),
    "kind": ("Loại báo cáo", "Report"),
    "periodic": ("Báo cáo định kỳ (kết quả các chỉ tiêu)", "Periodic report (targets)"),
    "week": ("Báo cáo Tuần lễ hưởng ứng học tập suốt đời", "Lifelong Learning Week report"),
    "intro": (
        "Theo thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP): tải bản Word để Ban Chỉ đạo chỉnh sửa, bổ "
        "sung đề xuất và ký ban hành, hoặc bản PDF. Hạn báo cáo: số liệu xóa mù chữ, phổ cập gửi Bộ trước 10/10; "
        "kết quả các mô hình học tập trước 15/12; Tuần lễ: khoảng hai tuần sau khi kết thúc.",
        "In the layout of a Vietnamese administrative document (Decree 30/2020): download the Word file for the "
        "committee to edit, add its proposals and sign, or the PDF. Documents are written in Vietnamese. "
        "Deadlines: literacy and universalisation data to the Ministry by 10/10; learning-model results by "
        "15/12; the Week about two weeks after it ends.",
    ),
}
_t = translator(TEXT)


def render() -> None:
    v = state.view()
    st.title(f"{_t('title', v.lang)} · {v.unit_name} · {v.year}")
    st.caption(_t("intro", v.lang))
    kind = st.radio(
        _t("kind", v.lang),
        ["periodic", "week"],
        format_func=lambda k: _t(k, v.lang),
        horizontal=True,
        key="report_kind",
    )
    report_maker(v, kind)


render()
