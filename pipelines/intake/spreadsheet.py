"""Reading the spreadsheets units really send, and the app's own report template (pipelines/report_template.py).

What a district's sheet looks like, and what this reader does with it:

    UBND HUYỆN …  / BÁO CÁO … NĂM 2024          title rows above the header: skipped (the year is noted)
    | STT | Tên xã | Gia đình học tập     |      header found by its unit column ("Tên …" or "Mã …"),
    |     |        | Số đạt | Tổng số | % |      spanning as many rows as it takes; merged cells fill their range
    | (1) | (2)    | (3)    | (4)     |(5)|      a row of column numbers: skipped
    | 1   | Xã An  | 1.234  | 2.345   |52,6%|    numbers in Vietnamese format, '%' or a percentage cell format
    |     | Tổng cộng | …                    |    total rows: skipped, and checked against the sum of the rows

A column is an indicator (its name, id, or one of its `aliases` in targets.yaml, in any Unicode form or tone
placement) and a measure (numerator "Số đạt", denominator "Tổng số", value "Tỷ lệ"/"%", level "Mức độ").
Units are named by code or by name; names are matched to codes later, in pipelines/intake.py, against the
registry. Nothing is guessed: a cell that is not a number, a column whose measure is unclear, a percentage
column written as fractions, refuse the row or the column with a message that names sheet, row and column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from pipelines.config.catalog import Catalog
from pipelines.intake.workbook_cells import Cell, cell_text, column_letter, fill_merged, sheets
from pipelines.problems import Problem, location
from pipelines.vn_text import NotANumber, clean, fold, format_number, header_key, number_text, parse_number

TOTAL_WORDS = ("tổng", "cộng", "toàn huyện", "toàn tỉnh", "toàn xã", "toàn thành phố", "toàn thị xã")
FIELD_WORDS = (  # heading start -> the reported field it fills (longest first)
    ("tổng số", "denominator"), ("tổng", "denominator"), ("mẫu số", "denominator"), ("denominator", "denominator"),
    ("số đạt", "numerator"), ("số được công nhận", "numerator"), ("được công nhận", "numerator"), ("đạt", "numerator"),
    ("tử số", "numerator"), ("numerator", "numerator"),
    ("tỷ lệ", "value"), ("tỉ lệ", "value"), ("%", "value"), ("value", "value"),
    ("mức độ", "level"), ("mức", "level"), ("level", "level"),
)
FIELD_VI = {"numerator": "số đạt", "denominator": "tổng số", "value": "tỷ lệ %", "level": "mức độ"}
ID_IN_HEADING = re.compile(r"\(([a-z][a-z0-9_]*)\)\s*$")
YEAR_IN_TITLE = re.compile(r"năm\s+(20\d\d)")
NUMBERING = re.compile(r"^\(?[0-9a-z]{1,3}\)?$")
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Note:
    """Something the reader did that the analyst should see (a skipped total row, an ignored column)."""
    file: str
    row: int | None
    vi: str
    en: str
    column: str | None = None

    def location(self, lang: str = "vi") -> str:
        return location(self.file, lang, row=self.row, column=self.column)

    def text(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en


@dataclass
class Reading:
    observations: pd.DataFrame  # sheet, row, unit_code, unit_name, indicator, numerator, denominator, value, level (text)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    columns: pd.DataFrame | None = None  # sheet, column, heading, indicator, measure
    year: int | None = None  # from the template's metadata or a title row ("… NĂM 2024")


OBS_COLUMNS = ["sheet", "row", "unit_column", "unit_code", "unit_name", "indicator", "numerator", "denominator", "value",
               "level"]


def _indicator_keys(catalog: Catalog) -> dict[str, str]:
    keys: dict[str, str] = {}
    for ind in catalog.indicators:
        if ind.kind == "units_at_level":
            continue
        names = [ind.id, ind.name_vi, *ind.aliases]
        if ind.entity_vi:
            names.append(ind.entity_vi)
        for n in names:
            k = header_key(n)
            keys.setdefault(k, ind.id)
            if k.startswith("tỷ lệ "):
                keys.setdefault(k[len("tỷ lệ "):], ind.id)
    return keys


def _field_of(part: str) -> tuple[str | None, str]:
    """(field, the heading without the field words) for one heading part: 'Số đạt', 'Tỷ lệ gia đình học tập
    (%)', 'Gia đình học tập: tổng số'."""
    k = header_key(part)
    for word, measure in FIELD_WORDS:
        if k == word or k.startswith(word + " "):
            return measure, k[len(word):].strip(" %-")
        if k.endswith(" " + word):
            return measure, k[: -len(word)].strip(" %-")
    return None, k


