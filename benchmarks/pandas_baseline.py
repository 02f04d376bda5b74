"""The baseline of the rebuild benchmark: the same computation written the straightforward way, in pandas
and plain Python loops over the pure functions (the way the pipeline itself worked before its levels and
progress moved to set-based SQL). Two variants are timed:

- `rollups_and_gaps`: load, roll ratios up the hierarchy, gap to this year's milestone (a subset of the work:
  no validation, no levels, no coverage rule, no outlook);
- `same_outputs`: load, drop invalid rows, roll ratios up at the finest reporting tier with coverage, derive
  every unit's NĐ 20 levels, count units at a level, expand every target to its units and years, and judge
  status, gap and outlook with projections: the tables the warehouse holds, computed without DuckDB.
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
from ruamel.yaml import YAML

from pipelines import paths
from pipelines.catalog import load_catalog
from pipelines.methodology import milestone_path
from pipelines.standards import load_standards
from tests.pipelines.reference_levels import build_unit_levels
from tests.pipelines.reference_progress import compute_progress

TIER_DEPTH = {"country": 0, "province": 1, "district": 2, "commune": 3}


def _load(raw: Path) -> pd.DataFrame:
    return pd.concat([pd.read_parquet(p) for p in sorted(raw.glob("*.parquet"))], ignore_index=True)


def _registry() -> pd.DataFrame:
    return pd.read_csv(paths.units_dir() / "units.csv", dtype=str, keep_default_na=False)


def rollups_and_gaps(raw: Path, targets_path: Path) -> float:
    """Load, roll ratios up commune -> district -> province -> country, gap to this year's milestone."""
    start = time.perf_counter()
    obs = _load(raw)
    units = _registry()
    after = units["valid_from"] >= "2025-07-01"  # the post-reform map: communes directly under provinces
    parents = {False: units[~after].drop_duplicates("code").set_index("code")["parent_code"],
               True: units[after].drop_duplicates("code").set_index("code")["parent_code"]}
    obs = obs.assign(new_map=obs["year"] >= 2025)
    levels = [obs.assign(unit=obs["unit_code"])]
    current = obs.assign(unit=obs["unit_code"])
    for _ in range(3):  # district, province, country (province, country on the new map)
        current = current.assign(unit=np.where(current["new_map"], current["unit"].map(parents[True]),
                                               current["unit"].map(parents[False])))
        current = current[current["unit"].notna() & (current["unit"] != "")]
        current = current.groupby(["unit", "year", "indicator", "new_map"], as_index=False)[["numerator", "denominator"]].sum()
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


def same_outputs(raw: Path, targets_path: Path) -> float:
    """The warehouse's tables (levels, units at a level, progress, projections) in pandas and Python loops."""
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
        nxt = current.assign(ancestor=parent.reindex(pd.MultiIndex.from_frame(current[["ancestor", "year"]])).to_numpy())
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
        numerator=("numerator", "sum"), denominator=("denominator", "sum"), n_reported=("unit_code", "size"),
        tier=("tier", "first"))
    expected = ancestors.groupby(["ancestor", "year", "tier"]).size().rename("n_expected").reset_index()
    rolled = rolled.merge(expected, on=["ancestor", "year", "tier"], how="left").rename(columns={"ancestor": "unit_code"})
    rolled = rolled.assign(origin="rollup", value=100 * rolled["numerator"] / rolled["denominator"],
                           coverage=rolled["n_reported"] / rolled["n_expected"])
    rolled = rolled.merge(reported[["unit_code", "year", "indicator"]], how="left", indicator="own")
    rolled = rolled[rolled["own"] == "left_only"].drop(columns="own")
    ratio_actuals = pd.concat([reported, rolled], ignore_index=True)

    # levels (pure functions in loops), then units at a level
    observed = set(ancestors.merge(obs[["unit_code", "year"]].drop_duplicates(),
                                   left_on=["code", "year"], right_on=["unit_code", "year"])["ancestor"])
    reported_levels = pd.DataFrame(columns=["unit_code", "year", "indicator", "level"])
    levels, _ = build_unit_levels(catalog, standards, uy[uy["code"].isin(observed)], ratio_actuals, reported_levels)
    counts = []
    for ind in (i for i in catalog.indicators if i.kind == "units_at_level"):
        lv = levels[levels["indicator"] == ind.of][["unit_code", "year", "level"]]
        below = ancestors[(ancestors["tier"] == ind.child_tier) & (ancestors["depth"] > 0)]
        joined = below.merge(lv, left_on=["code", "year"], right_on=["unit_code", "year"], how="left")
        c = joined.groupby(["ancestor", "year"]).agg(n_expected=("code", "size"), n_known=("level", "count"),
                                                    n_meeting=("level", lambda v: int((v >= ind.min_level).sum())))
        c = c[c["n_known"] > 0].reset_index().rename(columns={"ancestor": "unit_code"})
        counts.append(c.assign(indicator=ind.id, value=c["n_meeting"], share=100 * c["n_meeting"] / c["n_expected"],
                               coverage=c["n_known"] / c["n_expected"], numerator=c["n_meeting"],
                               denominator=c["n_expected"]))
    level_values = levels[levels["level"].notna()].assign(value=lambda d: d["level"].astype(float), coverage=1.0)
    actuals = pd.concat([ratio_actuals, level_values, *counts], ignore_index=True)

    # targets to units and years, then progress (pure functions in a loop)
    points, scopes = [], []
    for t in catalog.targets:
        for year, value in milestone_path({**t.milestones, s.target_year: t.target_2030}, t.interpolation).items():
            points.append((t.id, year, value))
        tiers = [0 if i == "self" else TIER_DEPTH[i] for i in t.scope.include] if t.scope.unit else [0]
        root = t.scope.unit or t.scope.units[0]
        scopes += [(t.id, t.indicator, root, d) for d in tiers]
    points = pd.DataFrame(points, columns=["target_id", "year", "milestone"])
    scope = pd.DataFrame(scopes, columns=["target_id", "indicator", "root", "depth"])
    target_units = ancestors.merge(scope, left_on=["ancestor", "depth"], right_on=["root", "depth"])
    frame = target_units[["target_id", "indicator", "code", "year"]].rename(columns={"code": "unit_code"})
    frame = frame.merge(points, on=["target_id", "year"], how="left").merge(
        actuals[["unit_code", "year", "indicator", "value", "share", "numerator", "denominator", "coverage"]],
        on=["unit_code", "year", "indicator"], how="left")
    frame = frame[frame["milestone"].notna() | frame["value"].notna()]
    compute_progress(catalog, frame.drop(columns="indicator"))
    return time.perf_counter() - start
