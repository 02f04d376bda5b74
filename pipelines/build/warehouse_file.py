"""Opening the warehouse file for reading, as it is now.

`duckdb.connect(path)` reuses a database instance this process already has open for the same path, so after a
rebuild swapped a new file in, a process that still holds a connection to the old file (the dashboard, which
rebuilds after a targets edit or an upload) would go on reading the old warehouse. Attaching the file to a fresh
in-memory instance always opens the file that is there now."""

from __future__ import annotations

from pathlib import Path

import duckdb

NAME = "warehouse"


def connect_read_only(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A connection whose tables are the warehouse's (`use warehouse`); cursors must run `use_warehouse` first."""
    con = duckdb.connect(":memory:")
    literal = str(path).replace("'", "''")
    con.execute(f"attach '{literal}' as {NAME} (read_only)")
    use_warehouse(con)
    return con


def use_warehouse(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    con.execute(f"use {NAME}")
    return con
