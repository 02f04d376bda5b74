"""The progress rules of shared/docs/methodology.md as small pure functions: the test oracle of
build/sql/progress/progress.sql, which is the one production implementation. Thresholds come from the same
settings object the SQL receives (pipelines/config/settings.py).

- gap and status against this year's milestone;
- outlook for the target year by three documented methods: Eurostat's actual-vs-required growth ratio, the UN
  Statistics Division projection score, and the linear path (for counts, levels and values near a natural limit).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from pipelines.config.settings import settings
from pipelines.method.milestones import milestone_path, years_behind

Direction = Literal["higher_is_better", "lower_is_better"]
EPS = 1e-9

# Outlook categories, best first. The UI maps each to a label, a colour and an icon.
MET = "met"
ON_TRACK = "on_track"
ACCELERATE = "acceleration_needed"
LIMITED = "limited_progress"
STAGNATION = "stagnation"
MOVING_AWAY = "moving_away"
INSUFFICIENT = "insufficient_data"
OUTLOOK_CATEGORIES = (MET, ON_TRACK, ACCELERATE, LIMITED, STAGNATION, MOVING_AWAY, INSUFFICIENT)

# Status against this year's milestone.
STATUS_MET = "met"
STATUS_BEHIND = "behind"
STATUS_NO_DATA = "no_data"
STATUS_NO_MILESTONE = "no_milestone"


# ---------------------------------------------------------------- gap and status
def signed_gap(actual: float, milestone: float, direction: Direction) -> float:
    """actual − milestone, signed so that negative always means behind."""
    diff = actual - milestone
    return diff if direction == "higher_is_better" else -diff


def meets(actual: float, target: float, direction: Direction) -> bool:
    return signed_gap(actual, target, direction) >= -EPS


def status(actual: float | None, milestone: float | None, direction: Direction) -> str:
    if milestone is None:
        return STATUS_NO_MILESTONE
    if actual is None:
        return STATUS_NO_DATA
    return STATUS_MET if meets(actual, milestone, direction) else STATUS_BEHIND


def needed_to_reach(
    numerator: float | None, denominator: float | None, percent: float, direction: Direction = "higher_is_better"
) -> int | None:
    """How many more (higher is better) or fewer (lower is better) counted in the numerator reach `percent`."""
    if numerator is None or not denominator:
        return None
    goal = percent / 100.0 * denominator
    if direction == "higher_is_better":
        return max(0, math.ceil(goal - numerator - EPS))
    return max(0, math.ceil(numerator - goal - EPS))


# ---------------------------------------------------------------- outlook
@dataclass(frozen=True)
class Outlook:
    method: str | None  # None when there was no observation to judge
    category: str
    score: float | None = None  # the method's ratio or score
    base_year: int | None = None
    base_value: float | None = None
    current_year: int | None = None
    current_value: float | None = None
    projected: float | None = None  # value projected for the target year (UNSD)
    years_behind: float | None = None  # linear path: years behind (+) or ahead (−) of the path
    n_obs: int = 0


def _clean(series: Sequence[tuple[int, float]]) -> list[tuple[int, float]]:
    return sorted((int(y), float(v)) for y, v in series if v is not None and not math.isnan(v))


def _category_from_ratio(ratio: float) -> str:
    cut = settings().outlook
    if ratio >= cut.on_track:
        return ON_TRACK
    if ratio >= cut.acceleration_needed:
        return ACCELERATE
    if ratio >= 0:
        return LIMITED
    return MOVING_AWAY


def _growth(v1: float, v0: float, years: float) -> float:
    return (v1 / v0) ** (1.0 / years) - 1.0


def eurostat(
    series: Sequence[tuple[int, float]], target: float, target_year: int, direction: Direction = "higher_is_better"
) -> Outlook:
    """Actual vs required compound annual growth (Eurostat; Open SDG's ProgressMeasure)."""
    obs = _clean(series)
    if not obs:
        return Outlook("eurostat", INSUFFICIENT)
    (t0, x0), (t, x) = obs[0], obs[-1]
    common = dict(base_year=t0, base_value=x0, current_year=t, current_value=x, n_obs=len(obs))
    if meets(x, target, direction):
        return Outlook("eurostat", MET, **common)
    if len(obs) < 2 or t == t0 or t0 >= target_year:
        return Outlook("eurostat", INSUFFICIENT, **common)
    if x0 <= 0 or x <= 0 or target <= 0:
        # growth rates are undefined from or to zero: the caller falls back to the linear path
        return Outlook("eurostat", INSUFFICIENT, **common)
    sign = 1.0 if direction == "higher_is_better" else -1.0
    actual = sign * _growth(x, x0, t - t0)
    required = sign * _growth(target, x0, target_year - t0)
    if required <= EPS:
        # the baseline already met the target and the latest value no longer does
        return Outlook("eurostat", MOVING_AWAY, score=None, **common)
    ratio = actual / required
    return Outlook("eurostat", _category_from_ratio(ratio), score=ratio, **common)


def unsd(
    series: Sequence[tuple[int, float]],
    target: float,
    target_year: int,
    direction: Direction = "higher_is_better",
    limits: tuple[float, float] | None = (0.0, 100.0),
) -> Outlook:
    """UNSD Progress Chart: project the target-year value at the current growth, score it against the distance."""
    obs = _clean(series)
    if not obs:
        return Outlook("unsd", INSUFFICIENT)
    (t0, x0), (t, x) = obs[0], obs[-1]
    common = dict(base_year=t0, base_value=x0, current_year=t, current_value=x, n_obs=len(obs))
    if meets(x, target, direction):
        return Outlook("unsd", MET, **common)
    if limits is not None and any(abs(target - lim) <= EPS for lim in limits) and abs(x - target) <= 1.0:
        return Outlook("unsd", MET, **common)  # within 1 point of a 0% / 100% target
    if len(obs) < 2 or t == t0:
        return Outlook("unsd", INSUFFICIENT, **common)
    if x0 > 0 and x > 0:
        projected = x * (1.0 + _growth(x, x0, t - t0)) ** (target_year - t)
    else:
        projected = x + (x - x0) / (t - t0) * (target_year - t)
    if limits is not None:
        projected = min(max(projected, limits[0]), limits[1])
    distance = target - x0
    if abs(distance) <= EPS:
        return Outlook("unsd", MOVING_AWAY, projected=projected, **common)
    score = (projected - x0) / distance
    cut = settings().outlook
    category = (
        ON_TRACK if score >= cut.on_track else ACCELERATE if score >= cut.unsd_acceleration_needed else STAGNATION
    )
    return Outlook("unsd", category, score=score, projected=projected, **common)


def linear_path(
    series: Sequence[tuple[int, float]],
    target: float,
    target_year: int,
    direction: Direction = "higher_is_better",
    points: Mapping[int, float] | None = None,
    interpolation: str = "linear",
    path: Mapping[int, float] | None = None,
) -> Outlook:
    """Progress along the plan's path (`points`: the unit's baseline and every declared point; by default the
    straight line from the baseline to the target; `path`: its yearly milestones, by default interpolated between
    the points): progress since the path's start over the progress the path asks for by now, and years behind."""
    obs = _clean(series)
    if not obs:
        return Outlook("linear_path", INSUFFICIENT)
    (t0, b), (t, x) = obs[0], obs[-1]
    common = dict(base_year=t0, base_value=b, current_year=t, current_value=x, n_obs=len(obs))
    if meets(x, target, direction):
        return Outlook("linear_path", MET, **common)
    if len(obs) < 2 or t == t0 or t0 >= target_year:
        return Outlook("linear_path", INSUFFICIENT, **common)
    if meets(b, target, direction):
        return Outlook("linear_path", MOVING_AWAY, **common)  # the baseline already met the target: falling back
    sign = 1.0 if direction == "higher_is_better" else -1.0
    points = dict(points) if points is not None else {t0: b, target_year: target}
    path = path if path is not None else milestone_path(points, interpolation)
    expected, at_base = path.get(t), path.get(t0, b)
    # the path's start: the baseline, or the path itself where the baseline was already on or ahead of it
    start = b if sign * (at_base - b) > EPS else at_base
    behind = expected is not None and not meets(x, expected, direction)
    late = years_behind(points, interpolation, t, x, behind, sign)
    if expected is None or abs(expected - start) <= EPS:
        return Outlook("linear_path", MOVING_AWAY if behind else ON_TRACK, years_behind=late, **common)
    ratio = (x - start) / (expected - start)
    return Outlook("linear_path", _category_from_ratio(ratio), score=ratio, years_behind=late, **common)


METHODS = {"eurostat": eurostat, "unsd": unsd, "linear_path": linear_path}


def choose_method(kind: str, base: float | None, target: float, near_limit: float, override: str | None = None) -> str:
    """Growth-rate methods for ratios; the linear path for counts, levels, zero baselines and values near 100%."""
    if override:
        return override
    if kind != "ratio":
        return "linear_path"
    if base is None or base <= 0 or target >= near_limit or base >= near_limit:
        return "linear_path"
    return "eurostat"


def outlook(
    kind: str,
    series: Sequence[tuple[int, float]],
    target: float,
    target_year: int,
    direction: Direction,
    near_limit: float,
    override: str | None = None,
    points: Mapping[int, float] | None = None,
    interpolation: str = "linear",
    path: Mapping[int, float] | None = None,
) -> Outlook:
    """The outlook by the method that suits the indicator; a growth method that cannot apply falls back to the path.
    `points` is the unit's declared path (baseline and declared points), `path` its yearly milestones. Rules every verdict obeys
    (methodology §2, §5): a baseline already at the target whose latest value is not is moving away, whatever the
    method; a unit behind this year's milestone is at best "acceleration needed", never met or on track."""
    obs = _clean(series)
    method = choose_method(kind, obs[0][1] if obs else None, target, near_limit, override)
    if method == "unsd":
        result = unsd(obs, target, target_year, direction, (0.0, 100.0) if kind == "ratio" else None)
    elif method == "linear_path":
        result = linear_path(obs, target, target_year, direction, points, interpolation, path)
    else:
        result = METHODS[method](obs, target, target_year, direction)
    if method == "eurostat" and result.category == INSUFFICIENT and len(obs) >= 2:
        result = linear_path(obs, target, target_year, direction, points, interpolation, path)
    if len(obs) >= 2 and result.category not in (MET, INSUFFICIENT) and meets(obs[0][1], target, direction):
        result = replace(result, category=MOVING_AWAY)
    if points is not None and obs and result.category in (MET, ON_TRACK):
        expected = (path if path is not None else milestone_path(points, interpolation)).get(obs[-1][0])
        if expected is not None and not meets(obs[-1][1], expected, direction):
            result = replace(result, category=ACCELERATE)
    return result


def projection_path(outlook: Outlook, target_year: int, limits: tuple[float, float] | None = None) -> dict[int, float]:
    """Values from the latest observation to the target year, continuing the trend the method judged:
    compound growth for the growth methods, the straight line through baseline and latest for the path."""
    if outlook.method is None or outlook.current_year is None or outlook.base_year is None:
        return {}
    t0, b, t, x = outlook.base_year, outlook.base_value, outlook.current_year, outlook.current_value
    if t == t0 or t >= target_year:
        return {}
    out = {}
    for year in range(t, target_year + 1):
        if outlook.method in ("eurostat", "unsd") and b > 0 and x > 0:
            value = x * (x / b) ** ((year - t) / (t - t0))
        else:
            value = x + (x - b) / (t - t0) * (year - t)
        if limits is not None:
            value = min(max(value, limits[0]), limits[1])
        out[year] = value
    return out
