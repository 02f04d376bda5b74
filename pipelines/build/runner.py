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
import errno
import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
from pipelines.build.peak_memory import peak_memory_mb
from pipelines.build.record_tables import load_records
from pipelines.build.sql_runner import run_sql, sql_text, write_table
from pipelines.build.target_tables import target_tables
from pipelines.build.unit_levels import derive_comparable_levels, derive_unit_levels
from pipelines.config import paths
from pipelines.config.catalog import Catalog
from pipelines.config.settings import settings
from pipelines.ingest.geodata import dissolve_new_communes, geo_features
from pipelines.ingest.observation_files import load_raw
from pipelines.problems import Problem, ProblemError, type_word

# DuckDB may otherwise hold most of the machine's memory in its buffers: a build spills past this instead
BUILD_CONFIG = {"memory_limit": "700MB"}
UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}


@dataclass
class BuildResult:
    build_id: str
    warehouse: Path | None
    duration_s: float
    counts: dict = field(default_factory=dict)
    rejects: list[Problem] = field(default_factory=list)


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


class StepTimer:
    """Seconds spent in each named step of a build, for the run log."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}
        self.judged_units: int | None = None  # an incremental build: how many units were judged again
        self._last = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = round(now - self._last, 3)
        self._last = now


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


def _counts(con: duckdb.DuckDBPyConnection) -> dict:
    tables = ["units", "raw_observations", "observations", "rejects", "actuals", "unit_levels", "progress"]
    return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}


def _log(entry: dict) -> None:
    log = paths.run_log_file()
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def remove_stale_builds(target: Path) -> None:
    """Temporary files of builds whose process is gone (killed mid-build): `<warehouse>.tmp-<pid>-<build id>`.
    A build still running, in another process or in another thread of this one, keeps its file (a failed build of
    this process removes its own file)."""
    for leftover in target.parent.glob(f"{target.name}.tmp-*"):
        pid = leftover.name.removeprefix(f"{target.name}.tmp-").split("-", 1)[0]
        if pid.isdigit() and (int(pid) == os.getpid() or _alive(int(pid))):
            continue  # a build of this process (another thread) or of a live process is still writing it
        leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build(
    strict: bool = False, verify: Callable[[duckdb.DuckDBPyConnection], None] | None = None, incremental: bool = False
) -> BuildResult:
    """Rebuild the warehouse from data/ and targets.yaml; swap it in only if everything succeeded.
    `verify(con)` may inspect the populated warehouse and raise to abandon the build (an upload's commit).
    `incremental`: progress of the units whose figures did not change is taken from the current warehouse when it
    was built with the same configuration and code (an upload's commit or withdrawal); the result is the same."""
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    started = time.perf_counter()
    started_at = datetime.now(UTC)
    target = paths.warehouse_file()
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{build_id}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(target)
        inputs = load_inputs()
        timer = StepTimer()
        con = duckdb.connect(str(tmp), config=BUILD_CONFIG)
        try:
            mark = fingerprint(inputs.config_files)
            rejects = populate(con, inputs, timer, (target, mark) if incremental else None)
            if strict and rejects:
                raise ProblemError(rejects)
            if verify is not None:
                verify(con)
            files = [dict(file=f.shown, sha256=f.sha256, rows=f.rows, kind="observations") for f in inputs.files]
            files += [
                dict(file=f.shown, sha256=f.sha256, rows=len(f.frame), kind=f.dataset) for f in inputs.record_files
            ]
            files += [
                dict(file=paths.display_path(p), sha256=_file_hash(p), rows=None, kind="configuration")
                for p in inputs.config_files
            ]
            counts = _counts(con)
            duration = time.perf_counter() - started
            con.register("_inputs", pd.DataFrame(files))
            con.execute("create table build_inputs as select ? as build_id, * from _inputs", [build_id])
            con.execute(
                "create table build_runs as select ? as build_id, ?::timestamptz as started_at, now() as finished_at, "
                "? as duration_s, ?::json as counts, ? as fingerprint",
                [build_id, started_at, duration, json.dumps(counts), mark],
            )
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException as exc:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        if isinstance(exc, duckdb.IOException) or (isinstance(exc, OSError) and exc.errno in UNWRITABLE):
            # a folder that cannot be written, a full disk: said plainly, with the cause; the last good warehouse stays
            exc = ProblemError(
                [
                    Problem(
                        "warehouse_unwritable",
                        paths.display_path(target.parent),
                        found=type(exc).__name__,
                        params={"cause": str(exc).splitlines()[0] if str(exc) else ""},
                    )
                ]
            )
            unwritable = exc
        else:
            unwritable = None
        problems = exc.problems if isinstance(exc, ProblemError) else []
        _log(
            dict(
                build_id=build_id,
                status="failed",
                started_at=started_at,
                duration_s=time.perf_counter() - started,
                error=type(exc).__name__,
                problems=[p.message("en") for p in problems][:200],
            )
        )
        if unwritable is not None:
            raise unwritable from None
        raise
    _log(
        dict(
            build_id=build_id,
            status="ok",
            started_at=started_at,
            duration_s=duration,
            counts=counts,
            steps=timer.steps,
            judged_units=timer.judged_units,
            peak_memory_mb=peak_memory_mb(),
            inputs=files,
            warehouse=paths.display_path(target),
        )
    )
    return BuildResult(build_id, target, duration, counts, rejects)


def check() -> BuildResult:
    """Validate configuration and data exactly as a build would, in memory; writes nothing."""
    started = time.perf_counter()
    inputs = load_inputs()
    con = duckdb.connect(":memory:")
    try:
        rejects = populate(con, inputs)
        counts = _counts(con)
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
