"""A meeting's load: N visitors open the overview at once and move through three pages, at the websocket level.

    python -m benchmarks.meeting_load [--visitors 1 10 40] [--servers 1]    # on the current warehouse

Starts `streamlit run dashboard/server.py` (--servers of them, on consecutive ports, all reading the same warehouse
file; visitors are dealt to them in turn, as a reverse proxy would), then for each N: N clients that speak
Streamlit's protocol (the BackMsg / ForwardMsg protobufs over /_stcore/stream, as the browser does) open the
overview and then the gaps by unit, indicator and titles pages, one after the other. A page is ready when the
server says its script run finished; that is when the first status (and every other element) has been sent, so it
bounds the time to first status from above (the browser's drawing is not included). Prints p50 / p95 of the
overview and of the moves, the pages not ready within PAGE_TIMEOUT_S (late), the errors (an exception shown on a
page, a connection refused or dropped) and each server's
peak memory. Bounded: every run times out, the servers are stopped at the end whatever happens. Local only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from pipelines.config import paths

# the overview, then three pages (url paths of dashboard/nav.py)
ROUTE = ["", "don-vi", "chi-tieu", "danh-hieu"]
PAGE_TIMEOUT_S = 120
START_TIMEOUT_S = 90


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def stop(servers: list[subprocess.Popen]) -> None:
    for s in servers:
        s.terminate()
    for s in servers:
        try:
            s.wait(timeout=20)
        except subprocess.TimeoutExpired:
            s.kill()


def start_servers(count: int, port: int) -> list[subprocess.Popen]:
    taken = [port + n for n in range(count) if not _free(port + n)]
    if taken:
        raise RuntimeError(f"port {taken[0]} is in use")
    servers = []
    for n in range(count):
        servers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    "dashboard/server.py",
                    "--server.headless",
                    "true",
                    "--server.port",
                    str(port + n),
                    "--browser.gatherUsageStats",
                    "false",
                ],
                cwd=paths.REPO,
                env={**os.environ, "PYTHONPATH": str(paths.REPO)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    for n in range(count):
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port + n}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or servers[n].poll() is not None:
                    stop(servers)  # the ones that did start are not left running
                    raise RuntimeError(f"the server on port {port + n} did not start") from None
                time.sleep(0.5)
    return servers


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _page(ws, page: str, query: str) -> tuple[float, bool]:
    """One page run: (seconds until the script finished, whether the page showed an exception)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    failed = False
    async with asyncio.timeout(PAGE_TIMEOUT_S):
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                failed |= fwd.delta.new_element.WhichOneof("type") == "exception"
            elif kind == "script_finished":
                # 0 finished successfully; a rerun that another message interrupted counts as not finished
                if fwd.script_finished in (
                    ForwardMsg.FINISHED_SUCCESSFULLY,
                    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                ):
                    return time.perf_counter() - start, failed
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    return time.perf_counter() - start, True


async def visitor(port: int, query: str) -> tuple[list[float], int, int]:
    """Open the overview and move through the pages: each page's seconds, the count of errors (an exception on the
    page, a connection refused or dropped) and of pages not finished within PAGE_TIMEOUT_S (the visitor stops)."""
    times, errors, late = [], 0, 0
    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", max_size=None, open_timeout=60) as ws:
            for page in ROUTE:
                elapsed, failed = await _page(ws, page, query)
                times.append(elapsed)
                errors += failed
    except TimeoutError:
        late += len(ROUTE) - len(times)
    except (OSError, websockets.WebSocketException):
        errors += len(ROUTE) - len(times)
    return times, errors, late


async def meeting(n: int, ports: list[int], query: str) -> list[tuple[list[float], int, int]]:
    return await asyncio.gather(*(visitor(ports[i % len(ports)], query) for i in range(n)))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visitors", type=int, nargs="+", default=[1, 10, 40])
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8641)
    parser.add_argument("--unit", default="VN")
    parser.add_argument("--year", default="")
    args = parser.parse_args(argv)
    query = f"unit={args.unit}" + (f"&year={args.year}" if args.year else "")
    ports = [args.port + n for n in range(args.servers)]
    servers = start_servers(args.servers, args.port)
    try:
        print(
            f"{'visitors':<10}{'servers':>8}{'overview p50':>14}{'p95':>8}{'moves p50':>11}{'p95':>8}{'late':>6}{'errors':>8}"
            "   (seconds until a page's run finished)"
        )
        for n in args.visitors:
            results = asyncio.run(meeting(n, ports, query))
            first = [t[0] for t, _, _ in results if t]
            moves = [x for t, _, _ in results for x in t[1:]]
            errors, late = sum(r[1] for r in results), sum(r[2] for r in results)
            print(
                f"{n:<10}{args.servers:>8}{statistics.median(first) if first else float('nan'):>14.2f}{p95(first):>8.2f}"
                f"{statistics.median(moves) if moves else float('nan'):>11.2f}{p95(moves):>8.2f}{late:>6}{errors:>8}"
            )
        print("peak memory of the servers: " + ", ".join(f"{peak_mb(s.pid):,.0f} MB" for s in servers))
    finally:
        stop(servers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
