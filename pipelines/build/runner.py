"""Build the warehouse, top to bottom:

    load configuration (targets.yaml, NĐ 20 standards, unit registry)      -> ProblemError if anything is wrong
    read raw observation files as text                                     -> ProblemError on a broken file
    stage (NFC, trim, type) and validate every row                         -> rejects (file, row, column, found, expected)
    roll ratios up the hierarchy; derive levels; count units at a level    -> actuals
    expand targets to units and years; judge progress                      -> progress
    audit every verdict against the written rules (build/sql/audits/)      -> ProblemError on any offending row
    record the run; swap the new warehouse in atomically.

A failed build leaves the last good warehouse untouched; every run, good or failed, is logged.
"""

from __future__ import annotations

import difflib
import json
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.build.audits import audit_rules, check_audits
from pipelines.build.configuration_tables import criteria_frame, load_configuration
from pipelines.build.incremental import (
    CONFIGURATION_TABLES,
    PREVIOUS,
    attach_previous,
    changed_units,
    copy_previous,
    fingerprint,
    merge_unchanged,
)
from pipelines.build.inputs import Inputs, load_inputs
from pipelines.build.record_tables import load_records
from pipelines.build.sql_runner import run_sql, sql_text, write_table
from pipelines.build.swap import BuildResult, StepTimer, listed_inputs, produce, table_counts
from pipelines.build.target_tables import target_tables
from pipelines.build.unit_levels import derive_comparable_levels, derive_unit_levels
from pipelines.config import paths
from pipelines.config.catalog import Catalog
from pipelines.config.settings import settings
from pipelines.ingest.geodata import dissolve_new_communes, geo_features
from pipelines.ingest.observation_files import load_raw
from pipelines.problems import Problem, ProblemError, type_word


