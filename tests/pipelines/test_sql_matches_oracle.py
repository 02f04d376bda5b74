"""The set-based SQL of the pipeline gives the same rows as the pure functions (pipelines/method/level_rules.py,
tests/oracle/progress_rules.py) run through the reference loops of tests/oracle/: on the demo data, on random commune data
around the NĐ 20 thresholds, and (hypothesis) on random series for every kind of indicator and method."""

from __future__ import annotations

from types import SimpleNamespace

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.build.inputs import load_inputs
from pipelines.build.runner import populate
from pipelines.build.sql_runner import run_sql
from pipelines.config import paths
from pipelines.config.settings import settings as xhht_settings
from pipelines.method.milestones import milestone_path
from tests.oracle.levels_loop import oracle_unit_levels
from tests.oracle.progress_loop import compute_progress

LEVEL_KEY = ["unit_code", "year", "indicator"]
SHORTFALL_KEY = ["unit_code", "year", "indicator", "level", "subject"]


def same_rows(sql: pd.DataFrame, ref: pd.DataFrame, key: list[str]) -> None:
    """Equal as sets of rows: same keys, and every column equal (numbers to 1e-9 relative, NULL = NULL)."""
    assert len(sql) == len(ref), f"{len(sql)} rows from SQL, {len(ref)} from the reference"
    a = sql.sort_values(key).reset_index(drop=True)
    b = ref[list(sql.columns)].sort_values(key).reset_index(drop=True)
    for col in sql.columns:
        x, y = a[col].astype(object), b[col].astype(object)
        null_x, null_y = x.isna().to_numpy(), y.isna().to_numpy()
        numeric = pd.api.types.is_numeric_dtype(a[col]) and not pd.api.types.is_bool_dtype(a[col])
        if numeric:
            fx = pd.to_numeric(x, errors="coerce").to_numpy(float)
            fy = pd.to_numeric(y, errors="coerce").to_numpy(float)
            equal = np.isclose(fx, fy, rtol=1e-9, atol=1e-9) | (null_x & null_y)
        else:
            equal = (x.where(~null_x, "<NULL>") == y.where(~null_y, "<NULL>")).to_numpy()
        equal = equal & (null_x == null_y)
        if not equal.all():
            i = int(np.flatnonzero(~equal)[0])
            raise AssertionError(
                f"{col} at {dict(a.loc[i, key])}: SQL {x[i]!r}, reference {y[i]!r} ({int((~equal).sum())} rows differ)"
            )


def populated(raw_dir=None, monkeypatch=None):
    if raw_dir is not None:
        monkeypatch.setenv("XHHT_RAW", str(raw_dir))
    inputs = load_inputs()
    con = duckdb.connect(":memory:")
    populate(con, inputs)
    return con, inputs


def assert_levels_match(con, inputs) -> None:
    levels, shortfalls = oracle_unit_levels(con, inputs.catalog, inputs.standards)
    same_rows(con.execute("select * from unit_levels").df(), levels, LEVEL_KEY)
    same_rows(con.execute("select * from level_shortfalls").df(), shortfalls, SHORTFALL_KEY)


def assert_progress_matches(con, catalog) -> None:
    frame = con.execute("select * from target_frame").df()
    exists = set(con.execute("select code, year from unit_years").fetchall())
    progress, projections = compute_progress(catalog, frame, xhht_settings().first_new_map_year, exists)
    same_rows(con.execute("select * from progress").df(), progress, LEVEL_KEY)
    same_rows(con.execute("select * from projections").df(), projections, ["target_id", "unit_code", "year"])


@pytest.fixture(scope="module")
def demo():
    con, inputs = populated()
    yield con, inputs
    con.close()


def test_levels_on_the_demo_data(demo):
    con, inputs = demo
    assert con.execute("select count(*) from unit_levels where derived_level is not null").fetchall()[0][0] > 1000
    assert_levels_match(con, inputs)


def test_progress_on_the_demo_data(demo):
    con, inputs = demo
    assert_progress_matches(con, inputs.catalog)


