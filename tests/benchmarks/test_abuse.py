"""The abuse suite runs and prints a row per probe with a verdict (a smoke run of five probes; the whole list is
`python -m benchmarks.abuse`). No timing is asserted."""

from __future__ import annotations

import os

from benchmarks import abuse
from benchmarks.abuse_probes import QUICK


def test_the_abuse_suite_prints_every_probe_with_its_verdict(capsys):
    before = dict(os.environ)
    status = abuse.main(["--quick"])
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.split() and line.split()[0] in QUICK]
    assert len(rows) == len(QUICK)
    assert all(" refused cleanly " in r or " handled " in r for r in rows), out
    assert "0 accepted wrongly, 0 crashed, 0 data lost" in out and status == 0
    assert dict(os.environ) == before  # the temporary paths do not leak
