"""A sheet's header: found by its unit column under any number of title rows, headings spanning merged rows, and
each column mapped to indicator x reported field by name, id or the aliases of targets.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.config.catalog import Catalog
from pipelines.intake.workbook_cells import Cell, cell_text, column_letter
from pipelines.problems import Problem, location
from pipelines.vn_text import clean, fold, header_key

FIELD_VI = {"numerator": "số đạt", "denominator": "tổng số", "value": "tỷ lệ %", "level": "mức độ"}


YEAR_IN_TITLE = re.compile(r"năm\s+(20\d\d)")
# the date of the report (NĐ 30/2020 layout: "Thới Bình, ngày 15 tháng 01 năm 2025"), not the year of its figures
REPORT_DATE = re.compile(r"ngày\s*[\d.…_ ]*\s*tháng\s*[\d.…_ ]*\s*năm\s+20\d\d")

# a column-numbering row: "(1)", "2", "(5)=(4)/(3)", "(6)=(5)*100"
_NUMBER_CELL = r"\(?[0-9a-z]{1,3}\)?"
NUMBERING = re.compile(rf"^{_NUMBER_CELL}(?:\s*[=*/+×x:-]\s*{_NUMBER_CELL})*$")


@dataclass(frozen=True)
class Note:
    """Something the reader did that the analyst should see (a skipped total row, an ignored column)."""

    file: str
    row: int | None
    vi: str
    en: str
    column: str | None = None
    series: str | None = None  # a column no indicator names: the series it could be declared as

    def location(self, lang: str = "vi") -> str:
        return location(self.file, lang, row=self.row, column=self.column)

    def text(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en


FIELD_WORDS = (  # heading start -> the reported field it fills (longest first)
    ("tổng số", "denominator"),
    ("tổng", "denominator"),
    ("mẫu số", "denominator"),
    ("denominator", "denominator"),
    ("số đạt", "numerator"),
    ("số được công nhận", "numerator"),
    ("được công nhận", "numerator"),
    ("đạt", "numerator"),
    ("tử số", "numerator"),
    ("numerator", "numerator"),
    ("tỷ lệ", "value"),
    ("tỉ lệ", "value"),
    ("%", "value"),
    ("value", "value"),
    ("mức độ", "level"),
    ("mức", "level"),
    ("level", "level"),
)

ID_IN_HEADING = re.compile(r"\(([a-z][a-z0-9_]*)\)\s*$")

HEADER_SEARCH_ROWS = 20


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
                keys.setdefault(k[len("tỷ lệ ") :], ind.id)
    return keys


def _field_of(part: str) -> tuple[str | None, str]:
    """(field, the heading without the field words) for one heading part: 'Số đạt', 'Tỷ lệ gia đình học tập
    (%)', 'Gia đình học tập: tổng số'."""
    k = header_key(part)
    for word, field in FIELD_WORDS:
        if k == word or k.startswith(word + " "):
            return field, k[len(word) :].strip(" %-")
        if k.endswith(" " + word):
            return field, k[: -len(word)].strip(" %-")
    return None, k


def _series_of(parts: list[str]) -> str | None:
    """The series a column no indicator names could be declared as: its top heading part that says more than a
    field ('Tủ sách cộng đồng' over 'Số đạt'; 'Tỷ lệ tủ sách đạt chuẩn (%)' -> 'Tủ sách đạt chuẩn'). None when no
    part says what the figures are (a bare 'Dân số'), for levels, and for a denominator alone ('Tổng số hộ' is the
    base of some series, not one)."""
    fields = [_field_of(p) for p in parts]
    if not any(f for f, _ in fields) or any(f == "level" for f, _ in fields):
        return None
    for part, (f, rest) in zip(parts, fields):
        if f is None:
            return clean(part)
        if rest and f != "denominator":
            return rest[0].upper() + rest[1:]
    return None


def _classify(parts: list[str], keys: dict[str, str], ids: set[str]) -> tuple[str | None, str | None, str | None]:
    """(indicator, field, problem) of a column from its heading parts, top to bottom. A part that is an
    indicator's name as a whole names the indicator (level indicators' names start with 'Mức độ')."""
    found: set[str] = set()
    field = None
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
            field = mm
        if rest in keys:
            found.add(keys[rest])
    if len(found) > 1:
        return None, field, "ambiguous:" + ", ".join(sorted(found))
    return next(iter(found), None), field, None


def _unit_columns(row: list[Cell]) -> tuple[int | None, int | None]:
    name_col = code_col = None
    for i, cell in enumerate(row):
        k = header_key(cell_text(cell))
        if not k:
            continue
        if code_col is None and (k.startswith("mã") or k == "unit_code"):
            code_col = i
        elif name_col is None and (
            k.startswith("tên ")
            or k in ("đơn vị", "xã phường thị trấn", "địa phương", "unit_name", "xã", "huyện", "đơn vị hành chính")
        ):
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


def find_header(grid: list[list[Cell]]) -> tuple[_Header | None, int | None]:
    """The header (found by its unit column in the first rows) and a year read from the title rows above it."""
    year = None
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        name_col, code_col = _unit_columns(row)
        if name_col is None and code_col is None:
            m = YEAR_IN_TITLE.search(REPORT_DATE.sub(" ", fold(" ".join(cell_text(x) for x in row))))
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


def map_columns(
    grid: list[list[Cell]],
    header: _Header,
    width: int,
    shown: str,
    catalog: Catalog,
    notes: list[Note],
    problems: list[Problem],
) -> tuple[dict[int, tuple[str, str, str]], set[int]]:
    """{column: (indicator, field, heading)} and the columns refused (a refused column refuses every row with
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
        indicator, field, trouble = _classify(parts, keys, ids)
        if indicator is not None and field is None and kinds[indicator] == "level":
            field = "level"
        clash = [k for k, v in mapping.items() if v[:2] == (indicator, field)]
        if trouble:
            problem = Problem(
                "column_ambiguous", shown, found=heading, column=letter, params={"expected": trouble.split(":", 1)[1]}
            )
        elif indicator is None:
            if fold(heading) not in ("stt", "tt", "số tt", "ghi chú"):
                notes.append(
                    Note(
                        shown,
                        None,
                        "cột không thuộc chỉ tiêu nào, bỏ qua",
                        "column matches no indicator, ignored",
                        column=f"{letter} ({heading})",
                        series=_series_of(parts),
                    )
                )
            continue
        elif field is None or (kinds[indicator] == "level") != (field == "level"):
            problem = Problem("column_no_field", shown, found=heading, column=letter, params={"indicator": indicator})
        elif clash:
            problem = Problem(
                "field_repeated",
                shown,
                found=f"{column_letter(clash[0])}, {letter}",
                column=letter,
                params={"indicator": indicator, "field": FIELD_VI[field]},
            )
        else:
            mapping[j] = (indicator, field, heading)
            continue
        problems.append(problem)
        refused.add(j)
    return mapping, refused
