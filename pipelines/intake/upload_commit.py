"""Committing a previewed upload in one step, attributed, or nothing at all; withdrawing a commit.
A commit whose build fails leaves no trace: the batch file is removed and the last good warehouse keeps serving."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from hashlib import sha256

import duckdb

from pipelines.build.inputs import input_stamp
from pipelines.build.runner import adopt
from pipelines.config import paths
from pipelines.intake.commit_log import committed_entry, log, state, withdrawn_batches
from pipelines.intake.upload_preview import Preview
from pipelines.problems import Problem, ProblemError
from pipelines.safe_files import atomic_write, locked

# Refusals of a commit or withdrawal before anything is written (as opposed to a build that failed).
REFUSALS = {"who_why_required", "nothing_to_load", "stale_upload", "batch_not_active"}


def stale_upload(last: dict | None) -> ProblemError:
    """The data changed (another commit) after this preview was computed: preview again before committing."""
    who = f"{last['who']}, {last['when'][:16].replace('T', ' ')} UTC" if last else "?"
    return ProblemError.of("stale_upload", who, context={"last": last})


def _need_who_and_why(who: str, why: str) -> None:
    if not who.strip() or not why.strip():
        raise ProblemError.of("who_why_required")


def commit(p: Preview, who: str, why: str, build: Callable | None = None) -> tuple[dict, bool]:
    """(log entry, True) after writing the accepted rows as a new batch and rebuilding; (earlier entry, False) when
    this file was committed before. Raises ProblemError (no who / why, nothing to load, a stale preview), or whatever
    the build raises, in which case nothing is left behind."""
    from pipelines.build.runner import build as default_build

    _need_who_and_why(who, why)
    with locked(paths.intake_dir() / ".lock"):
        earlier = committed_entry(p.sha256)
        if earlier is not None:
            p.discard()  # nothing to commit: its warehouse will not be used
            return earlier, False
        if state() != p.state:
            p.discard()  # computed from data that has changed since: a new preview computes another
            entries = log()
            raise stale_upload(entries[-1] if entries else None)
        if p.accepted.empty:  # (its preview built nothing to adopt)
            raise ProblemError.of("nothing_to_load")
        d = paths.intake_dir()
        when = datetime.now(UTC)
        kept = d / "files" / f"{p.sha256}{p.suffix}"
        batch = d / "batches" / p.batch  # named when previewed: the preview's warehouse already holds it so
        wrote_kept = not kept.exists()
        built, p.built = p.built, None  # one commit at most adopts it (if it still holds in the build's turn)
        if build is not None and built is not None:
            built.discard()  # the caller builds its own way
            built = None
        try:
            if wrote_kept:
                atomic_write(kept, p.data)
            rows = p.accepted.to_csv(index=False)
            atomic_write(batch, rows)
            shown = paths.display_path(batch)

            def verify(con: duckdb.DuckDBPyConnection) -> None:
                _verify(con, shown, len(p.accepted))

            if built is not None:  # the preview computed this very warehouse: swap it in
                listed = dict(file=shown, sha256=sha256(rows.encode()).hexdigest(), rows=len(p.accepted))
                files = _with_batch(built.files, {**listed, "kind": "observations"})

                def outdated() -> bool:  # asked in the build's turn, when no other build can change or remove a thing
                    return not built.file.exists() or input_stamp(leave_out=batch) != built.stamp

                result = adopt(built.file, files, built.mark, built.judged_units, verify, outdated)
            else:
                result = (build or _incremental(default_build))(verify=verify)
        except BaseException:
            batch.unlink(missing_ok=True)
            if wrote_kept:
                kept.unlink(missing_ok=True)
            if built is not None:
                built.discard()
            raise
        entry = dict(
            action="committed",
            when=when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            who=who,
            why=why,
            file=p.filename,
            sha256=p.sha256,
            kept=paths.display_path(kept),
            batch=batch.name,
            year=p.year or ", ".join(sorted(set(p.accepted["year"]))),
            scope=p.scope,
            build_id=getattr(result, "build_id", None),
            **p.counts(),
        )
        _append_log(entry)
    return entry, True


def _with_batch(files: list[dict], batch: dict) -> list[dict]:
    """build_inputs as a build lists them: the observation files (the new batch last), then the others."""
    last = max((i for i, f in enumerate(files) if f["kind"] == "observations"), default=-1)
    return files[: last + 1] + [batch] + files[last + 1 :]


def _incremental(build: Callable) -> Callable:
    """An upload changes a few units: their progress is judged again, the rest kept (build/incremental.py)."""
    return lambda **kw: build(incremental=True, **kw)


def _append_log(entry: dict) -> None:
    with open(paths.intake_dir() / "log.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def withdraw(batch: str, who: str, why: str, build: Callable | None = None) -> dict:
    """Take a committed upload back: its batch moves to withdrawn/, the warehouse is rebuilt (the values it had
    replaced count again), and the withdrawal is logged. A failed rebuild puts the batch back."""
    from pipelines.build.runner import build as default_build

    _need_who_and_why(who, why)
    d = paths.intake_dir()
    with locked(d / ".lock"):
        entries = log()
        committed = next(
            (e for e in entries if e.get("action", "committed") == "committed" and e["batch"] == batch), None
        )
        if committed is None or batch in withdrawn_batches(entries) or not (d / "batches" / batch).exists():
            raise ProblemError.of("batch_not_active", batch)
        source, parked = d / "batches" / batch, d / "withdrawn" / batch
        parked.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, parked)
        try:
            result = (build or _incremental(default_build))()
        except BaseException:
            os.replace(parked, source)
            raise
        entry = dict(
            action="withdrawn",
            when=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            who=who,
            why=why,
            file=committed["file"],
            sha256=committed["sha256"],
            batch=batch,
            year=committed["year"],
            scope=committed["scope"],
            build_id=getattr(result, "build_id", None),
        )
        _append_log(entry)
    return entry


def _verify(con: duckdb.DuckDBPyConnection, shown: str, expected: int) -> None:
    """The build must take every committed row as it was previewed; otherwise the commit is abandoned."""
    rejected = con.execute("select count(*) from rejects where file = ?", [shown]).fetchone()[0]
    loaded = con.execute("select count(*) from observations where file = ?", [shown]).fetchone()[0]
    if rejected or loaded != expected:
        raise ProblemError(
            [Problem("commit_mismatch", shown, found=str(loaded), params={"rejected": rejected, "expected": expected})]
        )
