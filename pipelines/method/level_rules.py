"""Deriving a unit's literacy / universalisation level by the rules of NĐ 20/2014 (pure functions).

A commune's level comes from its own ratios (ĐBKK communes use their own thresholds and age bands);
a district's from the share of its communes at each level, a province's from the share of its districts.
Levels are cumulative: level k needs level k-1. The derived level is a lower bound when some input is
missing (`complete` is then False); with no evidence for level 1 it is unknown (None).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipelines.config.standards import Standard

EPS = 1e-9


@dataclass(frozen=True)
class ReportedValues:
    """A ratio as reported: numerator/denominator, or only a percentage."""

    numerator: float | None = None
    denominator: float | None = None
    value: float | None = None  # percent, when only a percentage was reported

    @property
    def percent(self) -> float | None:
        if self.numerator is not None and self.denominator:
            return 100.0 * self.numerator / self.denominator
        return self.value


@dataclass(frozen=True)
class Shortfall:
    """Why a unit is not at `level`: `subject` (an indicator, a standard, or child units) is below `required`."""

    level: int
    subject: str
    actual: float | None  # percent, or the level of a required standard; None = no data
    required: float
    to_close: int | None  # people (or child units) still needed to reach the threshold


@dataclass(frozen=True)
class LevelResult:
    level: int | None
    complete: bool
    shortfalls: tuple[Shortfall, ...] = ()


def people_to_close(values: ReportedValues, required_percent: float) -> int | None:
    """How many more counted in the numerator to reach `required_percent` of the denominator."""
    if values.numerator is None or not values.denominator:
        return None
    return max(0, math.ceil(required_percent / 100.0 * values.denominator - values.numerator - EPS))


def derive_commune_level(
    standard: Standard,
    inputs: Mapping[str, ReportedValues],
    dbkk: bool,
    other_levels: Mapping[str, int | None] | None = None,
) -> LevelResult:
    other_levels = other_levels or {}
    level = 0
    for rule in standard.levels:
        failed: list[Shortfall] = []
        missing: list[Shortfall] = []
        for crit in rule.criteria:
            thr = crit.dbkk if (dbkk and crit.dbkk is not None) else crit
            reported = inputs.get(thr.indicator)
            pct = reported.percent if reported is not None else None
            if pct is None:
                missing.append(Shortfall(rule.level, thr.indicator, None, thr.min, None))
            elif pct + EPS < thr.min:
                failed.append(Shortfall(rule.level, thr.indicator, pct, thr.min, people_to_close(reported, thr.min)))
        for req in rule.requires:
            have = other_levels.get(req.standard)
            if have is None:
                missing.append(Shortfall(rule.level, req.standard, None, req.level, None))
            elif have < req.level:
                failed.append(Shortfall(rule.level, req.standard, have, req.level, None))
        if failed or missing:
            if failed:
                return LevelResult(level, complete=not missing, shortfalls=tuple(failed + missing))
            return LevelResult(level if level > 0 else None, complete=False, shortfalls=tuple(missing))
        level = rule.level
    return LevelResult(level, complete=True)


def derive_parent_level(standard: Standard, tier: str, child_levels: Sequence[int | None]) -> LevelResult:
    """A district's level from its communes' levels (tier='district'), a province's from its districts'."""
    if not child_levels:
        return LevelResult(None, complete=False)
    n = len(child_levels)
    unknown = sum(1 for c in child_levels if c is None)
    if unknown == n:
        return LevelResult(None, complete=False)
    level = 0
    for rule in standard.levels:
        share_min = rule.district_min_share if tier == "district" else rule.province_min_share
        meeting = sum(1 for c in child_levels if c is not None and c >= rule.level)
        if 100.0 * meeting / n + EPS < share_min:
            to_close = max(0, math.ceil(share_min / 100.0 * n - meeting - EPS))
            subject = "commune" if tier == "district" else "district"
            return LevelResult(
                level,
                complete=unknown == 0,
                shortfalls=(Shortfall(rule.level, subject, 100.0 * meeting / n, share_min, to_close),),
            )
        level = rule.level
    return LevelResult(level, complete=True)
