"""Bringing in the files units send, safely: read -> match names to codes -> check the analyst's scope -> validate
exactly as a build would -> preview (rows accepted and rejected with reasons, values new / changed / unchanged,
statuses that change) -> commit in one step, attributed, or nothing at all.

    intake_dir()/files/<sha256><suffix>          every committed file, byte for byte as received
    intake_dir()/batches/<UTC time>_<sha12>.csv  the accepted rows of one commit, in the tidy format; every build
                                                 reads them after data/raw, and a later batch supersedes earlier
                                                 values of the same unit × year × indicator (kept in the warehouse
                                                 table superseded_observations)
    intake_dir()/log.jsonl                       one line per commit (and per withdrawal): when, who, why, file,
                                                 sha256, counts, build
    intake_dir()/withdrawn/                      batches taken back: their values stop counting, nothing is deleted

A spreadsheet row is accepted or refused whole: when any of its cells has a problem, none of its values is loaded.
Committing the same file again changes nothing. A commit whose build fails leaves no trace: the batch file is
removed and the last good warehouse keeps serving.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from pipelines.config import paths
from pipelines.build.runner import Inputs, load_inputs, populate
from pipelines.intake.spreadsheet import MEASURE_VI, Note, read_workbook
from pipelines.ingest.observation_files import COLUMNS, KEY_COLUMNS, MEASURE_COLUMNS, InputFile, find_batches
from pipelines.problems import ProblemError, Problem
from pipelines.editing.safe_files import atomic_write, locked
from pipelines.intake.unit_matching import HOW_EN, HOW_VI, hierarchy, match, registered_name_matches, units_in_scope
from pipelines.vn_text import clean, is_missing, value_text
from pipelines.build.warehouse_file import connect_read_only

TIDY = (".csv", ".parquet")
EXCEL = (".xlsx", ".xls", ".ods")
UPLOAD_SHOWN = "(tệp tải lên)"


def stale_upload(last: dict | None) -> ProblemError:
    """The data changed (another commit) after this preview was computed: preview again before committing."""
    who = f"{last['who']}, {last['when'][:16].replace('T', ' ')} UTC" if last else "?"
    return ProblemError.of("stale_upload", who, last=last)


def _need_who_and_why(who: str, why: str) -> None:
    if not who.strip() or not why.strip():
        raise ProblemError.of("who_why_required")


@dataclass
class Preview:
    filename: str
    sha256: str
    suffix: str
    year: int | None
    scope: str | None
    data: bytes = field(repr=False)
    observations: pd.DataFrame  # one row per value read: where, sheet, row, unit_code, unit_name, indicator, measures, accepted
    accepted: pd.DataFrame  # the tidy rows a commit writes (observations.COLUMNS)
    problems: list[Problem]  # why rows (or the whole file) were refused, located in the uploaded file
    matches: pd.DataFrame  # written name -> code, registered name, how
    changes: pd.DataFrame  # per accepted value: before, after, change (new / changed / unchanged)
    status_changes: pd.DataFrame  # target × unit × year whose status changes
    notes: list[Note]
    committed: dict | None  # the log entry when this very file was committed before
    state: str  # the intake state this preview was computed on

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
        return dict(rows_read=self.rows_read, rows_accepted=self.rows_accepted, rows_rejected=self.rows_rejected,
                    values=len(self.accepted), new=int(change.get("new", 0)), changed=int(change.get("changed", 0)),
                    unchanged=int(change.get("unchanged", 0)), status_changes=len(self.status_changes))


# ------------------------------------------------------------------------------------------------ reading
def _tidy(data: bytes, filename: str, suffix: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A tidy CSV/Parquet upload as text cells with its row numbers (CSV header = row 1; Parquet row 1 = first)."""
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            df = pq.read_table(io.BytesIO(data)).to_pandas()
            df = df.apply(lambda s: s.map(lambda v: "" if v is None or v != v else
                                          (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))))
            first = 1
        else:
            df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
            first = 2
    except Exception as exc:  # the file's problem, reported with its name
        return pd.DataFrame(), [Problem("unreadable_file", filename, found=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)]
    df.columns = [clean(c).lower() for c in df.columns]
    problems = [Problem("missing_column", filename, row=1, found=", ".join(df.columns), params={"column_name": c})
                for c in KEY_COLUMNS if c not in df.columns]
    problems += [Problem("unknown_column", filename, row=1, column=c, found=c, params={"expected": ", ".join(COLUMNS)})
                 for c in df.columns if c not in COLUMNS]
    if not any(c in df.columns for c in MEASURE_COLUMNS):
        problems.append(Problem("missing_column", filename, row=1, found=", ".join(df.columns),
                                params={"column_name": " | ".join(MEASURE_COLUMNS)}))
    if problems:
        return pd.DataFrame(), problems
    df = df.reindex(columns=COLUMNS, fill_value="")
    df.insert(0, "row", range(first, len(df) + first))
    df.insert(0, "sheet", "")
    df["unit_name"] = ""
    return df, []