def test_levels_and_progress_on_the_fixture_world(built):
    world, _ = built
    con, inputs = populated()
    assert_levels_match(con, inputs)
    assert_progress_matches(con, inputs.catalog)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_levels_on_random_communes_around_the_thresholds(seed, tmp_path, monkeypatch):
    """Two districts of Cà Mau (one with ĐBKK communes), each commune's inputs drawn around the thresholds,
    some missing, some reported levels that may disagree with the derivation."""
    rng = np.random.default_rng(seed)
    units = pd.read_csv(paths.units_dir() / "units.csv", dtype=str, keep_default_na=False)
    communes = units[
        (units["tier"] == "commune") & units["parent_code"].isin(["964", "967"]) & (units["valid_to"] >= "2024")
    ]["code"].unique()
    _, inputs = populated()
    criteria = sorted(
        {c.indicator for s in inputs.standards.standards for r in s.levels for c in r.criteria}
        | {c.dbkk.indicator for s in inputs.standards.standards for r in s.levels for c in r.criteria if c.dbkk}
    )
    level_ids = [i.id for i in inputs.catalog.indicators if i.kind == "level"]
    rows = []
    for year in (2023, 2024):
        for code in communes:
            for ind in criteria:
                draw = rng.random()
                if draw < 0.08:
                    continue  # missing
                den = int(rng.integers(20, 400))
                pct = float(rng.choice([70, 80, 85, 90, 95, 98])) + float(rng.normal(0, 3))
                num = min(den, max(0, round(den * pct / 100)))
                if draw < 0.12:
                    rows.append(dict(unit_code=code, year=year, indicator=ind, value=round(100 * num / den, 1)))
                else:
                    rows.append(dict(unit_code=code, year=year, indicator=ind, numerator=num, denominator=den))
            if rng.random() < 0.15:
                rows.append(
                    dict(unit_code=code, year=year, indicator=str(rng.choice(level_ids)), level=int(rng.integers(0, 3)))
                )
        for district in ("964", "967"):
            if rng.random() < 0.5:
                rows.append(
                    dict(
                        unit_code=district,
                        year=year,
                        indicator=str(rng.choice(level_ids)),
                        level=int(rng.integers(1, 3)),
                    )
                )
    raw = tmp_path / "raw"
    raw.mkdir()
    frame = pd.DataFrame(rows, columns=["unit_code", "year", "indicator", "numerator", "denominator", "value", "level"])
    frame.assign(source="test").to_csv(raw / "random.csv", index=False)
    monkeypatch.setenv("XHHT_WAREHOUSE", str(tmp_path / "w.duckdb"))
    con, inputs = populated(raw, monkeypatch)
    derived = con.execute(
        "select count(distinct derived_level), count(*) filter (where not derived_complete), "
        "count(*) filter (where agrees = false) from unit_levels"
    ).fetchall()[0]
    assert derived[0] >= 3 and derived[1] > 0  # several levels and some lower bounds: the comparison means something
    assert_levels_match(con, inputs)


# ------------------------------------------------------------------ progress on random series (hypothesis)
KINDS = st.sampled_from([("ratio", None), ("level", None), ("units_at_level", "count"), ("units_at_level", "share")])
# percentages as data have a few decimals: values below 1e-6 (where x / x0 overflows) are not drawn
VALUES = st.one_of(
    st.none(),
    st.sampled_from([0.0, 1.0, 50.0, 99.0, 100.0]),
    st.floats(0, 100, allow_nan=False, allow_subnormal=False).filter(lambda v: v == 0 or v >= 1e-6),
)


