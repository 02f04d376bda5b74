"""Limits an upload must respect, checked before any parser reads it (issue 16): the bytes sent, the bytes an
archive unpacks to, and each sheet's used range (rows, columns, cells) read from the file's own structure without
building the sheet. A refusal names the limit and what was found; nothing is parsed, so refusing costs little
memory and time whatever the file claims."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import iterparse

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
    """The last row and column a worksheet part uses, streamed; stops as soon as a limit is passed."""
    rows = columns = 0
    with archive.open(name) as part:
        for _, element in iterparse(part, events=("end",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "c" or tag == "row":
                ref = element.get("r")
                if ref:
                    if tag == "row":
                        rows = max(rows, int(ref))
                    else:
                        m = _REF.fullmatch(ref)
                        if m:
                            columns = max(columns, _column_number(m.group(1)))
                            rows = max(rows, int(m.group(2)))
                if tag == "row":
                    element.clear()
                if rows > max_rows or columns > max_columns:
                    break
    return rows, columns


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
    """Problems for an upload beyond the limits of settings.uploads; [] when it may be parsed."""
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
    if suffix in (".xlsx", ".ods"):
        archive, problems = _archive(data, filename)
        if problems or archive is None or suffix == ".ods":
            return problems
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                rows, columns = _xlsx_sheet_extent(archive, name, limits.max_rows, limits.max_columns)
                sheet = name.rsplit("/", 1)[-1].removesuffix(".xml")
                if rows > limits.max_rows:
                    return _too_big(filename, "rows", rows, limits.max_rows, sheet)
                if columns > limits.max_columns:
                    return _too_big(filename, "columns", columns, limits.max_columns, sheet)
                if rows * columns > limits.max_cells:
                    return _too_big(filename, "cells", rows * columns, limits.max_cells, sheet)
    return []


def check_sheet(filename: str, sheet: str, height: int, width: int) -> list[Problem]:
    """The same limits for a sheet whose used range is known before its cells are built (.xls, .ods)."""
    limits = settings().uploads
    if height > limits.max_rows:
        return _too_big(filename, "rows", height, limits.max_rows, sheet)
    if width > limits.max_columns:
        return _too_big(filename, "columns", width, limits.max_columns, sheet)
    if height * width > limits.max_cells:
        return _too_big(filename, "cells", height * width, limits.max_cells, sheet)
    return []
