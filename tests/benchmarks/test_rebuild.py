"""Smoke run of the rebuild benchmark at a tiny scale: it runs and prints every row (figures are reported,
never asserted)."""
from benchmarks import rebuild


def test_rebuild_benchmark_prints_every_row(tmp_path, capsys):
    assert rebuild.main(["--provinces", "1", "--years", "2", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for label in ("scale: 1 provinces", "floor: DuckDB raw scan", "baseline: pandas", "ours: pipelines build",
                  "baseline / ours", "peak memory", "build steps (s): load"):
        assert label in out
    assert (tmp_path / "xhht.duckdb").exists()