def _where(filename: str, sheet: str) -> str:
    return f"{filename} › {sheet}" if sheet else filename


# ------------------------------------------------------------------------------------------------ preview
def state() -> str:
    """What the committed uploads are now; a commit refuses a preview computed on another state."""
    return hashlib.sha256("\n".join(p.name for p in find_batches(paths.intake_dir())).encode()).hexdigest()[:16]


def log() -> list[dict]:
    path = paths.intake_dir() / "log.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def withdrawn_batches(entries: list[dict] | None = None) -> dict[str, dict]:
    """batch file name -> the withdrawal's log entry."""
    return {e["batch"]: e for e in (log() if entries is None else entries) if e.get("action") == "withdrawn"}


def committed_entry(sha256: str) -> dict | None:
    """The commit of this very file that still counts (not withdrawn), if any."""
    entries = log()
    gone = withdrawn_batches(entries)
    return next((e for e in entries if e.get("action", "committed") == "committed" and e["sha256"] == sha256
                 and e["batch"] not in gone), None)


def preview(data: bytes, filename: str, *, year: int | None = None, scope: str | None = None,
            inputs: Inputs | None = None, warehouse: Path | None = None) -> Preview:
    """Everything a commit would do, computed in memory. `scope`: the analyst's unit (None: everywhere);
    `year`: the year of a spreadsheet's figures (the template says it; a district sheet's title may).
    Raises ProblemError only when the current configuration itself is broken."""
    filename = Path(filename).name
    suffix = Path(filename).suffix.lower()
    digest = hashlib.sha256(data).hexdigest()
    inputs = inputs or load_inputs()
    problems: list[Problem] = []
    notes: list[Note] = []
    columns = pd.DataFrame(columns=["sheet", "column", "heading", "indicator", "measure"])
    frame = None
    if suffix in TIDY:
        frame, problems = _tidy(data, filename, suffix)
    elif suffix in EXCEL:
        try:
            reading = read_workbook(data, filename, suffix, inputs.catalog)
        except Exception as exc:  # a damaged workbook is the file's problem
            problems = [Problem("unreadable_file", filename, found=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)]
        else:
            year = year or reading.year
            problems, notes, columns = reading.problems, reading.notes, reading.columns
            frame = reading.observations.assign(year=str(year) if year else "", source="")
    else:
        problems = [Problem("unreadable_file", filename, found=f"'{suffix}' (.csv, .parquet, .xlsx, .xls, .ods)")]
    if frame is None or frame.empty:
        frame = pd.DataFrame(columns=["sheet", "row", "unit_name"] + COLUMNS)
    frame = frame.reset_index(drop=True)
    frame["where"] = [_where(filename, s) for s in frame["sheet"]]
    if frame.empty and not problems:
        problems.append(Problem("no_rows", filename))

    units = hierarchy(inputs)
    matches, subtotals = _match_units(frame, units, scope, year, problems, notes)
    frame = frame.drop(index=subtotals)
    _check_scope(frame, units, scope, problems)
    units.close()
    refused = {(p.file, p.row) for p in problems if p.row is not None}
    keep = pd.Series([(w, r) not in refused for w, r in zip(frame["where"], frame["row"])], index=frame.index, dtype=bool)
    tidy = _tidy_rows(frame[keep], filename)
    validated, con_problems = _validate(inputs, tidy, frame[keep], columns, filename)
    problems += con_problems
    refused |= {(p.file, p.row) for p in con_problems}
    # refusal is by (file › sheet, row): every value of a refused row goes, never part of a row
    frame["accepted"] = pd.Series([(w, r) not in refused for w, r in zip(frame["where"], frame["row"])],
                                  index=frame.index, dtype=bool)
    accepted = _tidy_rows(frame[frame["accepted"]], filename)
    if len(accepted) != len(tidy):  # the build refused some rows: statuses after are those of the rest
        validated.close()
        validated = _validate(inputs, accepted, frame[frame["accepted"]], columns, filename)[0]
    wh = warehouse or paths.warehouse_file()
    changes = _changes(accepted, wh)
    status_changes = _status_changes(validated, wh)
    return Preview(filename, digest, suffix, year, scope, data, frame, accepted, _sorted(problems), matches, changes,
                   status_changes, notes, committed_entry(digest), state())


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))


