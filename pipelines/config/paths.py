"""Where things live: the paths of the settings (pipelines/config/settings.py), each redirectable by an
environment variable XHHT_<NAME> (tests use tmp dirs)."""

from __future__ import annotations

from pathlib import Path

from pipelines.config.settings import REPO, settings

__all__ = ["REPO"]


def targets_file() -> Path:
    return settings().targets


def standards_file() -> Path:
    return settings().standards


def units_dir() -> Path:
    return settings().units


def raw_dir() -> Path:
    return settings().raw


def records_dir() -> Path:
    """Week activities and literacy classes (data/records/), with their configuration records.yaml."""
    return settings().records


def history_dir() -> Path:
    """Saved versions of targets.yaml and the log of who changed what, when and why (not in git)."""
    return settings().history


def intake_dir() -> Path:
    """Uploads committed through the app: the files as received, their accepted rows, the log (not in git)."""
    return settings().intake


def decks_dir() -> Path:
    """Saved slide decks (data/decks/<name>.json)."""
    return settings().decks


def users_file() -> Path:
    """Accounts an admin manages in the app (not in git)."""
    return settings().users


def warehouse_file() -> Path:
    return settings().warehouse


def map_files_dir() -> Path:
    """The polygons of the dashboard's maps as the browser fetches them (content-named GeoJSON), beside the warehouse
    so that every server process reading it shares them."""
    return warehouse_file().with_name("maps")


def run_log_file() -> Path:
    return warehouse_file().with_name("runs.jsonl")


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the repository when inside it."""
    try:
        return str(Path(path).resolve().relative_to(REPO))
    except ValueError:
        return str(path)
