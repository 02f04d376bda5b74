"""Reference implementation (the loop the pipeline replaced by the level SQL in pipelines/build/sql/levels/), kept to test
that the SQL gives the same rows as the pure functions of pipelines/method/level_rules.py.

unit_levels and level_shortfalls: each unit's level per standard, reported and derived by NĐ 20/2014.

Communes are derived from their own ratios, districts from their communes, provinces from their districts.
The level used downstream is the reported one when a unit reported it (recognition decisions are official),
otherwise the derived one when every input was there (an incomplete derivation is kept as a lower bound
in derived_level but the unit's level is unknown); disagreement between reported and derived is flagged.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from pipelines.config.catalog import Catalog
from pipelines.config.standards import Standards
from pipelines.method.level_rules import LevelResult, ReportedValues, derive_commune_level, derive_parent_level
from tests.oracle.number_or_none import number_or_none

LEVEL_COLUMNS = [
    "unit_code",
    "year",
    "indicator",
    "standard",
    "tier",
    "reported_level",
    "derived_level",
    "derived_complete",
    "level",
    "origin",
    "agrees",
]
SHORTFALL_COLUMNS = ["unit_code", "year", "indicator", "standard", "level", "subject", "actual", "required", "to_close"]


def build_unit_levels(
    catalog: Catalog,
    standards: Standards,
    unit_years: pd.DataFrame,
    ratio_actuals: pd.DataFrame,
    reported: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    level_indicators = [i for i in catalog.indicators if i.kind == "level"]
    by_standard = {i.standard: i.id for i in level_indicators if i.standard}
    order = [s for s in standards.evaluation_order() if s.id in by_standard]

    inputs: dict[tuple[str, int], dict[str, ReportedValues]] = defaultdict(dict)
    for r in ratio_actuals[ratio_actuals["origin"] == "reported"].itertuples(index=False):
        inputs[(r.unit_code, r.year)][r.indicator] = ReportedValues(
            number_or_none(r.numerator), number_or_none(r.denominator), number_or_none(r.value)
        )
    reported_at = {(r.unit_code, r.year, r.indicator): int(r.level) for r in reported.itertuples(index=False)}

    info = unit_years.set_index(["code", "year"])
    levels: list[dict] = []
    shortfalls: list[dict] = []
    actual: dict[tuple[str, int, str], int | None] = {}

    def record(code: str, year: int, tier: str, std_id: str, indicator: str, res: LevelResult | None) -> None:
        rep = reported_at.get((code, year, indicator))
        derived = res.level if res is not None else None
        # an incomplete derivation is only a lower bound: downstream it counts as unknown, not as that level
        value = rep if rep is not None else (derived if res is not None and res.complete else None)
        actual[(code, year, std_id)] = value
        levels.append(
            dict(
                unit_code=code,
                year=year,
                indicator=indicator,
                standard=std_id,
                tier=tier,
                reported_level=rep,
                derived_level=derived,
                derived_complete=bool(res.complete) if res else None,
                level=value,
                origin="reported" if rep is not None else "derived",
                agrees=None if rep is None or derived is None else (rep == derived),
            )
        )
        for s in res.shortfalls if res else ():
            shortfalls.append(
                dict(
                    unit_code=code,
                    year=year,
                    indicator=indicator,
                    standard=std_id,
                    level=s.level,
                    subject=s.subject,
                    actual=s.actual,
                    required=s.required,
                    to_close=s.to_close,
                )
            )

    # communes: from their own ratios (and the other standards they require)
    communes = {(c, y) for (c, y) in inputs} | {(c, y) for (c, y, _) in reported_at}
    for code, year in sorted(communes):
        if (code, year) not in info.index or info.loc[(code, year), "tier"] != "commune":
            continue
        dbkk = bool(info.loc[(code, year), "dbkk"])
        other: dict[str, int | None] = {}
        for std in order:
            ind = by_standard[std.id]
            res = derive_commune_level(std, inputs.get((code, year), {}), dbkk, other)
            record(code, year, "commune", std.id, ind, res)
            other[std.id] = actual[(code, year, std.id)]

    # districts from communes, provinces from districts
    children = {
        tier: frame.groupby(["parent_code", "year"])["code"].apply(list).to_dict()
        for tier, frame in unit_years.groupby("tier")
    }
    for tier, child_tier in (("district", "commune"), ("province", "district")):
        parents = unit_years[unit_years["tier"] == tier][["code", "year"]].itertuples(index=False)
        for code, year in parents:
            kids = children.get(child_tier, {}).get((code, year), [])
            for std in order:
                ind = by_standard[std.id]
                kid_levels = [actual.get((k, year, std.id)) for k in kids]
                has_report = (code, year, ind) in reported_at
                if all(v is None for v in kid_levels) and not has_report:
                    continue
                res = derive_parent_level(std, tier, kid_levels) if kids else None
                record(code, year, tier, std.id, ind, res)

    # level indicators with no standard: reported only
    derived_ids = set(by_standard.values())
    for (code, year, ind), _lvl in reported_at.items():
        if ind not in derived_ids and (code, year) in info.index:
            record(code, year, info.loc[(code, year), "tier"], "", ind, None)

    return (pd.DataFrame(levels, columns=LEVEL_COLUMNS), pd.DataFrame(shortfalls, columns=SHORTFALL_COLUMNS))


def oracle_unit_levels(con, catalog: Catalog, standards: Standards) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The loop run on a populated warehouse connection, reading exactly what the pipeline used to pass it."""
    reported = con.execute(
        "select o.unit_code, o.year, o.indicator, o.level from observations o "
        "join indicators i on i.id = o.indicator where i.kind = 'level'"
    ).df()
    unit_years = con.execute(
        "select code, year, tier, parent_code, dbkk from unit_years where code in "
        "(select ancestor from unit_ancestors a join observations o on o.unit_code = a.descendant and o.year = a.year)"
    ).df()
    return build_unit_levels(catalog, standards, unit_years, con.execute("select * from ratio_actuals").df(), reported)
