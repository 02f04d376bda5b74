"""The preview of an upload: read -> match names to codes -> check the analyst's scope -> validate exactly as a
build would -> rows accepted and refused with reasons, values new / changed / unchanged, statuses that change.
Nothing is written."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.build.runner import Inputs, load_inputs, populate
from pipelines.build.warehouse_file import connect_read_only
from pipelines.config import paths
from pipelines.ingest.observation_files import COLUMNS, KEY_COLUMNS, VALUE_COLUMNS, InputFile
from pipelines.intake.commit_log import committed_entry, state
from pipelines.intake.spreadsheet import FIELD_VI, Note, read_workbook
from pipelines.intake.unit_matching import HOW_EN, HOW_VI, hierarchy, match, registered_name_matches, units_in_scope
from pipelines.problems import Problem
from pipelines.vn_text import clean, is_missing, observation_text

TIDY = (".csv", ".parquet")
EXCEL = (".xlsx", ".xls", ".ods")
UPLOAD_SHOWN = "(tệp tải lên)"


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
    if not any(c in df.columns for c in VALUE_COLUMNS):
        problems.append(Problem("missing_column", filename, row=1, found=", ".join(df.columns),
                                params={"column_name": " | ".join(VALUE_COLUMNS)}))
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
            column = f"{letter} ({FIELD_VI.get(column, column)} {ind})" if letter else f"{column} ({ind})"
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
        out.append((r["unit_code"], r["year"], r["indicator"], "" if change == "new" else observation_text(*old),
                    observation_text(*after), change))
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
