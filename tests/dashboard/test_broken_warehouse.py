"""A warehouse file that cannot be read (truncated, half-copied) gives visitors a plain message, never a traceback
with server paths; the cause goes to the server log (issue 16, finding 6)."""

from __future__ import annotations

import logging
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines.build.runner import build

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def test_a_truncated_warehouse_shows_a_plain_message_and_logs_the_cause(world, caplog):
    build()
    data = world.warehouse.read_bytes()
    world.warehouse.write_bytes(data[: len(data) // 3])
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"unit": "99", "year": "2023"})
    with caplog.at_level(logging.ERROR):
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(e.value for e in at.error)
    assert "Kho dữ liệu tạm thời không mở được" in shown
    page = shown + " ".join(m.value for m in at.markdown)
    assert str(world.warehouse) not in page and "IOException" not in page
    assert any("cannot be read" in r.getMessage() and str(world.warehouse) in r.getMessage() for r in caplog.records)
