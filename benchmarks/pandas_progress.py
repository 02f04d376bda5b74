"""NĐ 20 levels, units at a level, and progress with projections, written the straightforward way in pandas
(vectorised: merges, group-bys and numpy `where`/`select`, no loop over units): the `same_outputs` baseline of
benchmarks/pandas_baseline.py. The rules are those of the warehouse (pipelines/build/sql/levels/*.sql,
warehouse/units_at_level.sql, progress/progress.sql); nothing here is imported by the pipeline.

- `unit_levels`: communes from their own reported ratios (ĐBKK variants, required standards), districts from
  their communes, provinces from their districts (or, on the post-reform map, their communes), one standard
  at a time in evaluation order; with the shortfalls at each unit's first unmet level. Reported levels
  (recognition decisions) are left out: the synthetic benchmark files carry none.
- `units_at_level`: per unit, year and units_at_level indicator, the descendants at the minimum level (up to the
  maximum level where the indicator sets one).
- `progress`: status, signed gap, entities still needed, outlook by all three methods (Eurostat growth ratio,
  UNSD projection score, linear path) with the running evidence up to each year; and `projections`, from each
  target × unit's latest observation to the target year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.config.catalog import Catalog
from pipelines.config.settings import settings
from pipelines.config.standards import Standards

EPS = 1e-9
KEYS = ["unit_code", "year"]
CHECK_COLUMNS = [*KEYS, "level", "subject", "actual", "required", "state", "to_close"]
LEVEL_COLUMNS = (
    "unit_code year indicator standard tier reported_level derived_level derived_complete level origin agrees"
).split()
PROGRESS_COLUMNS = (
    "unit_code year indicator target_id measure actual milestone target_2030 gap to_close status coverage "
    "outlook_method outlook_category outlook_score projected years_behind base_year base_value evidence_years n_obs"
).split()


def _rule_frames(
    catalog: Catalog, standards: Standards
) -> tuple[list[tuple[str, str]], pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(standard, level indicator) in evaluation order, and the rules, criteria and requirements as frames."""
    by_standard = {i.standard: i.id for i in catalog.indicators if i.kind == "level" and i.standard}
    order = [(s.id, by_standard[s.id]) for s in standards.evaluation_order() if s.id in by_standard]
    rules, criteria, requires = [], [], []
    for std in standards.standards:
        for r in std.levels:
            rules.append((std.id, r.level, r.district_min_share, r.province_min_share))
            for c in r.criteria:
                dbkk = (c.dbkk.indicator, c.dbkk.min) if c.dbkk else (None, np.nan)
                criteria.append((std.id, r.level, c.indicator, c.min, *dbkk))
            requires += [(std.id, r.level, q.standard, q.level) for q in r.requires]
    return (
        order,
        pd.DataFrame(rules, columns=["standard", "level", "district", "province"]),
        pd.DataFrame(criteria, columns=["standard", "level", "indicator", "min", "dbkk_indicator", "dbkk_min"]),
        pd.DataFrame(requires, columns=["standard", "level", "required_standard", "required_level"]),
    )


def _first_bad(checks: pd.DataFrame) -> pd.DataFrame:
    """The checks that are not ok at each unit's lowest level with one."""
    bad = checks[checks["state"] != "ok"]
    return bad[bad["level"] == bad.groupby(KEYS)["level"].transform("min")]


