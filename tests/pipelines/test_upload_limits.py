"""Uploads beyond the limits of settings.uploads are refused before any parser builds them (issue 16, finding 3):
tiny files that claim gigabytes (an .xlsx holding only A1 and Z200000), too many rows, too many bytes. Each bomb is
generated here and weighs a few KB; the refusal names the limit and costs little memory and time."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from benchmarks.abuse_files import sparse_xlsx, unpack_bomb
from pipelines.intake import service as intake
from pipelines.intake import upload_limits


def refused(preview: intake.Preview) -> list[str]:
    return [p.message("vi") for p in preview.problems]


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda: sparse_xlsx("Z200000"), "số dòng"),
        (lambda: sparse_xlsx("CV400000"), "số dòng"),
        (lambda: sparse_xlsx("ZZZ10"), "số cột"),
        (lambda: sparse_xlsx("OA30000"), "số ô"),
    ],
)
def test_a_tiny_workbook_with_a_huge_used_range_is_refused_unparsed(built_world, make, what):
    data = make()
    assert len(data) < 10_000
    tracemalloc.start()
    started = time.perf_counter()
    preview = intake.preview(data, "bom.xlsx", scope="99", year=2023)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    messages = refused(preview)
    assert len(messages) == 1 and what in messages[0] and "settings.uploads" in messages[0], messages
    assert preview.accepted.empty
    assert peak < 50_000_000 and elapsed < 5, (peak, elapsed)


def test_an_archive_that_unpacks_to_hundreds_of_megabytes_is_refused(built_world):
    data = unpack_bomb()
    assert len(data) < 2_000_000
    messages = refused(intake.preview(data, "bom.xlsx", scope="99", year=2023))
    assert len(messages) == 1 and "giải nén" in messages[0]


def test_a_csv_with_too_many_rows_or_bytes_is_refused_before_pandas(built_world, monkeypatch):
    monkeypatch.setenv("XHHT_UPLOADS", '{"max_rows": 1000}')  # settings follow the environment
    rows = b"unit_code,year,indicator,numerator,denominator\n" + b"99101,2023,gd,1,2\n" * 1500
    messages = refused(intake.preview(rows, "nhieu.csv", scope="99"))
    assert len(messages) == 1 and "số dòng là 1.501" in messages[0] and "tối đa 1.000" in messages[0], messages
    monkeypatch.setenv("XHHT_UPLOADS", '{"max_rows": 1000, "max_bytes": 10000}')
    preview = intake.preview(rows, "nhieu.csv", scope="99")
    assert len(preview.problems) == 1 and "dung lượng tệp" in preview.problems[0].message("vi")
    assert "the file's size (bytes)" in preview.problems[0].message("en")


def test_files_within_the_limits_pass_the_check():
    assert upload_limits.check(sparse_xlsx("F40"), "ok.xlsx", ".xlsx") == []
    assert upload_limits.check(b"unit_code,year\n99101,2023\n", "ok.csv", ".csv") == []


def test_an_ods_with_a_far_cell_is_refused_and_trailing_empty_rows_are_not_counted():
    from benchmarks.abuse_files import ods

    bomb = ods([["mã đơn vị"]], far_row=400_000)
    assert len(bomb) < 2_000
    problems = upload_limits.check(bomb, "bom.ods", ".ods")
    assert len(problems) == 1 and "400.000" in problems[0].message("vi") and "Biểu 1" in problems[0].file
    # LibreOffice ends every sheet with about a million repeated empty rows: they hold nothing and pass
    assert upload_limits.check(ods([["mã đơn vị", "số đạt"], ["96001", 5]], 1_048_000), "ok.ods", ".ods") == []


def test_an_xls_is_measured_by_its_dimensions_records(monkeypatch):
    """The DIMENSIONS record of each BIFF8 worksheet (last row + 1, last column + 1) is read before calamine builds
    the sheet. No .xls writer is installed here, so the OLE2 container is replaced by the stream it would hold."""
    import struct

    import olefile

    def record(kind: int, payload: bytes) -> bytes:
        return struct.pack("<HH", kind, len(payload)) + payload

    stream = (
        record(0x0809, b"\0" * 16)  # BOF of the workbook globals
        + record(0x0200, struct.pack("<IIHHH", 0, 40, 0, 6, 0))  # a 40 × 6 sheet
        + record(0x0200, struct.pack("<IIHHH", 0, 400_000, 0, 100, 0))  # A1 … CV400000
    )

    class FakeOle:
        def __init__(self, _):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def exists(self, name):
            return name == "Workbook"

        def openstream(self, name):
            import io

            return io.BytesIO(stream)

    monkeypatch.setattr(olefile, "OleFileIO", FakeOle)
    problems = upload_limits.check(b"\xd0\xcf\x11\xe0 not parsed", "bom.xls", ".xls")
    assert len(problems) == 1 and problems[0].file == "bom.xls › sheet2" and "400.000" in problems[0].message("vi")
    monkeypatch.setattr(olefile, "OleFileIO", lambda _: (_ for _ in ()).throw(OSError("not an OLE2 file")))
    assert upload_limits.check(b"garbage", "hong.xls", ".xls") == []  # the reader reports a damaged file


def _rewrite(data: bytes, change) -> bytes:
    """The workbook with each member passed through change(name, bytes) -> (name, bytes)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            name, body = change(item.filename, src.read(item.filename))
            dst.writestr(name, body)
    return out.getvalue()


def test_a_sheet_stored_under_another_name_is_measured_too():
    """A reader finds sheets through the workbook's relationships, not by folder: a renamed part is still a sheet."""

    def move(name, body):
        body = body.replace(b"worksheets/sheet1.xml", b"data/s1.xml")
        return ("xl/data/s1.xml" if name == "xl/worksheets/sheet1.xml" else name), body

    data = _rewrite(sparse_xlsx("Z200000"), move)
    problems = upload_limits.check(data, "an.xlsx", ".xlsx")
    assert len(problems) == 1 and "200.000" in problems[0].message("vi")


def test_rows_and_cells_without_references_are_counted_by_position():
    rows = b"".join(b"<row><c><v>1</v></c></row>" for _ in range(150_000))

    def unreferenced(name, body):
        if name == "xl/worksheets/sheet1.xml":
            start, end = body.index(b"<sheetData>") + len(b"<sheetData>"), body.index(b"</sheetData>")
            body = body[:start] + rows + body[end:]
        return name, body

    problems = upload_limits.check(_rewrite(sparse_xlsx("B2"), unreferenced), "khong_r.xlsx", ".xlsx")
    assert len(problems) == 1 and "số dòng" in problems[0].message("vi")


def test_a_sheet_too_damaged_to_measure_is_refused_as_unreadable(built_world):
    def broken(name, body):
        return name, (b"<worksheet><sheetData><row" if name == "xl/worksheets/sheet1.xml" else body)

    preview = intake.preview(_rewrite(sparse_xlsx("B2"), broken), "hong.xlsx", scope="99", year=2023)
    assert [p.code for p in preview.problems] == ["unreadable_file"]
    from benchmarks.abuse_files import ods

    def lots(name, body):
        return name, body.replace(b"<table:table-row>", b'<table:table-row table:number-rows-repeated="lots">', 1)

    problems = upload_limits.check(_rewrite(ods([["x"]]), lots), "hong.ods", ".ods")
    assert [p.code for p in problems] == ["unreadable_file"]
