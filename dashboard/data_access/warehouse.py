"""Read-only access to the warehouse, cached per build: a rebuild (a new file swapped in) gives a new key,
so every cached query is recomputed once and then served from memory. Pages call `q(key, "name", ...)`
with a query from dashboard/data_access/queries/name.sql."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from pipelines.build.warehouse_file import connect_read_only, use_warehouse
from pipelines.config import paths
from pipelines.config.settings import settings

# The frames pages get hold their strings as Python objects, not in Arrow (pandas 3's default): pages walk small
# frames row by row and compare strings, and each Arrow call hands the interpreter lock back and waits to take it
# again, which on a busy 2-core server made the overview's script run take seconds (issue 15, first paint).
pd.set_option("mode.string_storage", "python")

QUERIES = Path(__file__).parent / "queries"
MACROS = Path(__file__).parent / "macros.sql"
HEADER_BYTES = 3 * 4096  # DuckDB's file header and two database headers, before the first block


def build_key() -> str | None:
    """Changes whenever a new warehouse is swapped in; None when there is none."""
    path = paths.warehouse_file()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return f"{path}|{stat.st_mtime_ns}|{stat.st_ino}"


_READABLE: set[str] = set()  # build keys found whole (a new build is a new key); a failure is tried again


def readable(key: str) -> bool:
    """Whether the warehouse file opens and answers; when it does not (truncated, unreadable, half-copied), the
    cause goes to the server log only and pages show a plain message instead of a traceback with server paths."""
    if key in _READABLE:
        return True
    path = Path(key.split("|")[0])
    try:
        cursor = _connection(key).cursor()
        blocks, block_size = cursor.execute(
            "select total_blocks, block_size from pragma_database_size() where database_name = 'warehouse'"
        ).fetchall()[0]
        # a file cut short (a copy in progress, a full disk) still opens: its blocks would fail one query later
        if path.stat().st_size < HEADER_BYTES + blocks * block_size:
            raise OSError(f"truncated: {path.stat().st_size} bytes, {blocks} blocks of {block_size} expected")
        cursor.execute("use warehouse").execute("select count(*) from build_runs").fetchall()
    except (duckdb.Error, OSError) as exc:
        logging.getLogger(__name__).error("the warehouse %s cannot be read: %s", path, exc)
        return False
    _READABLE.add(key)
    return True


@st.cache_resource(max_entries=2)
def _connection(key: str) -> duckdb.DuckDBPyConnection:
    con = connect_read_only(key.split("|")[0])  # the file as it is now, not an instance of an earlier build
    con.execute("use memory")  # the macros live in the connection's own catalog, not in the read-only warehouse
    con.execute(MACROS.read_text(encoding="utf-8"))
    return use_warehouse(con)


@cache
def _sql(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def _run(key: str, sql: str, params: tuple) -> pd.DataFrame:
    cursor = use_warehouse(_connection(key).cursor())
    cursor.execute("set search_path = 'warehouse.main,memory.main'")  # tables from the warehouse, macros from ours
    return cursor.execute(sql, list(params)).df()


# Query results are kept as objects (cache_resource), not pickled (cache_data): every page view unpickled each
# frame it read, 0,28 s of the data-quality page's 0,85 s for a new visitor (issue 15, between pages). A page gets a
# shallow copy: pandas' copy-on-write makes any change it makes land in its own copy, never in the cached frame.
@st.cache_resource(show_spinner=False, max_entries=2000)
def _query(key: str, name: str, *params) -> pd.DataFrame:
    return _run(key, _sql(name), params)


@st.cache_resource(show_spinner=False, max_entries=200)
def _table(key: str, name: str) -> pd.DataFrame:
    return _run(key, f"select * from {name}", ())


def q(key: str, name: str, *params) -> pd.DataFrame:
    """A named query from dashboard/data_access/queries/, cached per build and parameters."""
    return _query(key, name, *params).copy(deep=False)


def table(key: str, name: str) -> pd.DataFrame:
    """A small warehouse table as it is (build runs, inputs, rejects, sources, criteria)."""
    return _table(key, name).copy(deep=False)


def forget() -> None:
    """Drops every cached result (after a commit or an edit, so that the next view reads the new build at once)."""
    st.cache_data.clear()
    _query.clear()
    _table.clear()


@st.cache_data(show_spinner=False)
def build_info(key: str) -> dict:
    return _run(key, "select build_id, finished_at, duration_s from build_runs", ()).iloc[0].to_dict()


@st.cache_data(show_spinner=False)
def years(key: str) -> list[int]:
    return [int(y) for y in _run(key, "select distinct year from actuals order by year", ())["year"]]


@st.cache_data(show_spinner=False)
def children(key: str, parent: str, year: int) -> pd.DataFrame:
    """Child units that have data, sorted the Vietnamese way."""
    return _run(
        key,
        """
        select u.code, u.name, u.tier
        from unit_years u
        where u.parent_code = ? and u.year = ?
          and exists (select 1 from actuals a where a.unit_code = u.code and a.year = u.year)
        order by u.name collate vi
    """,
        (parent, year),
    )


@st.cache_data(show_spinner=False)
def lineage(key: str, code: str, year: int) -> list[str]:
    """The unit and its ancestors that year, from the top down (for restoring a linked view)."""
    df = _run(
        key, "select ancestor from unit_ancestors where descendant = ? and year = ? order by depth desc", (code, year)
    )
    return list(df["ancestor"])


def page_ids():
    """The catalogue ids pages are built around (settings.pages: literacy standard, groups, deck groups)."""
    return settings().pages


@st.cache_data(show_spinner=False)
def commune_map(key: str) -> str | None:
    """The commune polygons of the pre-reform map (GeoJSON file) the gap map draws; None when absent.
    Looked up once per build, not at every rerun."""
    from pipelines.ingest.geodata import commune_layers

    layers = commune_layers()
    return str(layers[0]) if layers else None