def _scope_label(units: duckdb.DuckDBPyConnection, scope: str | None) -> str:
    if scope is None:
        return "cả nước"
    name = units.execute("select name from unit_years where code = ? order by year desc limit 1", [scope]).fetchall()
    return f"{name[0][0]} ({scope})" if name else scope


def _match_units(frame: pd.DataFrame, units: duckdb.DuckDBPyConnection, scope: str | None, year: int | None,
                 problems: list[Problem], notes: list[Note]) -> tuple[pd.DataFrame, list]:
    """Fill unit_code from unit_name where no code is written; check names against codes where both are.
    In a sheet of communes, a row named after a district (a subtotal, as in a province's sheet grouped by district)
    is not loaded, like a total row: its index is returned to be dropped, with a note.
    Returns (the matching report, indexes of subtotal rows). `units`: unit_names.hierarchy()."""
    named = frame[frame["unit_name"].astype(str).str.strip() != ""]
    report_columns = ["written", "code", "registered", "how_vi", "how_en"]
    if named.empty:
        return pd.DataFrame(columns=report_columns), []
    if year is None:
        for (w, r) in named[["where", "row"]].drop_duplicates().itertuples(index=False):
            problems.append(Problem("empty_value", w, row=int(r), column="year", params={"expected": {"vi": "năm của số liệu", "en": "the year of the figures"}}))
        return pd.DataFrame(columns=report_columns), []
    candidates = units_in_scope(units, scope, year)
    candidates = candidates[candidates["code"] != scope]
    tier = dict(zip(candidates["code"], candidates["tier"]))
    everywhere = units_in_scope(units, None, year)
    registered = dict(zip(everywhere["code"], everywhere["name"]))
    scope_label = _scope_label(units, scope)
    seen: dict[str, dict] = {}
    for idx, r in named.iterrows():
        written, code, where, row = clean(r["unit_name"]), clean(r["unit_code"]), r["where"], int(r["row"])
        column = r.get("unit_column") or "unit_name"
        if code:
            name = registered.get(code)
            if name is not None and not registered_name_matches(written, name):
                problems.append(Problem("code_name_mismatch", where, row=row, found=code,
                                        params={"registered": name, "written": written}))
            seen.setdefault(written, dict(code=code, registered=name or "", how="code"))
            continue
        if written not in seen:
            found, how, ambiguous, near = match(written, candidates)
            seen[written] = dict(code=found or "", registered=registered.get(found, ""), how=how, ambiguous=ambiguous,
                                 near=near)
        m = seen[written]
        if m["code"]:
            frame.at[idx, "unit_code"] = m["code"]
        elif m["ambiguous"]:
            problems.append(Problem("unit_name_ambiguous", where, row=row, found=written, column=column,
                                    params={"scope": scope_label, "expected": "; ".join(m["ambiguous"])}))
        else:
            near = "; ".join(m["near"])
            hint = {"vi": f" (gần giống: {near})", "en": f" (close: {near})"} if near else ""
            problems.append(Problem("unit_name_unknown", where, row=row, found=written, column=column,
                                    params={"scope": scope_label, "year": year, "hint": hint}))
    by_name = frame.loc[named.index]
    by_name = by_name[[seen[clean(n)].get("how") not in (None, "code") for n in by_name["unit_name"]]]
    tiers = by_name["unit_code"].map(tier)
    subtotals = []
    for where in by_name["where"].unique():
        in_sheet = tiers[by_name["where"] == where]
        if (in_sheet == "commune").any():
            for idx in in_sheet[in_sheet != "commune"].index:
                r = frame.loc[idx]
                notes.append(Note(where, int(r["row"]), f"'{r['unit_name']}': dòng cộng của đơn vị cấp trên, không nạp",
                                  f"'{r['unit_name']}': a subtotal of a higher unit, not loaded"))
                subtotals.append(idx)
    out = [dict(written=w, code=m["code"], registered=m["registered"],
                how_vi=HOW_VI.get(m["how"], "không khớp: không nạp"), how_en=HOW_EN.get(m["how"], "no match: not loaded"))
           for w, m in seen.items()]
    return pd.DataFrame(out, columns=report_columns), subtotals


