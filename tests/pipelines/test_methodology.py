"""The methodology of shared/docs/methodology.md, function by function, with hand-computed expectations."""

import math

import pytest

from tests.oracle import progress_rules as m


# ------------------------------------------------------------------ milestones
def test_linear_interpolation_between_declared_points():
    path = m.milestone_path({2023: 40, 2030: 80})
    assert list(path) == list(range(2023, 2031))
    assert path[2023] == 40 and path[2030] == 80
    assert path[2024] == pytest.approx(40 + 40 / 7)
    assert path[2027] == pytest.approx(40 + 4 * 40 / 7)


def test_interpolation_through_three_points_and_no_milestone_before_the_first():
    path = m.milestone_path({2025: 70, 2021: 50, 2030: 80})
    assert 2020 not in path
    assert path[2023] == pytest.approx(60)
    assert path[2028] == pytest.approx(76)


def test_step_interpolation_holds_each_declared_value():
    path = m.milestone_path({2023: 4, 2026: 6, 2030: 9}, "step")
    assert [path[y] for y in range(2023, 2031)] == [4, 4, 4, 6, 6, 6, 6, 9]


def test_single_point_and_empty():
    assert m.milestone_path({2030: 100}) == {2030: 100}
    assert m.milestone_path({}) == {}


# ------------------------------------------------------------------ gap and status
def test_gap_is_negative_when_behind_in_both_directions():
    assert m.signed_gap(35.0, 40.0, "higher_is_better") == pytest.approx(-5)
    assert m.signed_gap(12.0, 10.0, "lower_is_better") == pytest.approx(-2)
    assert m.signed_gap(8.0, 10.0, "lower_is_better") == pytest.approx(2)


def test_status():
    assert m.status(40.0, 40.0, "higher_is_better") == m.STATUS_MET
    assert m.status(39.99, 40.0, "higher_is_better") == m.STATUS_BEHIND
    assert m.status(None, 40.0, "higher_is_better") == m.STATUS_NO_DATA
    assert m.status(50.0, None, "higher_is_better") == m.STATUS_NO_MILESTONE


def test_people_needed_rounds_up_and_never_negative():
    # 85 of 100 literate, 90% needed: 5 more people
    assert m.needed_to_reach(85, 100, 90) == 5
    # 1,234 of 3,088 families, 40% needed: ceil(1235.2) - 1234 = 2
    assert m.needed_to_reach(1234, 3088, 40) == 2
    assert m.needed_to_reach(95, 100, 90) == 0
    assert m.needed_to_reach(None, 100, 90) is None
    assert m.needed_to_reach(10, 0, 90) is None
    # lower is better: 12 of 100 with 10% allowed -> 2 fewer
    assert m.needed_to_reach(12, 100, 10, "lower_is_better") == 2


# ------------------------------------------------------------------ Eurostat
def test_eurostat_ratio_of_actual_to_required_growth():
    out = m.eurostat([(2021, 28.0), (2023, 40.0)], 80.0, 2030)
    actual = (40 / 28) ** (1 / 2) - 1
    required = (80 / 28) ** (1 / 9) - 1
    assert out.score == pytest.approx(actual / required)
    assert out.category == m.ON_TRACK
    assert (out.base_year, out.current_year, out.n_obs) == (2021, 2023, 2)


@pytest.mark.parametrize(
    "current, category",
    [
        (34.0, m.ACCELERATE),  # ratio 0.90
        (31.0, m.LIMITED),  # ratio 0.23
        (29.0, m.MOVING_AWAY),  # negative growth
    ],
)
def test_eurostat_categories(current, category):
    # required growth 30 -> 60 over 10 years (7.18%/year); 2 years of actual growth
    out = m.eurostat([(2020, 30.0), (2022, current)], 60.0, 2030)
    ratio = ((current / 30) ** 0.5 - 1) / ((60 / 30) ** 0.1 - 1)
    assert out.score == pytest.approx(ratio)
    assert out.category == category


def test_eurostat_target_met_one_observation_and_zero_baseline():
    assert m.eurostat([(2020, 30.0), (2023, 85.0)], 80.0, 2030).category == m.MET
    assert m.eurostat([(2023, 30.0)], 80.0, 2030).category == m.INSUFFICIENT
    assert m.eurostat([], 80.0, 2030).category == m.INSUFFICIENT
    assert m.eurostat([(2020, 0.0), (2023, 10.0)], 80.0, 2030).category == m.INSUFFICIENT


