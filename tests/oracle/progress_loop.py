"""Reference implementation (the loop the pipeline replaced by pipelines/build/sql/progress/progress.sql), kept to test
that the SQL gives the same rows as the pure functions of tests/oracle/progress_rules.py.

progress: for every unit × indicator × year under a target: actual, milestone, gap, status and outlook.

Only arranges data for the pure functions of progress_rules.py and pipelines/method/milestones.py; each row
names the method that judged it and the years of evidence it used. The rows of a target × unit are judged per
series: 'then' (the map of each year) and, for a unit the reform re-drew, 'today' (its new-map years after its
comparable values on today's boundaries, which are evidence only).
"""

from __future__ import annotations

import math
from collections import namedtuple
from itertools import groupby

import pandas as pd

from pipelines.config.catalog import Catalog
from pipelines.method.milestones import path_points, unit_path
from tests.oracle import progress_rules as m
from tests.oracle.number_or_none import number_or_none

PROGRESS_COLUMNS = [
    "unit_code",
    "year",
    "indicator",
    "target_id",
    "measure",
    "actual",
    "milestone",
    "target_2030",
    "gap",
    "to_close",
    "status",
    "coverage",
    "outlook_method",
    "outlook_category",
    "outlook_score",
    "projected",
    "years_behind",
    "base_year",
    "base_value",
    "evidence_years",
    "n_obs",
    "carried_over",
    "replaced_by",
]


FrameRow = namedtuple(
    "FrameRow",
    [
        "target_id",
        "unit_code",
        "series",
        "year",
        "tier",
        "milestone",
        "value",
        "share",
        "numerator",
        "denominator",
        "coverage",
        "shown",
    ],
)

PROJECTION_COLUMNS = ["target_id", "unit_code", "year", "projected", "method"]


def _limits(kind: str, measure: str, levels: list[int] | None, units: float | None) -> tuple[float, float]:
    if measure in ("percent", "share"):
        return (0.0, 100.0)
    if kind == "level" and levels:
        return (0.0, float(max(levels)))
    if measure == "count" and units is not None:
        return (0.0, units)
    return (0.0, math.inf)


def _counts_districts(ind) -> bool:
    return ind.kind == "units_at_level" and ind.child_tier == "district"


def _judged_value(r: FrameRow, measure: str, ind, min_coverage: float, first_new_map_year: int) -> tuple:
    """(value, actual, gone, coverage): the row's value in the target's terms; judged only when enough child units
    reported and the target still applies (no district level on the new map)."""
    coverage = number_or_none(r.coverage)
    value = number_or_none(r.share) if measure == "share" else number_or_none(r.value)
    gone = r.year >= first_new_map_year and _counts_districts(ind)
    covered = coverage is None or coverage + 1e-9 >= min_coverage
    return value, (value if value is not None and covered and not gone else None), gone, coverage


