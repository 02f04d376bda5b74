"""The Excel report template the app gives units: one sheet per indicator group, one row per unit (code and
name filled in), Vietnamese headings in two rows (the indicator, merged over "Số đạt" | "Tổng số", or "Mức độ"),
whole-number and list checks in the cells, a guide sheet and a hidden _meta sheet (year, scope). A filled template
is read back by the same reader as any district spreadsheet (pipelines/intake/spreadsheet.py): the indicator id in
brackets at the end of each heading makes that exact.
"""

from __future__ import annotations

import io

import pandas as pd

from pipelines.config.catalog import Catalog

TITLE_ROWS = 3  # title, unit and year, notice; the header starts on row 4


def template(catalog: Catalog, units: pd.DataFrame, year: int, scope_name: str, scope_code: str) -> bytes:
    """`units`: code and name of the units that report (usually the communes of the scope), in display order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="9CA3AF")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DCE6F1")
    wb = Workbook()
    wb.remove(wb.active)
    head = TITLE_ROWS + 1
    first = head + 2
    last = first + len(units) - 1
    for group, label in catalog.groups.items():
        indicators = [i for i in catalog.indicators if i.group == group and i.kind in ("ratio", "level")]
        if not indicators:
            continue
        ws = wb.create_sheet(label.vi[:31])
        ws.cell(1, 1, f"BÁO CÁO SỐ LIỆU XÂY DỰNG XÃ HỘI HỌC TẬP NĂM {year}: {label.vi.upper()}").font = Font(
            bold=True, size=13
        )
        ws.cell(2, 1, f"Đơn vị: {scope_name} ({scope_code}). Mỗi dòng là một đơn vị; không sửa mã đơn vị.")
        ws.cell(
            3, 1, "Số đạt và tổng số là số nguyên (1.234); bỏ trống ô chưa có số liệu. Mẫu do ứng dụng XHHT 2030 tạo."
        )
        for col, heading in ((1, "Mã đơn vị"), (2, "Tên đơn vị")):
            ws.cell(head, col, heading)
            ws.merge_cells(start_row=head, start_column=col, end_row=head + 1, end_column=col)
        col = 3
        whole = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Cần số nguyên",
            error="Nhập số nguyên không âm (ví dụ 1234).",
        )
        ws.add_data_validation(whole)
        for ind in indicators:
            ws.cell(head, col, f"{ind.name_vi} ({ind.id})")
            if ind.kind == "ratio":
                ws.cell(head + 1, col, "Số đạt")
                ws.cell(head + 1, col + 1, "Tổng số")
                ws.merge_cells(start_row=head, start_column=col, end_row=head, end_column=col + 1)
                whole.add(f"{get_column_letter(col)}{first}:{get_column_letter(col + 1)}{last}")
                width = 2
            else:
                ws.cell(head + 1, col, "Mức độ")
                levels = ",".join(str(x) for x in ind.levels or [])
                dv = DataValidation(
                    type="list",
                    formula1=f'"{levels}"',
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Mức độ không hợp lệ",
                    error=f"Chọn một mức: {levels}.",
                )
                ws.add_data_validation(dv)
                dv.add(f"{get_column_letter(col)}{first}:{get_column_letter(col)}{last}")
                width = 1
            for c in range(col, col + width):
                ws.column_dimensions[get_column_letter(c)].width = 14
            col += width
        for r in (head, head + 1):
            for c in range(1, col):
                cell = ws.cell(r, c)
                cell.font = Font(bold=True)
                cell.fill = head_fill
                cell.border = box
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.row_dimensions[head].height = 60
        for n, unit in enumerate(units.itertuples(), start=first):
            ws.cell(n, 1, str(unit.code)).number_format = "@"  # codes keep their leading zeros
            ws.cell(n, 2, unit.name)
            for c in range(1, col):
                ws.cell(n, c).border = box
        ws.column_dimensions["A"].width = 11
        ws.column_dimensions["B"].width = 28
        ws.freeze_panes = ws.cell(first, 3)
    guide = wb.create_sheet("Hướng dẫn")
    for line in (
        f"Mẫu báo cáo số liệu năm {year} của {scope_name} ({scope_code}), do ứng dụng XHHT 2030 tạo.",
        "Mỗi trang là một nhóm chỉ tiêu; mỗi dòng là một đơn vị. Không sửa mã đơn vị, không thêm hay xóa cột.",
        "Tỷ lệ = Số đạt / Tổng số: ghi cả hai số (số nguyên), ứng dụng tự tính tỷ lệ và tổng hợp lên cấp trên.",
        "Mức độ: chọn trong danh sách. Ô bỏ trống nghĩa là chưa có số liệu.",
        "Gửi lại tệp cho cán bộ tổng hợp; tệp được kiểm tra và xem trước trước khi nạp.",
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    meta = wb.create_sheet("_meta")
    for key, value in (("template", "xhht2030-bao-cao"), ("version", 1), ("year", year), ("scope", scope_code)):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