def _classify(parts: list[str], keys: dict[str, str], ids: set[str]) -> tuple[str | None, str | None, str | None]:
    """(indicator, measure, problem) of a column from its heading parts, top to bottom. A part that is an
    indicator's name as a whole names the indicator (level indicators' names start with 'Mức độ')."""
    found: set[str] = set()
    measure = None
    for p in parts:
        m = ID_IN_HEADING.search(clean(p))
        if m and m.group(1) in ids:
            found = {m.group(1)}
            continue
        k = header_key(p)
        if k in keys:
            found.add(keys[k])
            continue
        mm, rest = _field_of(p)
        if mm is not None:
            measure = mm
        if rest in keys:
            found.add(keys[rest])
    if len(found) > 1:
        return None, measure, "ambiguous:" + ", ".join(sorted(found))
    return next(iter(found), None), measure, None


def _unit_columns(row: list[Cell]) -> tuple[int | None, int | None]:
    name_col = code_col = None
    for i, cell in enumerate(row):
        k = header_key(cell_text(cell))
        if not k:
            continue
        if code_col is None and (k.startswith("mã") or k == "unit_code"):
            code_col = i
        elif name_col is None and (k.startswith("tên ") or k in ("đơn vị", "xã phường thị trấn", "địa phương", "unit_name",
                                                                  "xã", "huyện", "đơn vị hành chính")):
            name_col = i
    return name_col, code_col


@dataclass(frozen=True)
class _Header:
    first: int  # first header row (0-based)
    last: int  # last header row: the unit column's heading may be merged downwards
    first_data: int
    name_col: int | None
    code_col: int | None
    numbering: bool  # a row of column numbers "(1) (2) (3)" under the header

    @property
    def unit_col(self) -> int:
        return self.code_col if self.code_col is not None else self.name_col


def read_workbook(data: bytes, filename: str, suffix: str, catalog: Catalog) -> Reading:
    reading = Reading(pd.DataFrame(columns=OBS_COLUMNS))
    rows: list[dict] = []
    columns: list[dict] = []
    for sheet_name, grid, meta in sheets(data, suffix):
        if str(meta.get("year", "")).isdigit():
            reading.year = int(meta["year"])
        _read_sheet(sheet_name, grid, meta.get("merged", []), f"{filename} › {sheet_name}", catalog, reading, rows,
                    columns)
    reading.observations = pd.DataFrame(rows, columns=OBS_COLUMNS)
    reading.columns = pd.DataFrame(columns, columns=["sheet", "column", "heading", "indicator", "measure"])
    return reading