def test_eurostat_lower_is_better_is_sign_adjusted():
    # from 20 down to 15 in 2 years, target 10 in 10 years: faster than needed
    out = m.eurostat([(2020, 20.0), (2022, 15.0)], 10.0, 2030, "lower_is_better")
    assert out.score == pytest.approx(((15 / 20) ** 0.5 - 1) / ((10 / 20) ** 0.1 - 1))
    assert out.category == m.ON_TRACK


def test_eurostat_baseline_met_target_then_fell_back():
    out = m.eurostat([(2020, 82.0), (2023, 78.0)], 80.0, 2030)
    assert out.category == m.MOVING_AWAY


# ------------------------------------------------------------------ UNSD
def test_unsd_projection_score():
    out = m.unsd([(2020, 20.0), (2024, 30.0)], 60.0, 2030)
    growth = (30 / 20) ** (1 / 4) - 1
    projected = 30 * (1 + growth) ** 6
    assert out.projected == pytest.approx(projected)
    assert out.projected == pytest.approx(55.11, abs=0.01)
    assert out.score == pytest.approx((projected - 20) / 40)
    assert out.category == m.ACCELERATE  # score 0.88: fair progress, acceleration needed
    assert m.unsd([(2020, 20.0), (2024, 40.0)], 60.0, 2030).category == m.ON_TRACK


def test_unsd_within_one_point_of_100_is_met_and_projection_is_capped():
    assert m.unsd([(2020, 97.0), (2024, 99.2)], 100.0, 2030).category == m.MET
    out = m.unsd([(2020, 50.0), (2022, 90.0)], 100.0, 2030)
    assert out.projected == 100.0


def test_unsd_stagnation_and_fair_progress():
    assert m.unsd([(2020, 40.0), (2024, 40.2)], 80.0, 2030).category == m.STAGNATION
    assert m.unsd([(2020, 40.0), (2024, 39.0)], 80.0, 2030).category == m.STAGNATION
    assert m.unsd([(2020, 40.0), (2024, 50.0)], 80.0, 2030).category == m.ACCELERATE


def test_unsd_zero_baseline_uses_linear_trend():
    out = m.unsd([(2020, 0.0), (2022, 10.0)], 60.0, 2030)
    assert out.projected == pytest.approx(50.0)
    assert out.score == pytest.approx(50 / 60)


# ------------------------------------------------------------------ linear path
def test_linear_path_ratio_and_years_behind():
    # 0 -> 9 districts between 2020 and 2030; 2 reached by 2024 where the path expects 3.6
    out = m.linear_path([(2020, 0.0), (2022, 1.0), (2024, 2.0)], 9.0, 2030)
    assert out.score == pytest.approx(2 / 3.6)
    assert out.category == m.LIMITED
    # the path reaches 2 in 2020 + 2/9*10 = 2022.22: 1.78 years behind
    assert out.years_behind == pytest.approx(2024 - (2020 + 20 / 9))


def test_linear_path_ahead_of_path_is_on_track_with_negative_years_behind():
    out = m.linear_path([(2020, 90.0), (2024, 96.0)], 100.0, 2030)
    assert out.category == m.ON_TRACK
    assert out.years_behind < 0


def test_linear_path_edge_cases():
    assert m.linear_path([(2020, 3.0), (2024, 9.0)], 9.0, 2030).category == m.MET
    assert m.linear_path([(2024, 3.0)], 9.0, 2030).category == m.INSUFFICIENT
    assert m.linear_path([(2020, 9.0), (2024, 8.0)], 9.0, 2030).category == m.MOVING_AWAY
    assert m.linear_path([(2020, 5.0), (2024, 4.0)], 9.0, 2030).category == m.MOVING_AWAY


# ------------------------------------------------------------------ choosing the method
@pytest.mark.parametrize(
    "kind, base, target, expected",
    [
        ("ratio", 30.0, 60.0, "eurostat"),
        ("ratio", 0.0, 60.0, "linear_path"),  # growth undefined from zero
        ("ratio", 97.0, 100.0, "linear_path"),  # near the natural limit
        ("ratio", 40.0, 99.0, "linear_path"),
        ("level", 1.0, 3.0, "linear_path"),
        ("units_at_level", 3.0, 9.0, "linear_path"),
        ("count", 3.0, 9.0, "linear_path"),
    ],
)
def test_choose_method(kind, base, target, expected):
    assert m.choose_method(kind, base, target, near_limit=95) == expected


def test_override_and_fallback_to_linear_path():
    assert m.choose_method("ratio", 30.0, 60.0, 95, override="unsd") == "unsd"
    out = m.outlook("ratio", [(2020, 30.0), (2024, 40.0)], 60.0, 2030, "higher_is_better", 95, "unsd")
    assert out.method == "unsd"
    # a zero value inside the series makes growth undefined: the path judges instead
    out = m.outlook("ratio", [(2020, 10.0), (2022, 0.0)], 60.0, 2030, "higher_is_better", 95)
    assert out.method == "linear_path" and out.category == m.MOVING_AWAY


