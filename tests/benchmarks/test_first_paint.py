"""Smoke run of the browser benchmark on the demo warehouse: one visitor and one tour, a line for each figure,
and its server and browser gone afterwards. (Timings are printed by the script, never asserted.)"""

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
    assert lines[0].startswith(f"demo: {tmp_path / 'xhht.duckdb'}  (load average ")
    assert lines[2].split()[:5] == ["first", "status,", "server", "just", "started"]
    visitor, pages = lines[3].split(), lines[4].split()
    assert visitor[:4] == ["first", "status,", "new", "visitor"] and visitor[-1] == "2"
    assert pages[:3] == ["between", "pages,", "one"] and pages[-1] == str(len(first_paint.TOUR))
    assert all(float(x) > 0 for x in visitor[4:8] + pages[5:9])
    # nothing it started is left running: no server, no browser among this process's children
    ps = subprocess.run(["ps", "-o", "args=", "--ppid", str(os.getpid())], capture_output=True, text=True).stdout
    assert not [p for p in ps.splitlines() if "streamlit" in p or "chrom" in p], ps
