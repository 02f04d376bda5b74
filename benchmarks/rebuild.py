"""Rebuild at a chosen scale against a pandas baseline and DuckDB's raw scan, and the dashboard on the result.

    python -m benchmarks.rebuild --provinces 63 --years 7      # national: 2020–2024 old map, 2025–2026 new map
    python -m benchmarks.rebuild --provinces 1 --years 2       # smoke run

Generates synthetic observation files (devdata/synthetic.py, seeded) and a targets file that applies every
national target to every unit below (so that progress is judged for each commune), then prints, in one run:
- floor: DuckDB reading every cell of the raw files and counting;
- baselines (benchmarks/pandas_baseline.py): pandas rollups and gaps only (a subset of the work), and
  pandas computing the same tables as the warehouse (benchmarks/pandas_progress.py: levels, progress, projections);
- ours: `python -m pipelines build` in a subprocess (wall time, peak memory, time per build step), and an
  upload: one district's sheet of the last old-map year previewed (an incremental build: only the changed units
  are judged again), committed (the preview's build swapped in), and the commit until a new reader sees it
  (benchmarks/commit_time.py);
- every dashboard page on the built warehouse (AppTest, in-process) for the country, a province, a district and a
  commune: cold and warm p50 / p95, and the peak memory of the process serving them;
- a meeting's load on the built warehouse (benchmarks/meeting_load.py): N visitors at once on one server, and the
  largest N again on two servers sharing the warehouse file;
with each time as a multiple of the floor, and each baseline's time over ours.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
from ruamel.yaml import YAML

from benchmarks.pandas_baseline import rollups_and_gaps, same_outputs
from devdata import synthetic
from pipelines.config import paths


def national_targets(out: Path) -> Path:
    """targets.yaml with only the national targets, each applied to the country and every unit below it."""
    yaml = YAML()
    doc = yaml.load(paths.targets_file().read_text(encoding="utf-8"))
    doc["targets"] = [t for t in doc["targets"] if t["scope"].get("unit") == "VN"]
    for t in doc["targets"]:
        t["scope"]["include"] = ["self", "province", "district", "commune"]
    path = out / "targets.yaml"
    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(doc, f)
    return path


def floor(raw: Path) -> tuple[float, int]:
    """DuckDB reading every cell of every raw file (not only the row counts in the metadata)."""
    start = time.perf_counter()
    rows = duckdb.sql(
        f"select count(*), count(unit_code), count(indicator), sum(year), sum(numerator), "
        f"sum(denominator) from read_parquet('{raw}/*.parquet')"
    ).fetchall()[0][0]
    return time.perf_counter() - start, rows


def _env(raw: Path, targets_path: Path, work: Path) -> dict:
    return {
        **os.environ,
        "XHHT_RAW": str(raw),
        "XHHT_TARGETS": str(targets_path),
        "XHHT_WAREHOUSE": str(work / "xhht.duckdb"),
        "XHHT_INTAKE": str(work / "intake"),
    }


def ours(raw: Path, targets_path: Path, work: Path, *command: str) -> tuple[float, float, dict]:
    """`python -m pipelines <command>` (a build by default) in a subprocess: wall time, and the build's peak memory
    and steps from the run log."""
    env = _env(raw, targets_path, work)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "pipelines", *(command or ("build",)), "--lang", "en"],
        env=env,
        cwd=paths.REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, err = child.communicate()
    elapsed = time.perf_counter() - start
    if child.returncode:
        raise RuntimeError(err.decode())
    last = json.loads((work / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    return (
        elapsed,
        last.get("peak_memory_mb") or 0.0,
        {**last.get("steps", {}), "judged_units": last.get("judged_units")},
    )


def district_sheet(raw: Path, provinces: int, work: Path) -> tuple[Path, str]:
    """One district's figures for 2024 (the last year with districts), each numerator one lower: a correction."""
    year = min(2024, 2020 + len(list(raw.glob("*.parquet"))) - 1)
    communes = synthetic.communes(provinces, year)
    district = communes["parent_code"].iloc[0]
    frame = pd.read_parquet(raw / f"synthetic_{year}.parquet")
    frame = frame[frame["unit_code"].isin(communes.loc[communes["parent_code"] == district, "code"])]
    frame = frame.assign(numerator=(frame["numerator"] - 1).clip(lower=0))
    path = work / "district_sheet.csv"
    frame.to_csv(path, index=False)
    return path, district


def upload(raw: Path, targets_path: Path, work: Path, provinces: int) -> dict:
    """One district's sheet previewed and committed on the built warehouse (benchmarks/commit_time.py, in a process
    of its own): the preview's incremental build, the commit, and the commit until a new reader sees it."""
    sheet, district = district_sheet(raw, provinces, work)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.commit_time", str(sheet), "--scope", district],
        env=_env(raw, targets_path, work),
        cwd=paths.REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


