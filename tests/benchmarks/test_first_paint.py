"""Smoke run of the browser benchmark: the floor (Streamlit alone) and the demo warehouse, one visitor and one tour
each, a line for each figure and the ratios to the floor, and its servers and browsers gone afterwards. (Timings are printed by the script, never asserted.)"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from benchmarks import first_paint
from pipelines.config import paths
from tests.browser.test_pages_in_chromium import _missing


@pytest.mark.browser
@pytest.mark.slow
def test_first_paint_prints_its_figures(tmp_path, monkeypatch, capsys):
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {reason}")
        pytest.skip(reason)
    monkeypatch.setenv("XHHT_WAREHOUSE", str(tmp_path / "xhht.duckdb"))
    subprocess.run([sys.executable, "-m", "pipelines", "build"], cwd=paths.REPO, check=True, capture_output=True)
    assert first_paint.main(["--visits", "2", "--tours", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("floor: Streamlit alone (benchmarks/floor_app.py)  (load average ")
    assert lines[5].startswith(f"demo: {tmp_path / 'xhht.duckdb'}  (load average ")
    for block in (lines[:5], lines[5:]):
        assert block[2].split()[:5] == ["first", "status,", "server", "just", "started"]
        visitor, pages = block[3].split(), block[4].split()
        assert visitor[:4] == ["first", "status,", "new", "visitor"] and visitor[-1] == "2"
        assert pages[:3] == ["between", "pages,", "one"] and pages[-1] == str(len(first_paint.TOUR))
        assert all(float(x) > 0 for x in visitor[4:8] + pages[5:9])
    ratio = lines[10].split()
    assert ratio[:5] == ["p95", "÷", "p95", "of", "the"] and ratio[-1].endswith("×") and len(lines) == 11
    # nothing it started is left running: no server, no browser among this process's children
    ps = subprocess.run(["ps", "-o", "args=", "--ppid", str(os.getpid())], capture_output=True, text=True).stdout
    assert not [p for p in ps.splitlines() if "streamlit" in p or "chrom" in p], ps
