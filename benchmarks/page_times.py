"""Rerun time of every dashboard page, served from the warehouse through the cached queries.

    python -m benchmarks.page_times [--runs 20]

For each page: the first run in a fresh session with every cache cleared (cold), then --runs reruns of the
same view (warm, what a user waits for after a click), as p50 / p95 in milliseconds. Runs Streamlit's
AppTest in-process on the current warehouse (build it first): it measures the script run and element
serialisation, not the browser drawing the charts.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from pipelines.build.peak_memory import peak_memory_mb

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
PAGES = ["overview", "indicator", "units", "literacy", "universalisation", "titles", "data_quality", "methodology"]


def _timed(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return elapsed * 1000


def measure(page: str, runs: int, params: dict) -> tuple[float, list[float]]:
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()  # the frame: registers the pages
    at.switch_page(f"views/{page}.py")
    st.cache_data.clear()
    cold = _timed(at)
    warm = [_timed(at) for _ in range(runs)]
    return cold, warm


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def quiet() -> None:
    for name in (
        "streamlit",
        "streamlit.runtime.caching.cache_data_api",
        "streamlit.runtime.scriptrunner_utils.script_run_context",
        "streamlit.runtime.caching.storage.dummy_cache_storage",
    ):
        logging.getLogger(name).setLevel(logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    quiet()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--unit", default="96")
    parser.add_argument("--year", default="2024")
    args = parser.parse_args(argv)
    params = {"unit": args.unit, "year": args.year, "indicator": "gia_dinh_hoc_tap"}
    print(
        f"{'page':<18}{'cold ms':>10}{'warm p50':>10}{'warm p95':>10}   (unit {args.unit}, {args.year}, {args.runs} warm runs)"
    )
    for page in PAGES:
        cold, warm = measure(page, args.runs, params)
        print(f"{page:<18}{cold:>10.0f}{statistics.median(warm):>10.0f}{p95(warm):>10.0f}")
    peak = peak_memory_mb()
    print(
        f"peak memory of this process: {peak:,.0f} MB" if peak else "peak memory of this process: not measurable here"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
