"""Limits an upload must respect, checked before any parser reads it (issue 16): the bytes sent, the bytes an
archive unpacks to, and each sheet's used range (rows, columns, cells) read from the file's own structure without
building the sheet. A refusal names the limit and what was found; nothing is parsed, so refusing costs little
memory and time whatever the file claims."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import ParseError, iterparse

from pipelines.config.settings import settings
from pipelines.problems import Problem
from pipelines.vn_text import format_number

_REF = re.compile(r"([A-Z]+)(\d+)")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


WHAT = {
    "bytes": ("dung lượng tệp (byte)", "the file's size (bytes)"),
    "unpacked": ("dung lượng sau khi giải nén (byte)", "its size unpacked (bytes)"),
    "rows": ("số dòng", "the number of rows"),
    "columns": ("số cột", "the number of columns"),
    "cells": ("số ô của vùng có dữ liệu", "the cells of the used range"),
}


def _too_big(filename: str, what: str, found: int, limit: int, sheet: str = "") -> list[Problem]:
    where = f"{filename} › {sheet}" if sheet else filename
    vi, en = WHAT[what]
    return [
        Problem(
            "upload_limit",
            where,
            found=str(found),
            params=dict(
                what={"vi": vi, "en": en},
                n={lang: format_number(found, lang) for lang in ("vi", "en")},
                limit={lang: format_number(limit, lang) for lang in ("vi", "en")},
                setting=f"settings.uploads.max_{what}",
            ),
        )
    ]


def _xlsx_sheet_extent(archive: zipfile.ZipFile, name: str, max_rows: int, max_columns: int) -> tuple[int, int]:
    """The last row and column a worksheet part uses, streamed; stops as soon as a limit is passed. A row or cell
    without its `r` reference follows the previous one, as spreadsheet programs read it."""
    rows = columns = column = 0
    with archive.open(name) as part:
        for event, element in iterparse(part, events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start" and tag == "row":
                ref = element.get("r")
                rows = int(ref) if ref and ref.isascii() and ref.isdigit() else rows + 1
                column = 0
            elif event == "start" and tag == "c":
                m = _REF.fullmatch(element.get("r") or "")
                column = _column_number(m.group(1)) if m else column + 1
                columns = max(columns, column)
            elif event == "end" and tag == "row":
                element.clear()
            if rows > max_rows or columns > max_columns:
                break
    return rows, columns


WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """Every part a reader may load as a worksheet: by content type, by the workbook's relationships, by name."""
    names = set(archive.namelist())
    parts = {n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    for member, attribute, wanted in (
        ("[Content_Types].xml", "ContentType", WORKSHEET),
        ("xl/_rels/workbook.xml.rels", "Type", "/worksheet"),
    ):
        if member not in names:
            continue
        with archive.open(member) as part:
            for _, element in iterparse(part):
                if element.get(attribute, "").endswith(wanted):
                    target = element.get("PartName") or element.get("Target") or ""
                    target = (
                        target.lstrip("/")
                        if target.startswith("/")
                        else f"xl/{target}"
                        if attribute == "Type"
                        else target
                    )
                    if target in names:
                        parts.add(target)
    return sorted(parts)


ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _ods_extents(archive: zipfile.ZipFile, max_rows: int, max_columns: int) -> list[tuple[str, int, int]]:
    """(sheet, last row, last column) holding content in each table of content.xml, streamed; repeated empty rows
    and cells (LibreOffice writes a million of them) count only when content follows them."""
    out: list[tuple[str, int, int]] = []
    name, row, rows, columns = "", 0, 0, 0
    with archive.open("content.xml") as part:
        for event, element in iterparse(part, events=("start", "end")):
            tag = element.tag
            if event == "start" and tag == ODS_TABLE + "table":
                name, row, rows, columns = element.get(ODS_TABLE + "name", ""), 0, 0, 0
            elif event == "end" and tag == ODS_TABLE + "table-row":
                repeat = int(element.get(ODS_TABLE + "number-rows-repeated", "1"))
                column = last = 0
                for cell in element:
                    span = int(cell.get(ODS_TABLE + "number-columns-repeated", "1"))
                    if cell.get(ODS_OFFICE + "value-type") or len(cell):
                        last = column + span
                    column += span
                if last:
                    rows, columns = row + repeat, max(columns, last)
                row += repeat
                element.clear()
                if rows > max_rows or columns > max_columns:
                    return [*out, (name, rows, columns)]
            elif event == "end" and tag == ODS_TABLE + "table":
                out.append((name, rows, columns))
                element.clear()
    return out


def _xls_extents(data: bytes) -> list[tuple[str, int, int]]:
    """(sheet number, rows, columns) from the DIMENSIONS record of each worksheet of a BIFF8 .xls workbook."""
    import struct

    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        stream = "Workbook" if ole.exists("Workbook") else "Book"
        book = ole.openstream(stream).read()
    out, at, sheet = [], 0, 0
    while at + 4 <= len(book):
        kind, size = struct.unpack_from("<HH", book, at)
        if kind == 0x0200 and size >= 12:  # DIMENSIONS: first row, last row + 1, first column, last column + 1
            _, rows, _, columns = struct.unpack_from("<IIHH", book, at + 4)
            sheet += 1
            out.append((f"sheet{sheet}", rows, columns))
        at += 4 + size
    return out


def _archive(data: bytes, filename: str) -> tuple[zipfile.ZipFile | None, list[Problem]]:
    limits = settings().uploads
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return None, []  # not an archive: the reader reports the damaged file
    unpacked = sum(i.file_size for i in archive.infolist())
    if unpacked > limits.max_unpacked_bytes:
        return None, _too_big(filename, "unpacked", unpacked, limits.max_unpacked_bytes)
    return archive, []


def check(data: bytes, filename: str, suffix: str) -> list[Problem]:
    """Problems for an upload beyond the limits of settings.uploads; [] when it may be parsed. A file too damaged
    to be measured (broken XML, a corrupt or encrypted archive member) is refused as unreadable."""
    try:
        return _check(data, filename, suffix)
    except (ParseError, ValueError, KeyError, RuntimeError, OSError, EOFError, zipfile.BadZipFile) as exc:
        return [
            Problem("unreadable_file", filename, found=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        ]


def _check(data: bytes, filename: str, suffix: str) -> list[Problem]:
    limits = settings().uploads
    if len(data) > limits.max_bytes:
        return _too_big(filename, "bytes", len(data), limits.max_bytes)
    if suffix == ".csv":
        lines = data.count(b"\n") + 1
        if lines > limits.max_rows + 1:
            return _too_big(filename, "rows", lines - 1, limits.max_rows)
        header = data.split(b"\n", 1)[0]
        columns = max(header.count(b","), header.count(b";"), header.count(b"\t")) + 1
        if columns > limits.max_columns:
            return _too_big(filename, "columns", columns, limits.max_columns)
        return []
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            meta = pq.ParquetFile(io.BytesIO(data)).metadata
        except Exception:
            return []  # the reader reports the damaged file
        if meta.num_rows > limits.max_rows:
            return _too_big(filename, "rows", meta.num_rows, limits.max_rows)
        if meta.num_columns > limits.max_columns:
            return _too_big(filename, "columns", meta.num_columns, limits.max_columns)
        return []
    if suffix == ".xls":
        try:
            extents = _xls_extents(data)
        except Exception:
            return []  # not an OLE2 workbook: the reader reports the damaged file
        return next((p for sheet, r, c in extents if (p := check_sheet(filename, sheet, r, c))), [])
    if suffix == ".ods":
        archive, problems = _archive(data, filename)
        if problems or archive is None or "content.xml" not in archive.namelist():
            return problems
        extents = _ods_extents(archive, limits.max_rows, limits.max_columns)
        return next((p for sheet, r, c in extents if (p := check_sheet(filename, sheet, r, c))), [])
    if suffix == ".xlsx":
        archive, problems = _archive(data, filename)
        if problems or archive is None:
            return problems
        for name in _xlsx_sheet_parts(archive):
            rows, columns = _xlsx_sheet_extent(archive, name, limits.max_rows, limits.max_columns)
            problems = check_sheet(filename, name.rsplit("/", 1)[-1].removesuffix(".xml"), rows, columns)
            if problems:
                return problems
    return []


def check_sheet(filename: str, sheet: str, height: int, width: int) -> list[Problem]:
    """The limits for one sheet whose used range is known before its cells are built (every format)."""
    limits = settings().uploads
    if height > limits.max_rows:
        return _too_big(filename, "rows", height, limits.max_rows, sheet)
    if width > limits.max_columns:
        return _too_big(filename, "columns", width, limits.max_columns, sheet)
    if height * width > limits.max_cells:
        return _too_big(filename, "cells", height * width, limits.max_cells, sheet)
    return []
