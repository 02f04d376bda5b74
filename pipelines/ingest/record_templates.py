"""Excel collection templates for the record datasets, and reading them back.

A template has one sheet named after the dataset's file prefix (tuan_le, lop_xmc) with one row per commune
(code and name filled in), headers that say in Vietnamese what goes in each column with the machine name in
brackets ("Hình thức (mode)"), drop-down lists for the choices (from records.yaml) and whole-number checks
in the cells, a "Danh mục" sheet with the lists and a "Hướng dẫn" sheet. Saved as tuan_le_*.xlsx /
lop_xmc_*.xlsx in data/records/, the file is read back by record_files.py through read_template().
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from pipelines.config.record_catalog import RecordsConfig

NAME_COLUMN = "ten_don_vi"  # informative only: codes, never names, identify units
LABELS = {
    "unit_code": "Mã đơn vị",
    NAME_COLUMN: "Tên đơn vị",
    "year": "Năm",
    "activity": "Loại hoạt động",
    "mode": "Hình thức",
    "events": "Số hoạt động",
    "participants": "Số người tham gia",
    "programme": "Chương trình",
    "classes": "Số lớp",
    "enrolled": "Số học viên",
    "completed": "Số hoàn thành",
    "source": "Nguồn / ghi chú",
}
LAYOUT = {
    "tuan_le": (
        ["unit_code", NAME_COLUMN, "year", "activity", "mode", "events", "participants", "source"],
        {"activity": "activities", "mode": "modes"},
        ["events", "participants"],
    ),
    "lop_xmc": (
        ["unit_code", NAME_COLUMN, "year", "programme", "classes", "enrolled", "completed", "source"],
        {"programme": "programmes"},
        ["classes", "enrolled", "completed"],
    ),
}
HEADER = re.compile(r"\(([a-z_]+)\)\s*$")
WHOLE_FLOAT = re.compile(r"^(-?\d+)\.0$")


def _choices(config: RecordsConfig, which: str) -> dict:
    return {
        "activities": config.week.activities,
        "modes": config.week.modes,
        "programmes": config.literacy_classes.programmes,
    }[which]


def template(prefix: str, config: RecordsConfig, units: pd.DataFrame, year: int, rows_per_unit: int = 1) -> bytes:
    """`units`: code and name of the communes that report, in the order they should be listed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns, lists, counts = LAYOUT[prefix]
    wb = Workbook()
    ws = wb.active
    ws.title = prefix
    ws.append([f"{LABELS[c]} ({c})" for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
    for unit in units.itertuples():
        for _ in range(rows_per_unit):
            ws.append([unit.code, unit.name, year] + [None] * (len(columns) - 3))
    last = ws.max_row + 200  # room for more rows than units
    ws.freeze_panes = "C2"
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 16 if c != NAME_COLUMN else 28
        ws.cell(1, i).number_format = "@"
    for r in range(2, last + 1):
        ws.cell(r, 1).number_format = "@"  # codes keep their leading zeros
    lists_ws = wb.create_sheet("Danh mục")
    for n, (column, which) in enumerate(lists.items(), start=1):
        items = _choices(config, which)
        lists_ws.cell(1, 2 * n - 1, column).font = Font(bold=True)
        lists_ws.cell(1, 2 * n, "Ý nghĩa").font = Font(bold=True)
        for k, (key, label) in enumerate(items.items(), start=2):
            lists_ws.cell(k, 2 * n - 1, key)
            lists_ws.cell(k, 2 * n, label.vi)
        letter = get_column_letter(2 * n - 1)
        dv = DataValidation(
            type="list",
            formula1=f"='Danh mục'!${letter}$2:${letter}${len(items) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không hợp lệ",
            error=f"Chọn một giá trị trong danh sách {column} (trang Danh mục).",
        )
        col = get_column_letter(columns.index(column) + 1)
        dv.add(f"{col}2:{col}{last}")
        ws.add_data_validation(dv)
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Cần số nguyên",
        error="Nhập số nguyên không âm.",
    )
    for c in counts:
        col = get_column_letter(columns.index(c) + 1)
        whole.add(f"{col}2:{col}{last}")
    ws.add_data_validation(whole)
    guide = wb.create_sheet("Hướng dẫn")
    for line in (
        "Mỗi dòng là một đơn vị × một loại (hoạt động và hình thức, hoặc chương trình lớp học).",
        "Không sửa mã đơn vị; thêm dòng (sao chép mã) khi đơn vị có nhiều loại. Để trống các dòng không dùng.",
        "Chọn giá trị trong danh sách thả xuống; số lượng là số nguyên không âm.",
        f"Lưu tệp với tên bắt đầu bằng '{prefix}_' (ví dụ {prefix}_{year}.xlsx) rồi gửi cho cán bộ tổng hợp.",
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_template(path: Path, prefix: str) -> pd.DataFrame:
    """A filled template as text cells with the dataset's machine column names; blank rows dropped.
    Row numbers are the spreadsheet's (header = 1)."""
    raw = pd.read_excel(path, sheet_name=prefix, dtype=str, engine="calamine", header=None, keep_default_na=False)
    names = []
    for label in raw.iloc[0].tolist():
        m = HEADER.search(str(label))
        names.append(m.group(1) if m else str(label).strip().lower())
    frame = raw.iloc[1:].copy()
    frame.columns = names
    frame.insert(0, "_row", range(2, len(frame) + 2))
    frame = frame.drop(columns=[NAME_COLUMN], errors="ignore")
    # spreadsheet numbers arrive as floats: a whole number written 120.0 is the 120 the unit typed
    frame = frame.apply(lambda s: s.str.replace(WHOLE_FLOAT, r"\1", regex=True) if s.name != "_row" else s)
    filled = [c for c in frame.columns if c not in ("_row", "unit_code", "year", "source")]
    frame = frame[(frame[filled].apply(lambda s: s.str.strip()) != "").any(axis=1)]
    return frame
