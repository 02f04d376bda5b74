"""Running the SQL files of pipelines/build/sql/<layer>/, statement by statement, with named parameters ($name).

A file is named after the table it builds; names are unique across layers, so a step is called by name alone."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"


@cache
def _files() -> dict[str, Path]:
    files = {p.stem: p for p in sorted(SQL_DIR.rglob("*.sql"))}
    assert len(files) == len(list(SQL_DIR.rglob("*.sql"))), "two SQL files share a name"
    return files


def sql_text(name: str) -> str:
    return _files()[name].read_text(encoding="utf-8")


@cache
def _statements(name: str) -> tuple:
    return tuple(duckdb.extract_statements(sql_text(name)))


def run_sql(con: duckdb.DuckDBPyConnection, name: str, **params) -> None:
    """Execute the SQL file <name>.sql of any layer; each statement gets the parameters it names."""
    for statement in _statements(name):
        con.execute(statement, {k: params[k] for k in statement.named_parameters})


def write_table(con: duckdb.DuckDBPyConnection, name: str, frame, order_by: str | None = None) -> None:
    """Create (or replace) table `name` from a DataFrame, optionally ordered."""
    con.register(f"_{name}", frame)
    order = f" order by {order_by}" if order_by else ""
    con.execute(f"create or replace table {name} as select * from _{name}{order}")
    con.unregister(f"_{name}")
