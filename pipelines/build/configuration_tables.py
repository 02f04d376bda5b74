"""The configuration as warehouse tables every later step reads: settings, indicators, targets, units, ĐBKK flags,
the reform crosswalk, sources, groups and the NĐ 20 criteria (for the methodology page)."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from pipelines.build.inputs import Inputs
from pipelines.build.sql_runner import write_table
from pipelines.config.catalog import Catalog
from pipelines.config.settings import settings as process_settings
from pipelines.config.standards import Standards


def catalog_frames(catalog: Catalog) -> tuple[pd.DataFrame, pd.DataFrame]:
    indicators = pd.DataFrame(
        [
            dict(
                id=i.id,
                name_vi=i.name_vi,
                name_en=i.name_en,
                group=i.group,
                kind=i.kind,
                direction=i.direction,
                display=i.display,
                source=i.source,
                entity_vi=i.entity_vi,
                entity_en=i.entity_en,
                levels=i.levels,
                standard=i.standard,
                of=i.of,
                min_level=i.min_level,
                max_level=i.max_level,
                child_tier=i.child_tier,
                outlook_method=i.outlook_method,
                position=n,
            )
            for n, i in enumerate(catalog.indicators)
        ]
    )
    indicators["levels"] = indicators["levels"].astype(object)
    targets = pd.DataFrame(
        [
            dict(
                id=t.id,
                indicator=t.indicator,
                measure=t.measure,
                target_2030=t.target_2030,
                interpolation=t.interpolation,
                source=t.source,
                unverified=t.unverified or bool(t.unverified_years),
                note=t.note,
                rebased_from=t.rebased_from,
                # the year a unit's baseline is taken from: declared, else the programme's first year
                baseline_year=t.baseline_year or catalog.settings.first_year,
                scope=json.dumps(t.scope.model_dump(exclude_none=True), ensure_ascii=False),
            )
            for t in catalog.targets
        ]
    )
    return indicators, targets


def sources_frame(catalog: Catalog) -> pd.DataFrame:
    return pd.DataFrame(
        [
            dict(
                id=k,
                title=v.title,
                url=v.url,
                note=v.note,
                unverified=v.unverified,
                released=v.released,
                illustrative=v.illustrative,
            )
            for k, v in catalog.sources.items()
        ],
        columns=["id", "title", "url", "note", "unverified", "released", "illustrative"],
    )


TARGET_SOURCE_COLUMNS = ["target_id", "year", "value", "source", "repeats_year", "unverified"]


def target_sources_frame(catalog: Catalog) -> pd.DataFrame:
    """One row per target × declared year: the value, the source it comes from, the earlier year it only
    repeats (if any) and whether it is unverified."""
    year_end = catalog.settings.target_year
    rows = [
        dict(
            target_id=t.id,
            year=year,
            value=float(value),
            source=t.source_of(year),
            repeats_year=t.repeats.get(year),
            unverified=t.is_unverified(year),
        )
        for t in catalog.targets
        for year, value in sorted(t.declared(year_end).items())
    ]
    frame = pd.DataFrame(rows, columns=TARGET_SOURCE_COLUMNS)
    return frame.astype({"year": "int32", "repeats_year": "Int32", "unverified": "bool"})


def criteria_frame(standards: Standards) -> pd.DataFrame:
    """One row per standard × level × criterion (requirements included), for the methodology page."""
    rows = []
    for std in standards.standards:
        for rule in std.levels:
            base = dict(
                standard=std.id,
                name_vi=std.name_vi,
                name_en=std.name_en,
                level=rule.level,
                district_min_share=rule.district_min_share,
                province_min_share=rule.province_min_share,
                unverified=rule.unverified,
            )
            for crit in rule.criteria:
                rows.append(
                    dict(
                        base,
                        criterion=crit.indicator,
                        min=crit.min,
                        dbkk_criterion=crit.dbkk.indicator if crit.dbkk else crit.indicator,
                        dbkk_min=crit.dbkk.min if crit.dbkk else crit.min,
                    )
                )
            for req in rule.requires:
                rows.append(
                    dict(base, criterion=f"{req.standard} ≥ {req.level}", min=None, dbkk_criterion=None, dbkk_min=None)
                )
    return pd.DataFrame(
        rows,
        columns=[
            "standard",
            "name_vi",
            "name_en",
            "level",
            "criterion",
            "min",
            "dbkk_criterion",
            "dbkk_min",
            "district_min_share",
            "province_min_share",
            "unverified",
        ],
    )


def settings_row(catalog: Catalog) -> dict:
    """The settings table: the catalogue's years and coverage, and the settings progress.sql receives as parameters
    (the outlook thresholds and the reform date), so that pages state the rules the build applied."""
    run = process_settings()
    return {
        **catalog.settings.model_dump(),
        **{f"outlook_{k}": v for k, v in run.outlook.model_dump().items()},
        "reform_date": run.reform_date,
        "first_new_map_year": run.first_new_map_year,
    }


def load_configuration(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> None:
    """The configuration tables every later step reads: settings, indicators, targets (with target_sources, each
    declared value's source), sources, units, dbkk, reform_crosswalk."""
    indicators, targets = catalog_frames(inputs.catalog)
    settings = pd.DataFrame([settings_row(inputs.catalog)])
    units = inputs.units.drop(columns=["row"])
    dbkk = inputs.dbkk.drop(columns=["row"])
    for name, df in (
        ("settings", settings),
        ("indicators", indicators),
        ("targets", targets),
        ("target_sources", target_sources_frame(inputs.catalog)),
        ("sources", sources_frame(inputs.catalog)),
        ("units", units),
        ("dbkk", dbkk),
        ("reform_crosswalk", inputs.crosswalk),
    ):
        write_table(con, name, df)
    con.execute("alter table sources alter released type integer; alter table sources alter illustrative type boolean")
    con.execute("alter table units alter valid_from type date; alter table units alter valid_to type date")
    con.execute("alter table dbkk alter valid_from type date; alter table dbkk alter valid_to type date")
    con.execute(
        "create or replace table indicators as select * replace (levels::integer[] as levels, "
        "min_level::integer as min_level, max_level::integer as max_level) from indicators"
    )
