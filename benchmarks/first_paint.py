"""First paint in a real browser: how long a new visitor waits for the overview's status table, and how long a
click between pages takes in one session, on the demo warehouse and on a national-scale one.

    python -m benchmarks.first_paint                          # demo, 10 visits, 3 page tours
    python -m benchmarks.first_paint --warehouse national     # builds a national warehouse first (minutes)
    python -m benchmarks.first_paint --warehouse both --visits 20 --tours 5 --national-dir /tmp/xhht-national

For each warehouse it starts the app as the README does (`streamlit run dashboard/server.py`, its own port, its
own process) and headless Chromium (the browser of the settings), then:
- first status: --visits new visitors, each in a new browser context (no cookies, no cache, a new session),
  timed from navigation start to the overview's status table being visible (the browser's clock,
  performance.now()). The very first visit after the server starts (cold caches, first imports of the pages) is
  printed apart; p50 / p95 / max are over the others;
- between pages: --tours sessions, each opening the overview and then clicking through the sidebar to every
  public page and back, timed from the click to the page being drawn (URL changed, script finished, no stale
  element left);
with the machine's load average beside the figures (another process on the machine slows every number).
The floor is measured first, the same way: benchmarks/floor_app.py, a Streamlit app with the same page paths and
only a heading and a small status table on each, under plain `streamlit run`. Each warehouse's p95 is printed as a
ratio to the floor's: what our pages add to what Streamlit itself costs on this machine.
Everything is bounded (timeouts on every wait) and the servers and browsers it started are stopped at the end.
The goal of issue 15 on the 2-core server: ≤ 1,0 s to first status and ≤ 0,3 s between pages, both p95.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from pipelines.config import paths

TIMEOUT_MS = 30_000
# the sidebar tour: url paths of dashboard/nav.py, ending where it started ("": the overview, the first link)
TOUR = ["chi-tieu", "don-vi", "xoa-mu-chu", "pho-cap", "danh-hieu", "chat-luong-du-lieu", "phuong-phap", ""]
STATUS_VISIBLE = """() => {
  // the scorecard (dashboard/ui/tables.py): its table, or on a phone its cards, drawn with at least one row
  const shown = [...document.querySelectorAll('.xh-has-cards .xh-wrap, .xh-has-cards .xh-cards')].find(el => {
    const r = el.getBoundingClientRect();
    return r.height > 40 && r.width > 40;
  });
  return shown && shown.querySelector('td, .xh-card') ? performance.now() : false;
}"""
PAGE_DRAWN = r"""(path) => (path ? location.pathname.endsWith('/' + path) : /\/(tong-quan)?$/.test(location.pathname))
  && document.querySelector('.stApp')?.getAttribute('data-test-script-state') === 'notRunning'
  && !document.querySelector('[data-stale="true"]')
  && !!document.querySelector('[data-testid="stMainBlockContainer"] h1, [data-testid="stMainBlockContainer"] h2')"""


@contextmanager
def app_server(warehouse: Path | None, script: str = "dashboard/server.py"):
    """`script` (the dashboard) on a free port, serving `warehouse`; stopped (and killed if it must be) on exit."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(paths.REPO)} | ({"XHHT_WAREHOUSE": str(warehouse)} if warehouse else {})
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(command, env=env, cwd=paths.REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"the app did not start on {base}") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def first_status(browser, base: str) -> float:
    """One new visitor: a new context (new session, empty cache); seconds to the status table."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "/", wait_until="commit", timeout=TIMEOUT_MS)
        handle = page.wait_for_function(STATUS_VISIBLE, timeout=TIMEOUT_MS, polling="raf")
        return handle.json_value() / 1000
    finally:
        context.close()


def tour(browser, base: str) -> list[float]:
    """One session: the overview, then a click on each page of TOUR; seconds from each click to the page drawn."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    times = []
    try:
        page = context.new_page()
        page.goto(base + "/", timeout=TIMEOUT_MS)
        page.wait_for_function(STATUS_VISIBLE, timeout=TIMEOUT_MS, polling="raf")
        page.wait_for_function(PAGE_DRAWN, arg="", timeout=TIMEOUT_MS)
        for path in TOUR:
            links = '[data-testid="stSidebarNav"] a'
            link = page.locator(f'{links}[href$="/{path}"]' if path else links).first
            start = page.evaluate("performance.now()")
            link.click(timeout=TIMEOUT_MS)
            end = page.wait_for_function(
                f"(path) => ({PAGE_DRAWN})(path) ? performance.now() : false",
                arg=path,
                timeout=TIMEOUT_MS,
                polling="raf",
            ).json_value()
            times.append((end - start) / 1000)
    finally:
        context.close()
    return times


