"""One settings object (pipelines/config/settings.py): the environment redirects paths and changes the reform date
and the outlook thresholds, and the build and the methodology page follow the same values."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb

from pipelines.build.runner import build
from pipelines.config import paths
from pipelines.config.settings import settings

CUT_AT_2 = json.dumps({"on_track": 2.0, "acceleration_needed": 0.6, "unsd_acceleration_needed": 0.1})


def test_paths_and_dates_follow_the_environment(monkeypatch, tmp_path):
    assert settings().reform_date == date(2025, 7, 1) and settings().first_new_map_year == 2025
    monkeypatch.setenv("XHHT_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("XHHT_REFORM_DATE", "2026-01-01")
    assert paths.warehouse_file() == tmp_path / "w.duckdb"
    assert paths.run_log_file() == tmp_path / "runs.jsonl"
    assert settings().first_new_map_year == 2026 and settings().last_old_map_day == date(2025, 12, 31)
    monkeypatch.delenv("XHHT_REFORM_DATE")
    assert settings().first_new_map_year == 2025  # read again when the environment changes


def test_the_browser_comes_from_the_settings(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert settings().browser_path == str(fake)
    monkeypatch.setenv("XHHT_BROWSER", str(tmp_path / "other"))
    assert settings().browser_path == str(tmp_path / "other")


def _outlooks(world) -> dict:
    with duckdb.connect(str(world.warehouse), read_only=True) as con:
        rows = con.execute(
            "select outlook_category, count(*) from progress where outlook_method = 'eurostat' group by all"
        ).fetchall()
    return dict(rows)


def test_the_progress_sql_judges_with_the_thresholds_of_the_settings(world, monkeypatch):
    build()
    default = _outlooks(world)
    assert default.get("on_track", 0) > 0 and "acceleration_needed" not in default  # ratio 1.58 >= 0.95
    monkeypatch.setenv("XHHT_OUTLOOK", CUT_AT_2)
    build()
    raised = _outlooks(world)
    assert raised.get("acceleration_needed") == default["on_track"] and "on_track" not in raised  # 0.6 <= 1.58 < 2


def test_the_methodology_page_states_the_thresholds_the_build_used(world, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("XHHT_OUTLOOK", CUT_AT_2)
    build()
    app = AppTest.from_file(str(Path(paths.REPO) / "dashboard" / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("views/methodology.py").run()
    text = " ".join(m.value for m in app.markdown)
    assert "R từ 2,00 trở lên" in text and "từ 0,60 đến dưới 2,00" in text
    assert "0,95" not in text
