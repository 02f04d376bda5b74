"""A workbook as a grid of cells, whatever wrote it: .xlsx through openpyxl (merged ranges, %-formats), .xls and
.ods through python-calamine (merged ranges, no formats). Sheets of notes or guidance and hidden sheets are skipped;
the app template's hidden _meta sheet is returned as metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pipelines.intake.upload_limits import check_sheet
from pipelines.problems import ProblemError
from pipelines.vn_text import clean, fold

SKIP_SHEETS = {"hướng dẫn", "danh mục", "_meta", "thông tin"}


@dataclass(frozen=True)
class Cell:
    value: Any
    percent_format: bool = False


def column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def sheets(data: bytes, suffix: str, filename: str = "") -> list[tuple[str, list[list[Cell]], dict]]:
    """(name, grid of cells, metadata) for every visible sheet; merged header cells are filled later."""
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), data_only=True)
        meta = {}
        if "_meta" in wb.sheetnames:
            meta = {str(r[0]): r[1] for r in wb["_meta"].iter_rows(values_only=True) if r and r[0] is not None}
        out = []
        for ws in wb.worksheets:
            if ws.sheet_state != "visible" or fold(ws.title) in SKIP_SHEETS:
                continue
            grid = [[Cell(c.value, "%" in (c.number_format or "")) for c in row] for row in ws.iter_rows()]
            merged = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1) for r in ws.merged_cells.ranges]
            out.append((ws.title, grid, dict(meta, merged=merged)))
        return out
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    out = []
    for name in wb.sheet_names:
        if fold(name) in SKIP_SHEETS:
            continue
        sheet = wb.get_sheet_by_name(name)
        too_big = check_sheet(filename, name, sheet.height, sheet.width)
        if too_big:
            raise ProblemError(too_big)
        grid = [[Cell(v if v != "" else None) for v in row] for row in sheet.to_python(skip_empty_area=False)]
        merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        out.append((name, grid, {"merged": merged}))
    return out


def fill_merged(grid: list[list[Cell]], merged: list[tuple[int, int, int, int]], upto_row: int) -> None:
    for r0, c0, r1, c1 in merged:
        if r0 > upto_row or r0 >= len(grid):
            continue
        top = grid[r0][c0] if c0 < len(grid[r0]) else Cell(None)
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, c1 + 1):
                if c < len(grid[r]):
                    grid[r][c] = top


def cell_text(cell: Cell) -> str:
    v = cell.value
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return clean(v)