def _commune_levels(communes, inputs, criteria, requires, known, top):
    """One standard at commune tier: every criterion (ĐBKK variant for ĐBKK communes) and required standard."""
    k = communes.merge(criteria, how="cross")
    dbkk = k["dbkk"].to_numpy(bool) & k["dbkk_indicator"].notna().to_numpy()
    k["subject"] = np.where(dbkk, k["dbkk_indicator"], k["indicator"])
    k["required"] = np.where(dbkk, k["dbkk_min"], k["min"])
    k = k.merge(inputs, on=[*KEYS, "subject"], how="left")
    failed = k["actual"] + EPS < k["required"]
    k["state"] = np.select([k["actual"].isna(), failed], ["missing", "failed"], "ok")
    counted = failed & k["numerator"].notna() & k["denominator"].fillna(0).ne(0)
    k["to_close"] = np.maximum(0, np.ceil(k["required"] / 100.0 * k["denominator"] - k["numerator"] - EPS)).where(
        counted
    )
    q = communes.merge(requires, how="cross").merge(known, on=[*KEYS, "required_standard"], how="left")
    q = q.assign(subject=q["required_standard"], required=q["required_level"].astype(float), to_close=np.nan)
    q["state"] = np.select([q["actual"].isna(), q["actual"] < q["required"]], ["missing", "failed"], "ok")
    bad = _first_bad(pd.concat([k[CHECK_COLUMNS], q[CHECK_COLUMNS]], ignore_index=True))
    first = (
        bad.assign(n_failed=bad["state"].eq("failed"), n_missing=bad["state"].eq("missing"))
        .groupby([*KEYS, "level"], as_index=False)[["n_failed", "n_missing"]]
        .sum()
    )
    d = communes[KEYS].merge(first, on=KEYS, how="left")
    lvl = d["level"]
    d["derived_level"] = np.where(lvl.isna(), top, np.where((d["n_failed"] > 0) | (lvl > 1), lvl - 1, np.nan))
    d["derived_complete"] = lvl.isna() | d["n_missing"].eq(0)
    return d.assign(tier="commune")[[*KEYS, "tier", "derived_level", "derived_complete"]], bad


def _parent_levels(tier, parents, children, kid_levels, rules, top):
    """One standard at a parent tier: level k needs the tier's share of child units at level k or above.
    Children whose level is unknown count in the denominator; a parent with no known child gets no row."""
    kids = parents.merge(children, left_on=KEYS, right_on=["parent_code", "year"]).merge(
        kid_levels.rename(columns={"unit_code": "kid"}), on=["kid", "year"], how="left"
    )
    size = kids.groupby(KEYS, as_index=False).agg(n=("kid", "size"), known=("level", "count"))
    size = size[size["known"] > 0]
    x = kids.merge(size[KEYS], on=KEYS).merge(rules.rename(columns={"level": "rule", tier: "required"}), how="cross")
    x["meets"] = x["level"] >= x["rule"]
    c = x.groupby([*KEYS, "rule", "required"], as_index=False).agg(n=("kid", "size"), meeting=("meets", "sum"))
    c = c.rename(columns={"rule": "level"})
    c["actual"] = 100.0 * c["meeting"] / c["n"]
    c["state"] = np.where(c["actual"] + EPS < c["required"], "failed", "ok")
    c["to_close"] = np.maximum(0, np.ceil(c["required"] / 100.0 * c["n"] - c["meeting"] - EPS))
    c["subject"] = "commune" if tier == "district" else "district"
    bad = _first_bad(c)
    d = size.merge(bad[[*KEYS, "level"]], on=KEYS, how="left")
    d["derived_level"] = np.where(d["level"].isna(), top, d["level"] - 1)
    d["derived_complete"] = d["level"].isna() | d["known"].eq(d["n"])
    return d.assign(tier=tier)[[*KEYS, "tier", "derived_level", "derived_complete"]], bad[CHECK_COLUMNS]


