"""The warehouse an upload's preview builds: the current inputs plus the upload's rows as the newest batch, named
as its commit will name it, in a file beside the warehouse in use (build/swap.py `candidate_file`). The preview
reads its rejects and the statuses that change from it; the commit swaps it in (runner.adopt) when the inputs are
still those it read."""

from __future__ import annotations

import uuid
import weakref
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.build.incremental import fingerprint
from pipelines.build.inputs import Inputs
from pipelines.build.runner import populate
from pipelines.build.swap import BUILD_CONFIG, StepTimer, as_unwritable, candidate_file, remove_file
from pipelines.config import paths
from pipelines.ingest.observation_files import InputFile
from pipelines.intake.sheet_headers import FIELD_VI
from pipelines.problems import Problem


@dataclass
class Built:
    """The warehouse a preview populated with its accepted rows as the newest batch, kept for its commit: the file,
    what it read (build_inputs without the batch, the fingerprint), the stamp of the inputs it read, how many units
    were judged again."""

    file: Path
    files: list[dict]
    mark: str
    stamp: str
    judged_units: int | None

    def __post_init__(self) -> None:
        # a preview dropped without a commit (its session gone, a script done) leaves no file behind; after a commit
        # the file has become the warehouse and nothing is left at this path. Never copy a Built: each copy would
        # remove the file when it goes.
        weakref.finalize(self, remove_file, self.file)

    def discard(self) -> None:
        remove_file(self.file)


@dataclass
class Validated:
    con: duckdb.DuckDBPyConnection
    built: Built

    def close(self) -> None:
        self.con.close()


def validate(
    inputs: Inputs, tidy: pd.DataFrame, frame: pd.DataFrame, columns: pd.DataFrame, filename: str, shown: str
) -> tuple[Validated, list[Problem]]:
    """Populate a new warehouse file with the current inputs plus these rows as the newest batch (named `shown`, as
    its commit will name it); the rows' rejects are located back in the uploaded file. Returns the open connection
    (for the statuses after) and the file (which the commit adopts)."""
    batch = max((f.batch for f in inputs.files), default=0) + 1
    upload = InputFile(Path(shown), shown, "", len(tidy), tidy.astype(str), batch)
    timer = StepTimer()
    mark = fingerprint(inputs.config_files)
    file = con = None
    try:
        file = candidate_file(f"preview-{uuid.uuid4().hex[:12]}")
        con = duckdb.connect(str(file), config=BUILD_CONFIG)
        # judged again: only the units these rows change (build/incremental.py), the rest as in the warehouse
        rejects = populate(con, replace(inputs, files=inputs.files + [upload]), timer, (paths.warehouse_file(), mark))
    except BaseException as exc:
        if con is not None:
            con.close()
        if file is not None:
            remove_file(file)
        # a read-only folder, a full disk: said as a build says it
        unwritable = as_unwritable(exc, file or paths.warehouse_file())  # no file: its folder could not be made
        if unwritable is not None:
            raise unwritable from None
        raise
    origin = {i + 2: (w, r, s) for i, (w, r, s) in enumerate(zip(frame["where"], frame["row"], frame["sheet"]))}
    letters = {(c.sheet, c.indicator, c.field): c.column for c in columns.itertuples()}
    indicators = list(tidy["indicator"])
    out = []
    for p in rejects:
        if p.file != shown:
            continue
        w, r, sheet = origin[p.row]
        column = p.column
        if sheet:
            ind = indicators[p.row - 2]
            letter = letters.get((sheet, ind, column))
            column = f"{letter} ({FIELD_VI.get(column, column)} {ind})" if letter else f"{column} ({ind})"
        params = dict(p.params)
        if p.code == "duplicate" and params.get("other_file") == shown:
            ow, orow, _ = origin.get(int(params["other_row"]), (filename, params["other_row"], ""))
            params.update(other_file=ow, other_row=orow)
        out.append(replace(p, file=w, row=int(r), column=column, params=params))
    return Validated(con, Built(file, [], mark, "", timer.judged_units)), out
