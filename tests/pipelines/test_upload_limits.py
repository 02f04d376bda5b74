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
