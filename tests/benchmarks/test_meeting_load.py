"""Smoke run of the meeting-load benchmark on the fixture world: two servers on the same warehouse, a row for
each number of visitors, no errors on any page, each server's peak memory. (Timings are printed, never asserted.)"""

import os
import socket

from benchmarks import meeting_load


def _free_pair() -> int:
    """A port p with p and p + 1 free (the benchmark's servers take consecutive ports), below Linux's ephemeral
    range (32768–60999), where the app servers and browsers of tests running in parallel get their ports: a port
    next to a free ephemeral one may be taken by another test before the second server binds it."""
    for port in range(20_000 + 2 * (os.getpid() % 2_000), 32_000, 2):
        with socket.socket() as a, socket.socket() as b:
            try:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
            return port
    raise RuntimeError("no two consecutive free ports below 32000")


def test_meeting_load_prints_a_row_for_each_meeting(built_world, capsys):
    assert meeting_load.main(["--visitors", "1", "3", "--servers", "2", "--port", str(_free_pair())]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["visitors", "servers"]
    rows = [line.split() for line in lines[1:-1]]
    assert [(r[0], r[1]) for r in rows] == [("1", "2"), ("3", "2")]
    assert [r[-2:] for r in rows] == [["0", "0"], ["0", "0"]]  # every page ready in time, none showed an error
    assert lines[-1].startswith("peak memory of the servers:") and lines[-1].count("MB") == 2


def test_a_taken_port_starts_no_server():
    """All the servers' ports are checked before any starts: a taken second port leaves no first server running."""
    import subprocess

    import pytest

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RuntimeError, match=r"port \d+ is in use"):
            meeting_load.start_servers(2, port - 1)
    children = subprocess.run(["ps", "-o", "args=", "--ppid", str(os.getpid())], capture_output=True, text=True)
    assert "streamlit" not in children.stdout
