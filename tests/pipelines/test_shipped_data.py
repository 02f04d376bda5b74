"""The data shipped in the repository: the unit registry, the demo files, and the warehouse they build."""

import duckdb
import pandas as pd
import pytest

from devdata import demo_indicators
from devdata import registry_generator as unit_registry
from pipelines.build import runner as b
from pipelines.config import paths
from pipelines.config.catalog import load_catalog
from pipelines.ingest.unit_registry import load_units


@pytest.fixture(scope="module")
def registry():
    units, dbkk = load_units()
    return units, dbkk


def test_registry_covers_the_country_before_the_reform(registry):
    units, _ = registry
    tiers = units.groupby("tier")["code"].nunique()
    assert tiers["province"] == 63
    assert tiers["district"] == 696
    assert 10_000 <= tiers["commune"] <= 10_100


def test_ca_mau_2023_has_9_districts_and_101_communes(registry):
    units, _ = registry
    day = pd.Timestamp("2023-06-30")
    valid = units[(units["valid_from"] <= day) & (units["valid_to"] >= day)]
    districts = valid[(valid["tier"] == "district") & (valid["parent_code"] == "96")]
    assert sorted(districts["code"]) == ["964", "966", "967", "968", "969", "970", "971", "972", "973"]
    communes = valid[(valid["tier"] == "commune") & valid["parent_code"].isin(districts["code"])]
    assert len(communes) == 101
    assert set(communes["type"]) == {"xã", "phường", "thị trấn"}


def test_merged_ward_changes_name_over_time(registry):
    units, _ = registry
    rows = units[(units["code"] == "32002") & (units["valid_to"] <= pd.Timestamp("2025-06-30"))].sort_values(
        "valid_from"
    )
    assert list(rows["name"]) == ["Phường 4", "Phường 2"]


def test_registry_has_the_map_after_the_reform(registry):
    units, _ = registry
    after = units[units["valid_from"] == pd.Timestamp("2025-07-01")]
    assert (after["tier"] == "province").sum() == 34 and (after["tier"] == "commune").sum() == 3321
    assert not (after["tier"] == "district").any()
    ca_mau = after[(after["tier"] == "commune") & (after["parent_code"] == "96")]
    assert len(ca_mau) == 64 and set(ca_mau["type"]) == {"xã", "phường"}
    assert (ca_mau["type"] == "phường").sum() == 9  # NQ 1655/NQ-UBTVQH15: 55 xã, 9 phường


def test_crosswalk_gives_every_old_commune_its_successors(registry):
    units, _ = registry
    crosswalk = pd.read_csv(paths.units_dir() / "crosswalk_2025.csv", dtype=str)
    old = units[(units["tier"] == "commune") & (units["valid_to"] <= pd.Timestamp("2025-06-30"))]
    assert set(old["code"]) <= set(crosswalk["old_code"])
    shares = crosswalk.assign(share=crosswalk["share"].astype(float)).groupby("old_code")["share"].sum()
    assert shares.between(1 - 1e-9, 1 + 1e-9).all()
    split = crosswalk[crosswalk["kind"] == "split"]
    assert (split.groupby("old_code")["default_successor"].apply(lambda s: (s == "true").sum()) == 1).all()
    # the new Cà Mau gathers the old Cà Mau (101 communes) and the old Bạc Liêu (64)
    new_ca_mau = units[(units["parent_code"] == "96") & (units["valid_from"] == pd.Timestamp("2025-07-01"))]["code"]
    sources = crosswalk[crosswalk["new_code"].isin(new_ca_mau)]["old_code"]
    old_parent = old.drop_duplicates("code").set_index("code")["parent_code"]
    districts = units[units["tier"] == "district"].drop_duplicates("code").set_index("code")["parent_code"]
    assert set(sources.map(old_parent).map(districts)) == {"95", "96"}


def test_crosswalk_regenerates_identically(tmp_path):
    out = tmp_path / "crosswalk.csv"
    unit_registry.write_crosswalk(unit_registry.crosswalk_rows(), out)
    assert out.read_bytes() == (paths.units_dir() / "crosswalk_2025.csv").read_bytes()