def _check_scope(frame: pd.DataFrame, units: duckdb.DuckDBPyConnection, scope: str | None,
                 problems: list[Problem]) -> None:
    """Rows for a unit that exists in their year but is not `scope` or below it are refused (rows whose unit or
    year does not exist are refused by the build's own checks)."""
    if scope is None or frame.empty:
        return
    rows = pd.DataFrame({"i": range(len(frame)), "code": frame["unit_code"].map(clean),
                         "year": pd.to_numeric(frame["year"], errors="coerce")})
    units.register("_rows", rows)
    outside = units.execute("""
        select r.i from _rows r
        join unit_years u on u.code = r.code and u.year = r.year
        where not exists (select 1 from unit_ancestors a
                          where a.descendant = r.code and a.year = r.year and a.ancestor = ?)""", [scope]).fetchall()
    units.unregister("_rows")
    label = _scope_label(units, scope)
    for (i,) in outside:
        r = frame.iloc[i]
        problems.append(Problem("out_of_scope", r["where"], row=int(r["row"]), found=clean(r["unit_code"]),
                                column="unit_code", params={"scope": label}))


def _tidy_rows(frame: pd.DataFrame, filename: str) -> pd.DataFrame:
    out = frame.reindex(columns=COLUMNS).fillna("").copy()
    where = [f"{filename}, {s} dòng {r}" if s else f"{filename}, dòng {r}" for s, r in zip(frame["sheet"], frame["row"])]
    out["source"] = [s if clean(s) else w for s, w in zip(out["source"], where)]
    return out.reset_index(drop=True)


