"""Reading the spreadsheets units really send, and the app's own report template (pipelines/intake/report_template.py).

What a district's sheet looks like, and what this reader does with it:

    UBND HUYỆN …  / BÁO CÁO … NĂM 2024          title rows above the header: skipped (the year is noted)
    | STT | Tên xã | Gia đình học tập     |      header found by its unit column ("Tên …" or "Mã …"),
    |     |        | Số đạt | Tổng số | % |      spanning as many rows as it takes; merged cells fill their range
    | (1) | (2)    | (3)    | (4)     |(5)|      a row of column numbers: skipped
    | 1   | Xã An  | 1.234  | 2.345   |52,6%|    numbers in Vietnamese format, '%' or a percentage cell format
    |     | Tổng cộng | …                    |    total rows: skipped, and checked against the sum of the rows

A column is an indicator (its name, id, or one of its `aliases` in targets.yaml, in any Unicode form or tone
placement) and a field (numerator "Số đạt", denominator "Tổng số", value "Tỷ lệ"/"%", level "Mức độ").
Units are named by code or by name; names are matched to codes later, in pipelines/intake/unit_scope.py, against the
registry. Nothing is guessed: a cell that is not a number, a column whose field is unclear, a percentage
column written as fractions, refuse the row or the column with a message that names sheet, row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

import pandas as pd

from pipelines.config.catalog import Catalog
from pipelines.intake.sheet_headers import FIELD_VI, HEADER_SEARCH_ROWS, Note, find_header, map_columns
from pipelines.intake.workbook_cells import Cell, cell_text, column_letter, fill_merged, sheets
from pipelines.problems import Problem, ProblemError
from pipelines.vn_text import fold, format_number, number_text, parse_number

TOTAL_WORDS = ("tổng", "cộng", "toàn huyện", "toàn tỉnh", "toàn xã", "toàn thành phố", "toàn thị xã")
# what ends the table (NĐ 30/2020 layout): the signature block, the recipients, notes under the table
END_WORDS = (
    "người lập biểu",
    "người lập",
    "người kiểm tra",
    "thủ trưởng",
    "trưởng phòng",
    "phó trưởng phòng",
    "kt.",
    "tm.",
    "chủ tịch",
    "giám đốc",
    "nơi nhận",
    "(ký",
    "ký tên",
    "đã ký",
    "ghi chú",
    "lưu:",
)
REPORT_DATE = re.compile(r"ngày\s*[\d.…_ ]*\s*tháng")


@dataclass
class Reading:
    observations: (
        pd.DataFrame
    )  # sheet, row, unit_code, unit_name, indicator, numerator, denominator, value, level (text)
    problems: list[Problem] = dataclass_field(default_factory=list)
    notes: list[Note] = dataclass_field(default_factory=list)
    columns: pd.DataFrame | None = None  # sheet, column, heading, indicator, field
    year: int | None = None  # from the template's metadata or a title row ("… NĂM 2024")
    template_year: int | None = None  # the year the app's template was made for (its _meta sheet)


OBS_COLUMNS = [
    "sheet",
    "row",
    "unit_column",
    "unit_code",
    "unit_name",
    "indicator",
    "numerator",
    "denominator",
    "value",
    "level",
]


def read_workbook(data: bytes, filename: str, suffix: str, catalog: Catalog) -> Reading:
    reading = Reading(pd.DataFrame(columns=OBS_COLUMNS))
    rows: list[dict] = []
    columns: list[dict] = []
    found = []
    for sheet_name, grid, meta in sheets(data, suffix, filename):
        if str(meta.get("year", "")).isascii() and str(meta.get("year", "")).isdigit():
            reading.year = reading.template_year = int(meta["year"])
        shown = f"{filename} › {sheet_name}"
        found.append(
            (shown, _read_sheet(sheet_name, grid, meta.get("merged", []), shown, catalog, reading, rows, columns))
        )
    with_table = any(kind == "table" for _, kind in found)
    for shown, kind in found:
        if kind == "notes" and with_table:  # a sheet of notes beside the table: skipped, noted
            reading.notes.append(
                Note(
                    shown,
                    None,
                    "trang không có bảng số liệu (ghi chú), bỏ qua",
                    "sheet without a table (notes), skipped",
                )
            )
        elif kind == "notes":
            reading.problems.append(Problem("no_unit_column", shown, found=str(HEADER_SEARCH_ROWS)))
    reading.observations = pd.DataFrame(rows, columns=OBS_COLUMNS)
    reading.columns = pd.DataFrame(columns, columns=["sheet", "column", "heading", "indicator", "field"])
    return reading


def _read_sheet(
    sheet_name: str,
    grid: list[list[Cell]],
    merged: list,
    shown: str,
    catalog: Catalog,
    reading: Reading,
    rows: list[dict],
    columns: list[dict],
) -> str:
    """One sheet: its header, what each column is, then its rows (appended to `rows`, problems and notes to `reading`).
    Returns 'table', 'notes' (text without a header) or 'empty'."""
    width = max((len(r) for r in grid), default=0)
    for r in grid:
        r.extend([Cell(None)] * (width - len(r)))
    fill_merged(grid, merged, HEADER_SEARCH_ROWS + 5)
    header, title_year = find_header(grid)
    reading.year = reading.year or title_year
    if header is None:
        return "notes" if any(cell_text(c) for row in grid for c in row) else "empty"
    if header.numbering:
        reading.notes.append(
            Note(shown, header.first_data, "dòng đánh số cột, bỏ qua", "column numbering row, skipped")
        )
    mapping, refused = map_columns(grid, header, width, shown, catalog, reading.notes, reading.problems)
    columns += [
        dict(sheet=sheet_name, column=column_letter(j), heading=heading, indicator=ind, field=field)
        for j, (ind, field, heading) in mapping.items()
    ]
    if not mapping and not refused:
        return "table"
    refused |= _fraction_columns(grid[header.first_data :], mapping, shown, reading.problems)
    name_heading = cell_text(grid[header.first][header.name_col]) if header.name_col is not None else ""
    unit_label = f"{column_letter(header.name_col)} ({name_heading})" if header.name_col is not None else ""
    sums = {j: 0.0 for j in mapping}
    empty = []
    for i in range(header.first_data, len(grid)):
        row = grid[i]
        name = cell_text(row[header.name_col]) if header.name_col is not None else ""
        code = cell_text(row[header.code_col]) if header.code_col is not None else ""
        has_figures = any(cell_text(row[j]) for j in [*mapping, *refused])
        if not (name or code or has_figures):
            continue
        if _ends_table(row, mapping):
            reading.notes.append(
                Note(
                    shown,
                    i + 1,
                    "hết bảng: khối chữ ký, nơi nhận hoặc ghi chú; phần còn lại bỏ qua",
                    "end of the table: signature block, recipients or notes; the rest skipped",
                )
            )
            break
        if fold(name).startswith(("trong đó", "trong do")):
            reading.notes.append(
                Note(shown, i + 1, f"'{name}': dòng chi tiết, không nạp", f"'{name}': breakdown row, not loaded")
            )
            continue
        if _is_total(row, mapping):
            reading.notes.append(_check_total(row, mapping, sums, shown, i + 1))
        elif not has_figures:
            empty.append(name or code)
        elif not (name or code):
            reading.problems.append(Problem("no_unit_in_row", shown, row=i + 1, column=column_letter(header.unit_col)))
        elif refused:
            letters = ", ".join(column_letter(j) for j in sorted(refused))
            reading.problems.append(
                Problem("column_refused", shown, row=i + 1, column=letters, params={"column": letters})
            )
        else:
            values = _row_values(row, i + 1, mapping, shown, reading.problems, sums)
            rows += [
                dict(
                    sheet=sheet_name,
                    row=i + 1,
                    unit_column=unit_label,
                    unit_code=code,
                    unit_name=name,
                    indicator=ind,
                    **{m: number_text(fields.get(m)) for m in FIELD_VI},
                )
                for ind, fields in values.items()
            ]
    if empty:
        listed = ", ".join(empty[:5]) + (" …" if len(empty) > 5 else "")
        reading.notes.append(
            Note(
                shown,
                None,
                f"{len(empty)} dòng không có số liệu, bỏ qua: {listed}",
                f"{len(empty)} rows without figures, skipped: {listed}",
            )
        )
    return "table"


def _ends_table(row: list[Cell], mapping: dict) -> bool:
    """A row without a number that starts the signature block ('Người lập biểu', 'TRƯỞNG PHÒNG', '(Ký, ghi rõ họ
    tên)'), the recipients ('Nơi nhận:'), the notes under the table ('Ghi chú:') or is the report's date line
    ('…, ngày 15 tháng 01 năm 2025')."""
    for j in mapping:
        try:
            if parse_number(row[j].value, percent_format=row[j].percent_format)[0] is not None:
                return False
        except ProblemError:  # text in a figure column: the signature block spans the table's width
            continue
    for cell in row:
        t = fold(cell_text(cell))
        if t.startswith(END_WORDS) or REPORT_DATE.search(t):
            return True
    return False


def _fraction_columns(rows: list[list[Cell]], mapping: dict, shown: str, problems: list[Problem]) -> set[int]:
    """Percentage columns written as fractions (0,405 for 40,5%) are refused, not rescaled."""
    out = set()
    for j, (_, field, _) in mapping.items():
        if field != "value":
            continue
        numbers = []
        for row in rows:
            try:
                v, pct = parse_number(row[j].value, percent_format=row[j].percent_format)
            except ProblemError:  # not a number: located below
                continue
            if v is not None and not pct:
                numbers.append(v)
        if numbers and 0 < max(numbers) <= 1:
            out.add(j)
            problems.append(
                Problem(
                    "percent_as_fraction",
                    shown,
                    column=column_letter(j),
                    found=", ".join(number_text(x).replace(".", ",") for x in numbers[:3]),
                )
            )
    return out


def _row_values(
    row: list[Cell], row_number: int, mapping: dict, shown: str, problems: list[Problem], sums: dict[int, float]
) -> dict[str, dict]:
    """{indicator: {field: value}} of one data row, or {} when any of its cells is refused (the whole row goes).
    Numerator and denominator win over a percentage beside them (counts are what rolls up)."""
    values: dict[str, dict] = {}
    bad = False
    for j, (indicator, field, _) in mapping.items():
        try:
            v, _ = parse_number(row[j].value, percent_format=row[j].percent_format)
        except ProblemError:  # not a number: located below
            problems.append(
                Problem(
                    "cell_not_a_number",
                    shown,
                    found=cell_text(row[j]),
                    row=row_number,
                    column=f"{column_letter(j)} ({FIELD_VI[field]} {indicator})",
                )
            )
            bad = True
            continue
        if v is not None:
            sums[j] += v
            values.setdefault(indicator, {})[field] = v
    if bad:
        return {}
    for indicator, fields in values.items():
        counts = [m for m in ("numerator", "denominator") if m in fields]
        if len(counts) == 2:
            fields.pop("value", None)
        elif counts and "value" in fields:
            fields.pop(counts[0])
        elif counts:
            other = "denominator" if counts[0] == "numerator" else "numerator"
            problems.append(
                Problem(
                    "incomplete_ratio",
                    shown,
                    row=row_number,
                    found=FIELD_VI[counts[0]],
                    params={"indicator": indicator, "expected": FIELD_VI[other]},
                )
            )
            return {}
    return values


def _is_total(row: list[Cell], mapping: dict) -> bool:
    """'Tổng cộng', 'Cộng', 'Toàn huyện' starting a text cell of the row ('Xã Cộng Hòa' starts with 'Xã')."""
    words = [fold(w) for w in TOTAL_WORDS]
    for k, cell in enumerate(row):
        t = fold(cell_text(cell)).strip(" :.")
        if (
            k not in mapping
            and any(t == w or t.startswith(w + " ") for w in words)
            and not t.startswith(fold("cộng hòa"))
        ):
            return True
    return False


def _check_total(row: list[Cell], mapping: dict, sums: dict[int, float], shown: str, row_number: int) -> Note:
    """A total row is never loaded; when its figures differ from the rows above, the note says so. The sums start
    again after it (a province's sheet has a total per district)."""
    off = []
    for j, (_, field, _) in mapping.items():
        if field not in ("numerator", "denominator"):
            continue
        try:
            v, _ = parse_number(row[j].value, percent_format=row[j].percent_format)
        except ProblemError:  # not a number: located below
            continue
        if v is not None and abs(v - sums[j]) > 0.5:
            off.append((column_letter(j), v, sums[j]))
    for j in sums:
        sums[j] = 0.0

    def listed(lang: str) -> str:
        return "; ".join(f"{c}: {format_number(v, lang)} ≠ {format_number(s, lang)}" for c, v, s in off)

    vi = "dòng tổng, không nạp" + (
        f"; khác tổng các dòng trên ({listed('vi')})" if off else "; khớp tổng các dòng trên"
    )
    en = "total row, not loaded" + (
        f"; differs from the rows above ({listed('en')})" if off else "; matches the rows above"
    )
    return Note(shown, row_number, vi, en)