@st.composite
def series(draw):
    kind, measure = draw(KINDS)
    years = sorted(draw(st.sets(st.integers(2020, 2030), min_size=1, max_size=8)))
    declared_years = sorted(draw(st.sets(st.integers(2021, 2029), max_size=2)))
    milestones = {y: draw(st.sampled_from([0.0, 1.0, 2.0, 9.0, 40.0, 60.0, 100.0])) for y in declared_years}
    renewed = draw(st.booleans())  # a unit the reform re-drew: series 'today' from 2025 after comparable values
    rows = []
    for year in years:
        value = draw(VALUES)
        den = draw(st.one_of(st.none(), st.integers(0, 500)))
        num = None if den is None else draw(st.integers(0, max(den, 0)))
        today = renewed and year >= FIRST_NEW_MAP_YEAR
        rows.append(
            dict(
                year=year,
                tier=draw(st.sampled_from(["province", "district", "commune"])),
                value=value,
                share=draw(VALUES) if measure == "share" else None,
                numerator=num,
                denominator=den,
                coverage=draw(st.one_of(st.none(), st.sampled_from([0.5, 0.95, 1.0]))),
                series="today" if today else "then",
                shown=True,
            )
        )
        if renewed and year < FIRST_NEW_MAP_YEAR and draw(st.booleans()):
            rows.append(dict(rows[-1], value=draw(VALUES), series="today", shown=False, tier=None))
    return dict(
        kind=kind,
        measure=measure,
        rows=rows,
        milestones=milestones,
        interpolation=draw(st.sampled_from(["linear", "step"])),
        child_tier=draw(st.sampled_from(["commune", "district"])),
        direction=draw(st.sampled_from(["higher_is_better", "lower_is_better"])),
        method=draw(st.sampled_from([None, "eurostat", "unsd", "linear_path"])),
        target=draw(st.sampled_from([0.0, 3.0, 40.0, 95.0, 98.0, 100.0])),
    )


FIRST_NEW_MAP_YEAR = xhht_settings().first_new_map_year


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(series(), min_size=1, max_size=4))
def test_progress_on_random_series(cases):
    targets, indicators, frame, points = [], [], [], []
    for n, c in enumerate(cases):
        ind = SimpleNamespace(
            id=f"i{n}",
            kind=c["kind"],
            direction=c["direction"],
            outlook_method=c["method"],
            levels=[0, 1, 2, 3] if c["kind"] == "level" else None,
            child_tier=c["child_tier"] if c["kind"] == "units_at_level" else None,
        )
        t = SimpleNamespace(
            id=f"t{n}",
            indicator=ind.id,
            measure=c["measure"],
            target_2030=c["target"],
            milestones=c["milestones"],
            interpolation=c["interpolation"],
            rebased_from=f"t{n - 1}" if n % 2 else None,
        )
        targets.append(t)
        indicators.append(ind)
        style = "step" if t.measure is None and ind.kind == "level" else t.interpolation
        declared = {**t.milestones, 2030: t.target_2030}
        path = milestone_path(declared, style)
        points += [dict(target_id=t.id, year=y, milestone=v, declared=y in declared) for y, v in path.items()]
        frame += [dict(target_id=t.id, unit_code="u", milestone=path.get(r["year"]), **r) for r in c["rows"]]
    catalog = SimpleNamespace(
        settings=SimpleNamespace(target_year=2030, min_coverage=0.9, near_limit=95.0),
        targets=targets,
        indicators=indicators,
    )
    con = duckdb.connect(":memory:")
    con.execute(
        "create table settings as select 2020 as first_year, 2030 as target_year, 0.9 as min_coverage, 95.0 as near_limit"
    )
    con.register("_t", pd.DataFrame([vars(t) for t in targets]).drop(columns=["milestones"]))
    con.execute(
        "create table targets as select id, indicator, measure::varchar as measure, target_2030::double as target_2030, "
        "interpolation, rebased_from::varchar as rebased_from from _t"
    )
    con.register("_i", pd.DataFrame([dict(vars(i), levels=i.levels or []) for i in indicators]))
    con.execute(
        "create table indicators as select id, kind, direction, outlook_method::varchar as outlook_method, "
        "levels::integer[] as levels, child_tier::varchar as child_tier from _i"
    )
    con.register("_p", pd.DataFrame(points))
    con.execute(
        "create table target_points as select target_id, year::bigint as year, milestone::double as milestone, "
        "declared from _p"
    )
    con.register("_f", pd.DataFrame(frame))
    con.execute(
        "create table target_frame as select target_id, unit_code, year::bigint as year, tier::varchar as tier, "
        "milestone::double as milestone, value::double as value, share::double as share, "
        "numerator::double as numerator, denominator::double as denominator, coverage::double as coverage, "
        "series, shown from _f"
    )
    con.execute("create table unit_years as select 'u' as code, range::bigint as year from range(2020, 2028)")
    run_sql(con, "progress", first_new_map_year=FIRST_NEW_MAP_YEAR, **xhht_settings().outlook.model_dump())
    assert_progress_matches(con, catalog)