def unit_levels(
    catalog: Catalog, standards: Standards, unit_years: pd.DataFrame, ratio_actuals: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """unit_levels and level_shortfalls. `unit_years`: code, year, tier, parent_code, dbkk of every unit that
    takes part (those with an observation and their ancestors); `ratio_actuals`: with origin 'reported' rows."""
    order, rules, criteria, requires = _rule_frames(catalog, standards)
    own = ratio_actuals[ratio_actuals["origin"] == "reported"]
    inputs = own[[*KEYS, "indicator", "numerator", "denominator"]].rename(columns={"indicator": "subject"})
    counted = inputs["numerator"].notna() & inputs["denominator"].fillna(0).ne(0)
    inputs["actual"] = (100.0 * inputs["numerator"] / inputs["denominator"]).where(counted, own["value"])
    uy = unit_years.rename(columns={"code": "unit_code"})
    with_data = uy[KEYS].merge(inputs[KEYS].drop_duplicates(), on=KEYS)
    communes = uy[uy["tier"] == "commune"].merge(with_data, on=KEYS)[[*KEYS, "dbkk"]]
    children = uy[uy["tier"].isin(["commune", "district"])][["unit_code", "year", "parent_code"]].rename(
        columns={"unit_code": "kid"}
    )
    levels, shortfalls = [], []

    def record(derived: pd.DataFrame, bad: pd.DataFrame, std: str, indicator: str) -> pd.DataFrame:
        # no reported level: the level is the derived one when complete (a lower bound counts as unknown)
        level = derived["derived_level"].where(derived["derived_complete"].astype(bool))
        done = derived.assign(indicator=indicator, standard=std, reported_level=np.nan, origin="derived", level=level)
        done["agrees"] = None
        levels.append(done)
        shortfalls.append(bad.drop(columns="state").assign(indicator=indicator, standard=std))
        return done

    by_standard: dict[str, list[pd.DataFrame]] = {std: [] for std, _ in order}  # levels so far, every tier
    for std, ind in order:
        top = rules.loc[rules["standard"] == std, "level"].max()
        req = requires[requires["standard"] == std]
        got = [
            by_standard[s][0][[*KEYS, "level"]].assign(required_standard=s)
            for s in req["required_standard"].unique()
            if by_standard.get(s)
        ]
        have = (
            pd.concat(got, ignore_index=True) if got else pd.DataFrame(columns=[*KEYS, "level", "required_standard"])
        ).rename(columns={"level": "actual"})
        derived, bad = _commune_levels(communes, inputs, criteria[criteria["standard"] == std], req, have, top)
        by_standard[std].append(record(derived, bad, std, ind))
    for tier in ("district", "province"):
        parents = uy[uy["tier"] == tier][KEYS]
        for std, ind in order:
            top = rules.loc[rules["standard"] == std, "level"].max()
            below = pd.concat(by_standard[std], ignore_index=True)[[*KEYS, "level"]]
            derived, bad = _parent_levels(
                tier, parents, children, below, rules[rules["standard"] == std][["level", tier]], top
            )
            by_standard[std].append(record(derived, bad, std, ind))
    return pd.concat(levels, ignore_index=True)[LEVEL_COLUMNS], pd.concat(shortfalls, ignore_index=True)


def units_at_level(catalog: Catalog, levels: pd.DataFrame, ancestors: pd.DataFrame) -> pd.DataFrame:
    """Per unit, year and units_at_level indicator: its descendants of the child tier at min_level or above, and
    at max_level or below where the indicator sets one (unknown levels count in n_expected, not in n_meeting);
    only where some level is known.
    `ancestors`: code (the descendant), year, ancestor, depth, tier (the descendant's)."""
    spec = pd.DataFrame(
        [
            (i.id, i.of, i.min_level, i.max_level, i.child_tier)
            for i in catalog.indicators
            if i.kind == "units_at_level"
        ],
        columns=["indicator", "of", "min_level", "max_level", "tier"],
    )
    below = ancestors[ancestors["depth"] > 0].merge(spec, on="tier")
    lv = levels[["unit_code", "year", "indicator", "level"]].rename(columns={"unit_code": "code", "indicator": "of"})
    joined = below.merge(lv, on=["code", "year", "of"], how="left")
    top = joined["max_level"].astype(float).fillna(np.inf)
    joined["meets"] = (joined["level"] >= joined["min_level"]) & (joined["level"] <= top)
    c = joined.groupby(["ancestor", "year", "indicator"], as_index=False).agg(
        n_expected=("code", "size"), n_known=("level", "count"), n_meeting=("meets", "sum")
    )
    c = c[c["n_known"] > 0].rename(columns={"ancestor": "unit_code"})
    c["value"] = c["numerator"] = c["n_meeting"].astype(float)
    c["share"], c["coverage"] = 100.0 * c["n_meeting"] / c["n_expected"], c["n_known"] / c["n_expected"]
    c["denominator"], c["origin"] = c["n_expected"].astype(float), "derived"
    return c


def _by_ratio(r, cut) -> np.ndarray:
    """Eurostat and linear path categories from an actual-over-required ratio."""
    return np.select(
        [r >= cut.on_track, r >= cut.acceleration_needed, r >= 0],
        ["on_track", "acceleration_needed", "limited_progress"],
        "moving_away",
    )


def progress(catalog: Catalog, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`frame`: target_id, unit_code, year, milestone and the actual's columns (value, share, numerator,
    denominator, coverage), one row per target × unit × year. Returns progress and projections."""
    s, cut = catalog.settings, settings().outlook
    ty, near = float(s.target_year), s.near_limit
    rows = [
        (
            i.id,
            i.kind,
            1.0 if i.direction == "higher_is_better" else -1.0,
            i.outlook_method,
            float(max(i.levels)) if i.kind == "level" and i.levels else np.inf,
        )
        for i in catalog.indicators
    ]
    ind = pd.DataFrame(rows, columns=["indicator", "kind", "sign", "override", "top"])
    rows = [(t.id, t.indicator, t.target_2030, t.measure) for t in catalog.targets]
    tgt = pd.DataFrame(rows, columns=["target_id", "indicator", "target", "measure"])
    f = frame.merge(tgt, on="target_id").merge(ind, on="indicator").sort_values(["target_id", "unit_code", "year"])
    f = f.reset_index(drop=True)
    f["measure"] = f["measure"].fillna(pd.Series(np.where(f["kind"] == "level", "level", "percent")))
    measured = f["share"].where(f["measure"] == "share", f["value"])
    covered = f["coverage"].isna() | (f["coverage"] + EPS >= s.min_coverage)
    f["actual"] = measured.where(covered)
    has = f["actual"].notna()

    # the evidence so far: first and latest judged observation up to each year (running, per target × unit)
    g = f.assign(has=has, seen=f["year"].where(has)).groupby(["target_id", "unit_code"], sort=False)
    n_obs = g["has"].cumsum().to_numpy()
    t0 = np.where(n_obs > 0, g["seen"].transform("first"), np.nan)
    x0 = np.where(n_obs > 0, g["actual"].transform("first"), np.nan)
    t1, x1 = g["seen"].ffill().to_numpy(float), g["actual"].ffill().to_numpy(float)
    bits = np.where(has, np.left_shift(1, (f["year"] - f["year"].min()).to_numpy()), 0)
    mask = pd.Series(bits).groupby([f["target_id"], f["unit_code"]], sort=False).cumsum()
    first = int(f["year"].min()) if len(f) else 0
    names = {m: ", ".join(str(first + b) for b in range(int(m).bit_length()) if m >> b & 1) for m in mask.unique()}

    # choose_method, then eurostat that cannot apply falls back to the linear path
    target, sign = f["target"].to_numpy(float), f["sign"].to_numpy()
    okind = np.where(f["measure"] == "count", "count", f["kind"])
    override = f["override"].to_numpy(object)
    met = sign * (x1 - target) >= -EPS
    method = np.select(
        [n_obs == 0, pd.notna(override), okind != "ratio", (x0 <= 0) | (target >= near) | (x0 >= near)],
        [None, override, "linear_path", "linear_path"],
        "eurostat",
    ).astype(object)
    live = ~met & (n_obs >= 2)
    back = (method == "eurostat") & live & ((t0 >= ty) | (x0 <= 0) | (x1 <= 0) | (target <= 0))
    method[back] = "linear_path"
    eu, un, lp = method == "eurostat", method == "unsd", method == "linear_path"
    with np.errstate(all="ignore"):
        growth = (x1 / x0) ** (1.0 / (t1 - t0)) - 1.0
        g_act = np.where(eu & live, sign * growth, np.nan)
        g_req = np.where(eu & live, sign * ((target / x0) ** (1.0 / (ty - t0)) - 1.0), np.nan)
        raw = np.where((x0 > 0) & (x1 > 0), x1 * (1.0 + growth) ** (ty - t1), x1 + (x1 - x0) / (t1 - t0) * (ty - t1))
        raw = np.where(un & live, raw, np.nan)
        proj = np.where(okind == "ratio", np.clip(raw, 0.0, 100.0), raw)
        on_line = lp & live & (t0 < ty) & (np.abs(target - x0) > EPS)
        path = np.where(on_line, (x1 - x0) / ((x0 + (target - x0) * (t1 - t0) / (ty - t0)) - x0), np.nan)
        behind = np.where(on_line, t1 - (t0 + (x1 - x0) / (target - x0) * (ty - t0)), np.nan)
        unsd_score = (proj - x0) / (target - x0)
        eu_ratio = g_act / g_req
    at_limit = (np.abs(target) <= EPS) | (np.abs(target - 100.0) <= EPS)  # a 0 % or 100 % target, within 1 point
    near_limit = un & ~met & (okind == "ratio") & at_limit & (np.abs(x1 - target) <= 1.0)
    flat = np.abs(target - x0) <= EPS
    unsd_cat = np.select(
        [unsd_score >= cut.on_track, unsd_score >= cut.unsd_acceleration_needed],
        ["on_track", "acceleration_needed"],
        "stagnation",
    )
    cases = [  # (condition, category), the first that holds wins
        (pd.isna(method), "insufficient_data"),
        (met | near_limit, "met"),
        (eu & ((n_obs < 2) | (t0 >= ty)), "insufficient_data"),
        (eu & (g_req <= EPS), "moving_away"),
        (eu, _by_ratio(eu_ratio, cut)),
        (un & (n_obs < 2), "insufficient_data"),
        (un & flat, "moving_away"),
        (un, unsd_cat),
        ((n_obs < 2) | (t0 >= ty), "insufficient_data"),
        (flat, "moving_away"),
    ]
    category = np.select([c for c, _ in cases], [v for _, v in cases], _by_ratio(path, cut))
    score = np.select([eu & (g_req > EPS), un & ~near_limit & ~flat, lp], [eu_ratio, unsd_score, path], np.nan)

    # status, signed gap and the people (units) still needed to reach this year's milestone
    actual, milestone = f["actual"].to_numpy(float), f["milestone"].to_numpy(float)
    gap = sign * (actual - milestone)
    num, den = f["numerator"].to_numpy(float), f["denominator"].to_numpy(float)
    counts = (f["kind"] == "ratio").to_numpy() | (f["measure"] == "share").to_numpy()
    with np.errstate(all="ignore"):
        fewer = np.maximum(0, np.ceil(num - milestone / 100.0 * den - EPS))
        more = np.maximum(0, np.ceil(milestone / 100.0 * den - num - EPS))
    entities = np.select(
        [
            np.isnan(gap),
            gap >= 0,
            counts & (np.isnan(num) | (np.nan_to_num(den) == 0)),
            counts & (f["kind"] == "ratio").to_numpy() & (sign < 0),
            counts,
        ],
        [np.nan, 0.0, np.nan, fewer, more],
        np.ceil(-gap - EPS),
    )
    status = np.select(
        [np.isnan(milestone), np.isnan(actual) & measured.notna().to_numpy(), np.isnan(actual), gap >= -EPS],
        ["no_milestone", "incomplete", "no_data", "met"],
        "behind",
    )
    judged = pd.notna(method)
    f["target_2030"], f["gap"], f["to_close"], f["status"] = target, gap, entities, status
    f["outlook_method"], f["outlook_category"], f["outlook_score"] = method, category, score
    f["projected"], f["years_behind"] = np.where(un & ~near_limit, proj, np.nan), behind
    f["base_year"], f["base_value"] = np.where(judged, t0, np.nan), np.where(judged, x0, np.nan)
    f["evidence_years"], f["n_obs"] = mask.map(names).to_numpy(), n_obs
    out = f[PROGRESS_COLUMNS]

    # projections: from each target × unit's latest observation to the target year, along the judged trend
    last = (g.cumcount(ascending=False) == 0).to_numpy() & (n_obs > 0) & (t1 > t0) & (t1 < ty)
    upper = np.where(f["measure"].isin(["percent", "share"]), 100.0, f["top"])
    p = f.assign(t0=t0, x0=x0, t1=t1, x1=x1, upper=upper)[last]
    p = p.loc[p.index.repeat((ty - p["t1"] + 1).astype(int))]
    year = p["t1"] + p.groupby(level=0).cumcount()
    growth = p["outlook_method"].isin(["eurostat", "unsd"]) & (p["x0"] > 0) & (p["x1"] > 0)
    with np.errstate(all="ignore"):
        value = np.where(
            growth,
            p["x1"] * (p["x1"] / p["x0"]) ** ((year - p["t1"]) / (p["t1"] - p["t0"])),
            p["x1"] + (p["x1"] - p["x0"]) / (p["t1"] - p["t0"]) * (year - p["t1"]),
        )
    projections = p[["target_id", "unit_code"]].assign(year=year.astype(int), method=p["outlook_method"])
    projections.insert(3, "projected", np.minimum(p["upper"], np.maximum(0.0, value)))
    return out, projections.reset_index(drop=True)
