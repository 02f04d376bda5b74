"""Compare two built warehouses table by table, row by row: `python scripts/compare_warehouses.py A.duckdb B.duckdb`.

`--rename table.old=new` (repeatable) names a column that B calls differently (a vocabulary change), so that the
figures are still compared; every rename used is printed with the verdict.

Every table of either file is compared (ordered by all its columns, floats to 1e-9), except the run's own records
(build_runs, build_inputs: ids, times and durations differ between any two builds). Prints "identical" and exits 0,
or names each table that differs with the first differing row and exits 1. Used to prove a refactoring changed
no figure (run it on a warehouse built before and after).
"""

from __future__ import annotations

import math
import sys

import duckdb

RUN_RECORDS = {"build_runs", "build_inputs"}
TOLERANCE = 1e-9


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        r[0]
        for r in con.execute("select table_name from information_schema.tables where table_schema = 'main'").fetchall()
    }


def _rows(
    con: duckdb.DuckDBPyConnection, table: str, renames: dict[str, str] | None = None
) -> tuple[list[str], list[tuple]]:
    """Every row, ordered by all columns; `renames` (old -> new) gives the columns their new names."""
    renames = renames or {}
    described = con.execute(f'describe "{table}"').fetchall()
    cols = [r[0] for r in described]
    select = ", ".join(f'"{c}" as "{renames.get(c, c)}"' for c in cols)
    order = ", ".join(f'"{c}"::varchar' for c in cols) or "1"
    rows = con.execute(f'select {select} from "{table}" order by {order}').fetchall()
    return [f"{renames.get(c, c)} {r[1]}" for c, r in zip(cols, described)], rows


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def compare(path_a: str, path_b: str, renames: dict[str, dict[str, str]] | None = None) -> list[str]:
    """The differences between two warehouse files, one line per table; empty when identical.
    `renames`: table -> {old column: new column} for columns B names differently."""
    renames = renames or {}
    a = duckdb.connect(path_a, read_only=True)
    b = duckdb.connect(path_b, read_only=True)
    try:
        out = []
        ta, tb = _tables(a) - RUN_RECORDS, _tables(b) - RUN_RECORDS
        out += [f"{t}: only in {path_a}" for t in sorted(ta - tb)]
        out += [f"{t}: only in {path_b}" for t in sorted(tb - ta)]
        for t in sorted(ta & tb):
            cols_a, rows_a = _rows(a, t, renames.get(t))
            cols_b, rows_b = _rows(b, t)
            if cols_a != cols_b:  # names and types
                out.append(f"{t}: columns differ: {cols_a} vs {cols_b}")
            elif len(rows_a) != len(rows_b):
                out.append(f"{t}: {len(rows_a)} rows vs {len(rows_b)} rows")
            else:
                for n, (ra, rb) in enumerate(zip(rows_a, rows_b)):
                    if not _same(ra, rb):
                        out.append(f"{t}: row {n + 1} differs: {ra} vs {rb}")
                        break
        return out
    finally:
        a.close()
        b.close()


def main(argv: list[str]) -> int:
    renames: dict[str, dict[str, str]] = {}
    files = []
    args = iter(argv)
    for arg in args:
        if arg == "--rename":
            column, new = next(args).split("=")
            table, old = column.split(".")
            renames.setdefault(table, {})[old] = new
        else:
            files.append(arg)
    if len(files) != 2:
        print(__doc__.strip().splitlines()[0])
        return 2
    argv = files
    differences = compare(*argv, renames)
    if differences:
        print("\n".join(differences))
        return 1
    con = duckdb.connect(argv[0], read_only=True)
    n = len(_tables(con) - RUN_RECORDS)
    con.close()
    renamed = "; ".join(f"{t}.{o} -> {n_}" for t, m in renames.items() for o, n_ in m.items())
    print(f"identical ({n} tables)" + (f", with renamed columns: {renamed}" if renamed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
