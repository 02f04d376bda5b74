"""A target's milestones: the yearly values a unit should have reached, interpolated between the points
declared in targets.yaml (shared/docs/methodology.md). The build turns them into target_points; progress
(build/sql/progress/progress.sql) judges against them."""

from __future__ import annotations

from collections.abc import Mapping


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
