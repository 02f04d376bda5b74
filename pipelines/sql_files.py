"""Running the SQL files of pipelines/sql/, statement by statement, with named parameters ($name)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"


def sql_text(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@cache
def _statements(name: str) -> tuple:
    return tuple(duckdb.extract_statements(sql_text(name)))


def run_sql(con: duckdb.DuckDBPyConnection, name: str, **params) -> None:
    """Execute pipelines/sql/<name>.sql; each statement gets the parameters it names."""
    for statement in _statements(name):
        con.execute(statement, {k: params[k] for k in statement.named_parameters})