def test_registry_regenerates_identically(tmp_path):
    rows = unit_registry.build_registry(paths.units_dir() / "sources" / "ca_mau_units_2022.csv")
    out = tmp_path / "units.csv"
    unit_registry.write_registry(rows, out)
    assert out.read_bytes() == (paths.units_dir() / "units.csv").read_bytes()


def test_demo_files_regenerate_byte_for_byte(tmp_path, monkeypatch):
    shipped = paths.raw_dir() / "ca_mau"
    monkeypatch.setenv("XHHT_UNITS", str(tmp_path / "units"))
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "units.csv").write_bytes((paths.REPO / "data" / "units" / "units.csv").read_bytes())
    written = demo_indicators.write(tmp_path / "ca_mau")
    for path in written:
        if path.name == "dbkk.csv":
            assert path.read_bytes() == (paths.REPO / "data" / "units" / "dbkk.csv").read_bytes()
        else:
            rel = path.relative_to(tmp_path / "ca_mau")
            assert path.read_bytes() == (shipped / rel).read_bytes(), rel
    assert len(written) - 1 == sum(1 for _ in shipped.rglob("*.csv"))


def test_demo_data_is_labelled_illustrative_and_checks_clean():
    result = b.check()
    assert result.rejects == []
    assert result.counts["observations"] > 9000
    files = __import__("pipelines.ingest.observation_files", fromlist=["read_observations"]).read_observations(
        paths.raw_dir()
    )
    official = {f.shown for f in files if "/gso/" in f.shown.replace("\\", "/")}
    assert {s for f in files if f.shown not in official for s in f.frame["source"]} == {demo_indicators.SOURCE}
    # the statistics office's series cite their declared source (not illustrative, with its release year)
    declared = load_catalog().sources
    assert official and {s for f in files if f.shown in official for s in f.frame["source"]} <= set(declared)
    assert all(
        declared[s].released and not declared[s].illustrative
        for f in files
        if f.shown in official
        for s in f.frame["source"]
    )


def test_demo_warehouse_shapes(tmp_path, monkeypatch):
    monkeypatch.setenv("XHHT_WAREHOUSE", str(tmp_path / "w.duckdb"))
    b.build()
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    communes_by_year = dict(
        con.execute(
            "select o.year, count(distinct o.unit_code) from observations o join unit_ancestors a on a.descendant = o.unit_code "
            "and a.year = o.year and a.ancestor = '96' where indicator = 'xmc_l1_15_35' group by 1"
        ).fetchall()
    )
    below = con.execute(
        "select count(*) from unit_levels l join unit_ancestors a on a.descendant = l.unit_code "
        "and a.year = l.year and a.ancestor = '96' where indicator='xmc_muc_do' and tier='commune' "
        "and l.year=2024 and level = 0"
    ).fetchall()[0][0]
    lacking = con.execute(
        "select min(to_close) from level_shortfalls where indicator='xmc_muc_do' and level=1 "
        "and year=2024 and subject like 'xmc_l1%'"
    ).fetchall()[0][0]
    dbkk_used = con.execute("select count(*) from unit_years where dbkk and year=2023").fetchall()[0][0]
    disagreements = con.execute("select count(*) from unit_levels where agrees = false").fetchall()[0][0]
    statuses = {
        s for (s,) in con.execute("select distinct status from progress where unit_code='96' and year=2024").fetchall()
    }
    con.close()
    assert communes_by_year[2023] == 101 and communes_by_year[2022] == 100  # a missing commune-year
    assert communes_by_year[2025] == communes_by_year[2026] == 64  # the new Cà Mau after the reform
    assert 0 < dbkk_used < 101
    assert disagreements >= 1
    assert {"met", "behind"} <= statuses
    assert 1 <= below <= 5  # some communes still below the literacy standard, saying how many people they lack
    assert lacking > 0


def test_demo_record_files_regenerate_byte_for_byte(tmp_path):
    from devdata import demo_records

    shipped = paths.REPO / "data" / "records" / "ca_mau"
    written = demo_records.write(tmp_path / "ca_mau")
    for path in written:
        rel = path.relative_to(tmp_path / "ca_mau")
        assert path.read_bytes() == (shipped / rel).read_bytes(), rel
    assert len(written) == sum(1 for _ in shipped.rglob("*.csv"))
    assert all(demo_indicators.SOURCE in p.read_text(encoding="utf-8").splitlines()[1] for p in written)
