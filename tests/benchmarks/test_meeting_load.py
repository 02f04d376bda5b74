"""Smoke run of the meeting-load benchmark on the fixture world: two servers on the same warehouse, a row for
each number of visitors, no errors on any page, each server's peak memory. (Timings are printed, never asserted.)"""

import socket

from benchmarks import meeting_load


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_meeting_load_prints_a_row_for_each_meeting(built_world, capsys):
    assert meeting_load.main(["--visitors", "1", "3", "--servers", "2", "--port", str(_free_port())]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["visitors", "servers"]
    rows = [line.split() for line in lines[1:-1]]
    assert [(r[0], r[1]) for r in rows] == [("1", "2"), ("3", "2")]
    assert [r[-2:] for r in rows] == [["0", "0"], ["0", "0"]]  # every page ready in time, none showed an error
    assert lines[-1].startswith("peak memory of the servers:") and lines[-1].count("MB") == 2
