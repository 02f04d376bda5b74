"""An upload's units: names matched to codes among the units of the analyst's scope (an explicit, reported step),
and rows for units outside the scope refused."""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.intake.sheet_headers import Note
from pipelines.intake.unit_matching import HOW_EN, HOW_VI, match, registered_name_matches, units_in_scope
from pipelines.problems import Problem
from pipelines.vn_text import clean


def _scope_label(units: duckdb.DuckDBPyConnection, scope: str | None) -> str:
    if scope is None:
        return "cả nước"
    name = units.execute("select name from unit_years where code = ? order by year desc limit 1", [scope]).fetchall()
    return f"{name[0][0]} ({scope})" if name else scope


def match_units(
    frame: pd.DataFrame,
    units: duckdb.DuckDBPyConnection,
    scope: str | None,
    year: int | None,
    problems: list[Problem],
    notes: list[Note],
    tiers: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, list]:
    """Fill unit_code from unit_name where no code is written; check names against codes where both are.
    In a sheet of communes, a row named after a district (a subtotal, as in a province's sheet grouped by district)
    is not loaded, like a total row: its index is returned to be dropped, with a note.
    `year`: the year of every row, or None when each row carries its own (a table with one column per year);
    `tiers`: the tiers a name may match (a province table: provinces, never the city of the same name).
    Returns (the matching report, indexes of subtotal rows). `units`: unit_matching.hierarchy()."""
    named = frame[frame["unit_name"].astype(str).str.strip() != ""]
    report_columns = ["written", "code", "registered", "how_vi", "how_en"]
    if named.empty:
        return pd.DataFrame(columns=report_columns), []
    row_years = named["year"].map(clean) if year is None and "year" in named else pd.Series("", index=named.index)
    if year is None and (row_years == "").any():
        for w, r in named[["where", "row"]].drop_duplicates().itertuples(index=False):
            problems.append(
                Problem(
                    "empty_value",
                    w,
                    row=int(r),
                    column="year",
                    params={"expected": {"vi": "năm của số liệu", "en": "the year of the figures"}},
                )
            )
        return pd.DataFrame(columns=report_columns), []
    candidates_of: dict[int, pd.DataFrame] = {}
    registered: dict[str, str] = {}
    tier: dict[str, str] = {}
    for y in {year} if year is not None else {int(x) for x in row_years}:
        found = units_in_scope(units, scope, y)
        found = found[(found["code"] != scope) & (found["tier"].isin(tiers) if tiers else True)]
        candidates_of[y] = found
        tier.update(zip(found["code"], found["tier"]))
        everywhere = units_in_scope(units, None, y)
        registered.update(zip(everywhere["code"], everywhere["name"]))
    scope_label = _scope_label(units, scope)
    seen: dict[tuple, dict] = {}
    by_name_rows: list = []
    for idx, r in named.iterrows():
        written, code, where, row = clean(r["unit_name"]), clean(r["unit_code"]), r["where"], int(r["row"])
        row_year = year if year is not None else int(row_years[idx])
        column = r.get("unit_column") or "unit_name"
        if code:
            name = registered.get(code)
            if name is not None and not registered_name_matches(written, name):
                problems.append(
                    Problem(
                        "code_name_mismatch",
                        where,
                        row=row,
                        found=code,
                        params={"registered": name, "written": written},
                    )
                )
            seen.setdefault((written, row_year), dict(code=code, registered=name or "", how="code"))
            continue
        key = (written, row_year)
        if key not in seen:
            found, how, ambiguous, near = match(written, candidates_of[row_year])
            seen[key] = dict(
                code=found or "", registered=registered.get(found, ""), how=how, ambiguous=ambiguous, near=near
            )
        m = seen[key]
        if m["code"]:
            frame.at[idx, "unit_code"] = m["code"]
            by_name_rows.append(idx)
        elif m["ambiguous"]:
            problems.append(
                Problem(
                    "unit_name_ambiguous",
                    where,
                    row=row,
                    found=written,
                    column=column,
                    params={"scope": scope_label, "expected": "; ".join(m["ambiguous"])},
                )
            )
        else:
            near = "; ".join(m["near"])
            hint = {"vi": f" (gần giống: {near})", "en": f" (close: {near})"} if near else ""
            problems.append(
                Problem(
                    "unit_name_unknown",
                    where,
                    row=row,
                    found=written,
                    column=column,
                    params={"scope": scope_label, "year": row_year, "hint": hint},
                )
            )
    by_name = frame.loc[by_name_rows]
    tiers = by_name["unit_code"].map(tier)
    subtotals = []
    for where in by_name["where"].unique():
        in_sheet = tiers[by_name["where"] == where]
        if (in_sheet == "commune").any():
            for idx in in_sheet[in_sheet != "commune"].index:
                r = frame.loc[idx]
                notes.append(
                    Note(
                        where,
                        int(r["row"]),
                        f"'{r['unit_name']}': dòng cộng của đơn vị cấp trên, không nạp",
                        f"'{r['unit_name']}': a subtotal of a higher unit, not loaded",
                    )
                )
                subtotals.append(idx)
    out = [
        dict(
            written=w,
            code=m["code"],
            registered=m["registered"],
            how_vi=HOW_VI.get(m["how"], "không khớp: không nạp"),
            how_en=HOW_EN.get(m["how"], "no match: not loaded"),
        )
        for (w, _), m in seen.items()
    ]
    return pd.DataFrame(out, columns=report_columns).drop_duplicates(), subtotals


def check_scope(
    frame: pd.DataFrame, units: duckdb.DuckDBPyConnection, scope: str | None, problems: list[Problem]
) -> None:
    """Rows for a unit that exists in their year but is not `scope` or below it are refused (rows whose unit or
    year does not exist are refused by the build's own checks)."""
    if scope is None or frame.empty:
        return
    rows = pd.DataFrame(
        {
            "i": range(len(frame)),
            "code": frame["unit_code"].map(clean),
            "year": pd.to_numeric(frame["year"], errors="coerce"),
        }
    )
    units.register("_rows", rows)
    outside = units.execute(
        """
        select r.i from _rows r
        join unit_years u on u.code = r.code and u.year = r.year
        where not exists (select 1 from unit_ancestors a
                          where a.descendant = r.code and a.year = r.year and a.ancestor = ?)""",
        [scope],
    ).fetchall()
    units.unregister("_rows")
    label = _scope_label(units, scope)
    for (i,) in outside:
        r = frame.iloc[i]
        problems.append(
            Problem(
                "out_of_scope",
                r["where"],
                row=int(r["row"]),
                found=clean(r["unit_code"]),
                column="unit_code",
                params={"scope": label},
            )
        )
