"""Smoke run of the export benchmark on the fixture world: it runs and prints both rows (times not asserted)."""

import shutil

import pytest

from benchmarks import export_times
from pipelines.build.runner import build


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (installed by .ci/run)")
def test_export_benchmark_prints_png_and_pdf(world, capsys):
    build()
    assert export_times.main(["--runs", "1", "--unit", "99"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["export", "first", "s"]
    assert [line.split()[0] for line in lines[1:]] == ["png", "pdf"]