def test_nan_observations_are_ignored():
    out = m.linear_path([(2020, 1.0), (2022, math.nan), (2024, 5.0)], 9.0, 2030)
    assert out.n_obs == 2


def test_projection_paths_continue_the_judged_trend():
    growth = m.eurostat([(2020, 20.0), (2022, 28.8)], 80.0, 2030)
    path = m.projection_path(growth, 2030, (0, 100))
    assert path[2022] == pytest.approx(28.8)
    assert path[2023] == pytest.approx(28.8 * 1.2)  # 20 -> 28.8 in 2 years is 20% a year
    assert path[2030] == pytest.approx(min(100, 28.8 * 1.2**8))
    line = m.projection_path(m.linear_path([(2020, 0.0), (2024, 2.0)], 9.0, 2030), 2030)
    assert line[2030] == pytest.approx(5.0)
    assert m.projection_path(m.linear_path([(2024, 2.0)], 9.0, 2030), 2030) == {}


# ---------------------------------------------------------------- the unit's declared path (method/milestones.py)
def test_the_unit_path_starts_at_its_baseline_and_passes_every_declared_point():
    from pipelines.method.milestones import unit_path

    path = unit_path({2023: 60.0, 2030: 75.0}, (2020, 39.0))
    assert path[2020] == 39.0 and path[2023] == 60.0 and path[2030] == 75.0
    assert path[2021] == pytest.approx(46.0)
    # a baseline already past the first declared point holds it instead of falling back
    assert unit_path({2023: 60.0, 2030: 75.0}, (2020, 70.0))[2021] == 60.0
    # lower is better: "already past" means below
    assert unit_path({2023: 10.0, 2030: 5.0}, (2020, 8.0), sign=-1.0)[2021] == 10.0
    # a baseline after the first declared point changes nothing
    assert unit_path({2023: 60.0, 2030: 75.0}, (2024, 20.0)) == m.milestone_path({2023: 60.0, 2030: 75.0})


def test_levels_are_held_and_counts_are_whole_on_the_path():
    from pipelines.method.milestones import unit_path

    level = unit_path({2023: 2.0, 2030: 3.0}, (2020, 0.0), measure="level")
    assert [level[y] for y in (2020, 2022, 2023, 2029, 2030)] == [0.0, 0.0, 2.0, 2.0, 3.0]
    count = unit_path({2023: 9.0, 2030: 9.0}, (2020, 5.0), measure="count")
    assert [count[y] for y in (2020, 2021, 2022, 2023)] == [5.0, 7.0, 8.0, 9.0]


def test_years_behind_is_positive_behind_the_milestone_and_not_ahead_of_it():
    from pipelines.method.milestones import path_points, years_behind

    points = path_points({2023: 9.0, 2030: 9.0}, (2020, 5.0))
    # 2023: 7 districts where the path asks 9; the path was at 7 in 2021.5
    assert years_behind(points, "linear", 2023, 7.0, behind=True) == pytest.approx(1.5)
    # 2021: 7 where the path asks 6.33: the path reaches 7 in 2021.5, half a year ahead
    assert years_behind(points, "linear", 2021, 7.0, behind=False) == pytest.approx(-0.5)
    # a stepped path (levels): level 0 in 2024 when level 2 was due in 2023 and 0 held until 2022
    stepped = path_points({2023: 2.0, 2030: 2.0}, (2020, 0.0))
    assert years_behind(stepped, "step", 2024, 0.0, behind=True) == 2
    assert years_behind(stepped, "step", 2021, 0.0, behind=False) == -2


def test_the_linear_path_judges_against_the_declared_path_not_a_straight_line():
    # 2023 milestone 9 from a 2020 baseline of 5: at 8 in 2024 the unit is behind the plan (which asked 9 in 2023),
    # though a straight line from 5 to 9 in 2030 would call it ahead
    from pipelines.method.milestones import path_points, unit_path

    points = path_points({2023: 9.0, 2030: 9.0}, (2020, 5.0))
    path = unit_path({2023: 9.0, 2030: 9.0}, (2020, 5.0), measure="count")
    out = m.outlook(
        "count", [(2020, 5.0), (2024, 8.0)], 9.0, 2030, "higher_is_better", 95, None, points, "linear", path
    )
    assert out.category == m.ACCELERATE and out.years_behind > 0
    straight = m.outlook("count", [(2020, 5.0), (2024, 8.0)], 9.0, 2030, "higher_is_better", 95)
    assert straight.category == m.ON_TRACK and straight.years_behind < 0