def _read_sheet(sheet_name: str, grid: list[list[Cell]], merged: list, shown: str, catalog: Catalog, reading: Reading,
                rows: list[dict], columns: list[dict]) -> None:
    """One sheet: its header, what each column is, then its rows (appended to `rows`, problems and notes to `reading`)."""
    width = max((len(r) for r in grid), default=0)
    for r in grid:
        r.extend([Cell(None)] * (width - len(r)))
    fill_merged(grid, merged, HEADER_SEARCH_ROWS + 5)
    header, title_year = _find_header(grid)
    reading.year = reading.year or title_year
    if header is None:
        if any(cell_text(c) for row in grid for c in row):
            reading.problems.append(Problem("no_unit_column", shown, found=str(HEADER_SEARCH_ROWS)))
        return
    if header.numbering:
        reading.notes.append(Note(shown, header.first_data, "dòng đánh số cột, bỏ qua", "column numbering row, skipped"))
    mapping, refused = _map_columns(grid, header, width, shown, catalog, reading)
    columns += [dict(sheet=sheet_name, column=column_letter(j), heading=heading, indicator=ind, measure=measure)
                for j, (ind, measure, heading) in mapping.items()]
    if not mapping and not refused:
        return
    refused |= _fraction_columns(grid[header.first_data:], mapping, shown, reading.problems)
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
        if _is_total(row, mapping):
            reading.notes.append(_check_total(row, mapping, sums, shown, i + 1))
        elif not has_figures:
            empty.append(name or code)
        elif not (name or code):
            reading.problems.append(Problem("no_unit_in_row", shown, row=i + 1, column=column_letter(header.unit_col)))
        elif refused:
            letters = ", ".join(column_letter(j) for j in sorted(refused))
            reading.problems.append(Problem("column_refused", shown, row=i + 1, column=letters, params={"column": letters}))
        else:
            values = _row_values(row, i + 1, mapping, shown, reading.problems, sums)
            rows += [dict(sheet=sheet_name, row=i + 1, unit_column=unit_label, unit_code=code, unit_name=name,
                          indicator=ind, **{m: number_text(measures.get(m)) for m in FIELD_VI})
                     for ind, measures in values.items()]
    if empty:
        listed = ", ".join(empty[:5]) + (" …" if len(empty) > 5 else "")
        reading.notes.append(Note(shown, None, f"{len(empty)} dòng không có số liệu, bỏ qua: {listed}",
                                  f"{len(empty)} rows without figures, skipped: {listed}"))


def _find_header(grid: list[list[Cell]]) -> tuple[_Header | None, int | None]:
    """The header (found by its unit column in the first rows) and a year read from the title rows above it."""
    year = None
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        name_col, code_col = _unit_columns(row)
        if name_col is None and code_col is None:
            m = YEAR_IN_TITLE.search(fold(" ".join(cell_text(x) for x in row)))
            year = year or (int(m.group(1)) if m else None)
            continue
        unit_col = code_col if code_col is not None else name_col
        last = i
        while last + 1 < len(grid) and cell_text(grid[last + 1][unit_col]) == cell_text(grid[i][unit_col]):
            last += 1
        first_data = last + 1
        cells = [cell_text(c) for c in grid[first_data] if cell_text(c)] if first_data < len(grid) else []
        numbering = len(cells) >= 3 and all(NUMBERING.match(fold(c)) for c in cells)
        return _Header(i, last, first_data + numbering, name_col, code_col, numbering), year
    return None, year


def _map_columns(grid: list[list[Cell]], header: _Header, width: int, shown: str, catalog: Catalog,
                 reading: Reading) -> tuple[dict[int, tuple[str, str, str]], set[int]]:
    """{column: (indicator, measure, heading)} and the columns refused (a refused column refuses every row with
    figures in the sheet: never half a row)."""
    keys = _indicator_keys(catalog)
    ids = {i.id for i in catalog.indicators}
    kinds = {i.id: i.kind for i in catalog.indicators}
    mapping: dict[int, tuple[str, str, str]] = {}
    refused: set[int] = set()
    for j in range(width):
        if j in (header.name_col, header.code_col):
            continue
        parts: list[str] = []
        for r in range(header.first, header.last + 1):
            t = cell_text(grid[r][j])
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        if not parts:
            continue
        heading, letter = " / ".join(parts), column_letter(j)
        indicator, measure, trouble = _classify(parts, keys, ids)
        if indicator is not None and measure is None and kinds[indicator] == "level":
            measure = "level"
        clash = [k for k, v in mapping.items() if v[:2] == (indicator, measure)]
        if trouble:
            problem = Problem("column_ambiguous", shown, found=heading, column=letter,
                              params={"expected": trouble.split(":", 1)[1]})
        elif indicator is None:
            if fold(heading) not in ("stt", "tt", "số tt", "ghi chú"):
                reading.notes.append(Note(shown, None, "cột không thuộc chỉ tiêu nào, bỏ qua",
                                          "column matches no indicator, ignored", column=f"{letter} ({heading})"))
            continue
        elif measure is None or (kinds[indicator] == "level") != (measure == "level"):
            problem = Problem("column_no_measure", shown, found=heading, column=letter, params={"indicator": indicator})
        elif clash:
            problem = Problem("measure_repeated", shown, found=f"{column_letter(clash[0])}, {letter}", column=letter,
                              params={"indicator": indicator, "measure": FIELD_VI[measure]})
        else:
            mapping[j] = (indicator, measure, heading)
            continue
        reading.problems.append(problem)
        refused.add(j)
    return mapping, refused