def _validate(inputs: Inputs, tidy: pd.DataFrame, frame: pd.DataFrame, columns: pd.DataFrame,
              filename: str) -> tuple[duckdb.DuckDBPyConnection, list[Problem]]:
    """Populate an in-memory warehouse with the current inputs plus these rows as the newest batch; the rows'
    rejects are located back in the uploaded file. Returns the connection (for the statuses after)."""
    batch = max((f.batch for f in inputs.files), default=0) + 1
    upload = InputFile(Path(UPLOAD_SHOWN), UPLOAD_SHOWN, "", len(tidy), tidy.astype(str), batch)
    con = duckdb.connect(":memory:")
    try:
        rejects = populate(con, replace(inputs, files=inputs.files + [upload]))
    except BaseException:
        con.close()
        raise
    origin = {i + 2: (w, r, s) for i, (w, r, s) in enumerate(zip(frame["where"], frame["row"], frame["sheet"]))}
    letters = {(c.sheet, c.indicator, c.measure): c.column for c in columns.itertuples()}
    indicators = list(tidy["indicator"])
    out = []
    for p in rejects:
        if p.file != UPLOAD_SHOWN:
            continue
        w, r, sheet = origin[p.row]
        column = p.column
        if sheet:
            ind = indicators[p.row - 2]
            letter = letters.get((sheet, ind, column))
            column = f"{letter} ({MEASURE_VI.get(column, column)} {ind})" if letter else f"{column} ({ind})"
        params = dict(p.params)
        if p.code == "duplicate" and params.get("other_file") == UPLOAD_SHOWN:
            ow, orow, _ = origin.get(int(params["other_row"]), (filename, params["other_row"], ""))
            params.update(other_file=ow, other_row=orow)
        out.append(replace(p, file=w, row=int(r), column=column, params=params))
    return con, out


def _changes(accepted: pd.DataFrame, warehouse: Path) -> pd.DataFrame:
    cols = ["unit_code", "year", "indicator", "before", "after", "change"]
    if accepted.empty:
        return pd.DataFrame(columns=cols)
    typed = accepted.copy()
    typed["year"] = pd.to_numeric(typed["year"], errors="coerce").astype("Int64")
    for c in ("numerator", "denominator", "value", "level"):
        typed[c] = pd.to_numeric(typed[c].replace("", None), errors="coerce")
    before = pd.DataFrame(columns=["unit_code", "year", "indicator", "numerator", "denominator", "value", "level"])
    if warehouse.exists():
        with connect_read_only(warehouse) as con:
            con.register("_keys", typed[["unit_code", "year", "indicator"]].astype({"year": "int64"}))
            before = con.execute("select o.unit_code, o.year, o.indicator, o.numerator, o.denominator, o.value, o.level "
                                 "from observations o semi join _keys k using (unit_code, year, indicator)").df()
    merged = typed.merge(before.astype({"year": "Int64"}), on=["unit_code", "year", "indicator"], how="left",
                         suffixes=("", "_before"), indicator=True)
    measures = ["numerator", "denominator", "value", "level"]
    out = []
    for r, how in zip(merged.to_dict("records"), merged["_merge"]):
        after = [r[m] for m in measures]
        old = [r[f"{m}_before"] for m in measures]
        same = all((is_missing(a) and is_missing(b)) or (not is_missing(a) and not is_missing(b) and float(a) == float(b))
                   for a, b in zip(after, old))
        change = "new" if how == "left_only" else "unchanged" if same else "changed"
        out.append((r["unit_code"], r["year"], r["indicator"], "" if change == "new" else value_text(*old),
                    value_text(*after), change))
    return pd.DataFrame(out, columns=cols)


def _status_changes(con: duckdb.DuckDBPyConnection, warehouse: Path) -> pd.DataFrame:
    """Target × unit × year whose status differs between the warehouse in use and `con` (the preview's build)."""
    cols = ["target_id", "indicator", "unit_code", "year", "before", "after"]
    try:
        if not warehouse.exists():
            return pd.DataFrame(columns=cols)
        con.execute("attach ? as live (read_only)", [str(warehouse)])
        df = con.execute("""
            select a.target_id, a.indicator, a.unit_code, a.year, b.status as before, a.status as after
            from progress a
            left join live.progress b using (target_id, unit_code, year)
            where a.status is distinct from b.status
            order by a.year desc, a.target_id, a.unit_code""").df()
        con.execute("detach live")
    finally:
        con.close()
    return df[cols]


