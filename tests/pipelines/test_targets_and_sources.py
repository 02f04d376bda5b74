"""Issue 14, defect 8 (targets and sources): per-value provenance of a target (point_sources, repeats, unverified)
is validated with located messages and reaches the warehouse; a units-at-level indicator can count units at
exactly one level (max_level)."""

import duckdb
import pytest

from pipelines.build.runner import build
from pipelines.config.catalog import load_catalog
from pipelines.problems import ProblemError

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


def _target(cat, target_id):
    return next(t for t in cat.targets if t.id == target_id)


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
