"""The baseline of the rebuild benchmark: the same computation written the straightforward way in pandas,
without DuckDB. Two variants are timed:

- `rollups_and_gaps`: load, roll ratios up the hierarchy, gap to this year's milestone (a subset of the work:
  no validation, no levels, no coverage rule, no outlook);
- `same_outputs`: load, drop invalid rows, roll ratios up at the finest reporting tier with coverage, derive
  every unit's NĐ 20 levels and shortfalls, count units at a level, expand every target to its units and years,
  and judge status, gap and outlook with projections: the warehouse's unit_levels, level_shortfalls,
  units_at_level_actuals, progress and projections, vectorised (merges, group-bys, numpy) in
  benchmarks/pandas_progress.py, whose docstring says what it leaves out. Neither variant builds the comparable
  series across the 2025 reform, the records or the geodata.

benchmarks/ never imports from tests/: the Python loops there are the test oracle of the SQL, not a baseline.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
from ruamel.yaml import YAML

from benchmarks import pandas_progress
from pipelines.config import paths
from pipelines.config.catalog import load_catalog
from pipelines.config.settings import settings
from pipelines.config.standards import load_standards
from pipelines.method.milestones import milestone_path


def _load(raw: Path) -> pd.DataFrame:
    return pd.concat([pd.read_parquet(p) for p in sorted(raw.glob("*.parquet"))], ignore_index=True)


def _registry() -> pd.DataFrame:
    return pd.read_csv(paths.units_dir() / "units.csv", dtype=str, keep_default_na=False)


def rollups_and_gaps(raw: Path, targets_path: Path) -> float:
    """Load, roll ratios up commune -> district -> province -> country, gap to this year's milestone."""
    start = time.perf_counter()
    obs = _load(raw)
    units = _registry()
    # the post-reform map: communes directly under provinces
    after = units["valid_from"] >= settings().reform_date.isoformat()
    parents = {
        False: units[~after].drop_duplicates("code").set_index("code")["parent_code"],
        True: units[after].drop_duplicates("code").set_index("code")["parent_code"],
    }
    obs = obs.assign(new_map=obs["year"] >= settings().first_new_map_year)
    levels = [obs.assign(unit=obs["unit_code"])]
    current = obs.assign(unit=obs["unit_code"])
    for _ in range(3):  # district, province, country (province, country on the new map)
        current = current.assign(
            unit=np.where(current["new_map"], current["unit"].map(parents[True]), current["unit"].map(parents[False]))
        )
        current = current[current["unit"].notna() & (current["unit"] != "")]
        current = current.groupby(["unit", "year", "indicator", "new_map"], as_index=False)[
            ["numerator", "denominator"]
        ].sum()
        levels.append(current)
    actual = pd.concat(
        [lv[["unit", "year", "indicator", "numerator", "denominator"]] for lv in levels], ignore_index=True
    )
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


