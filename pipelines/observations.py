"""Read the raw observation files (tidy CSV or Parquet) as text, with file and row for every value.

Format, one row per unit × year × indicator:
    unit_code, year, indicator, numerator, denominator, value, level, source
A ratio gives numerator and denominator (or only `value`, a percentage); a level indicator gives `level`.
Typing and validation happen in SQL (sql/stage_observations.sql, sql/rejects.sql).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .paths import display_path
from .problems import InputError, Problem

KEY_COLUMNS = ["unit_code", "year", "indicator"]
MEASURE_COLUMNS = ["numerator", "denominator", "value", "level"]
COLUMNS = KEY_COLUMNS + MEASURE_COLUMNS + ["source"]
SUFFIXES = (".csv", ".parquet")


@dataclass(frozen=True)
class InputFile:
    path: Path
    shown: str
    sha256: str
    rows: int


def find_files(raw_dir: Path) -> list[Path]:
    files = sorted(p for p in raw_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        raise InputError([Problem("no_input_files", display_path(raw_dir))])
    return files


def _read_one(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path).astype("string").fillna("").astype(object)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def read_observations(raw_dir: Path) -> tuple[pd.DataFrame, list[InputFile]]:
    """All files stacked, every cell as text; file-level problems (unreadable, wrong columns) raise InputError."""
    frames, inputs, problems = [], [], []
    for path in find_files(raw_dir):
        shown = display_path(path)
        try:
            data = path.read_bytes()
            df = _read_one(path)
        except Exception as exc:  # any parser failure is the file's problem, reported with its name
            problems.append(Problem("unreadable_file", shown, found=str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
            continue
        df.columns = [str(c).strip().lower() for c in df.columns]
        missing = [c for c in KEY_COLUMNS if c not in df.columns]
        unknown = [c for c in df.columns if c not in COLUMNS]
        for c in missing:
            problems.append(Problem("missing_column", shown, row=1, found=", ".join(df.columns), params={"column_name": c}))
        for c in unknown:
            problems.append(Problem("unknown_column", shown, row=1, column=c, found=c, params={"expected": ", ".join(COLUMNS)}))
        if not any(c in df.columns for c in MEASURE_COLUMNS):
            problems.append(Problem("missing_column", shown, row=1, found=", ".join(df.columns),
                                    params={"column_name": " | ".join(MEASURE_COLUMNS)}))
        if missing or unknown:
            continue
        for c in COLUMNS:
            if c not in df.columns:
                df[c] = ""
        df = df[COLUMNS]
        # CSV: header is line 1; Parquet: row 1 is the first record
        first = 2 if path.suffix.lower() == ".csv" else 1
        df.insert(0, "row", range(first, len(df) + first))
        df.insert(0, "file", shown)
        frames.append(df)
        inputs.append(InputFile(path, shown, hashlib.sha256(data).hexdigest(), len(df)))
    if problems:
        raise InputError(problems)
    return pd.concat(frames, ignore_index=True), inputs
