"""A target's path: the yearly values a unit should have reached (shared/docs/methodology.md §1–2).

The path is the plan's own: piecewise through every point declared in targets.yaml (milestones and the 2030
value), starting at the unit's baseline (its first judged observation) when that comes before the first declared
point. A baseline that already reaches the first declared point starts the path at that point (the plan asks to
keep it, not to fall back). Levels are held from one declared point to the next (a level is met or not); counts of
units are whole. The build turns the declared part into target_points and judges every unit on its own path in
build/sql/progress/progress.sql, which mirrors these functions (the tests compare both).
"""

from __future__ import annotations

from collections.abc import Mapping

EPS = 1e-9


def milestone_path(points: Mapping[int, float], interpolation: str = "linear") -> dict[int, float]:
    """Yearly milestones from the first to the last declared year.

    `linear` interpolates between consecutive declared points; `step` holds each declared value until the next.
    Years before the first declared point have no milestone.
    """
    if not points:
        return {}
    years = sorted(points)
    out: dict[int, float] = {}
    for a, b in zip(years, years[1:]):
        va, vb = points[a], points[b]
        for y in range(a, b):
            out[y] = va if interpolation == "step" else va + (vb - va) * (y - a) / (b - a)
    out[years[-1]] = points[years[-1]]
    return out


def path_points(
    declared: Mapping[int, float], baseline: tuple[int, float] | None, sign: float = 1.0
) -> dict[int, float]:
    """The declared points, preceded by the baseline when it comes before the first of them. A baseline that
    already reaches the first declared point (sign-adjusted: sign = −1 when lower is better) starts at that point."""
    points = dict(declared)
    if baseline is not None and points:
        first_year = min(points)
        t0, x0 = baseline
        if t0 < first_year:
            first = points[first_year]
            points[t0] = x0 if sign * (first - x0) > EPS else first
    return points


def whole(value: float, sign: float = 1.0) -> float:
    """A count of units the plan expects: rounded up (down when lower is better) to a whole unit."""
    import math

    return float(math.ceil(value - EPS)) if sign > 0 else float(math.floor(value + EPS))


def unit_path(
    declared: Mapping[int, float],
    baseline: tuple[int, float] | None,
    interpolation: str = "linear",
    sign: float = 1.0,
    measure: str = "percent",
) -> dict[int, float]:
    """Yearly milestones of one unit: the path through its baseline and every declared point."""
    style = "step" if measure == "level" else interpolation
    path = milestone_path(path_points(declared, baseline, sign), style)
    if measure == "count":
        path = {y: whole(v, sign) for y, v in path.items()}
    return path


def years_behind(
    points: Mapping[int, float], interpolation: str, year: int, value: float, behind: bool, sign: float = 1.0
) -> float | None:
    """Years behind (+) or ahead (−) of the path: `year` minus the year the path is at `value`.

    Behind this year's milestone: the last time before `year` that the path passed `value` (so the answer is > 0);
    on or ahead of it: the first time from `year` on that the path passes `value` (so ≤ 0). A value below the
    path's start is placed on the first segment extended backwards. None when the path never passes the value
    (flat or stepped there)."""
    years = sorted(points)
    candidates: list[float] = []
    for a, b in zip(years, years[1:]):
        va, vb = sign * points[a], sign * points[b]
        x = sign * value
        if va - EPS <= x <= vb + EPS and vb - va > EPS:
            step = b - 1 if behind else b  # a stepped path holds va until the year before it steps up
            candidates.append(step if interpolation == "step" else a + (x - va) / (vb - va) * (b - a))
    if len(years) >= 2 and interpolation != "step":
        a, b = years[0], years[1]
        va, vb = sign * points[a], sign * points[b]
        if sign * value < va - EPS and vb - va > EPS:
            candidates.append(a + (sign * value - va) / (vb - va) * (b - a))
    if behind:
        before = [c for c in candidates if c <= year + EPS]
        return year - max(before) if before else None
    after = [c for c in candidates if c >= year - EPS]
    return year - min(after) if after else None