def national(folder: Path) -> Path:
    """The national warehouse of benchmarks/rebuild.py (63 provinces, 2020–2026), built once into `folder`."""
    from benchmarks.rebuild import national_targets, ours
    from devdata import synthetic

    warehouse = folder / "xhht.duckdb"
    if not warehouse.exists():
        print(f"building a national warehouse in {folder} (a few minutes) …", flush=True)
        synthetic.generate(63, 7, 1, folder / "raw")
        ours(folder / "raw", national_targets(folder), folder)
    return warehouse


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def line(name: str, values: list[float]) -> str:
    return (
        f"{name:<34}{statistics.median(values):>7.2f}{p95(values):>7.2f}{max(values):>7.2f}"
        f"{min(values):>7.2f}{len(values):>5}"
    )


def measure(warehouse: Path | None, visits: int, tours: int, script: str = "dashboard/server.py") -> dict:
    """Seconds: the first visit after the server started, then `visits` new visitors and `tours` page tours."""
    from playwright.sync_api import sync_playwright

    from dashboard.exports import headless_chromium

    with app_server(warehouse, script) as base, sync_playwright() as pw:
        browser = headless_chromium.launch(pw)
        try:
            cold = first_status(browser, base)
            firsts = [first_status(browser, base) for _ in range(visits)]
            moves = [s for _ in range(tours) for s in tour(browser, base)]
        finally:
            browser.close()
    return {"cold": cold, "firsts": firsts, "moves": moves}


def report(name: str, figures: dict, floor: dict | None = None) -> None:
    print(f"{name}  (load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    print(f"{'seconds':<34}{'p50':>7}{'p95':>7}{'max':>7}{'min':>7}{'n':>5}")
    print(f"{'first status, server just started':<34}{figures['cold']:>7.2f}")
    print(line("first status, new visitor", figures["firsts"]))
    print(line("between pages, one session", figures["moves"]))
    if floor:
        first, move = (p95(figures[k]) / p95(floor[k]) for k in ("firsts", "moves"))
        print(f"{'p95 ÷ p95 of the floor':<34}first status {first:.1f}×, between pages {move:.1f}×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", choices=["demo", "national", "both"], default="demo")
    parser.add_argument("--visits", type=int, default=10, help="new visitors timed per warehouse (default 10)")
    parser.add_argument("--tours", type=int, default=3, help=f"sessions clicking through {len(TOUR)} pages (3)")
    parser.add_argument(
        "--national-dir", type=Path, help="where the national warehouse is (reused) or built (default: temporary)"
    )
    args = parser.parse_args(argv)
    if args.warehouse in ("demo", "both") and not paths.warehouse_file().exists():
        parser.error(f"no demo warehouse at {paths.warehouse_file()}: run `python -m pipelines build` first")
    floor = measure(None, args.visits, args.tours, script="benchmarks/floor_app.py")
    report("floor: Streamlit alone (benchmarks/floor_app.py)", floor)
    if args.warehouse in ("demo", "both"):
        report(f"demo: {paths.warehouse_file()}", measure(paths.warehouse_file(), args.visits, args.tours), floor)
    if args.warehouse in ("national", "both"):
        folder = args.national_dir or Path(tempfile.mkdtemp(prefix="xhht-first-paint-"))
        folder.mkdir(parents=True, exist_ok=True)
        warehouse = national(folder)
        report(f"national: {warehouse}", measure(warehouse, args.visits, args.tours), floor)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
