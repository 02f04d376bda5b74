"""Where things live. Every path can be redirected by an environment variable (tests use tmp dirs)."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


def targets_file() -> Path:
    return _env_path("XHHT_TARGETS", REPO / "targets.yaml")


def standards_file() -> Path:
    return _env_path("XHHT_STANDARDS", REPO / "data" / "standards" / "nd20_2014.yaml")


def units_dir() -> Path:
    return _env_path("XHHT_UNITS", REPO / "data" / "units")


def raw_dir() -> Path:
    return _env_path("XHHT_RAW", REPO / "data" / "raw")


def records_dir() -> Path:
    """Week activities and literacy classes (data/records/), with their configuration records.yaml."""
    return _env_path("XHHT_RECORDS", REPO / "data" / "records")


def history_dir() -> Path:
    """Saved versions of targets.yaml and the log of who changed what, when and why (not in git)."""
    return _env_path("XHHT_HISTORY", REPO / "data" / "history")


def intake_dir() -> Path:
    """Uploads committed through the app: the files as received, their accepted rows, the log (not in git)."""
    return _env_path("XHHT_INTAKE", REPO / "data" / "intake")


def warehouse_file() -> Path:
    return _env_path("XHHT_WAREHOUSE", REPO / "warehouse" / "xhht.duckdb")


def run_log_file() -> Path:
    return warehouse_file().with_name("runs.jsonl")


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the repository when inside it."""
    try:
        return str(Path(path).resolve().relative_to(REPO))
    except ValueError:
        return str(path)
