"""Every input of a build, read and validated for shape before anything is computed: the catalogue, the standards,
the unit registry and crosswalk, the observation and record files. All problems are collected, then raised at once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.config import paths
from pipelines.config.catalog import Catalog, load_catalog
from pipelines.config.record_catalog import RecordsConfig
from pipelines.config.standards import Standards, load_standards
from pipelines.ingest.observation_files import InputFile, read_observations
from pipelines.ingest.record_files import RecordFile, read_records
from pipelines.ingest.unit_registry import load_crosswalk, load_units
from pipelines.problems import Problem, ProblemError


@dataclass
class Inputs:
    catalog: Catalog
    standards: Standards
    units: pd.DataFrame
    dbkk: pd.DataFrame
    files: list[InputFile]
    config_files: list[Path]
    crosswalk: pd.DataFrame | None = None
    records_config: RecordsConfig | None = None
    record_files: list[RecordFile] = field(default_factory=list)


def load_inputs(targets: Path | None = None) -> Inputs:
    """Every input, validated for shape; collects configuration and file problems before raising.
    `targets`: another targets file (the editor's draft) instead of targets.yaml."""
    problems: list[Problem] = []
    catalog = standards = units = dbkk = files = records_config = None
    record_files: list[RecordFile] = []
    try:
        catalog = load_catalog(targets)
    except ProblemError as exc:
        problems += exc.problems
    if catalog is not None:
        try:
            standards = load_standards(catalog)
        except ProblemError as exc:
            problems += exc.problems
    try:
        units, dbkk = load_units()
    except ProblemError as exc:
        problems += exc.problems
    crosswalk = None
    if units is not None:
        try:
            crosswalk = load_crosswalk(units)
        except ProblemError as exc:
            problems += exc.problems
    if catalog is not None and units is not None:
        problems += _scope_problems(catalog, units)
    try:
        files = read_observations(paths.raw_dir(), paths.intake_dir())
    except ProblemError as exc:
        problems += exc.problems
    try:
        records_config, record_files = read_records()
    except ProblemError as exc:
        problems += exc.problems
    if problems:
        raise ProblemError(problems)
    return Inputs(catalog, standards, units, dbkk, files, config_files(), crosswalk, records_config, record_files)


def config_files() -> list[Path]:
    """The configuration a build reads (its fingerprint, with the code's, says whether two builds judge alike)."""
    configs = [
        paths.targets_file(),
        paths.standards_file(),
        paths.units_dir() / "units.csv",
        paths.units_dir() / "dbkk.csv",
        paths.records_dir() / "records.yaml",
        paths.units_dir() / "crosswalk_2025.csv",
    ]
    return [p for p in configs if p.exists()]


def input_stamp(leave_out: Path | None = None) -> str:
    """Every file a build reads (observations, uploads' batches, records, configuration), by path, size and time
    of change, with the configuration's and the code's fingerprint: equal stamps mean a build would read the same.
    Cheap: only the configuration and the code are read (a commit checks it against its preview's, leaving out
    the batch it has just written)."""
    from pipelines.build.incremental import fingerprint
    from pipelines.ingest.observation_files import find_batches

    folders = [paths.raw_dir(), paths.records_dir(), paths.units_dir()]
    files = [p for d in folders if d.exists() for p in d.rglob("*") if p.is_file()]
    configs = [p for p in (paths.targets_file(), paths.standards_file()) if p.exists()]
    listed = []
    for p in sorted(set(files + find_batches(paths.intake_dir()) + configs) - {leave_out}):
        st = p.stat()
        listed.append(f"{p}|{st.st_size}|{st.st_mtime_ns}")
    return hashlib.sha256(("\n".join(listed) + fingerprint(configs)).encode()).hexdigest()


def _scope_problems(catalog: Catalog, units: pd.DataFrame) -> list[Problem]:
    known = set(units["code"])
    shown = paths.display_path(paths.targets_file())
    out = []
    for i, t in enumerate(catalog.targets):
        for code in ([t.scope.unit] if t.scope.unit else []) + list(t.scope.units or []):
            if code not in known:
                out.append(
                    Problem(
                        "yaml_rule",
                        shown,
                        path=f"targets[{i}].scope",
                        params={
                            "detail_vi": f"mã đơn vị '{code}' không có trong danh mục đơn vị",
                            "detail_en": f"unit code '{code}' is not in the unit registry",
                        },
                    )
                )
    return out
