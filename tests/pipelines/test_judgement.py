"""The judgement a committee reads obeys the rules of shared/docs/methodology.md §5 (issue 14): one test per defect
found in the demo warehouse, the audits on the demo, the fixture world and a synthetic national set, and each
audit catching a contradiction planted in a built warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.build.audits import AUDIT_DIR, _audits, audits, check_audits, failures
from pipelines.build.inputs import load_inputs
from pipelines.build.runner import build, populate
from pipelines.config.settings import settings
from pipelines.problems import ProblemError
from tests.oracle import progress_rules as m

NEW_MAP = settings().first_new_map_year


@pytest.fixture(scope="module")
def demo():
    con = duckdb.connect(":memory:")
    populate(con, load_inputs())
    yield con
    con.close()


def rows(con, sql, *params):
    return con.execute(sql, list(params)).df()


# ---------------------------------------------------------------- 1. no value, no verdict
def test_a_row_without_a_current_value_carries_no_verdict(demo):
    blank = rows(demo, "select * from progress where actual is null")
    assert len(blank) > 100
    assert blank["outlook_category"].isna().all() and blank["outlook_method"].isna().all()
    assert blank["projected"].isna().all() and blank["years_behind"].isna().all()
    # e.g. the province's universalisation count for a year nobody reported
    future = rows(demo, "select * from progress where unit_code = '96' and target_id = 'cm_cong_dong' and year = 2028")
    assert future["status"].tolist() == ["no_data"] and future["outlook_category"].isna().all()


# ---------------------------------------------------------------- 2. the declared path
def test_behind_the_milestone_is_years_behind_on_the_same_path(demo):
    r = rows(demo, "select * from progress where unit_code = '96' and target_id = 'cm_pcgd_thcs_2' and year = 2023")
    assert r["status"].tolist() == ["behind"] and r["actual"].tolist() == [7.0] and r["milestone"].tolist() == [9.0]
    assert r["years_behind"].iloc[0] > 0


def test_the_path_runs_from_the_baseline_through_every_declared_milestone(demo):
    r = rows(
        demo,
        "select year, milestone, actual from progress where unit_code = '96' and target_id = 'cm_cong_dong' "
        "and year <= 2024 order by year",
    )
    path = dict(zip(r["year"], r["milestone"]))
    base = r["actual"].iloc[0]
    assert path[2020] == pytest.approx(base)  # the baseline year is the path's start
    assert path[2023] == pytest.approx(60.0)  # the declared 2023 milestone
    assert path[2021] == pytest.approx(base + (60.0 - base) / 3)  # straight between them, not "no milestone"


def test_a_target_declared_only_for_2030_gets_a_path_from_its_baseline(world):
    text = world.targets.read_text(encoding="utf-8").replace("    milestones: {2023: 40}\n", "")
    world.targets.write_text(text, encoding="utf-8")
    build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    r = con.execute(
        "select year, status, milestone, actual from progress where target_id = 't_gd' and unit_code = '99' "
        "order by year"
    ).df()
    con.close()
    assert "no_milestone" not in set(r["status"][r["actual"].notna()])
    first = r[r["actual"].notna()].iloc[0]
    assert first["milestone"] == pytest.approx(first["actual"])
    assert r[r["year"] == 2030]["milestone"].tolist() == [80.0]


# ---------------------------------------------------------------- 3. districts after 1/7/2025
def test_targets_counted_in_districts_do_not_apply_on_the_new_map(demo):
    r = rows(demo, "select * from progress where unit_code = '96' and target_id = 'cm_pcgd_th_huyen' order by year")
    after = r[r["year"] >= NEW_MAP]
    assert len(after) and set(after["status"]) == {"not_applicable"}
    assert after["outlook_category"].isna().all() and after["milestone"].isna().all()
    assert set(after["replaced_by"]) == {"cm_pcgd_th_xa_2025"}
    assert set(r[r["year"] < NEW_MAP]["status"]) <= {"met", "behind", "incomplete", "no_data"}
    assert rows(demo, "select * from projections where target_id in ('cm_pcgd_th_huyen', 'cm_pcgd_thcs_2')").empty


# ---------------------------------------------------------------- 4. levels and counts
def test_a_level_baseline_above_the_target_that_falls_is_not_on_track():
    out = m.outlook("level", [(2020, 3), (2024, 1)], 2, 2030, "higher_is_better", 95)
    assert out.category == m.MOVING_AWAY and out.years_behind is None


def test_levels_and_counts_are_projected_whole_and_within_the_units_that_exist(demo):
    p = rows(
        demo,
        "select p.*, t.measure from projections p join targets t on t.id = p.target_id "
        "join indicators i on i.id = t.indicator where t.measure = 'count' or (t.measure is null and i.kind = 'level')",
    )
    assert len(p) and (p["projected"] == p["projected"].round()).all()
    tinh = p[p["target_id"] == "cm_pcgd_thcs_tinh"]
    assert (tinh["projected"] <= 3).all()
    assert failures(demo, first_new_map_year=NEW_MAP) == {}


# ---------------------------------------------------------------- 5. the merged province
def test_the_merged_province_trend_starts_from_the_comparable_series(demo):
    r = rows(demo, "select * from progress where unit_code = '96' and target_id = 'cm_cong_dong' and year = 2026")
    comparable = demo.execute(
        "select value from comparable_actuals where unit_code = '96' and indicator = 'cong_dong_hoc_tap' "
        "order by year limit 1"
    ).fetchall()[0][0]
    old = demo.execute(
        "select value from actuals where unit_code = '96' and indicator = 'cong_dong_hoc_tap' order by year limit 1"
    ).fetchall()[0][0]
    assert comparable != pytest.approx(old)  # Bạc Liêu's communes make a difference
    assert r["base_value"].iloc[0] == pytest.approx(comparable)
    assert r["carried_over"].tolist() == [True]
    before = rows(demo, "select * from progress where unit_code = '96' and target_id = 'cm_cong_dong' and year = 2024")
    assert before["base_value"].iloc[0] == pytest.approx(old) and before["carried_over"].tolist() == [False]
    rebased = rows(demo, "select distinct carried_over from progress where target_id = 'cm_pcgd_th_xa_2025'")
    assert rebased["carried_over"].tolist() == [False]


# ---------------------------------------------------------------- 6. post-reform province levels
def test_no_province_level_is_derived_by_a_borrowed_rule_after_the_reform(demo):
    derived = rows(
        demo,
        "select l.* from unit_levels l join unit_years u on u.code = l.unit_code and u.year = l.year "
        "where u.tier = 'province' and l.year >= ? and l.derived_level is not null",
        NEW_MAP,
    )
    assert derived.empty
    assert rows(demo, "select * from level_shortfalls where unit_code = '96' and year >= ?", NEW_MAP).empty
    r = rows(
        demo,
        "select status from progress where unit_code = '96' and target_id = 'cm_pcgd_thcs_tinh' and year = ?",
        NEW_MAP,
    )
    assert r["status"].tolist() == ["no_rule"]
    # before the reform the province is still derived from its districts
    assert len(
        rows(demo, "select * from unit_levels where unit_code = '96' and year = 2024 and derived_level is not null")
    )


# ---------------------------------------------------------------- status and outlook agree
def test_no_status_contradicts_its_outlook_on_the_demo(demo):
    r = rows(demo, "select * from progress where unit_code in ('96', '966') and year in (2024, 2026)")
    assert len(r) > 20
    assert r[(r["status"] == "behind") & r["outlook_category"].isin(["met", "on_track"])].empty
    assert r[r["actual"].isna() & r["outlook_category"].notna()].empty


# ---------------------------------------------------------------- the audits
def test_every_audit_returns_nothing_on_the_demo(demo):
    assert len(audits()) >= 8
    assert failures(demo, first_new_map_year=NEW_MAP) == {}


def test_every_audit_returns_nothing_on_the_fixture_world(built):
    _, con = built
    assert failures(con, first_new_map_year=NEW_MAP) == {}


@pytest.mark.slow
def test_every_audit_returns_nothing_on_a_synthetic_national_set(tmp_path, monkeypatch):
    from devdata.synthetic import generate

    raw = tmp_path / "raw"
    generate(provinces=3, years=7, seed=5, out=raw)
    # the Cà Mau plan's targets set on Hà Nội (01), one of the synthetic provinces, down to its communes
    targets = tmp_path / "targets.yaml"
    text = (Path(__file__).parents[2] / "targets.yaml").read_text(encoding="utf-8")
    targets.write_text(text.replace('scope: {unit: "96"', 'scope: {unit: "01"'), encoding="utf-8")
    monkeypatch.setenv("XHHT_TARGETS", str(targets))
    monkeypatch.setenv("XHHT_RAW", str(raw))
    monkeypatch.setenv("XHHT_WAREHOUSE", str(tmp_path / "w.duckdb"))
    con = duckdb.connect(":memory:")
    populate(con, load_inputs())  # raises on any audit row
    assert con.execute("select count(*) from progress where outlook_method is not null").fetchall()[0][0] > 100
    con.close()


PLANTS = {
    "no_verdict_without_value": "update progress set outlook_category = 'met' "
    "where unit_code = '96' and target_id = 'cm_cong_dong' and year = 2028",
    "status_agrees_with_outlook": "update progress set outlook_category = 'on_track' "
    "where unit_code = '96' and target_id = 'cm_cong_dong' and year = 2024",
    "behind_means_years_behind": "update progress set years_behind = -2 "
    "where unit_code = '96' and target_id = 'cm_pcgd_thcs_2' and year = 2023",
    "no_judgement_of_missing_units": "update progress set status = 'met' "
    "where unit_code = '96' and target_id = 'cm_pcgd_th_huyen' and year = 2026",
    "levels_are_whole": "update projections set projected = 2.333 "
    "where target_id = 'cm_pcgd_thcs_tinh' and unit_code = '96'",
    "counts_within_units": "update progress set projected = 12.5 "
    "where unit_code = '96' and target_id = 'cm_pcgd_thcs_2' and year = 2024",
    "percentages_in_range": "update progress set actual = 104 "
    "where unit_code = '96' and target_id = 'cm_cong_dong' and year = 2024",
    "path_through_declared_milestones": "update progress set milestone = 55 "
    "where unit_code = '96' and target_id = 'cm_cong_dong' and year = 2023",
    "too_few_observations_no_trend": "update progress set outlook_category = 'on_track' "
    "where unit_code = '96' and target_id = 'cm_cong_dong' and year = 2020",
    "baseline_at_target_falling_not_on_track": "update progress set base_value = 80, outlook_category = 'on_track' "
    "where unit_code = '96' and target_id = 'cm_tthtcd_cntt' and year = 2023",
    "no_judgement_before_baseline_year": "update targets set baseline_year = 2023 where id = 'cm_cong_dong'",
    "no_borrowed_province_levels": "insert into unit_levels (unit_code, year, indicator, standard, tier, level, "
    "origin, derived_level) values ('96', 2026, 'pcgd_thcs_muc_do', 'pcgd_thcs', 'province', 2, 'derived', 2)",
}


def test_every_audit_has_a_planted_contradiction():
    assert set(PLANTS) == {a.name for a in audits()}


@pytest.mark.parametrize("name", sorted(PLANTS))
def test_each_audit_catches_its_planted_contradiction(demo, name):
    con = demo.cursor()
    con.execute("begin transaction")
    try:
        con.execute(PLANTS[name])
        assert set(failures(con, first_new_map_year=NEW_MAP)) == {name}
        with pytest.raises(ProblemError) as err:
            check_audits(con, first_new_map_year=NEW_MAP)
        text = err.value.problems[0].text("vi")
        assert next(a.rule_vi for a in audits() if a.name == name) in text
    finally:
        con.execute("rollback")


def test_a_build_that_breaks_a_rule_fails_and_the_last_good_warehouse_keeps_serving(world, monkeypatch):
    build()
    before = world.warehouse.read_bytes()
    broken = world.root / "audits"
    shutil.copytree(AUDIT_DIR, broken)
    (broken / "always_broken.sql").write_text(
        "-- vi: Quy tắc thử luôn sai.\n-- en: A test rule that always fails.\nselect 1 as x\n", encoding="utf-8"
    )
    monkeypatch.setattr("pipelines.build.audits.AUDIT_DIR", broken)
    _audits.cache_clear()
    try:
        with pytest.raises(ProblemError) as err:
            build()
        assert "Quy tắc thử luôn sai." in err.value.problems[0].text("vi")
        assert "A test rule that always fails." in err.value.problems[0].text("en")
    finally:
        _audits.cache_clear()
    assert world.warehouse.read_bytes() == before


def test_no_unit_is_projected_past_the_year_it_ceases_to_exist(demo):
    """Review: 2.772 projection rows for old districts and communes in 2025–2030; the audit did not see them."""
    gone = rows(
        demo,
        "select p.* from projections p where not exists "
        "(select 1 from unit_years u where u.code = p.unit_code and u.year = p.year)",
    )
    assert gone.empty
    districts = rows(demo, "select distinct unit_code from projections where unit_code in ('964', '966')")
    assert len(districts)  # they are still projected up to 2024
    con = demo.cursor()
    con.execute("begin transaction")
    try:
        con.execute("insert into projections values ('cm_dao_tao', '966', 2027, 50.0, 'eurostat')")
        assert set(failures(con, first_new_map_year=NEW_MAP)) == {"no_judgement_of_missing_units"}
    finally:
        con.execute("rollback")


def test_a_target_that_no_longer_applies_has_no_2030_value_and_is_not_carried_over(demo):
    """Second look, in the browser: the indicator page of a district-count target in 2026 still showed "Mục tiêu
    2030: 9", a 2030 star and "mục tiêu của tỉnh trước sắp xếp" next to "Không áp dụng"."""
    r = rows(demo, "select * from progress where target_id = 'cm_pcgd_th_huyen' and year >= ?", NEW_MAP)
    assert len(r) and r["target_2030"].isna().all() and not r["carried_over"].any()
    con = demo.cursor()
    con.execute("begin transaction")
    try:
        con.execute("update progress set carried_over = true where target_id = 'cm_pcgd_th_huyen' and year = 2026")
        assert set(failures(con, first_new_map_year=NEW_MAP)) == {"no_judgement_of_missing_units"}
    finally:
        con.execute("rollback")
