"""A process that keeps a connection to the warehouse still reads the new file after a rebuild swapped it in
(duckdb.connect would hand back the instance of the old file)."""

from __future__ import annotations

import duckdb

from pipelines.build.runner import build
from pipelines.build.warehouse_file import connect_read_only, use_warehouse


def build_id(con) -> str:
    return con.execute("select build_id from build_runs").fetchone()[0]


def test_a_rebuild_is_seen_by_a_process_that_holds_the_old_warehouse_open(world):
    first = build().build_id
    held = duckdb.connect(str(world.warehouse), read_only=True)  # as the dashboard's cached connection was
    ours = connect_read_only(world.warehouse)
    assert build_id(held) == build_id(ours) == first
    second = build().build_id
    again = duckdb.connect(str(world.warehouse), read_only=True)
    assert build_id(again) == first  # the trap: the instance of the old file, still open in this process
    fresh = connect_read_only(world.warehouse)
    assert build_id(fresh) == second
    assert build_id(use_warehouse(fresh.cursor())) == second  # cursors too, once they `use` the warehouse
    for con in (held, ours, again, fresh):
        con.close()
