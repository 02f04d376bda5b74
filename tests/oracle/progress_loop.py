"""Reference implementation (the loop the pipeline replaced by pipelines/build/sql/progress/progress.sql), kept to test
that the SQL gives the same rows as the pure functions of tests/oracle/progress_rules.py.

progress: for every unit × indicator × year under a target: actual, milestone, gap, status and outlook.

Only arranges data for the pure functions of progress_rules.py; each row names the method that judged it
and the years of evidence it used.
"""

from __future__ import annotations

import math
from collections import namedtuple
from itertools import groupby

import pandas as pd

from pipelines.config.catalog import Catalog
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
]


FrameRow = namedtuple(
    "FrameRow",
    ["target_id", "unit_code", "year", "milestone", "value", "share", "numerator", "denominator", "coverage"],
)

PROJECTION_COLUMNS = ["target_id", "unit_code", "year", "projected", "method"]


def _limits(kind: str, measure: str, levels: list[int] | None) -> tuple[float, float]:
    if measure in ("percent", "share"):
        return (0.0, 100.0)
    if kind == "level" and levels:
        return (0.0, float(max(levels)))
    return (0.0, math.inf)


def compute_progress(catalog: Catalog, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`frame`: one row per target × unit × year with milestone (may be NULL) and the actual columns.
    Returns the progress rows and, per target × unit, the projection from the latest judged year to 2030."""
    s = catalog.settings
    targets = {t.id: t for t in catalog.targets}
    indicators = {i.id: i for i in catalog.indicators}
    out: list[dict] = []
    projections: list[dict] = []
    # plain tuples grouped in Python: per-group pandas access costs far more than the methodology itself
    ordered = frame.sort_values(["target_id", "unit_code", "year"])
    rows = (FrameRow(*values) for values in zip(*(ordered[c].tolist() for c in FrameRow._fields)))
    for (target_id, unit_code), group in groupby(rows, key=lambda r: (r.target_id, r.unit_code)):
        t = targets[target_id]
        ind = indicators[t.indicator]
        measure = t.measure or ("level" if ind.kind == "level" else "percent")
        history: list[tuple[int, float]] = []
        for r in group:
            coverage = number_or_none(r.coverage)
            value = number_or_none(r.share) if measure == "share" else number_or_none(r.value)
            judged = value is not None and (coverage is None or coverage + 1e-9 >= s.min_coverage)
            actual = value if judged else None
            if actual is not None:
                history.append((int(r.year), actual))
            milestone = number_or_none(r.milestone)
            st = m.status(actual, milestone, ind.direction)
            if value is not None and not judged and milestone is not None:
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
            outlook = (
                m.outlook(
                    ind.kind if measure != "count" else "count",
                    history,
                    t.target_2030,
                    s.target_year,
                    ind.direction,
                    s.near_limit,
                    ind.outlook_method,
                )
                if history
                else m.Outlook(None, m.INSUFFICIENT)
            )
            out.append(
                dict(
                    unit_code=unit_code,
                    year=int(r.year),
                    indicator=ind.id,
                    target_id=target_id,
                    measure=measure,
                    actual=actual,
                    milestone=milestone,
                    target_2030=t.target_2030,
                    gap=gap,
                    to_close=entities,
                    status=st,
                    coverage=coverage,
                    outlook_method=outlook.method,
                    outlook_category=outlook.category,
                    outlook_score=outlook.score,
                    projected=outlook.projected,
                    years_behind=outlook.years_behind,
                    base_year=outlook.base_year,
                    base_value=outlook.base_value,
                    evidence_years=", ".join(str(y) for y, _ in history),
                    n_obs=len(history),
                )
            )
        if history:
            path = m.projection_path(outlook, s.target_year, _limits(ind.kind, measure, ind.levels))
            projections += [
                dict(target_id=target_id, unit_code=unit_code, year=y, projected=v, method=outlook.method)
                for y, v in path.items()
            ]
    return pd.DataFrame(out, columns=PROGRESS_COLUMNS), pd.DataFrame(projections, columns=PROJECTION_COLUMNS)
