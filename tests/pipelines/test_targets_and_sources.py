"""Issue 14, defect 8 (targets and sources): every declared value of a target cites the document it comes from,
values that only repeat an earlier one and values their source does not confirm are marked, the missing national
targets exist, and a units-at-level indicator can count units at exactly one level."""

from datetime import date

import duckdb
import pytest

from pipelines.build.runner import build
from pipelines.config.catalog import load_catalog
from pipelines.config.record_catalog import load_records_config
from pipelines.problems import ProblemError

# --------------------------------------------------------------------------- the shipped targets.yaml


@pytest.fixture(scope="module")
def shipped():
    return load_catalog()


def _target(cat, target_id):
    return next(t for t in cat.targets if t.id == target_id)


def test_ca_mau_2030_values_taken_from_qd_1373_cite_it(shipped):
    for target_id in ("cm_ky_nang_song", "cm_dao_tao", "cm_dai_hoc", "cm_co_so_so_hoa", "cm_tthtcd_cntt"):
        t = _target(shipped, target_id)
        assert t.source_of(2023) == "kh2023_cm", target_id
        assert t.source_of(2030) == "qd1373", target_id


def test_primary_level_3_2025_milestone_cites_qd_1373_and_2030_qd_525(shipped):
    t = _target(shipped, "vn_pcgd_th_3")
    assert (t.milestones[2025], t.source_of(2025)) == (50, "qd1373")
    assert (t.target_2030, t.source_of(2030)) == (75, "qd525")


def test_title_targets_cite_qd_387_for_2030_and_mark_it_unverified(shipped):
    for target_id in ("cm_gia_dinh", "cm_dong_ho", "cm_cong_dong", "cm_don_vi"):
        t = _target(shipped, target_id)
        assert t.source_of(2023) == "kh2023_cm" and not t.is_unverified(2023), target_id
        assert t.source_of(2030) == "qd387" and t.is_unverified(2030), target_id
    for target_id in ("vn_gia_dinh", "vn_dong_ho", "vn_cong_dong", "vn_don_vi"):
        t = _target(shipped, target_id)
        assert not t.is_unverified(2025) and t.is_unverified(2030), target_id


def test_every_declared_value_cites_a_declared_source(shipped):
    for t in shipped.targets:
        for year in t.declared(shipped.settings.target_year):
            assert t.source_of(year) in shipped.sources, (t.id, year)


def test_2030_values_that_repeat_an_earlier_value_are_marked(shipped):
    for target_id in (
        "cm_xmc_duy_tri",
        "cm_pcgd_mn5",
        "cm_pcgd_th_huyen",
        "cm_pcgd_th_tinh",
        "cm_pcgd_thcs_2",
        "cm_pcgd_thcs_3",
        "cm_pcgd_thcs_tinh",
    ):
        assert _target(shipped, target_id).repeats == {2030: 2023}, target_id
    assert _target(shipped, "vn_pcgd_thcs_2").repeats == {2030: 2025}
    assert _target(shipped, "vn_tthtcd_cntt").repeats == {2030: 2025}
    # a 2030 value set by a document is not a repeat
    assert _target(shipped, "vn_xmc_2").repeats == {} and _target(shipped, "cm_ky_nang_song").repeats == {}


def test_unverified_values_and_citations_are_marked(shipped):
    assert _target(shipped, "cm_pcgd_thcs_3").is_unverified(2030)
    assert not _target(shipped, "cm_pcgd_thcs_3").is_unverified(2023)
    assert _target(shipped, "vn_tthtcd_cntt").is_unverified(2030)
    assert _target(shipped, "cm_tthtcd_cntt").is_unverified(2030)
    assert shipped.sources["kh2023_cm"].unverified  # the plan's document number is not confirmed
    assert not shipped.sources["qd1373"].unverified
    assert not _target(shipped, "vn_xmc_2").is_unverified(2030)


def test_missing_national_targets_are_added_with_their_sources(shipped):
    staff = _target(shipped, "vn_cong_dan_can_bo")
    ind = shipped.indicator(staff.indicator)
    assert (ind.id, ind.kind, ind.group, ind.display) == ("cong_dan_hoc_tap_can_bo", "ratio", "danh_hieu", "percent")
    assert (staff.milestones[2025], staff.source_of(2025)) == (60, "qd387")
    assert (staff.target_2030, staff.source_of(2030)) == (80, "qd677")
    adults = _target(shipped, "vn_cong_dan")
    assert (adults.milestones[2025], adults.source_of(2025)) == (40, "qd1373")
    assert (adults.target_2030, adults.source_of(2030)) == (60, "qd677")
    level_2 = _target(shipped, "vn_pcgd_thcs_dung_2")
    ind = shipped.indicator(level_2.indicator)
    assert (ind.of, ind.min_level, ind.max_level, ind.child_tier) == ("pcgd_thcs_muc_do", 2, 2, "province")
    assert (level_2.measure, level_2.target_2030, level_2.source, level_2.unverified) == ("share", 60, "qd525", True)
    assert level_2.note and "60% + 40%" in level_2.note


def test_lifelong_learning_week_2022_is_declared():
    week = load_records_config().week.years[2022]
    assert (week.start, week.end) == (date(2022, 10, 1), date(2022, 10, 7))
    assert week.theme == "Thúc đẩy chuyển đổi số phục vụ học tập suốt đời sau đại dịch Covid-19"


# --------------------------------------------------------------------------- validation, on the fixture world


def _with(world, old, new):
    text = world.targets.read_text(encoding="utf-8")
    assert old in text
    world.targets.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(world, old, new):
    _with(world, old, new)
    with pytest.raises(ProblemError) as exc:
        load_catalog()
    return exc.value.problems


