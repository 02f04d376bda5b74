"""target_points and target_scopes: each target's yearly milestones and the units it applies to."""

from __future__ import annotations

import pandas as pd

from pipelines.config.catalog import Catalog
from pipelines.method.milestones import milestone_path

TARGET_POINT_COLUMNS = ["target_id", "year", "milestone", "declared"]
TARGET_SCOPE_COLUMNS = ["target_id", "indicator", "root", "include"]


def target_tables(catalog: Catalog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each target's yearly milestones (declared or interpolated) and its scope roots. A level is held from one
    declared point to the next: the plan asks for a whole level, never a fraction of one."""
    points, scopes = [], []
    year_end = catalog.settings.target_year
    for t in catalog.targets:
        declared = {**t.milestones, year_end: t.target_2030}
        style = "step" if t.measure is None and catalog.indicator(t.indicator).kind == "level" else t.interpolation
        for year, value in milestone_path(declared, style).items():
            points.append(dict(target_id=t.id, year=year, milestone=value, declared=year in declared))
        roots = [t.scope.unit] if t.scope.unit is not None else list(t.scope.units or [])
        include = t.scope.include if t.scope.unit is not None else ["self"]
        for root in roots:
            for inc in include:
                scopes.append(dict(target_id=t.id, indicator=t.indicator, root=root, include=inc))
    return pd.DataFrame(points, columns=TARGET_POINT_COLUMNS), pd.DataFrame(scopes, columns=TARGET_SCOPE_COLUMNS)
