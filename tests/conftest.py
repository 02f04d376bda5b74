"""Shared fixtures. `world` is a copy of tests/fixtures/world (one province, two districts, five communes,
one merge, one ĐBKK commune) with every pipeline path pointed at it, so each test can break it freely."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# Modules whose tests build warehouses, run the app or replay many examples: `pytest -m "not browser and not slow"`
# is the fast loop of a developer; CI runs everything.
SLOW_MODULES = {
    "test_app",
    "test_editor",
    "test_settings",
    "test_reports",
    "test_exports",
    "test_intake",
    "test_intake_commit",
    "test_incremental",
    "test_pxweb",
    "test_district_sheets",
    "test_sql_matches_oracle",
    "test_reform",
    "test_shipped_data",
    "test_records",
    "test_rebuild",
    "test_page_times",
    "test_meeting_load",
    "test_exports_benchmark",
    "test_targets_store",
    "test_judgement_pages",
}


def pytest_collection_modifyitems(items):
    """Marks by place: everything under tests/browser/ is `browser`; the modules above are `slow`."""
    for item in items:
        path = Path(str(item.fspath))
        if "browser" in path.parts:
            item.add_marker(pytest.mark.browser)
        elif path.stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@dataclass
class World:
    root: Path
    targets: Path
    standards: Path
    units: Path
    raw: Path
    warehouse: Path

    def write_raw(self, name: str, text: str) -> Path:
        path = self.raw / name
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture(autouse=True)
def _app_managed_accounts(tmp_path, monkeypatch):
    """Accounts an admin creates in the app go to a temporary file, never to the developer's .streamlit/."""
    monkeypatch.setenv("XHHT_USERS", str(tmp_path / "users.json"))


@pytest.fixture(autouse=True)
def _no_sign_in_lockouts():
    """Each test starts with no failed sign-ins remembered (dashboard/staff/throttle.py is per process)."""
    from dashboard.staff import throttle

    throttle.reset()


@pytest.fixture
def world(tmp_path, monkeypatch) -> World:
    root = tmp_path / "world"
    shutil.copytree(FIXTURES / "world", root)
    w = World(
        root,
        root / "targets.yaml",
        root / "standards.yaml",
        root / "units",
        root / "raw",
        tmp_path / "warehouse" / "xhht.duckdb",
    )
    monkeypatch.setenv("XHHT_TARGETS", str(w.targets))
    monkeypatch.setenv("XHHT_STANDARDS", str(w.standards))
    monkeypatch.setenv("XHHT_UNITS", str(w.units))
    monkeypatch.setenv("XHHT_RAW", str(w.raw))
    monkeypatch.setenv("XHHT_RECORDS", str(root / "records"))
    monkeypatch.setenv("XHHT_HISTORY", str(tmp_path / "history"))
    monkeypatch.setenv("XHHT_INTAKE", str(tmp_path / "intake"))
    monkeypatch.setenv("XHHT_WAREHOUSE", str(w.warehouse))
    return w


@pytest.fixture
def built(world):
    """The fixture world, built; yields (world, read-only connection)."""
    import duckdb

    from pipelines.build.runner import build

    build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    yield world, con
    con.close()


@pytest.fixture
def built_world(world):
    """The fixture world with its warehouse built (for uploads and edits that rebuild it)."""
    from pipelines.build.runner import build

    build()
    return world


@pytest.fixture
def national(tmp_path, monkeypatch):
    """The real catalogue and unit registry, a small raw folder (Cà Mau 2020, not the shipped GSO rows) and an
    empty intake, built; returns the warehouse path."""
    from pipelines.build.runner import build
    from pipelines.config import paths

    raw = tmp_path / "raw"
    shutil.copytree(paths.REPO / "data" / "raw" / "ca_mau" / "2020", raw / "ca_mau" / "2020")
    for name, path in (
        ("RAW", raw),
        ("INTAKE", tmp_path / "intake"),
        ("HISTORY", tmp_path / "history"),
        ("WAREHOUSE", tmp_path / "w" / "xhht.duckdb"),
    ):
        monkeypatch.setenv(f"XHHT_{name}", str(path))
    build()
    return tmp_path / "w" / "xhht.duckdb"
