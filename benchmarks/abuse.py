"""The abuse suite: replay hostile and careless use against a temporary copy of the product and print, per probe,
the verdict, the time and the peak memory it cost.

    python -m benchmarks.abuse            # every probe (about two minutes on 2 cores)
    python -m benchmarks.abuse --quick    # five probes, a smoke run

Bounded and local: the demo data and targets are copied to a temporary folder, every XHHT_* path points there, the
demo warehouse is built once, and each probe runs in its own forked process (killed after --timeout seconds) so
that its memory is its own and nothing it does reaches the next probe or the repository. Verdicts:
- refused cleanly: a located refusal, and the files a refusal must not touch (targets.yaml, the warehouse, the
  upload log) are unchanged;
- handled: unsafe input made safe and used as intended (e.g. formulas written as text);
- accepted: something that must be refused went through;
- crashed: an exception or a timeout;
- data lost: a refused probe changed the files above, or a killed build damaged the warehouse.
Peak memory is the probe process's peak resident size above what it started with. Exit status 1 unless every probe
was refused cleanly or handled.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import resource
import shutil
import tempfile
import time
import traceback
from pathlib import Path

from pipelines.config import paths

GOOD = {"refused", "handled"}
WORDS = {"refused": "refused cleanly", "handled": "handled", "accepted": "ACCEPTED", "crashed": "CRASHED"}


def _prepare(root: Path) -> dict[str, str]:
    """A private copy of the demo: targets, standards, units, raw data and records; empty intake and history."""
    shutil.copy(paths.REPO / "targets.yaml", root / "targets.yaml")
    for name in ("standards", "units", "raw", "records", "decks"):
        if (paths.REPO / "data" / name).exists():
            shutil.copytree(paths.REPO / "data" / name, root / name)
    env = {
        "XHHT_TARGETS": str(root / "targets.yaml"),
        "XHHT_STANDARDS": str(root / "standards" / "nd20_2014.yaml"),
        "XHHT_UNITS": str(root / "units"),
        "XHHT_RAW": str(root / "raw"),
        "XHHT_RECORDS": str(root / "records"),
        "XHHT_DECKS": str(root / "decks"),
        "XHHT_INTAKE": str(root / "intake"),
        "XHHT_HISTORY": str(root / "history"),
        "XHHT_USERS": str(root / "users.json"),
        "XHHT_WAREHOUSE": str(root / "warehouse" / "xhht.duckdb"),
    }
    os.environ.update(env)
    return env


def _fingerprint() -> dict[str, str]:
    out = {}
    for path in (paths.targets_file(), paths.warehouse_file(), Path(os.environ["XHHT_INTAKE"]) / "log.jsonl"):
        out[path.name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"
    return out


def _child(probe, pipe) -> None:
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        verdict, detail = probe()
    except Exception as exc:  # a probe that raises is a crash of the product (or of the probe: the detail says)
        verdict, detail = "crashed", f"{type(exc).__name__}: {exc}".splitlines()[0][:90]
        traceback.print_exc()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pipe.send((verdict, detail, max(0, peak - start) / 1024))
    pipe.close()


def run_probe(probe, timeout_s: float) -> tuple[str, str, float, float]:
    """(verdict, detail, seconds, peak MB above the start) of one probe in its own process."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    before = _fingerprint()
    started = time.perf_counter()
    proc = ctx.Process(target=_child, args=(probe, send))
    proc.start()
    if receive.poll(timeout_s):
        verdict, detail, peak_mb = receive.recv()
    else:
        verdict, detail, peak_mb = "crashed", f"no answer within {timeout_s:.0f} s", float("nan")
    proc.join(5)
    if proc.is_alive():
        proc.kill()
    seconds = time.perf_counter() - started
    if verdict == "refused" and _fingerprint() != before and not getattr(probe, "checks_itself", False):
        verdict, detail = (
            "data lost",
            "a refused probe changed " + ", ".join(k for k, v in _fingerprint().items() if before[k] != v),
        )
    return verdict, detail, seconds, peak_mb


def main(argv: list[str] | None = None) -> int:
    from benchmarks.abuse_probes import PROBES, QUICK
    from benchmarks.abuse_system_probes import SYSTEM_PROBES

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="five probes only (a smoke run)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a probe may take")
    args = parser.parse_args(argv)
    chosen = [p for p in PROBES + SYSTEM_PROBES if not args.quick or p.__name__ in QUICK]
    saved = dict(os.environ)
    try:
        with tempfile.TemporaryDirectory(prefix="xhht-abuse-") as tmp:
            _prepare(Path(tmp))
            from pipelines.build.runner import build

            build()
            rows = [(p.__name__, *run_probe(p, args.timeout)) for p in chosen]
    finally:  # the paths pointed at the temporary copy only while the probes ran
        os.environ.clear()
        os.environ.update(saved)
    width = max(len(r[0]) for r in rows)
    print(f"{'probe':<{width}}  {'verdict':<16} {'time s':>7} {'peak MB':>8}  detail")
    for name, verdict, detail, seconds, peak in rows:
        print(f"{name:<{width}}  {WORDS.get(verdict, verdict.upper()):<16} {seconds:7.2f} {peak:8.1f}  {detail}")
    counts = {v: sum(1 for r in rows if r[1] == v) for v in ("refused", "handled", "accepted", "crashed", "data lost")}
    print(
        f"\n{len(rows)} probes: {counts['refused']} refused cleanly, {counts['handled']} handled, "
        f"{counts['accepted']} accepted wrongly, {counts['crashed']} crashed, {counts['data lost']} data lost"
    )
    return 0 if all(r[1] in GOOD for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