def render_rejects(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> list[Problem]:
    ids = [i.id for i in catalog.indicators]
    problems = []
    for file, row, column, code, found, params in con.execute(
        "select file, row, column_name, code, found, params from rejects order by file, row, column_name"
    ).fetchall():
        p = json.loads(params or "{}")
        if "expected_type" in p:
            key = p.pop("expected_type")
            p["expected"] = {"vi": type_word(key, "vi"), "en": type_word(key, "en")}
        if "hint_code" in p:
            hc = p.pop("hint_code")
            p["hint"] = {
                "vi": f" (có phải '{hc}'? có thể mất số 0 ở đầu)",
                "en": f" (did you mean '{hc}'? leading zeros may have been lost)",
            }
        if code == "unknown_indicator":
            close = difflib.get_close_matches(found, ids, n=1)
            if close:
                p["hint"] = {"vi": f" (có phải '{close[0]}'?)", "en": f" (did you mean '{close[0]}'?)"}
        problems.append(Problem(code, file, found=found or "", row=int(row), column=column, params=p))
    return problems


def _same_history_years(con: duckdb.DuckDBPyConnection) -> bool:
    """The unit hierarchy also covers the history years the files report: it is copied only when they are the same."""
    return not con.execute(
        f"select 1 from ((select * from history_years except select * from {PREVIOUS}.history_years) union all "
        f"(select * from {PREVIOUS}.history_years except select * from history_years)) limit 1"
    ).fetchall()


def populate(
    con: duckdb.DuckDBPyConnection,
    inputs: Inputs,
    step: StepTimer | None = None,
    previous: tuple[Path, str] | None = None,
) -> list[Problem]:
    """Fill an open DuckDB connection with every warehouse table. Returns the rejected rows as problems.
    `previous`: (the last good warehouse, this build's fingerprint): judge again only the units whose figures
    changed when that warehouse was built with the same fingerprint (build/incremental.py)."""
    step = step or StepTimer()
    cat = inputs.catalog
    load_configuration(con, inputs)
    load_raw(con, inputs.files)
    incremental = previous is not None and attach_previous(con, *previous)

    step("load")
    for name in (
        "history_years",
        "unit_years",
        "unit_ancestors",
        "stage_observations",
        "superseded_observations",
        "rejects",
        "observations",
        "ratio_actuals",
    ):
        copied = incremental and name in CONFIGURATION_TABLES and _same_history_years(con)
        copy_previous(con, name) if copied else run_sql(con, name)
        step(name)
    con.execute("drop table staged_observations")  # typed text of every raw row: no longer needed
    load_records(con, inputs.records_config, inputs.record_files)
    step("records")
    rejects = render_rejects(con, cat)
    messages = pd.DataFrame(
        [
            dict(
                file=p.file,
                row=p.row,
                column_name=p.column,
                code=p.code,
                found=p.found,
                message_vi=p.text("vi"),
                message_en=p.text("en"),
            )
            for p in rejects
        ],
        columns=["file", "row", "column_name", "code", "found", "message_vi", "message_en"],
    )
    write_table(con, "rejects", messages, order_by="file, row, column_name")

    derive_unit_levels(con, cat, inputs.standards)
    step("unit_levels")
    run_sql(
        con, "comparable_ratios", reform_date=settings().reform_date, first_new_map_year=settings().first_new_map_year
    )
    derive_comparable_levels(con)
    run_sql(con, "comparable_actuals", reform_date=settings().reform_date)
    step("comparable")
    run_sql(con, "units_at_level")
    run_sql(con, "actuals")
    step("actuals")

    points, scopes = target_tables(cat)
    for name, df in (("target_points", points), ("target_scopes", scopes)):
        write_table(con, name, df)
    run_sql(con, "target_units")
    overlaps = con.execute(sql_text("target_overlaps")).fetchall()
    if overlaps:
        shown = paths.display_path(paths.targets_file())
        raise ProblemError(
            [
                Problem(
                    "yaml_rule",
                    shown,
                    path="targets",
                    params={
                        "detail_vi": f"các mục tiêu {', '.join(t)} cùng áp dụng cho chỉ tiêu {ind} tại đơn vị {unit}; mỗi đơn vị chỉ một mục tiêu",
                        "detail_en": f"targets {', '.join(t)} all apply to indicator {ind} at unit {unit}; one target per unit",
                    },
                )
                for ind, unit, _, t in overlaps
            ]
        )
    reform = dict(reform_date=settings().reform_date, first_new_map_year=settings().first_new_map_year)
    run_sql(con, "target_frame", **reform)
    groups = pd.DataFrame([dict(id=k, vi=v.vi, en=v.en) for k, v in cat.groups.items()], columns=["id", "vi", "en"])
    for name, df in (("standard_criteria", criteria_frame(inputs.standards)), ("groups", groups)):
        write_table(con, name, df)
    if incremental:
        copy_previous(con, "geo_features", "geo_new_communes")
    else:
        features = geo_features(inputs.units)
        write_table(con, "geo_features", features)
        write_table(con, "geo_new_communes", dissolve_new_communes(features, inputs.crosswalk))

    step("targets")
    if incremental:
        step.judged_units = changed_units(con)
        step("changed_units")
    run_sql(con, "progress", first_new_map_year=settings().first_new_map_year, **settings().outlook.model_dump())
    if incremental:
        merge_unchanged(con)
    step("progress")
    write_table(con, "audit_rules", audit_rules())
    check_audits(con, first_new_map_year=settings().first_new_map_year)
    step("audits")
    return rejects


def build(
    strict: bool = False, verify: Callable[[duckdb.DuckDBPyConnection], None] | None = None, incremental: bool = False
) -> BuildResult:
    """Rebuild the warehouse from data/ and targets.yaml; swap it in only if everything succeeded.
    `verify(con)` may inspect the populated warehouse and raise to abandon the build (an upload's commit).
    `incremental`: progress of the units whose figures did not change is taken from the current warehouse when it
    was built with the same configuration and code (an upload's commit or withdrawal); the result is the same."""
    return produce(_fill(strict, incremental), verify)


def _fill(strict: bool, incremental: bool):
    """What a build does inside swap.produce: read every input, populate, reject or keep the rejected rows."""

    def fill(con: duckdb.DuckDBPyConnection, timer: StepTimer) -> tuple[list[dict], str, list[Problem]]:
        inputs = load_inputs()
        mark = fingerprint(inputs.config_files)
        rejects = populate(con, inputs, timer, (paths.warehouse_file(), mark) if incremental else None)
        if strict and rejects:
            raise ProblemError(rejects)
        return listed_inputs(inputs), mark, rejects

    return fill


def adopt(
    candidate: Path,
    files: list[dict],
    mark: str,
    judged_units: int | None,
    verify: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    outdated: Callable[[], bool] | None = None,
) -> BuildResult:
    """Swap in a warehouse that an upload's preview already populated (pipelines/intake/upload_preview.py), instead
    of computing it again: verified, recorded and logged like a build, and removed if anything fails. `outdated()`
    is asked in this build's turn (another build may have gone first: a targets edit, a file added by hand); when
    it says the preview's inputs are no longer the current ones, this builds instead, incrementally."""

    def fill(con: duckdb.DuckDBPyConnection, timer: StepTimer) -> tuple[list[dict], str, list[Problem]]:
        timer.judged_units = judged_units
        return files, mark, []

    return produce(fill, verify, candidate, outdated, _fill(strict=False, incremental=True))


def check() -> BuildResult:
    """Validate configuration and data exactly as a build would, in memory; writes nothing."""
    started = time.perf_counter()
    inputs = load_inputs()
    con = duckdb.connect(":memory:")
    try:
        rejects = populate(con, inputs)
        counts = table_counts(con, listed_inputs(inputs))
    finally:
        con.close()
    return BuildResult("check", None, time.perf_counter() - started, counts, rejects)


def preview_progress(targets_text: str) -> pd.DataFrame:
    """Progress as it would be with `targets_text` as targets.yaml (computed in memory; nothing is written):
    target_id, indicator, unit_code, year, status. Raises ProblemError like a build would."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "targets.yaml"
        draft.write_text(targets_text, encoding="utf-8")
        inputs = load_inputs(draft)
        con = duckdb.connect(":memory:")
        try:
            populate(con, inputs)
            return con.execute("select target_id, indicator, unit_code, year, status from progress").df()
        finally:
            con.close()
