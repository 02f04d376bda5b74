"""The intake log (intake_dir()/log.jsonl): one line per commit and per withdrawal (when, who, why, file, sha256,
counts, build), and what it says now: the committed state, withdrawn batches, whether a file is in use."""

from __future__ import annotations

import hashlib
import json

from pipelines.config import paths
from pipelines.ingest.observation_files import find_batches


def state() -> str:
    """What the committed uploads are now; a commit refuses a preview computed on another state."""
    return hashlib.sha256("\n".join(p.name for p in find_batches(paths.intake_dir())).encode()).hexdigest()[:16]


def log() -> list[dict]:
    path = paths.intake_dir() / "log.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def withdrawn_batches(entries: list[dict] | None = None) -> dict[str, dict]:
    """batch file name -> the withdrawal's log entry."""
    return {e["batch"]: e for e in (log() if entries is None else entries) if e.get("action") == "withdrawn"}


def committed_entry(sha256: str) -> dict | None:
    """The commit of this very file that still counts (not withdrawn), if any."""
    entries = log()
    gone = withdrawn_batches(entries)
    return next(
        (
            e
            for e in entries
            if e.get("action", "committed") == "committed" and e["sha256"] == sha256 and e["batch"] not in gone
        ),
        None,
    )
