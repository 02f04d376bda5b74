"""Smoke run of the rebuild benchmark at a tiny scale: it runs and prints every row (figures are reported,
never asserted)."""

from benchmarks import page_times, rebuild


def test_rebuild_benchmark_prints_every_row(tmp_path, capsys):
    assert rebuild.main(["--provinces", "1", "--years", "2", "--runs", "1", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for label in (
        "scale: 1 provinces",
        "floor: DuckDB reads every cell",
        "baseline: pandas, rollups and gaps only",
        "baseline: pandas, same outputs",
        "ours: pipelines build (full rebuild)",
        "ours: incremental, one province sends one new year",
        "peak memory of the build",
        "build steps (s): load",
        "peak memory of this process",
    ):
        assert label in out
    pages = [line.split()[0] for line in out.splitlines() if line.split() and line.split()[0] in page_times.PAGES]
    assert pages == page_times.PAGES
    assert (tmp_path / "xhht.duckdb").exists()