def _fraction_columns(rows: list[list[Cell]], mapping: dict, shown: str, problems: list[Problem]) -> set[int]:
    """Percentage columns written as fractions (0,405 for 40,5%) are refused, not rescaled."""
    out = set()
    for j, (_, measure, _) in mapping.items():
        if measure != "value":
            continue
        numbers = []
        for row in rows:
            try:
                v, pct = parse_number(row[j].value, percent_format=row[j].percent_format)
            except NotANumber:
                continue
            if v is not None and not pct:
                numbers.append(v)
        if numbers and 0 < max(numbers) <= 1:
            out.add(j)
            problems.append(Problem("percent_as_fraction", shown, column=column_letter(j),
                                    found=", ".join(number_text(x).replace(".", ",") for x in numbers[:3])))
    return out


def _row_values(row: list[Cell], row_number: int, mapping: dict, shown: str, problems: list[Problem],
                sums: dict[int, float]) -> dict[str, dict]:
    """{indicator: {measure: value}} of one data row, or {} when any of its cells is refused (the whole row goes).
    Numerator and denominator win over a percentage beside them (counts are what rolls up)."""
    values: dict[str, dict] = {}
    bad = False
    for j, (indicator, measure, _) in mapping.items():
        try:
            v, _ = parse_number(row[j].value, percent_format=row[j].percent_format)
        except NotANumber:
            problems.append(Problem("cell_not_a_number", shown, found=cell_text(row[j]), row=row_number,
                                    column=f"{column_letter(j)} ({FIELD_VI[measure]} {indicator})"))
            bad = True
            continue
        if v is not None:
            sums[j] += v
            values.setdefault(indicator, {})[measure] = v
    if bad:
        return {}
    for indicator, measures in values.items():
        counts = [m for m in ("numerator", "denominator") if m in measures]
        if len(counts) == 2:
            measures.pop("value", None)
        elif counts and "value" in measures:
            measures.pop(counts[0])
        elif counts:
            other = "denominator" if counts[0] == "numerator" else "numerator"
            problems.append(Problem("incomplete_ratio", shown, row=row_number, found=FIELD_VI[counts[0]],
                                    params={"indicator": indicator, "expected": FIELD_VI[other]}))
            return {}
    return values


def _is_total(row: list[Cell], mapping: dict) -> bool:
    """'Tổng cộng', 'Cộng', 'Toàn huyện' starting a text cell of the row ('Xã Cộng Hòa' starts with 'Xã')."""
    words = [fold(w) for w in TOTAL_WORDS]
    for k, cell in enumerate(row):
        t = fold(cell_text(cell)).strip(" :.")
        if k not in mapping and any(t == w or t.startswith(w + " ") for w in words) and not t.startswith(fold("cộng hòa")):
            return True
    return False


def _check_total(row: list[Cell], mapping: dict, sums: dict[int, float], shown: str, row_number: int) -> Note:
    """A total row is never loaded; when its figures differ from the rows above, the note says so. The sums start
    again after it (a province's sheet has a total per district)."""
    off = []
    for j, (_, measure, _) in mapping.items():
        if measure not in ("numerator", "denominator"):
            continue
        try:
            v, _ = parse_number(row[j].value, percent_format=row[j].percent_format)
        except NotANumber:
            continue
        if v is not None and abs(v - sums[j]) > 0.5:
            off.append((column_letter(j), v, sums[j]))
    for j in sums:
        sums[j] = 0.0

    def listed(lang: str) -> str:
        return "; ".join(f"{c}: {format_number(v, lang)} ≠ {format_number(s, lang)}" for c, v, s in off)
    vi = "dòng tổng, không nạp" + (f"; khác tổng các dòng trên ({listed('vi')})" if off else "; khớp tổng các dòng trên")
    en = "total row, not loaded" + (f"; differs from the rows above ({listed('en')})" if off else "; matches the rows above")
    return Note(shown, row_number, vi, en)
