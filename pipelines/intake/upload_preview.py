"""The preview of an upload: read -> match names to codes -> check the analyst's scope -> validate exactly as a
build would -> rows accepted and refused with reasons, values new / changed / unchanged, statuses that change.
The warehouse in use is not changed (preview_build.py builds beside it)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipelines.build.inputs import Inputs, input_stamp, load_inputs
from pipelines.build.swap import listed_inputs
from pipelines.config import paths
from pipelines.ingest.observation_files import COLUMNS, KEY_COLUMNS, VALUE_COLUMNS
from pipelines.intake import upload_limits
from pipelines.intake.commit_log import committed_entry, state
from pipelines.intake.new_series import IDENTIFIER, NewSeries
from pipelines.intake.preview_build import Built, validate
from pipelines.intake.preview_changes import statuses_that_change, value_changes
from pipelines.intake.pxweb import looks_like_pxweb, read_pxweb
from pipelines.intake.sheet_headers import Note
from pipelines.intake.spreadsheet import read_workbook
from pipelines.intake.unit_matching import hierarchy
from pipelines.intake.unit_scope import check_scope, match_units
from pipelines.problems import Problem, ProblemError
from pipelines.vn_text import clean

TIDY = (".csv", ".parquet")
EXCEL = (".xlsx", ".xls", ".ods")


@dataclass
class Preview:
    filename: str
    sha256: str
    suffix: str
    year: int | None
    scope: str | None
    data: bytes = field(repr=False)
    observations: (
        pd.DataFrame
    )  # one row per value read: where, sheet, row, unit_code, unit_name, indicator, measures, accepted
    accepted: pd.DataFrame  # the tidy rows a commit writes (observations.COLUMNS)
    problems: list[Problem]  # why rows (or the whole file) were refused, located in the uploaded file
    matches: pd.DataFrame  # written name -> code, registered name, how
    changes: pd.DataFrame  # per accepted value: before, after, change (new / changed / unchanged)
    status_changes: pd.DataFrame  # target × unit × year whose status changes
    notes: list[Note]
    committed: dict | None  # the log entry when this very file was committed before
    state: str  # the intake state this preview was computed on
    skipped: set = field(default_factory=set)  # (where, row) of data rows skipped with a note (regions, no figures)
    series: tuple[NewSeries, ...] = ()  # what the file carries that no indicator declares (offered to declare)
    batch: str = ""  # the name its accepted rows get in intake_dir()/batches/ if committed
    built: Built | None = None  # the warehouse as the commit would make it, computed here (a commit adopts it)

    def discard(self) -> None:
        """Remove the warehouse this preview computed (not committed: replaced by another preview, or abandoned)."""
        if self.built is not None:
            self.built.discard()
            self.built = None

    def _rows(self) -> set:
        """Every data row of the file: those that gave values and those refused before giving any."""
        rows = set(zip(self.observations["where"], self.observations["row"]))
        return rows | {(p.file, p.row) for p in self.problems if p.row is not None and p.row > 1}

    @property
    def rows_read(self) -> int:
        return len(self._rows())

    @property
    def rows_accepted(self) -> int:
        ok = self.observations[self.observations["accepted"]]
        return len(set(zip(ok["where"], ok["row"])))

    @property
    def rows_rejected(self) -> int:
        return self.rows_read - self.rows_accepted

    def counts(self) -> dict:
        change = self.changes["change"].value_counts() if len(self.changes) else pd.Series(dtype=int)
        return dict(
            rows_skipped=len(self.skipped),
            rows_read=self.rows_read,
            rows_accepted=self.rows_accepted,
            rows_rejected=self.rows_rejected,
            values=len(self.accepted),
            new=int(change.get("new", 0)),
            changed=int(change.get("changed", 0)),
            unchanged=int(change.get("unchanged", 0)),
            status_changes=len(self.status_changes),
        )


# ------------------------------------------------------------------------------------------------ reading
def _tidy(data: bytes, filename: str, suffix: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A tidy CSV/Parquet upload as text cells with its row numbers (CSV header = row 1; Parquet row 1 = first)."""
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            df = pq.read_table(io.BytesIO(data)).to_pandas()
            df = df.apply(
                lambda s: s.map(
                    lambda v: (
                        ""
                        if v is None or v != v
                        else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                    )
                )
            )
            first = 1
        else:
            # index_col=False: a trailing comma on each row must not turn the first column into an index
            df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig", index_col=False)
            first = 2
    except Exception as exc:  # the file's problem, reported with its name
        return pd.DataFrame(), [
            Problem("unreadable_file", filename, found=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        ]
    df.columns = [clean(c).lower() for c in df.columns]
    problems = [
        Problem("missing_column", filename, row=1, found=", ".join(df.columns), params={"column_name": c})
        for c in KEY_COLUMNS
        if c not in df.columns
    ]
    problems += [
        Problem("unknown_column", filename, row=1, column=c, found=c, params={"expected": ", ".join(COLUMNS)})
        for c in df.columns
        if c not in COLUMNS
    ]
    if not any(c in df.columns for c in VALUE_COLUMNS):
        problems.append(
            Problem(
                "missing_column",
                filename,
                row=1,
                found=", ".join(df.columns),
                params={"column_name": " | ".join(VALUE_COLUMNS)},
            )
        )
    if problems:
        return pd.DataFrame(), problems
    df = df.reindex(columns=COLUMNS, fill_value="")
    df.insert(0, "row", range(first, len(df) + first))
    df.insert(0, "sheet", "")
    df["unit_name"] = ""
    return df, []


def _year(cell: object) -> int | None:
    """The year a cell names, or None: ASCII digits only, so '0\\x1f' or '²' never reach int()."""
    text = str(cell).strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _where(filename: str, sheet: str) -> str:
    return f"{filename} › {sheet}" if sheet else filename


# ------------------------------------------------------------------------------------------------ preview
def preview(
    data: bytes,
    filename: str,
    *,
    year: int | None = None,
    scope: str | None = None,
    match_within: str | None = None,
    inputs: Inputs | None = None,
    warehouse: Path | None = None,
) -> Preview:
    """Everything a commit would do, computed beside the warehouse in use (which it does not change).
    `scope`: the analyst's unit (None: everywhere);
    `match_within`: the unit whose units a spreadsheet's names are matched among (default: `scope`; an admin's
    chosen unit; a statistics office table's province names are matched among every province);
    `year`: the year of a spreadsheet's figures (the template says it; a district sheet's title may).
    Raises ProblemError only when the current configuration itself is broken."""
    filename = Path(filename).name
    suffix = Path(filename).suffix.lower()
    digest = hashlib.sha256(data).hexdigest()
    limits = upload_limits.check(data, filename, suffix)
    if limits:  # refused before anything is parsed or loaded: cheap whatever the file claims
        return _refused_whole(filename, digest, suffix, year, scope, data, limits)
    # what the build would read, before reading it: a commit adopts this preview's warehouse only when unchanged
    stamp = input_stamp() if inputs is None else None
    inputs = inputs or _current_inputs(stamp)
    batch = f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}_{digest[:12]}.csv"
    problems: list[Problem] = []
    notes: list[Note] = []
    columns = pd.DataFrame(columns=["sheet", "column", "heading", "indicator", "field"])
    frame = None
    tiers, skipped, series = None, set(), []
    if suffix == ".csv" and looks_like_pxweb(data):  # a statistics office table: one column per year
        table = read_pxweb(data, filename, inputs.catalog)
        problems, notes, year, tiers = table.problems, table.notes, None, ("province",)
        skipped = {(filename, r) for r in table.skipped}
        series = [NewSeries(table.title, "title", filename)] if table.indicator is None and table.title else []
        source = inputs.catalog.indicator(table.indicator).source if table.indicator else ""
        frame = table.rows.assign(numerator="", denominator="", level="", source=source)
    elif suffix in TIDY:
        frame, problems = _tidy(data, filename, suffix)
    elif suffix in EXCEL:
        try:
            reading = read_workbook(data, filename, suffix, inputs.catalog)
        except ProblemError as exc:  # a sheet over the limits, found before its cells were built
            problems = exc.problems
        except Exception as exc:  # a damaged workbook is the file's problem
            problems = [
                Problem("unreadable_file", filename, found=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            ]
        else:
            problems, notes, columns = reading.problems, reading.notes, reading.columns
            if reading.template_year and year and year != reading.template_year:
                # a template made for one year loaded as another: its figures would land in the wrong year
                problems = [Problem("template_year", filename, found=str(year), params={"year": reading.template_year})]
                reading.observations = reading.observations.iloc[0:0]
            year = year or reading.year
            frame = reading.observations.assign(year=str(year) if year else "", source="")
    else:
        problems = [Problem("unreadable_file", filename, found=f"'{suffix}' (.csv, .parquet, .xlsx, .xls, .ods)")]
    if frame is None or frame.empty:
        frame = pd.DataFrame(columns=["sheet", "row", "unit_name"] + COLUMNS)
    frame = frame.reset_index(drop=True)
    frame["where"] = [_where(filename, s) for s in frame["sheet"]]
    if frame.empty and not problems:
        problems.append(Problem("no_rows", filename))

    years = {y for y in map(_year, frame["year"]) if y is not None} if year is None else {year}
    units = hierarchy(inputs, years)
    within = None if tiers else (match_within or scope)
    matches, subtotals = match_units(frame, units, within, year, problems, notes, tiers)
    frame = frame.drop(index=subtotals)
    check_scope(frame, units, scope, problems)
    units.close()
    refused = {(p.file, p.row) for p in problems if p.row is not None}
    keep = pd.Series(
        [(w, r) not in refused for w, r in zip(frame["where"], frame["row"])], index=frame.index, dtype=bool
    )
    tidy = _tidy_rows(frame[keep], filename)
    shown = paths.display_path(paths.intake_dir() / "batches" / batch)
    validated, con_problems = validate(inputs, tidy, frame[keep], columns, filename, shown)
    problems += con_problems
    refused |= {(p.file, p.row) for p in con_problems}
    # refusal is by (file › sheet, row): every value of a refused row goes, never part of a row
    frame["accepted"] = pd.Series(
        [(w, r) not in refused for w, r in zip(frame["where"], frame["row"])], index=frame.index, dtype=bool
    )
    accepted = _tidy_rows(frame[frame["accepted"]], filename)
    if len(accepted) != len(tidy):  # the build refused some rows: statuses after are those of the rest
        validated.close()
        validated.built.discard()
        validated = validate(inputs, accepted, frame[frame["accepted"]], columns, filename, shown)[0]
    wh = warehouse or paths.warehouse_file()
    changes = value_changes(accepted, wh)
    status_changes = statuses_that_change(validated.con, wh)  # closes the connection; the file stays
    built = validated.built
    if stamp is None or accepted.empty:  # inputs given by the caller, or nothing to commit: nothing to adopt
        built.discard()
        built = None
    else:
        built.files, built.stamp = listed_inputs(inputs), stamp
    return Preview(
        filename,
        digest,
        suffix,
        year,
        scope,
        data,
        frame,
        accepted,
        _sorted(problems),
        matches,
        changes,
        status_changes,
        notes + _history_notes(accepted, inputs, filename),
        committed_entry(digest),
        state(),
        skipped,
        _undeclared(series, notes, problems),
        batch,
        built,
    )


@lru_cache(maxsize=1)
def _current_inputs(stamp: str) -> Inputs:
    """The build's inputs, read once for as long as none of them changes (`stamp`): an analyst previewing one file
    after another waits for the configuration and registry to be read once (~0,7 s at national scale). Read-only."""
    return load_inputs()


def _undeclared(series: list[NewSeries], notes: list[Note], problems: list[Problem]) -> tuple[NewSeries, ...]:
    """Each series the file carries that no indicator declares, once: a table's title, the columns a spreadsheet
    reader ignored, the ids a tidy file names."""
    found = {s.written: s for s in series}
    for n in notes:
        if n.series:
            found.setdefault(n.series, NewSeries(n.series, "column", n.file, n.column))
    for p in problems:
        if p.code == "unknown_indicator" and IDENTIFIER.match(p.found):
            found.setdefault(p.found, NewSeries(p.found, "id", p.file, p.column))
    return tuple(found.values())


def _history_notes(accepted: pd.DataFrame, inputs: Inputs, filename: str) -> list[Note]:
    """Years before settings.first_year are loaded as history: shown in series, never judged."""
    first = inputs.catalog.settings.first_year
    years = sorted({y for y in map(_year, accepted["year"]) if y is not None and y < first})
    if not years:
        return []
    listed = ", ".join(map(str, years))
    return [
        Note(
            filename,
            None,
            f"năm {listed} trước năm đầu kỳ (settings.first_year = {first}): giữ làm số liệu lịch sử, hiện trên biểu "
            "đồ, không dùng để đánh giá",
            f"year {listed} before the programme's first year (settings.first_year = {first}): kept as history, "
            "drawn in charts, not judged",
        )
    ]


def _refused_whole(
    filename: str, digest: str, suffix: str, year: int | None, scope: str | None, data: bytes, problems: list[Problem]
) -> Preview:
    """The preview of a file refused as a whole before it was read: no rows, the problems only."""
    empty = pd.DataFrame(columns=["where", "sheet", "row", "unit_name", *COLUMNS, "accepted"])
    return Preview(
        filename,
        digest,
        suffix,
        year,
        scope,
        data,
        empty,
        pd.DataFrame(columns=COLUMNS),
        problems,
        pd.DataFrame(columns=["name", "unit_code", "registered", "how"]),
        pd.DataFrame(columns=["change"]),
        pd.DataFrame(),
        [],
        committed_entry(digest),
        state(),
    )


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))


def _tidy_rows(frame: pd.DataFrame, filename: str) -> pd.DataFrame:
    out = frame.reindex(columns=COLUMNS).astype(object).fillna("")  # columns missing from the file read as ""
    where = [
        f"{filename}, {s} dòng {r}" if s else f"{filename}, dòng {r}" for s, r in zip(frame["sheet"], frame["row"])
    ]
    out["source"] = [s if clean(s) else w for s, w in zip(out["source"], where)]
    return out.reset_index(drop=True)


# ------------------------------------------------------------------------------------------------ commit