# ------------------------------------------------------------------------------------------------ commit
def commit(p: Preview, who: str, why: str, build: Callable | None = None) -> tuple[dict, bool]:
    """(log entry, True) after writing the accepted rows as a new batch and rebuilding; (earlier entry, False) when
    this file was committed before. Raises ProblemError (no who / why, nothing to load, a stale preview), or whatever
    the build raises, in which case nothing is left behind."""
    from pipelines.build.runner import build as default_build

    _need_who_and_why(who, why)
    with locked(paths.intake_dir() / ".lock"):
        earlier = committed_entry(p.sha256)
        if earlier is not None:
            return earlier, False
        if state() != p.state:
            entries = log()
            raise stale_upload(entries[-1] if entries else None)
        if p.accepted.empty:
            raise ProblemError.of("nothing_to_load")
        d = paths.intake_dir()
        when = datetime.now(timezone.utc)
        stamp = when.strftime("%Y%m%dT%H%M%S%fZ")
        kept = d / "files" / f"{p.sha256}{p.suffix}"
        batch = d / "batches" / f"{stamp}_{p.sha256[:12]}.csv"
        wrote_kept = not kept.exists()
        try:
            if wrote_kept:
                atomic_write(kept, p.data)
            atomic_write(batch, p.accepted.to_csv(index=False))
            shown = paths.display_path(batch)
            result = (build or default_build)(verify=lambda con: _verify(con, shown, len(p.accepted)))
        except BaseException:
            batch.unlink(missing_ok=True)
            if wrote_kept:
                kept.unlink(missing_ok=True)
            raise
        entry = dict(action="committed", when=when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), who=who, why=why, file=p.filename,
                     sha256=p.sha256,
                     kept=paths.display_path(kept), batch=batch.name,
                     year=p.year or ", ".join(sorted(set(p.accepted["year"]))), scope=p.scope,
                     build_id=getattr(result, "build_id", None), **p.counts())
        _append_log(entry)
    return entry, True


def _append_log(entry: dict) -> None:
    with open(paths.intake_dir() / "log.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def withdraw(batch: str, who: str, why: str, build: Callable | None = None) -> dict:
    """Take a committed upload back: its batch moves to withdrawn/, the warehouse is rebuilt (the values it had
    replaced count again), and the withdrawal is logged. A failed rebuild puts the batch back."""
    from pipelines.build.runner import build as default_build

    _need_who_and_why(who, why)
    d = paths.intake_dir()
    with locked(d / ".lock"):
        entries = log()
        committed = next((e for e in entries if e.get("action", "committed") == "committed" and e["batch"] == batch), None)
        if committed is None or batch in withdrawn_batches(entries) or not (d / "batches" / batch).exists():
            raise ProblemError.of("batch_not_active", batch)
        source, parked = d / "batches" / batch, d / "withdrawn" / batch
        parked.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, parked)
        try:
            result = (build or default_build)()
        except BaseException:
            os.replace(parked, source)
            raise
        entry = dict(action="withdrawn", when=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), who=who,
                     why=why, file=committed["file"], sha256=committed["sha256"], batch=batch, year=committed["year"],
                     scope=committed["scope"], build_id=getattr(result, "build_id", None))
        _append_log(entry)
    return entry


def _verify(con: duckdb.DuckDBPyConnection, shown: str, expected: int) -> None:
    """The build must take every committed row as it was previewed; otherwise the commit is abandoned."""
    rejected = con.execute("select count(*) from rejects where file = ?", [shown]).fetchone()[0]
    loaded = con.execute("select count(*) from observations where file = ?", [shown]).fetchone()[0]
    if rejected or loaded != expected:
        raise ProblemError([Problem("commit_mismatch", shown, found=str(loaded),
                                  params={"rejected": rejected, "expected": expected})])