def tiers(provinces: int, year: int) -> list[tuple[str, int]]:
    """(unit, year) for the country, a province and a commune in the last year, and a district in 2024 (each
    commune's parent on the map of its year; a district's province on the old map)."""
    now, before = synthetic.communes(provinces, year).iloc[0], synthetic.communes(provinces, min(year, 2024)).iloc[0]
    units = pd.read_csv(paths.units_dir() / "units.csv", dtype=str, keep_default_na=False)
    districts = units[units["tier"] == "district"]
    province = dict(zip(districts["code"], districts["parent_code"])).get(now["parent_code"], now["parent_code"])
    return [("VN", year), (province, year), (before["parent_code"], min(year, 2024)), (now["code"], year)]


def pages(warehouse: Path, unit: str, year: int, runs: int) -> list[str]:
    """benchmarks.page_times in a process of its own (so that its peak memory is the dashboard's alone)."""
    env = {**os.environ, "XHHT_WAREHOUSE": str(warehouse)}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.page_times", "--unit", unit, "--year", str(year), "--runs", str(runs)],
        env=env,
        cwd=paths.REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def meeting(warehouse: Path, visitors: list[int]) -> list[str]:
    """benchmarks.meeting_load on one server, then the largest meeting on two."""
    env = {**os.environ, "XHHT_WAREHOUSE": str(warehouse)}
    lines = []
    for servers, counts in ((1, visitors), (2, visitors[-1:])):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.meeting_load",
                "--servers",
                str(servers),
                "--visitors",
                *map(str, counts),
            ],
            env=env,
            cwd=paths.REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        lines += done.stdout.splitlines()[0 if servers == 1 else 1 :]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--years", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10, help="warm reruns per dashboard page")
    parser.add_argument("--visitors", type=int, nargs="+", default=[1, 10, 40], help="meeting sizes")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="xhht-bench-"))
    shutil.rmtree(work / "intake", ignore_errors=True)  # an earlier run's commit would be in the build, and refused
    raw = work / "raw"
    start = time.perf_counter()
    synthetic.generate(args.provinces, args.years, args.seed, raw)
    generated = time.perf_counter() - start
    targets_path = national_targets(work)
    scan, rows = floor(raw)
    subset = rollups_and_gaps(raw, targets_path)
    same = same_outputs(raw, targets_path)
    total, peak_mb, steps = ours(raw, targets_path, work)
    added = upload(raw, targets_path, work, args.provinces)
    communes = len(synthetic.communes(args.provinces, 2024))
    after = len(synthetic.communes(args.provinces, 2025)) if args.years > 5 else 0
    print(
        f"scale: {args.provinces} provinces, {communes:,} communes before 2025 + {after:,} after, {args.years} years, "
        f"{rows:,} rows "
        f"(generated in {generated:.1f} s)"
    )
    print(f"{'rebuild':<52}{'seconds':>9}{'× floor':>9}{'÷ ours':>9}")
    print(f"{'floor: DuckDB reads every cell of the raw files':<52}{scan:>9.2f}{1:>9.1f}{scan / total:>9.2f}")
    print(
        f"{'baseline: pandas, rollups and gaps only (subset)':<52}{subset:>9.2f}{subset / scan:>9.1f}{subset / total:>9.2f}"
    )
    print(f"{'baseline: pandas, levels+progress (older rules)':<52}{same:>9.2f}{same / scan:>9.1f}{same / total:>9.2f}")
    print(f"{'ours: pipelines build (full rebuild)':<52}{total:>9.2f}{total / scan:>9.1f}{1:>9.2f}")
    for label, seconds in (
        ("ours: one district sheet previewed (incremental)", added["preview_s"]),
        ("ours: that sheet committed (preview's build in)", added["commit_s"]),
        ("ours: committed until a new visitor sees it", added["visible_s"]),
    ):
        print(f"{label:<52}{seconds:>9.2f}{seconds / scan:>9.1f}{seconds / total:>9.2f}")
    print(f"peak memory of the build: {peak_mb:,.0f} MB")
    print("build steps (s): " + ", ".join(f"{k} {v:.2f}" for k, v in steps.items() if v is not None))
    print(
        f"upload: {added['rows']} rows, {added['judged_units']} units judged again; the commit "
        + ("swapped in its preview's build" if added["adopted"] else "rebuilt (an input changed after the preview)")
        + ("" if added["seen"] else "; A NEW READER DID NOT SEE IT")
    )
    for unit, year in tiers(args.provinces, 2020 + args.years - 1):
        for line in pages(work / "xhht.duckdb", unit, year, args.runs):
            print(line)
    for line in meeting(work / "xhht.duckdb", args.visitors):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
