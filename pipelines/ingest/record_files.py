"""Record files that are not indicators (data/records/): Lifelong Learning Week activities and literacy classes.

Read like observation files (every cell as text, with file and row), typed and validated in SQL
(sql/week_activities.sql, sql/literacy_classes.sql); a bad row becomes a reject with file, row, column, what
was found and what was expected, and the rest still loads. The dataset is named by the file name's prefix.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.config import paths
from pipelines.config.record_catalog import RecordsConfig, load_records_config
from pipelines.ingest.record_templates import read_template
from pipelines.problems import Problem, ProblemError

DATASETS = {
    "tuan_le": ("week_activities", ["unit_code", "year", "activity", "mode", "events", "participants", "source"]),
    "lop_xmc": ("literacy_classes", ["unit_code", "year", "programme", "classes", "enrolled", "completed", "source"]),
}
REQUIRED = {"source"}  # every column is required in the header except these


@dataclass(frozen=True)
class RecordFile:
    dataset: str  # week_activities | literacy_classes
    shown: str
    sha256: str
    frame: pd.DataFrame


def _dataset_of(path: Path) -> str | None:
    return next((prefix for prefix in DATASETS if path.name.lower().startswith(prefix)), None)


def read_records() -> tuple[RecordsConfig | None, list[RecordFile]]:
    """The configuration and every record file; file-level problems raise ProblemError (all of them)."""
    root = paths.records_dir()
    if not (root / "records.yaml").exists():
        return None, []
    config = load_records_config()
    files, problems = [], []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in (".csv", ".xlsx")):
        shown = paths.display_path(path)
        prefix = _dataset_of(path)
        if prefix is None:
            problems.append(
                Problem(
                    "unknown_column",
                    shown,
                    row=1,
                    column="(tên tệp / file name)",
                    found=path.name,
                    params={"expected": ", ".join(f"{p}*.csv | {p}*.xlsx" for p in DATASETS)},
                )
            )
            continue
        dataset, columns = DATASETS[prefix]
        try:
            data = path.read_bytes()
            if path.suffix.lower() == ".xlsx":  # a filled collection template (record_templates.py)
                df = read_template(path, prefix)
            else:
                df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
                df.insert(0, "_row", range(2, len(df) + 2))
        except Exception as exc:
            problems.append(
                Problem("unreadable_file", shown, found=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            )
            continue
        df.columns = ["_row"] + [str(c).strip().lower() for c in df.columns[1:]]
        missing = [c for c in columns if c not in df.columns and c not in REQUIRED]
        unknown = [c for c in df.columns[1:] if c not in columns]
        problems += [
            Problem("missing_column", shown, row=1, found=", ".join(df.columns), params={"column_name": c})
            for c in missing
        ]
        problems += [
            Problem("unknown_column", shown, row=1, column=c, found=c, params={"expected": ", ".join(columns)})
            for c in unknown
        ]
        if missing or unknown:
            continue
        rows = df["_row"].to_numpy()
        df = df.reindex(columns=columns, fill_value="")
        df.insert(0, "row", rows)
        df.insert(0, "file", shown)
        files.append(RecordFile(dataset, shown, hashlib.sha256(data).hexdigest(), df))
    if problems:
        raise ProblemError(problems)
    return config, files
