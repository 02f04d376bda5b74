"""Smoke run of the rebuild benchmark at a tiny scale: it runs and prints every row (figures are reported,
never asserted)."""

from benchmarks import page_times, rebuild


def test_rebuild_benchmark_prints_every_row(tmp_path, capsys):
    assert (
        rebuild.main(["--provinces", "1", "--years", "2", "--runs", "1", "--visitors", "1", "--work", str(tmp_path)])
        == 0
    )
    out = capsys.readouterr().out
    for label in (
        "scale: 1 provinces",
        "floor: DuckDB reads every cell",
        "baseline: pandas, rollups and gaps only",
        "baseline: pandas, levels+progress (older rules)",
        "ours: pipelines build (full rebuild)",
        "ours: one district sheet previewed (incremental)",
        "ours: that sheet committed (preview's build in)",
        "ours: committed until a new visitor sees it",
        "peak memory of the build",
        "build steps (s): load",
        "units judged again; the commit swapped in its preview's build",
        "peak memory of this process",
    ):
        assert label in out
    assert "A NEW READER DID NOT SEE IT" not in out
    pages = [line.split()[0] for line in out.splitlines() if line.split() and line.split()[0] in page_times.PAGES]
    assert pages == page_times.PAGES * 4  # the country, a province, a district and a commune
    assert (tmp_path / "xhht.duckdb").exists()
    meetings = [line.split()[:2] for line in out.splitlines() if line.split()[:1] == ["1"]]
    assert meetings == [["1", "1"], ["1", "2"]]  # one visitor on one server, then on two
    assert out.count("peak memory of the servers:") == 2