def same_outputs(raw: Path, targets_path: Path) -> float:
    """The warehouse's tables (levels, units at a level, progress, projections) in vectorised pandas."""
    start = time.perf_counter()
    catalog = load_catalog(targets_path)
    standards = load_standards(catalog)
    s = catalog.settings
    indicators = {i.id: i for i in catalog.indicators}
    obs = _load(raw)

    # unit-years and ancestors from the registry
    units = _registry()
    years = pd.DataFrame({"year": range(s.first_year, s.target_year + 1)})
    units["from"] = units["valid_from"].replace("", "1900-01-01")
    units["to"] = units["valid_to"].replace("", "2999-12-31")
    uy = units.merge(years, how="cross")
    year_end = uy["year"].astype(str) + "-12-31"  # a unit belongs to the years it is valid at the end of
    uy = uy[(uy["from"] <= year_end) & (uy["to"] >= year_end)].drop_duplicates(["code", "year"], keep="last")
    dbkk = set(pd.read_csv(paths.units_dir() / "dbkk.csv", dtype=str)["code"])
    uy = uy.assign(dbkk=uy["code"].isin(dbkk))[["code", "year", "tier", "parent_code", "dbkk"]]
    parent = uy.set_index(["code", "year"])["parent_code"]
    chains, current = [], uy[["code", "year"]].assign(ancestor=uy["code"], depth=0)
    while len(current):
        chains.append(current)
        nxt = current.assign(
            ancestor=parent.reindex(pd.MultiIndex.from_frame(current[["ancestor", "year"]])).to_numpy()
        )
        current = nxt[nxt["ancestor"].notna() & (nxt["ancestor"] != "")].assign(depth=lambda d: d["depth"] + 1)
    ancestors = pd.concat(chains, ignore_index=True).merge(uy[["code", "year", "tier"]], on=["code", "year"])

    # validation: known unit valid that year, known indicator, counts that make sense, no duplicates
    obs = obs.merge(uy[["code", "year"]], left_on=["unit_code", "year"], right_on=["code", "year"])
    obs = obs[obs["indicator"].isin(indicators) & (obs["numerator"] >= 0) & (obs["numerator"] <= obs["denominator"])]
    obs = obs[~obs.duplicated(["unit_code", "year", "indicator"], keep=False)].drop(columns="code")

    # ratio rollups at the finest reporting tier, with coverage
    reported = obs.assign(origin="reported", value=100 * obs["numerator"] / obs["denominator"], coverage=1.0)
    desc = obs.merge(ancestors[ancestors["depth"] > 0], left_on=["unit_code", "year"], right_on=["code", "year"])
    finest = desc.groupby(["ancestor", "year", "indicator"])["depth"].transform("max")
    desc = desc[desc["depth"] == finest]
    rolled = desc.groupby(["ancestor", "year", "indicator"], as_index=False).agg(
        numerator=("numerator", "sum"),
        denominator=("denominator", "sum"),
        n_reported=("unit_code", "size"),
        tier=("tier", "first"),
    )
    expected = ancestors.groupby(["ancestor", "year", "tier"]).size().rename("n_expected").reset_index()
    rolled = rolled.merge(expected, on=["ancestor", "year", "tier"], how="left").rename(
        columns={"ancestor": "unit_code"}
    )
    rolled = rolled.assign(
        origin="rollup",
        value=100 * rolled["numerator"] / rolled["denominator"],
        coverage=rolled["n_reported"] / rolled["n_expected"],
    )
    rolled = rolled.merge(reported[["unit_code", "year", "indicator"]], how="left", indicator="own")
    rolled = rolled[rolled["own"] == "left_only"].drop(columns="own")
    ratio_actuals = pd.concat([reported, rolled], ignore_index=True)

    # levels, then units at a level (benchmarks/pandas_progress.py)
    observed = ancestors.merge(
        obs[["unit_code", "year"]].drop_duplicates(), left_on=["code", "year"], right_on=["unit_code", "year"]
    )["ancestor"].unique()
    levels, _ = pandas_progress.unit_levels(catalog, standards, uy[uy["code"].isin(observed)], ratio_actuals)
    counts = pandas_progress.units_at_level(catalog, levels, ancestors)
    level_values = levels[levels["level"].notna()].assign(value=lambda d: d["level"].astype(float), coverage=1.0)
    actuals = pd.concat([ratio_actuals, level_values, counts], ignore_index=True)

    # targets to units and years (a scope's root itself, or its descendants of a tier), then progress
    points, scopes = [], []
    for t in catalog.targets:
        for year, value in milestone_path({**t.milestones, s.target_year: t.target_2030}, t.interpolation).items():
            points.append((t.id, year, value))
        roots = [t.scope.unit] if t.scope.unit else list(t.scope.units or [])
        scopes += [
            (t.id, t.indicator, root, inc) for root in roots for inc in (t.scope.include if t.scope.unit else ["self"])
        ]
    points = pd.DataFrame(points, columns=["target_id", "year", "milestone"])
    scope = pd.DataFrame(scopes, columns=["target_id", "indicator", "root", "include"])
    reach = ancestors.assign(include=ancestors["tier"].where(ancestors["depth"] > 0, "self"))
    target_units = reach.merge(scope, left_on=["ancestor", "include"], right_on=["root", "include"])
    frame = (
        target_units[["target_id", "indicator", "code", "year"]].drop_duplicates().rename(columns={"code": "unit_code"})
    )
    frame = frame.merge(points, on=["target_id", "year"], how="left").merge(
        actuals[["unit_code", "year", "indicator", "value", "share", "numerator", "denominator", "coverage"]],
        on=["unit_code", "year", "indicator"],
        how="left",
    )
    frame = frame[frame["milestone"].notna() | frame["value"].notna()]
    pandas_progress.progress(catalog, frame.drop(columns="indicator"))
    return time.perf_counter() - start