def _line(world, fragment):
    return next(
        n for n, line in enumerate(world.targets.read_text(encoding="utf-8").splitlines(), 1) if fragment in line
    )


T_GD = "    target_2030: 80\n    source: s\n"


def test_point_source_for_an_undeclared_year_names_the_yaml_path(world):
    (p,) = _problems(world, T_GD, T_GD + "    point_sources: {2024: s}\n")
    assert p.code == "yaml_rule" and p.path == "targets[0].point_sources.2024"
    assert p.line == _line(world, "point_sources")
    assert "năm 2024 không phải năm đã khai báo" in p.message("vi") and "2023, 2030" in p.message("vi")
    assert "year 2024 is not a declared year" in p.message("en")


def test_point_source_naming_an_unknown_source(world):
    (p,) = _problems(world, T_GD, T_GD + "    point_sources: {2030: qd9999}\n")
    assert p.path == "targets[0].point_sources.2030"
    assert "nguồn 'qd9999' chưa khai báo trong sources" in p.message("vi")
    assert "source 'qd9999' is not declared in sources" in p.message("en")


def test_repeat_of_a_different_value_is_refused(world):
    (p,) = _problems(world, T_GD, T_GD + "    repeats: {2030: 2023}\n")
    assert p.path == "targets[0].repeats.2030" and p.line == _line(world, "repeats")
    assert "giá trị năm 2030 (80) khác giá trị năm 2023 (40)" in p.message("vi")
    assert "the 2030 value (80) differs from the 2023 value (40)" in p.message("en")


def test_repeat_of_an_undeclared_or_later_year_is_refused(world):
    (p,) = _problems(world, T_GD, T_GD + "    repeats: {2030: 2021}\n")
    assert p.path == "targets[0].repeats.2030"
    assert "2021 must be a declared year before 2030" in p.message("en")


def test_unverified_year_must_be_declared(world):
    (p,) = _problems(world, T_GD, T_GD + "    unverified_years: [2030, 2027]\n")
    assert p.path == "targets[0].unverified_years[1]"
    assert "năm 2027 không phải năm đã khai báo" in p.message("vi")


def test_max_level_below_min_level_or_outside_the_levels(world):
    problems = _problems(
        world,
        "    min_level: 1\n    child_tier: commune\n",
        "    min_level: 1\n    max_level: 0\n    child_tier: commune\n",
    )
    assert [p.path for p in problems] == ["indicators[4].max_level"]
    assert "max_level 0 phải ≥ min_level 1" in problems[0].message("vi")
    _with(world, "max_level: 0", "max_level: 5")
    with pytest.raises(ProblemError) as exc:
        load_catalog()
    (p,) = exc.value.problems
    assert p.path == "indicators[4].max_level" and "level 5 is not among xmc's levels [0, 1]" in p.message("en")


def test_provenance_accepted_when_consistent(world):
    _with(
        world,
        "sources:\n  s: {title: Nguồn thử}\n",
        "sources:\n  s: {title: Nguồn thử}\n  s2: {title: Nguồn hai, unverified: true}\n",
    )
    _with(world, T_GD, T_GD + "    point_sources: {2030: s2}\n    unverified_years: [2030]\n")
    t = _target(load_catalog(), "t_gd")
    assert (t.source_of(2023), t.source_of(2030), t.is_unverified(2023), t.is_unverified(2030)) == (
        "s",
        "s2",
        False,
        True,
    )


# --------------------------------------------------------------------------- the warehouse

EXACT_0 = """  - id: xa_xmc_0
    name_vi: Số xã chưa đạt chuẩn
    name_en: Communes below the standard
    group: g
    kind: units_at_level
    display: count
    of: xmc
    min_level: 0
    max_level: 0
    child_tier: commune
    source: s
targets:
"""


def test_units_at_exactly_one_level_and_target_sources_in_the_warehouse(world):
    _with(world, "targets:\n", EXACT_0)
    _with(world, "sources:\n  s: {title: Nguồn thử}\n", "sources:\n  s: {title: Nguồn thử}\n  s2: {title: Nguồn hai}\n")
    _with(world, T_GD, T_GD + "    point_sources: {2030: s2}\n    unverified_years: [2030]\n")
    _with(
        world,
        "    milestones: {2023: 3}\n    target_2030: 4\n",
        "    milestones: {2023: 4}\n    target_2030: 4\n    repeats: {2030: 2023}\n",
    )
    build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    try:
        q = "select value, denominator from actuals where indicator=? and unit_code=? and year=2023"
        # 2023: 99102 alone is below literacy level 1 (tests/pipelines/test_build.py)
        assert con.execute(q, ["xa_xmc_0", "99"]).fetchall() == [(1, 5)]
        assert con.execute(q, ["xa_xmc_0", "991"]).fetchall() == [(1, 3)]
        assert con.execute(q, ["xa_xmc", "99"]).fetchall() == [(4, 5)]  # min_level alone: level 1 or above
        rows = con.execute("select * from target_sources order by target_id, year").fetchall()
        assert rows == [
            ("t_gd", 2023, 40.0, "s", None, False),
            ("t_gd", 2030, 80.0, "s2", None, True),
            ("t_xa", 2023, 4.0, "s", None, False),
            ("t_xa", 2030, 4.0, "s", 2023, False),
        ]
        assert con.execute("select id, unverified from targets order by id").fetchall() == [
            ("t_gd", True),
            ("t_xa", False),
        ]
        assert con.execute("select id, unverified from sources order by id").fetchall() == [("s", False), ("s2", False)]
    finally:
        con.close()
