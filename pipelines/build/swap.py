"""A warehouse file filled, verified, recorded and swapped in atomically, or removed: the end of every build
(runner.build) and of an upload's commit (runner.adopt swaps in the file its preview filled). Every run, good or
failed, is logged; a failure leaves the last good warehouse serving."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.build.inputs import Inputs
from pipelines.build.peak_memory import peak_memory_mb
from pipelines.config import paths
from pipelines.problems import Problem, ProblemError
from pipelines.safe_files import locked

# DuckDB may otherwise hold most of the machine's memory in its buffers: a build spills past this instead
BUILD_CONFIG = {"memory_limit": "700MB"}
# an upload's preview keeps the warehouse it computed for its commit (adopt) this long at most
PREVIEW_KEPT_S = 6 * 3600
UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}


@dataclass
class BuildResult:
    build_id: str
    warehouse: Path | None
    duration_s: float
    counts: dict = field(default_factory=dict)
    rejects: list[Problem] = field(default_factory=list)


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


def table_counts(con: duckdb.DuckDBPyConnection, files: list[dict]) -> dict:
    """Rows per main table; raw observations are the rows of the observation files read (the table of them is
    temporary: gone from a preview's warehouse that a commit adopts)."""
    tables = ["units", "observations", "rejects", "actuals", "unit_levels", "progress"]
    counts = {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}
    raw = sum(int(f["rows"]) for f in files if f["kind"] == "observations")
    return {"units": counts.pop("units"), "raw_observations": raw, **counts}


def as_unwritable(exc: BaseException, file: Path) -> ProblemError | None:
    """Writing `file` failed for want of a writable folder or of disk space: said plainly, with the cause. None for
    any other failure (DuckDB's I/O errors count only when they name that file or its spill files, not the warehouse
    being read)."""
    refused = isinstance(exc, OSError) and exc.errno in UNWRITABLE
    if not (refused or (isinstance(exc, duckdb.IOException) and file.name in str(exc))):
        return None
    cause = str(exc).splitlines()[0] if str(exc) else ""
    shown = paths.display_path(file.parent)
    return ProblemError([Problem("warehouse_unwritable", shown, found=type(exc).__name__, params={"cause": cause})])


def _log(entry: dict) -> None:
    log = paths.run_log_file()
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def candidate_file(kind: str) -> Path:
    """A new database file beside the warehouse, for a build (`kind` its id) or an upload's preview: named
    `<warehouse>.tmp-<pid>-<kind>` so that remove_stale_builds knows whose it is."""
    target = paths.warehouse_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(f"{target.name}.tmp-{os.getpid()}-{kind}")


def remove_stale_builds(target: Path, keep: Path | None = None) -> None:
    """Temporary files of builds whose process is gone (killed mid-build): `<warehouse>.tmp-<pid>-<build id>`.
    A build still running, in another process or in another thread of this one, keeps its file (a failed build of
    this process removes its own file). A preview's file (`…-preview-…`) that was not committed within
    PREVIEW_KEPT_S goes too, even from a live server: its session is long gone. `keep` (and its .wal) is the file
    the caller is about to fill or adopt."""
    now = time.time()
    kept = {keep, keep.with_name(keep.name + ".wal")} if keep is not None else set()
    for leftover in target.parent.glob(f"{target.name}.tmp-*"):
        if leftover in kept:
            continue
        pid = leftover.name.removeprefix(f"{target.name}.tmp-").split("-", 1)[0]
        try:
            expired = "-preview-" in leftover.name and now - leftover.stat().st_mtime > PREVIEW_KEPT_S
        except FileNotFoundError:
            continue
        if not expired and pid.isdigit() and (int(pid) == os.getpid() or _alive(int(pid))):
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


def listed_inputs(inputs: Inputs) -> list[dict]:
    """What a build read, for build_inputs: every observation, record and configuration file with its hash."""
    files = [dict(file=f.shown, sha256=f.sha256, rows=f.rows, kind="observations") for f in inputs.files]
    files += [dict(file=f.shown, sha256=f.sha256, rows=len(f.frame), kind=f.dataset) for f in inputs.record_files]
    files += [
        dict(file=paths.display_path(p), sha256=_file_hash(p), rows=None, kind="configuration")
        for p in inputs.config_files
    ]
    return files


Fill = Callable[[duckdb.DuckDBPyConnection, "StepTimer"], tuple[list[dict], str, list[Problem]]]


def produce(
    fill: Fill,
    verify: Callable[[duckdb.DuckDBPyConnection], None] | None,
    candidate: Path | None = None,
    outdated: Callable[[], bool] | None = None,
    instead: Fill | None = None,
) -> BuildResult:
    """Fill a new database file (or open a `candidate` already filled), verify it, record the run in it, swap it in
    atomically; on any failure remove it, log the failure, and leave the last good warehouse serving.
    Builds take turns (a lock beside the warehouse, across threads and processes): each reads its inputs and swaps
    its file in while no other does, so the warehouse swapped in last has read the newest inputs. A `candidate`
    filled earlier (an upload's preview) is checked in turn: when `outdated()` (an input changed since, or the
    file is gone), it is removed and `instead` builds."""
    target = paths.warehouse_file()
    with ExitStack() as turn:
        try:
            turn.enter_context(locked(target.with_name(f".{target.name}.build-lock")))
        except OSError as exc:  # a folder where the lock cannot be made: said plainly
            raise as_unwritable(exc, target) or exc from None
        if candidate is not None and outdated is not None and outdated():
            remove_file(candidate)
            candidate, fill = None, instead
        return _produce(fill, verify, candidate)


def remove_file(file: Path) -> None:
    """A database file and its write-ahead log, if they are there."""
    for leftover in (file, file.with_name(file.name + ".wal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def _produce(fill: Fill, verify: Callable[[duckdb.DuckDBPyConnection], None] | None, candidate: Path | None):
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    started = time.perf_counter()
    started_at = datetime.now(UTC)
    target = paths.warehouse_file()
    tmp = candidate or candidate_file(build_id)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(target, keep=tmp)
        timer = StepTimer()
        con = duckdb.connect(str(tmp), config=BUILD_CONFIG)
        try:
            files, mark, rejects = fill(con, timer)
            if verify is not None:
                verify(con)
            counts = table_counts(con, files)
            duration = time.perf_counter() - started
            con.register("_inputs", pd.DataFrame(files))
            con.execute("create or replace table build_inputs as select ? as build_id, * from _inputs", [build_id])
            con.execute(
                "create or replace table build_runs as select ? as build_id, ?::timestamptz as started_at, "
                "now() as finished_at, ? as duration_s, ?::json as counts, ? as fingerprint",
                [build_id, started_at, duration, json.dumps(counts), mark],
            )
            con.execute("checkpoint")
        finally:
            con.close()
        if candidate is not None:
            timer("adopted")
        os.replace(tmp, target)
    except BaseException as exc:
        remove_file(tmp)
        unwritable = as_unwritable(exc, tmp)
        if unwritable is not None:
            exc = unwritable
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