def compute_progress(
    catalog: Catalog, frame: pd.DataFrame, first_new_map_year: int, unit_years: set[tuple[str, int]]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`frame`: target_frame, one row per target × unit × series × year with milestone (may be NULL) and the actual
    columns; `unit_years`: (unit, year) of every unit that exists that year. Returns the progress rows and, per
    target × unit, the projection from the latest verdict to 2030 (over the years the unit exists)."""
    s = catalog.settings
    targets = {t.id: t for t in catalog.targets}
    indicators = {i.id: i for i in catalog.indicators}
    replaced_by = {}
    for t in sorted(catalog.targets, key=lambda t: t.id):
        if t.rebased_from is not None:
            replaced_by.setdefault(t.rebased_from, t.id)
    out: list[dict] = []
    latest: dict[tuple[str, str], tuple] = {}
    # plain tuples grouped in Python: per-group pandas access costs far more than the methodology itself
    ordered = frame.sort_values(["target_id", "unit_code", "series", "year"])
    rows = [FrameRow(*values) for values in zip(*(ordered[c].tolist() for c in FrameRow._fields))]
    for (target_id, unit_code, series), group in groupby(rows, key=lambda r: (r.target_id, r.unit_code, r.series)):
        group = list(group)
        t = targets[target_id]
        ind = indicators[t.indicator]
        sign = 1.0 if ind.direction == "higher_is_better" else -1.0
        measure = t.measure or ("level" if ind.kind == "level" else "percent")
        style = "step" if t.measure is None and ind.kind == "level" else t.interpolation
        declared = {**t.milestones, s.target_year: t.target_2030}

        values = [_judged_value(r, measure, ind, s.min_coverage, first_new_map_year) for r in group]
        first = next(((int(r.year), v[1]) for r, v in zip(group, values) if v[1] is not None), None)
        points = path_points(declared, first, sign)
        path = unit_path(declared, first, style, sign, measure)
        history: list[tuple[int, float]] = []
        for r, (value, actual, gone, coverage) in zip(group, values):
            year = int(r.year)
            if actual is not None:
                history.append((year, actual))
            if not r.shown:
                continue
            milestone = None if gone else path.get(year)
            if gone:
                st = "not_applicable"
            elif year >= first_new_map_year and ind.kind == "level" and r.tier == "province" and value is None:
                st = "no_rule"
            else:
                st = m.status(actual, milestone, ind.direction)
                if value is not None and actual is None and milestone is not None:
                    st = "incomplete"  # too few child units reported for the rolled-up value to be judged
            gap = (
                m.signed_gap(actual, milestone, ind.direction) if actual is not None and milestone is not None else None
            )
            entities = None
            if gap is not None and gap < 0:
                if ind.kind == "ratio":
                    entities = m.needed_to_reach(
                        number_or_none(r.numerator), number_or_none(r.denominator), milestone, ind.direction
                    )
                elif measure == "share":
                    entities = m.needed_to_reach(number_or_none(r.numerator), number_or_none(r.denominator), milestone)
                else:
                    entities = math.ceil(-gap - 1e-9)
            elif gap is not None:
                entities = 0
            outlook = None
            if actual is not None:
                outlook = m.outlook(
                    ind.kind if measure != "count" else "count",
                    history,
                    t.target_2030,
                    s.target_year,
                    ind.direction,
                    s.near_limit,
                    ind.outlook_method,
                    points,
                    style,
                    path,
                )
                if not _counts_districts(ind):
                    latest[(target_id, unit_code)] = (year, outlook, number_or_none(r.denominator))
            projected = outlook.projected if outlook is not None else None
            if projected is not None and measure in ("level", "count"):
                projected = math.floor(projected + 1e-9)
                if measure == "count" and number_or_none(r.denominator) is not None:
                    projected = min(projected, number_or_none(r.denominator))
            out.append(
                dict(
                    unit_code=unit_code,
                    year=year,
                    indicator=ind.id,
                    target_id=target_id,
                    measure=measure,
                    actual=actual,
                    milestone=milestone,
                    target_2030=None if gone else t.target_2030,
                    gap=gap,
                    to_close=entities,
                    status=st,
                    coverage=coverage,
                    outlook_method=outlook.method if outlook else None,
                    outlook_category=outlook.category if outlook else None,
                    outlook_score=outlook.score if outlook else None,
                    projected=projected,
                    years_behind=outlook.years_behind if outlook else None,
                    base_year=outlook.base_year if outlook else None,
                    base_value=outlook.base_value if outlook else None,
                    evidence_years=", ".join(str(y) for y, _ in history),
                    n_obs=len(history),
                    carried_over=series == "today" and t.rebased_from is None and not gone,
                    replaced_by=replaced_by.get(target_id) if gone else None,
                )
            )
    projections: list[dict] = []
    for (target_id, unit_code), (_year, outlook, units) in latest.items():
        t = targets[target_id]
        ind = indicators[t.indicator]
        measure = t.measure or ("level" if ind.kind == "level" else "percent")
        path = m.projection_path(outlook, s.target_year, _limits(ind.kind, measure, ind.levels, units))
        whole = measure in ("level", "count")
        projections += [
            dict(
                target_id=target_id,
                unit_code=unit_code,
                year=y,
                projected=math.floor(v + 1e-9) if whole else v,
                method=outlook.method,
            )
            for y, v in path.items()
            if (unit_code, y) in unit_years  # a unit is projected only for the years it exists
        ]
    return pd.DataFrame(out, columns=PROGRESS_COLUMNS), pd.DataFrame(projections, columns=PROJECTION_COLUMNS)
