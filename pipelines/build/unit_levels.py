"""unit_levels and level_shortfalls: each unit's level per NĐ 20/2014 standard, reported and derived, in SQL.

The standards become four small tables (rules, criteria, requirements, the level indicator of each
standard); then, one standard at a time in the order their requirements need, every commune is derived
from its own ratios and every district and province from its children, all in set-based SQL
(build/sql/levels/commune_levels.sql, parent_levels.sql, record_levels.sql). The rules are the ones of
method/level_rules.py, whose pure functions remain the reference the tests compare the SQL with (tests/oracle/).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.build.sql_runner import run_sql, write_table
from pipelines.config.catalog import Catalog
from pipelines.config.standards import Standards


def rule_frames(catalog: Catalog, standards: Standards) -> dict[str, pd.DataFrame]:
    """level_standards (in evaluation order), level_rules, level_criteria, level_requires."""
    by_standard = {i.standard: i.id for i in catalog.indicators if i.kind == "level" and i.standard}
    order = [s for s in standards.evaluation_order() if s.id in by_standard]
    rules, criteria, requires = [], [], []
    for std in standards.standards:
        for rule in std.levels:
            rules.append(
                dict(
                    standard=std.id,
                    level=rule.level,
                    district_min_share=rule.district_min_share,
                    province_min_share=rule.province_min_share,
                )
            )
            for crit in rule.criteria:
                criteria.append(
                    dict(
                        standard=std.id,
                        level=rule.level,
                        indicator=crit.indicator,
                        min=crit.min,
                        dbkk_indicator=crit.dbkk.indicator if crit.dbkk else None,
                        dbkk_min=crit.dbkk.min if crit.dbkk else None,
                    )
                )
            for req in rule.requires:
                requires.append(
                    dict(standard=std.id, level=rule.level, required_standard=req.standard, required_level=req.level)
                )
    return {
        "level_standards": pd.DataFrame(
            [dict(standard=s.id, indicator=by_standard[s.id], position=n) for n, s in enumerate(order)],
            columns=["standard", "indicator", "position"],
        ),
        "level_rules": pd.DataFrame(rules, columns=["standard", "level", "district_min_share", "province_min_share"]),
        "level_criteria": pd.DataFrame(
            criteria, columns=["standard", "level", "indicator", "min", "dbkk_indicator", "dbkk_min"]
        ).astype({"min": float, "dbkk_min": float}),
        "level_requires": pd.DataFrame(requires, columns=["standard", "level", "required_standard", "required_level"]),
    }


def derive_unit_levels(con: duckdb.DuckDBPyConnection, catalog: Catalog, standards: Standards) -> None:
    """Create unit_levels and level_shortfalls from observations, ratio_actuals and unit_years."""
    for name, df in rule_frames(catalog, standards).items():
        write_table(con, name, df)
    con.execute(
        "alter table level_rules alter level type integer;"
        "alter table level_criteria alter level type integer; alter table level_requires alter level type integer;"
        "alter table level_requires alter required_level type integer"
    )
    run_sql(con, "level_inputs")
    run_sql(con, "level_tables")
    order = con.execute("select standard, indicator from level_standards order by position").fetchall()
    for standard, indicator in order:
        run_sql(con, "commune_levels", standard=standard)
        run_sql(con, "record_levels", standard=standard, indicator=indicator)
    for tier in ("district", "province"):
        for standard, indicator in order:
            run_sql(con, "parent_levels", standard=standard, tier=tier, indicator=indicator)
            run_sql(con, "record_levels", standard=standard, indicator=indicator)
    run_sql(con, "reported_levels")
    con.execute(
        "drop table if exists _level_checks; drop table if exists _level_derived; drop table if exists _level_kids"
    )


def derive_comparable_levels(con: duckdb.DuckDBPyConnection) -> None:
    """comparable_levels: the same derivation for the post-reform communes in the years before the reform, from
    their comparable ratios (levels re-derived from the underlying counts; where a criterion's counts are missing
    the level stays unknown: not comparable). Runs after derive_unit_levels, whose tables it leaves untouched."""
    order = con.execute("select standard, indicator from level_standards order by position").fetchall()
    con.execute(
        "alter table unit_levels rename to _unit_levels_current;"
        "alter table level_shortfalls rename to _level_shortfalls_current"
    )
    try:
        run_sql(con, "comparable_level_inputs")
        run_sql(con, "level_tables")
        for standard, indicator in order:
            run_sql(con, "commune_levels", standard=standard)
            run_sql(con, "record_levels", standard=standard, indicator=indicator)
        con.execute(
            "create or replace table comparable_levels as select * from unit_levels order by indicator, unit_code, year;"
            "drop table unit_levels; drop table level_shortfalls"
        )
    finally:
        con.execute(
            "alter table _unit_levels_current rename to unit_levels;"
            "alter table _level_shortfalls_current rename to level_shortfalls"
        )
    con.execute("drop table if exists _level_checks; drop table if exists _level_derived")
