"""The periodic report opened with its own libraries: Word (python-docx) and PDF (pypdf); structure and key
numbers checked against the warehouse of the fixture world."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from dashboard.data_access import warehouse
from dashboard.exports import report_content, report_docx
from dashboard.ui import fmt

HAS_CHROMIUM = shutil.which("chromium") is not None


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@pytest.fixture
def report(built):
    world, con = built
    key = warehouse.build_key()
    r = report_content.periodic(
        key,
        "99",
        "Tỉnh Thử Nghiệm",
        2023,
        ["Bộ Giáo dục và Đào tạo", "UBND tỉnh"],
        today=date(2026, 10, 5),
        with_charts=HAS_CHROMIUM,
    )
    return r, con


def _expected(con):
    return con.execute(
        "select i.name_vi, p.actual, p.status from progress p join indicators i on i.id = p.indicator "
        "where p.unit_code = '99' and p.year = 2023 order by i.position"
    ).fetchall()


def test_the_national_report_is_signed_in_the_capital_and_speaks_of_the_whole_country(built):
    r = report_content.periodic(
        warehouse.build_key(), "VN", "Toàn quốc", 2023, [], today=date(2026, 10, 5), with_charts=False
    )
    assert r.issuer_parent == "" and r.place_date == "Hà Nội, ngày 05 tháng 10 năm 2026"
    assert r.blocks[1].text.startswith("Năm 2023, cả nước đạt mốc kế hoạch của năm ở ")


def test_word_report_has_the_administrative_layout_and_the_warehouse_figures(report):
    r, con = report
    doc = Document(io.BytesIO(report_docx.to_docx(r)))
    header = doc.tables[0].rows[0].cells
    left, right = header[0].text, header[1].text
    assert "UBND TỈNH THỬ NGHIỆM" in left and "BAN CHỈ ĐẠO XÂY DỰNG" in left and "Số: …/BC-BCĐ" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "Thử Nghiệm, ngày 05 tháng 10 năm 2026" in right
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "năm 2023" in text
    assert "Kính gửi: Bộ Giáo dục và Đào tạo; UBND tỉnh." in text
    for heading in (
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "II. CÁC ĐƠN VỊ CHƯA ĐẠT MỐC KẾ HOẠCH",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in text
    rows = {
        t.rows[i].cells[0].text: [c.text for c in t.rows[i].cells]
        for t in doc.tables[1:-1]
        for i in range(1, len(t.rows))
    }
    for name, actual, status in _expected(con):
        assert name in rows, name
        if actual is not None and status in ("met", "behind"):
            assert fmt.percent(actual, "vi") in rows[name][1] or fmt.number(actual, "vi") in rows[name][1]
            assert rows[name][-1] == ("Đạt mốc" if status == "met" else "Chưa đạt mốc")
    met = sum(1 for *_, s in _expected(con) if s == "met")
    judged = sum(1 for *_, s in _expected(con) if s in ("met", "behind"))
    assert f"đạt mốc kế hoạch của năm ở {met}/{judged} chỉ tiêu có số liệu" in text
    closing = doc.tables[-1].rows[0].cells
    assert "Nơi nhận:" in closing[0].text and "- Lưu: VT." in closing[0].text and "TRƯỞNG BAN" in closing[1].text
    if HAS_CHROMIUM:
        assert doc.inline_shapes, "the charts are embedded"


def test_units_behind_are_listed_from_the_warehouse(report):
    r, con = report
    behind = con.execute(
        "select distinct u.name from progress p join unit_years u on u.code = p.unit_code and u.year = p.year "
        "where u.parent_code = '99' and p.year = 2023 and p.status = 'behind'"
    ).fetchall()
    tables = [b.frame for b in r.blocks if b.kind == "table" and b.frame is not None and "Đơn vị" in b.frame.columns]
    listed = set(tables[0]["Đơn vị"]) if tables else set()
    assert listed == {n for (n,) in behind}


@pytest.mark.skipif(not HAS_CHROMIUM, reason="needs Debian's chromium (installed by .ci/run)")
def test_pdf_report_prints_the_same_content(report):
    from dashboard.exports import report_pdf

    r, con = report
    reader = PdfReader(io.BytesIO(report_pdf.to_pdf(r)))
    assert len(reader.pages) >= 1
    # pypdf splits Vietnamese glyph clusters with spaces: compare without whitespace
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    for phrase in ("BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Kính gửi", "ĐỀ XUẤT, KIẾN NGHỊ", "Nơi nhận"):
        assert squash(phrase) in text
    actual = next(a for _, a, s in _expected(con) if a is not None and s in ("met", "behind"))
    assert squash(fmt.percent(actual, "vi")) in text or squash(fmt.number(actual, "vi")) in text


def test_report_text_is_escaped_in_the_pdf_html(report):
    from dashboard.exports import report_pdf

    r, _ = report
    r.recipients = ["<script>alert(1)</script>"]
    html = report_pdf.to_html(r)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_week_report_from_the_records(built):
    world, con = built
    r = report_content.week(
        warehouse.build_key(),
        "99",
        "Tỉnh Thử Nghiệm",
        2023,
        ["Bộ Giáo dục và Đào tạo"],
        today=date(2023, 10, 20),
        with_charts=False,
    )
    doc = Document(io.BytesIO(report_docx.to_docx(r)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023" in text
    assert "từ ngày 2/10/2023 đến ngày 8/10/2023" in text and "Xây dựng năng lực tự học trong kỉ nguyên số" in text
    assert "3/5 xã, phường, thị trấn đã báo cáo; tổng cộng 7 hoạt động với 310 lượt người tham gia" in text
    assert "2 đơn vị chưa gửi báo cáo: Xã Hòa Mới (Huyện Hai); Xã Cường (Huyện Một)." in text  # by district, collated
    kinds = doc.tables[1]
    assert [c.text for c in kinds.rows[0].cells] == [
        "Loại hoạt động",
        "Hình thức",
        "Số đơn vị",
        "Số hoạt động",
        "Số người tham gia",
    ]
    assert sum(int(row.cells[4].text.replace(".", "")) for row in kinds.rows[1:]) == 310


def test_no_week_report_for_an_undeclared_year(built):
    assert report_content.week(warehouse.build_key(), "99", "Tỉnh Thử Nghiệm", 2022, []) is None
