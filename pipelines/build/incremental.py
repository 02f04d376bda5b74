"""An upload's build judges again only the units whose figures changed; the rest of progress comes from the last
warehouse.

Progress and projections are computed per target × unit (build/sql/progress/progress.sql reads nothing of another
unit), from that unit's rows of actuals and comparable_actuals and from the configuration. So when the
configuration and the code are those of the last good build (the same fingerprint), the tables computed from the
configuration alone (the unit hierarchy, the map) are copied from it, and a unit whose actuals and
comparable actuals are row for row the same has the same progress and projections: they are copied, and only the
changed units (an upload's units and their ancestors, in practice) go through progress.sql. Everything before
progress is computed in full as in any build, so every other table is the full build's by construction; the tests
(tests/pipelines/test_incremental.py) assert that incremental then full gives identical tables, row by row.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from pipelines.config.settings import settings

PREVIOUS = "previous"
# the tables progress is judged from, besides the configuration: a unit is judged again when its rows differ
JUDGED_FROM = ("actuals", "comparable_actuals")
PIPELINES = Path(__file__).resolve().parent.parent
# tables computed from the configuration alone: with the same fingerprint, the previous build's are copied
CONFIGURATION_TABLES = ("unit_years", "unit_ancestors", "geo_features", "geo_new_communes")


def fingerprint(config_files: list[Path]) -> str:
    """The configuration files, the settings and the pipelines' code (Python and SQL): what progress depends on
    besides the data. A build records it; an incremental build reuses progress only from a build with the same."""
    digest = hashlib.sha256(settings().model_dump_json().encode())
    for path in sorted(config_files) + sorted(PIPELINES.rglob("*.py")) + sorted(PIPELINES.rglob("*.sql")):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def attach_previous(con: duckdb.DuckDBPyConnection, warehouse: Path, mark: str) -> bool:
    """Attach the last good warehouse read-only when its build had the same fingerprint; False otherwise (no
    warehouse, one DuckDB cannot open, an older one without a fingerprint, another configuration or code): then the
    build is a full one."""
    if not warehouse.exists():
        return False
    literal = str(warehouse).replace("'", "''")
    try:
        con.execute(f"attach '{literal}' as {PREVIOUS} (read_only)")
    except duckdb.Error:  # damaged (a disk that filled, a copy cut short): a full build replaces it
        return False
    try:
        same = con.execute(f"select fingerprint from {PREVIOUS}.build_runs").fetchone()[0] == mark
    except duckdb.Error:
        same = False
    if not same:
        con.execute(f"detach {PREVIOUS}")
    return same


def copy_previous(con: duckdb.DuckDBPyConnection, *tables: str) -> None:
    for table in tables:
        con.execute(f"create or replace table {table} as select * from {PREVIOUS}.{table}")


def changed_units(con: duckdb.DuckDBPyConnection) -> int:
    """_changed_units: every unit whose rows of actuals or comparable_actuals differ from the previous build's (their
    count, or the sum of their rows' 64-bit hashes: one pass over each table, no row-by-row set difference, which
    at national scale held gigabytes). Keeps only those units in target_frame. Returns how many."""

    def per_unit(table: str) -> str:
        return f"select unit_code, count(*) as n, sum(hash(t)) as h from {table} t group by unit_code"

    diffs = " union ".join(
        f"select unit_code from ({per_unit(t)}) a full join ({per_unit(f'{PREVIOUS}.{t}')}) b using (unit_code) "
        "where a.n is distinct from b.n or a.h is distinct from b.h"
        for t in JUDGED_FROM
    )
    con.execute(f"create or replace temp table _changed_units as {diffs}")
    con.execute(
        "delete from target_frame f where not exists (select 1 from _changed_units c where c.unit_code = f.unit_code)"
    )
    return con.execute("select count(*) from _changed_units").fetchone()[0]


def merge_unchanged(con: duckdb.DuckDBPyConnection) -> None:
    """progress and projections: the changed units' new rows and every other unit's rows of the previous build, in
    the full build's order."""
    for table, order in (("progress", "indicator, unit_code, year"), ("projections", "target_id, unit_code, year")):
        con.execute(
            f"create or replace table {table} as "
            f"select * from (select * from {table} union all "
            f"select p.* from {PREVIOUS}.{table} p anti join _changed_units c on c.unit_code = p.unit_code) "
            f"order by {order}"
        )
    con.execute(f"drop table _changed_units; detach {PREVIOUS}")
