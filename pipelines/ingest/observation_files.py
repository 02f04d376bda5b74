"""Read the raw observation files (tidy CSV or Parquet) as text, with file and row for every value.

Format, one row per unit × year × indicator:
    unit_code, year, indicator, numerator, denominator, value, level, source[, provisional]
`source` names a source declared in targets.yaml (its id) or says in words where the figure comes from;
`provisional` is 1 for a figure its publisher marks provisional ('Prel.', 'Sơ bộ'), empty or 0 otherwise.
A ratio gives numerator and denominator (or only `value`, a percentage); a level indicator gives `level`.
Typing and validation happen in SQL (sql/stage_observations.sql, sql/rejects.sql).
CSV files (what provinces send) are read here with pandas; Parquet files (national-scale loads) are only
checked here (readable, columns) and DuckDB reads them itself when the warehouse is populated.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from pipelines.config.paths import display_path
from pipelines.problems import Problem, ProblemError

KEY_COLUMNS = ["unit_code", "year", "indicator"]
VALUE_COLUMNS = ["numerator", "denominator", "value", "level"]
COLUMNS = KEY_COLUMNS + VALUE_COLUMNS + ["source", "provisional"]
SUFFIXES = (".csv", ".parquet")


@dataclass(frozen=True)
class InputFile:
    path: Path
    shown: str
    sha256: str
    rows: int
    frame: pd.DataFrame | None = None  # CSV cells as text; None for Parquet, which DuckDB reads itself
    batch: int = 0  # 0: a file in data/raw; n: the n-th upload committed through the app (later ones supersede)


def find_files(raw_dir: Path) -> list[Path]:
    files = sorted(p for p in raw_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        raise ProblemError([Problem("no_input_files", display_path(raw_dir))])
    return files


def _columns(path: Path) -> tuple[list[str], int, pd.DataFrame | None]:
    """Column names, row count and (CSV only) the cells as text."""
    if path.suffix.lower() == ".parquet":
        meta = pq.ParquetFile(path)
        return list(meta.schema_arrow.names), meta.metadata.num_rows, None
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return list(df.columns), len(df), df


def find_batches(intake_dir: Path) -> list[Path]:
    """The uploads committed through the app, oldest first (their names start with the commit time)."""
    return sorted((intake_dir / "batches").glob("*.csv"))


def read_observations(raw_dir: Path, intake_dir: Path | None = None) -> list[InputFile]:
    """Every observation file checked (data/raw, then the committed uploads in order); file-level problems
    (unreadable, wrong columns) raise ProblemError."""
    inputs, problems = [], []
    batches = find_batches(intake_dir) if intake_dir is not None else []
    batch_of = {p: n for n, p in enumerate(batches, start=1)}
    for path in find_files(raw_dir) + batches:
        shown = display_path(path)
        try:
            data = path.read_bytes()
            columns, rows, df = _columns(path)
        except Exception as exc:  # any parser failure is the file's problem, reported with its name
            problems.append(
                Problem("unreadable_file", shown, found=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            )
            continue
        names = [str(c).strip().lower() for c in columns]
        missing = [c for c in KEY_COLUMNS if c not in names]
        unknown = [c for c in names if c not in COLUMNS]
        for c in missing:
            problems.append(Problem("missing_column", shown, row=1, found=", ".join(names), params={"column_name": c}))
        for c in unknown:
            problems.append(
                Problem("unknown_column", shown, row=1, column=c, found=c, params={"expected": ", ".join(COLUMNS)})
            )
        if not any(c in names for c in VALUE_COLUMNS):
            problems.append(
                Problem(
                    "missing_column",
                    shown,
                    row=1,
                    found=", ".join(names),
                    params={"column_name": " | ".join(VALUE_COLUMNS)},
                )
            )
        if missing or unknown:
            continue
        if df is not None:
            df.columns = names
        inputs.append(InputFile(path, shown, hashlib.sha256(data).hexdigest(), rows, df, batch_of.get(path, 0)))
    if problems:
        raise ProblemError(problems)
    return inputs


def load_raw(con: duckdb.DuckDBPyConnection, files: list[InputFile]) -> None:
    """raw_observations: every file stacked, every cell as text ('' when absent), with file and row.
    CSV: the header is line 1, so the first record is row 2; Parquet: row 1 is the first record."""
    con.execute(
        "create or replace temp table raw_observations (file varchar, row bigint, "
        + ", ".join(f"{c} varchar" for c in COLUMNS)
        + ", batch integer)"
    )
    for f in files:
        if f.frame is not None:
            df = f.frame.reindex(columns=COLUMNS, fill_value="")
            df.insert(0, "row", range(2, len(df) + 2))
            df.insert(0, "file", f.shown)
            df["batch"] = f.batch
            con.register("_raw", df)
            con.execute("insert into raw_observations select * from _raw")
            con.unregister("_raw")
        else:
            present = {str(c).strip().lower(): str(c) for c in pq.ParquetFile(f.path).schema_arrow.names}
            cells = ", ".join(
                f'coalesce(cast("{present[c]}" as varchar), \'\')' if c in present else "''" for c in COLUMNS
            )
            try:
                con.execute(
                    f"insert into raw_observations select ?, file_row_number + 1, {cells}, ? "
                    "from read_parquet(?, file_row_number = true)",
                    [f.shown, f.batch, str(f.path)],
                )
            except duckdb.Error as exc:  # a damaged row group: the file's problem, reported with its name
                raise ProblemError([Problem("unreadable_file", f.shown, found=str(exc).splitlines()[0])]) from exc
