"""Reading the statistics office's (GSO) tables as its PX-Web database exports them, unchanged:

    <BOM>"Percentage of … by province (*) by Cities, provincies and Year"    title: names the indicator (aliases)
                                                                            blank lines: ignored
    "Cities, provincies";"2008";…;"2015";"Prel. 2016"                       header: one column per year;
                                                                            'Prel.'/'Sơ bộ' = provisional
    " WHOLE COUNTRY";14.3;…                                                 the country: VN
    "Red River Delta";18.1;…                                                a region: skipped (noted)
    "Ha Noi";23.3;…;..                                                      a province, named in English or
                                                                            Vietnamese; '..', '...' = no data

Separators `;`, `,` or tab; UTF-8 (with or without BOM) or UTF-16. Each province × year cell becomes one tidy row
(value only, a percentage) whose `row` is the file's line; names are matched to codes afterwards by the reported
matching step (pipelines/intake/unit_scope.py, provinces only). A former province (Hà Tây) is refused with what
became of it. Every data line is accepted, refused or skipped: nothing disappears silently.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

import pandas as pd

from pipelines.config.catalog import Catalog
from pipelines.intake.sheet_headers import Note
from pipelines.intake.workbook_cells import column_letter as _letter
from pipelines.problems import Problem
from pipelines.vn_text import ascii_key, clean, header_key, number_text

SEPARATORS = (";", "\t", ",")
MISSING = {"", "..", "...", "…", "-"}
COUNTRY = {ascii_key(n) for n in ("WHOLE COUNTRY", "CẢ NƯỚC", "Toàn quốc", "Việt Nam", "Viet Nam")}
REGIONS = {
    ascii_key(n)
    for n in (
        "Red River Delta",
        "Đồng bằng sông Hồng",
        "Northern midlands and mountain areas",
        "Trung du và miền núi phía Bắc",
        "Northern Central area and Central coastal area",
        "Bắc Trung Bộ và duyên hải miền Trung",
        "Central Highlands",
        "Tây Nguyên",
        "South East",
        "Đông Nam Bộ",
        "Mekong River Delta",
        "Đồng bằng sông Cửu Long",
        "North East",
        "Đông Bắc",
        "North West",
        "Tây Bắc",
        "North Central Coast",
        "Bắc Trung Bộ",
        "South Central Coast",
        "Duyên hải Nam Trung Bộ",
    )
}
# provinces that no longer exist: written name key -> (Vietnamese, English) of what became of them, successor
FORMER = {
    ascii_key("Hà Tây"): {
        "former": {"vi": "tỉnh Hà Tây cũ", "en": "the former province of Hà Tây"},
        "fate": {"vi": "sáp nhập vào Thành phố Hà Nội từ 1/8/2008", "en": "merged into Hà Nội on 1/8/2008"},
        "successor": "Thành phố Hà Nội (01)",
    }
}
# a province renamed: the registry knows it by its new name only
RENAMED = {ascii_key("Thừa Thiên Huế"): ("46", "Thừa Thiên Huế → Thành phố Huế (46), từ 1/1/2025")}
_YEAR = re.compile(r"^(?:(prel|preliminary|provisional|so bo)\s*)?((?:19|20)\d{2})(?:\s*\(?(prel|so bo)\)?)?$")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_TITLE_TAIL = re.compile(r"\s+(by|phan theo|chia theo)\s.*$")


@dataclass
class Table:
    rows: pd.DataFrame  # sheet, row, unit_column, unit_code, unit_name, indicator, value, year, provisional
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    title: str = ""
    indicator: str | None = None
    data_lines: int = 0  # lines below the header naming a unit (or a region, a note)
    skipped: set[int] = field(default_factory=set)  # those lines skipped (regions, notes, no figures)


ROW_COLUMNS = ["sheet", "row", "unit_column", "unit_code", "unit_name", "indicator", "value", "year", "provisional"]


def year_of(heading: str) -> tuple[int, bool] | None:
    """(year, provisional) of a column heading: '2015' -> (2015, False); 'Prel. 2016', 'Sơ bộ 2016' -> (2016, True)."""
    m = _YEAR.match(ascii_key(re.sub(r"[.()]", " ", clean(heading))).strip())
    return (int(m.group(2)), bool(m.group(1) or m.group(3))) if m else None


def _text(data: bytes) -> str | None:
    for bom, codec in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"", "utf-8-sig")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _grid(text: str) -> tuple[list[list[str]], int] | None:
    """The lines split by the separator whose header has the most year columns, and that header's index. The header
    is the first line of several cells; most of the cells after its first must be years."""
    lines = text.splitlines()
    best = None
    for sep in SEPARATORS:
        grid = [next(csv.reader([line], delimiter=sep), []) for line in lines]
        i = next((i for i, row in enumerate(grid[:30]) if sum(bool(clean(c)) for c in row) >= 2), None)
        if i is None:
            continue
        headings = [c for c in grid[i][1:] if clean(c)]
        years = sum(year_of(c) is not None for c in headings)
        if years and 2 * years >= len(headings) and (best is None or years > best[2]):
            best = (grid, i, years)
    return (best[0], best[1]) if best else None


def looks_like_pxweb(data: bytes) -> bool:
    """A CSV whose header (below any title lines) has year columns, as PX-Web exports them."""
    text = _text(data[:20_000])
    found = _grid(text) if text is not None else None
    return found is not None and ascii_key(found[0][found[1]][0]) not in ("unit code", "unit_code")


def indicator_of(title: str, catalog: Catalog) -> str | None:
    """The indicator whose name, id or alias the title is (its 'by province …' tail and '(*)' ignored)."""
    key = _TITLE_TAIL.sub("", ascii_key(header_key(title.replace("(*)", " "))))
    for ind in catalog.indicators:
        for name in (ind.id, ind.name_vi, ind.name_en, *ind.aliases):
            if ascii_key(header_key(name)) == key:
                return ind.id
    return None


def read_pxweb(data: bytes, filename: str, catalog: Catalog) -> Table:
    table = Table(pd.DataFrame(columns=ROW_COLUMNS))
    text = _text(data)
    found = _grid(text) if text is not None else None
    if found is None:
        table.problems.append(Problem("unreadable_file", filename, found="PX-Web: no header with year columns"))
        return table
    grid, h = found
    table.title = " ".join(clean(c) for row in grid[:h] for c in row if clean(c))
    table.indicator = indicator_of(table.title, catalog) if table.title else None
    if table.indicator is None:
        table.problems.append(Problem("pxweb_series_unknown", filename, found=table.title))
    else:
        name = catalog.indicator(table.indicator).name_vi
        table.notes.append(
            Note(filename, 1, f"tiêu đề → chỉ tiêu {name} ({table.indicator})", f"title → indicator {table.indicator}")
        )
    header = grid[h]
    years = {j: year_of(c) for j, c in enumerate(header) if j > 0 and clean(c)}
    for j, y in years.items():
        if y is None:
            table.problems.append(Problem("pxweb_column", filename, found=clean(header[j]), column=_letter(j)))
        elif y[1]:
            table.notes.append(
                Note(filename, h + 1, f"{y[0]}: số liệu sơ bộ", f"{y[0]}: provisional figures", column=_letter(j))
            )
    years = {j: y for j, y in years.items() if y is not None}
    unit_column = f"A ({clean(header[0])})"
    rows = []
    for i in range(h + 1, len(grid)):
        cells = [clean(c) for c in grid[i]]
        if not any(cells):
            continue
        table.data_lines += 1
        line = i + 1
        written = cells[0] if cells else ""
        key = ascii_key(written)
        code, name = "", written
        figures = {j: cells[j] for j in years if j < len(cells) and cells[j] not in MISSING}
        if key in REGIONS or not figures:
            table.skipped.add(line)
            what = ("vùng", "a region") if key in REGIONS else ("không có số liệu", "no figures")
            table.notes.append(
                Note(filename, line, f"'{written}': {what[0]}, bỏ qua", f"'{written}': {what[1]}, skipped")
            )
            continue
        if key in FORMER:
            table.problems.append(
                Problem("former_unit", filename, row=line, column=unit_column, found=written, params=FORMER[key])
            )
            continue
        if key in COUNTRY or key in RENAMED:
            code, name = ("VN", "") if key in COUNTRY else (RENAMED[key][0], "")
            said = "cả nước → VN" if key in COUNTRY else RENAMED[key][1]
            table.notes.append(Note(filename, line, f"'{written}': {said}", f"'{written}': {said}"))
        values, bad = {}, False
        for j, cell in figures.items():
            if not _NUMBER.match(cell.replace(" ", "")):
                table.problems.append(Problem("pxweb_number", filename, row=line, column=_letter(j), found=cell))
                bad = True
            else:
                values[j] = float(cell.replace(" ", "").replace(",", "."))
        if bad:
            continue
        rows += [
            dict(
                sheet="",
                row=line,
                unit_column=unit_column,
                unit_code=code,
                unit_name=name,
                indicator=table.indicator or "",
                value=number_text(v),
                year=str(years[j][0]),
                provisional="1" if years[j][1] else "",
            )
            for j, v in values.items()
        ]
    table.rows = pd.DataFrame(rows, columns=ROW_COLUMNS)
    return table
