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


def ods(rows: list[list[object]], trailing_empty_rows: int = 0, far_row: int | None = None) -> bytes:
    """A minimal OpenDocument spreadsheet: `rows` of text and numbers, then `trailing_empty_rows` repeated empty
    rows (as LibreOffice writes them) and, with `far_row`, one value that far down (a used range in the millions
    in a few KB)."""

    def cell(v: object) -> str:
        if isinstance(v, int | float):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    if trailing_empty_rows:
        body += (
            f'<table:table-row table:number-rows-repeated="{trailing_empty_rows}"><table:table-cell/></table:table-row>'
        )
    if far_row:
        gap = far_row - len(rows) - 1
        body += f'<table:table-row table:number-rows-repeated="{gap}"><table:table-cell/></table:table-row>'
        body += "<table:table-row>" + cell(1) + "</table:table-row>"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Biểu 1">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
