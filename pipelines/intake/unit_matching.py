"""Unit names written in a spreadsheet -> GSO codes, as an explicit step whose every decision is reported.

A name matches a unit of the scope (valid in the report's year) when their keys are equal (vn_text.name_key:
Unicode form, case, old/new tone placement and the administrative prefix do not matter; failing that,
vn_text.ascii_key: no diacritics, as the statistics office's English tables write names). Exactly one unit must
match: two (the same name in two districts of a province) or none are refused with the candidates or the
nearest names as a hint, never guessed.
"""

from __future__ import annotations

import difflib

import duckdb
import pandas as pd

from pipelines.vn_text import ascii_key, clean, name_key, prefix_of

HOW_VI = {
    "code": "mã đơn vị",
    "exact": "tên trùng khớp",
    "normalised": "tên sau chuẩn hóa (dấu, hoa/thường, tiền tố)",
    "folded": "tên không dấu (đ → d, gạch nối, 'city'/'province')",
    "typed": "tên và loại đơn vị (TT = thị trấn, TX = thị xã, P. = phường, X. = xã)",
}
HOW_EN = {
    "code": "unit code",
    "exact": "exact name",
    "normalised": "name after normalisation (accents, case, prefix)",
    "folded": "name without diacritics (đ → d, hyphens, 'city'/'province')",
    "typed": "name and unit type (TT = thị trấn, TX = thị xã, P. = phường, X. = xã)",
}


def hierarchy(inputs, years: set[int] = frozenset()) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the build's own unit_years and unit_ancestors (the map valid at 31/12 of each
    year, closed transitively), computed from `inputs` (pipelines.build.Inputs) by the same SQL files; `years`
    before settings.first_year (an upload's history) are covered down to the communes."""
    from pipelines.build.configuration_tables import load_configuration
    from pipelines.build.sql_runner import run_sql

    con = duckdb.connect(":memory:")
    load_configuration(con, inputs)
    s = inputs.catalog.settings
    history = sorted(y for y in years if s.history_from <= y < s.first_year)
    con.execute("create table history_years as select unnest($y::integer[]) as year, 3 as finest", {"y": history})
    for name in ("unit_years", "unit_ancestors"):
        run_sql(con, name)
    return con


def units_in_scope(con: duckdb.DuckDBPyConnection, scope: str | None, year: int) -> pd.DataFrame:
    """code, name, tier of the units valid in `year` that are `scope` or below it (every unit when scope is None),
    in Vietnamese order. `con`: hierarchy()."""
    return con.execute(
        """
        select u.code, u.name, u.tier
        from unit_years u
        where u.year = $year
          and ($scope is null or exists (select 1 from unit_ancestors a
                                         where a.descendant = u.code and a.year = u.year and a.ancestor = $scope))
        order by u.name collate vi, u.code""",
        {"year": year, "scope": scope},
    ).df()


def match(written: str, candidates: pd.DataFrame) -> tuple[str | None, str | None, list[str], list[str]]:
    """(code, how, ambiguous codes, suggestions) for one written name among `candidates` (code, name): the exact
    name, else the normalised key, else the folded key (vn_text.ascii_key)."""
    text = clean(written)
    exact = candidates[candidates["name"] == text]
    if len(exact) == 1:
        return exact["code"].iloc[0], "exact", [], []
    key = name_key(text)
    keys = candidates["name"].map(name_key)
    hits = candidates[keys == key]
    if len(hits) == 1:
        return hits["code"].iloc[0], "normalised", [], []
    typed = hits[hits["name"].map(prefix_of) == prefix_of(text)] if prefix_of(text) else hits.iloc[0:0]
    if len(hits) > 1 and len(typed) == 1:  # 'TT Thới Bình': the (abbreviated) type says which
        return typed["code"].iloc[0], "typed", [], []
    if len(hits) > 1:
        return None, None, [f"{r.name} ({r.code})" for r in hits.itertuples()], []
    # hyphens, dots, 'city'/'province' folded; diacritics too for a name written without any ('Ha Noi'), never
    # for one written with them ('Hòa Mơi' is not 'Hòa Mới')
    marks = not text.isascii()
    folded = candidates[candidates["name"].map(lambda n: ascii_key(n, keep_marks=marks)) == ascii_key(text, marks)]
    if len(folded) == 1:
        return folded["code"].iloc[0], "folded", [], []
    if len(folded) > 1:
        return None, None, [f"{r.name} ({r.code})" for r in folded.itertuples()], []
    near = difflib.get_close_matches(key, keys.tolist(), n=3, cutoff=0.6)
    names = [f"{candidates['name'][keys == k].iloc[0]} ({candidates['code'][keys == k].iloc[0]})" for k in near]
    return None, None, [], names


def registered_name_matches(written: str, registered: str) -> bool:
    return not clean(written) or name_key(written) == name_key(registered)
