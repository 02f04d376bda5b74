"""What a previewed upload would change: every value new / changed / unchanged against the warehouse in use, and
the statuses that change (read from the warehouse the preview built with the upload, preview_build.py, compared
with the live warehouse)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from pipelines.build.warehouse_file import connect_read_only
from pipelines.vn_text import is_missing, observation_text


def value_changes(accepted: pd.DataFrame, warehouse: Path) -> pd.DataFrame:
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
            before = con.execute(
                "select o.unit_code, o.year, o.indicator, o.numerator, o.denominator, o.value, o.level "
                "from observations o semi join _keys k using (unit_code, year, indicator)"
            ).df()
    merged = typed.merge(
        before.astype({"year": "Int64"}),
        on=["unit_code", "year", "indicator"],
        how="left",
        suffixes=("", "_before"),
        indicator=True,
    )
    measures = ["numerator", "denominator", "value", "level"]
    out = []
    for r, how in zip(merged.to_dict("records"), merged["_merge"]):
        after = [r[m] for m in measures]
        old = [r[f"{m}_before"] for m in measures]
        same = all(
            (is_missing(a) and is_missing(b)) or (not is_missing(a) and not is_missing(b) and float(a) == float(b))
            for a, b in zip(after, old)
        )
        change = "new" if how == "left_only" else "unchanged" if same else "changed"
        out.append(
            (
                r["unit_code"],
                r["year"],
                r["indicator"],
                "" if change == "new" else observation_text(*old),
                observation_text(*after),
                change,
            )
        )
    return pd.DataFrame(out, columns=cols)


def statuses_that_change(con: duckdb.DuckDBPyConnection, warehouse: Path) -> pd.DataFrame:
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
