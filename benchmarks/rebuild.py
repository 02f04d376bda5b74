"""Full rebuild at a chosen scale, against a pandas baseline and DuckDB's raw scan of the same files.

    python -m benchmarks.rebuild --provinces 63 --years 6      # national, pre-reform map (2020–2025)
    python -m benchmarks.rebuild --provinces 5 --years 6       # a region

Generates synthetic observation files (pipelines/synthetic.py, seeded) and a targets file that applies every
national target to every unit below (so that progress is judged for each commune), then prints:
- floor: DuckDB reading and counting the raw files;
- baseline: a straightforward pandas implementation (load, roll ratios up the hierarchy, gap to milestones);
- ours: `python -m pipelines build` in a subprocess (wall time, peak memory, time per build step);
with each time as a multiple of the floor and the baseline's time over ours.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
from ruamel.yaml import YAML

from pipelines import paths, synthetic
from pipelines.methodology import milestone_path


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
    start = time.perf_counter()
    rows = duckdb.sql(f"select count(*) from read_parquet('{raw}/*.parquet')").fetchall()[0][0]
    return time.perf_counter() - start, rows


def pandas_baseline(raw: Path, targets_path: Path) -> float:
    """Load, roll ratios up commune -> district -> province -> country, gap to this year's milestone."""
    start = time.perf_counter()
    obs = pd.concat([pd.read_parquet(p) for p in sorted(raw.glob("*.parquet"))], ignore_index=True)
    units = pd.read_csv(paths.units_dir() / "units.csv", dtype=str, keep_default_na=False)
    parent = units.drop_duplicates("code").set_index("code")["parent_code"]
    levels = [obs.assign(unit=obs["unit_code"])]
    current = obs.assign(unit=obs["unit_code"])
    for _ in range(3):  # district, province, country
        current = current.assign(unit=current["unit"].map(parent))
        current = current.groupby(["unit", "year", "indicator"], as_index=False)[["numerator", "denominator"]].sum()
        levels.append(current)
    actual = pd.concat([lv[["unit", "year", "indicator", "numerator", "denominator"]] for lv in levels], ignore_index=True)
    actual["value"] = 100 * actual["numerator"] / actual["denominator"]
    doc = YAML(typ="safe").load(targets_path.read_text(encoding="utf-8"))
    rows = []
    for t in doc["targets"]:
        points = {**{int(k): v for k, v in (t.get("milestones") or {}).items()}, 2030: t["target_2030"]}
        for year, value in milestone_path(points, t.get("interpolation", "linear")).items():
            rows.append((t["indicator"], year, value))
    milestones = pd.DataFrame(rows, columns=["indicator", "year", "milestone"])
    gaps = actual.merge(milestones, on=["indicator", "year"])
    gaps["gap"] = gaps["value"] - gaps["milestone"]
    gaps["status"] = gaps["gap"].ge(0).map({True: "met", False: "behind"})
    return time.perf_counter() - start


def ours(raw: Path, targets_path: Path, work: Path) -> tuple[float, float, dict]:
    env = {**os.environ, "XHHT_RAW": str(raw), "XHHT_TARGETS": str(targets_path),
           "XHHT_WAREHOUSE": str(work / "xhht.duckdb")}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipelines", "build", "--lang", "en"], env=env, cwd=paths.REPO,
                   check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    last = json.loads((work / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    return elapsed, peak_mb, last.get("steps", {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="xhht-bench-"))
    raw = work / "raw"
    start = time.perf_counter()
    synthetic.generate(args.provinces, args.years, args.seed, raw)
    generated = time.perf_counter() - start
    targets_path = national_targets(work)
    scan, rows = floor(raw)
    base = pandas_baseline(raw, targets_path)
    total, peak_mb, steps = ours(raw, targets_path, work)
    communes = len(synthetic.communes(args.provinces))
    print(f"scale: {args.provinces} provinces, {communes:,} communes, {args.years} years, {rows:,} rows "
          f"(generated in {generated:.1f} s)")
    print(f"{'what':<34}{'seconds':>10}{'× floor':>10}")
    print(f"{'floor: DuckDB raw scan':<34}{scan:>10.2f}{1:>10.1f}")
    print(f"{'baseline: pandas':<34}{base:>10.2f}{base / scan:>10.1f}")
    print(f"{'ours: pipelines build':<34}{total:>10.2f}{total / scan:>10.1f}")
    print(f"baseline / ours: {base / total:.2f}   peak memory of the build: {peak_mb:,.0f} MB")
    print("build steps (s): " + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
