"""Chart export times through kaleido's persistent server: the first export starts Chromium, the rest reuse it.

    python -m benchmarks.export_times [--runs 10]      # on the current warehouse (build it first)

Prints the first export and the p50 of the following ones (PNG and PDF), and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time

from dashboard.data_access.warehouse import build_key, q
from dashboard.exports import file_writers
from dashboard.ui import charts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--unit", default="96")
    args = parser.parse_args(argv)
    key = build_key()
    indicator = q(key, "targeted_indicators", args.unit)["indicator"].iloc[0]
    series = q(key, "series", args.unit, indicator)
    fig = charts.series_chart(
        series, q(key, "projection", args.unit, series["target_id"].iloc[0]), "ratio", "percent", "vi"
    )
    print(f"{'export':<8}{'first s':>9}{'next p50 s':>12}{'first / next':>14}   ({args.runs} exports after the first)")
    for fmt in ("png", "pdf"):
        times = []
        for _ in range(args.runs + 1):
            start = time.perf_counter()
            file_writers.figure_bytes(fig, fmt)
            times.append(time.perf_counter() - start)
        rest = statistics.median(times[1:])
        print(f"{fmt:<8}{times[0]:>9.2f}{rest:>12.2f}{times[0] / rest:>14.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
