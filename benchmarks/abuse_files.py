"""Hostile and careless files for the abuse suite and the tests, generated small: workbooks whose used range claims
millions of cells, archives that unpack to hundreds of megabytes, a million-row sheet written as raw XML."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook


def sparse_xlsx(far_cell: str) -> bytes:
    """A value in A1 and one in `far_cell`: a huge used range in a few KB."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "mã đơn vị"
    ws[far_cell] = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def unpack_bomb(megabytes: int = 300) -> bytes:
    """An archive whose one sheet part unpacks to `megabytes` MB of zeros (about 1/1000 of that packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * 1_000_000
            for _ in range(megabytes):
                member.write(block)
    return out.getvalue()


def many_rows_xlsx(rows: int = 1_048_574) -> bytes:
    """A real workbook with `rows` rows of one cell each, its sheet written directly as XML (seconds, not minutes)."""
    template = io.BytesIO()
    Workbook().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with dst.open(item.filename, "w", force_zip64=True) as sheet:
                    sheet.write(
                        b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    )
                    chunk = []
                    for r in range(1, rows + 1):
                        chunk.append(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>')
                        if len(chunk) == 50_000:
                            sheet.write("".join(chunk).encode())
                            chunk = []
                    sheet.write("".join(chunk).encode() + b"</sheetData></worksheet>")
            else:
                dst.writestr(item, src.read(item.filename))
    return out.getvalue()


def big_csv(megabytes: int = 30) -> bytes:
    line = b"96,2024,gia_dinh_hoc_tap,1,2\n"
    return b"unit_code,year,indicator,numerator,denominator\n" + line * (megabytes * 1_000_000 // len(line))
