"""Smoke run of the page benchmark on the fixture world: it runs and prints a row for every page.
(Timings are reported by the script, never asserted.)"""

from benchmarks import page_times
from pipelines.build.runner import build


def test_page_benchmark_prints_every_page(world, capsys):
    build()
    assert page_times.main(["--runs", "1", "--unit", "99", "--year", "2023"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["page", "cold", "ms", "warm"]
    assert [line.split()[0] for line in lines[1:-1]] == page_times.PAGES
    assert lines[-1].startswith("peak memory of this process")
