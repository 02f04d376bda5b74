"""Exported files opened with their own libraries: Excel (openpyxl), CSV, chart PNG/PDF (kaleido + Chromium)."""

from __future__ import annotations

import io
import shutil

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard.exports import chart_tables, file_writers
from dashboard.exports.download_menu import slug


def _series(built):
    world, con = built
    return con.execute(
        "select p.*, a.value, a.numerator, a.denominator from progress p left join actuals a "
        "using (unit_code, year, indicator) where unit_code = '99' and indicator = 'gd' order by year"
    ).df()


def test_excel_has_frozen_bold_header_numbers_and_an_about_sheet(built):
    series = _series(built)
    frame = chart_tables.progress_table(series, "vi")
    data = file_writers.to_xlsx(
        file_writers.Table(frame, "Gia đình học tập · Tỉnh Thử Nghiệm", {"Đơn vị": "Tỉnh Thử Nghiệm (99)"})
    )
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Dữ liệu"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Năm", "Tử số", "Mẫu số"] and "Thực hiện" in header and "Tình trạng" in header
    assert ws.freeze_panes == "A2" and all(c.font.bold for c in ws[1])
    years = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert years == series["year"].tolist()
    col = header.index("Thực hiện")
    got = [r[col] for r in ws.iter_rows(min_row=2, values_only=True)]
    want = series["value"].tolist()
    assert all((g is None and pd.isna(w)) or g == pytest.approx(w) for g, w in zip(got, want))
    assert isinstance(next(v for v in got if v is not None), (int, float))  # a number Excel can sum, not text
    about = wb["Thông tin"]
    assert about["A1"].value == "Gia đình học tập · Tỉnh Thử Nghiệm" and about["B2"].value == "Tỉnh Thử Nghiệm (99)"


def test_formula_like_text_is_neutralised_in_excel_and_csv():
    frame = pd.DataFrame(
        {"Đơn vị": ["=HYPERLINK(\"http://x\")", "+1", "-cmd", "@SUM(A1)", "Xã Hòa"], "Số": [1, 2, -3, 4, 5]}
    )
    table = file_writers.Table(frame, "=bad title")
    ws = load_workbook(io.BytesIO(file_writers.to_xlsx(table))).active
    names = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["'=HYPERLINK(\"http://x\")", "'+1", "'-cmd", "'@SUM(A1)", "Xã Hòa"]
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == [1, 2, -3, 4, 5]  # numbers untouched
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    csv = file_writers.to_csv(table)
    assert csv.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert back["Đơn vị"].tolist()[:4] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-cmd", "'@SUM(A1)"]


def test_formula_text_after_leading_spaces_or_line_breaks_is_neutralised():
    """Issue 16: ' =HYPERLINK(...)' and a line break before '=' went through as formulas."""
    for text in (" =HYPERLINK(\"http://x\")", "\n=1+1", "\u00a0@SUM(A1)", "  -2+3"):
        assert file_writers.neutralise(text) == "'" + text
    assert file_writers.neutralise(" Xã Hòa") == " Xã Hòa"
    ws = load_workbook(io.BytesIO(file_writers.to_xlsx(file_writers.Table(pd.DataFrame({"a": [" =1+1"]}), "t")))).active
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_file_names_are_ascii_slugs():
    assert slug("Gia đình học tập · Đơn vị") == "gia-dinh-hoc-tap-don-vi"


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (installed by .ci/run)")
def test_chart_exports_as_png_and_pdf(built):
    from dashboard.ui import charts

    world, con = built
    series = _series(built)
    fig = charts.series_chart(series, pd.DataFrame(columns=["year", "projected", "method"]), "ratio", "percent", "vi")
    png = file_writers.figure_bytes(fig, "png", 900, 450)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width == 1800  # 2× scale
    pdf = file_writers.figure_bytes(fig, "pdf", 900, 450)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
