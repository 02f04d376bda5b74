"""Unit names written in a spreadsheet -> GSO codes, as an explicit step whose every decision is reported.

A name matches a unit of the scope (valid in the report's year) when their keys are equal (vn_text.name_key:
Unicode form, case, old/new tone placement and the administrative prefix do not matter). Exactly one unit must
match: two (the same name in two districts of a province) or none are refused with the candidates or the
nearest names as a hint, never guessed.
"""
from __future__ import annotations

import difflib

import pandas as pd

from .vn_text import clean, name_key

HOW_VI = {"code": "mã đơn vị", "exact": "tên trùng khớp", "normalised": "tên sau chuẩn hóa (dấu, hoa/thường, tiền tố)"}
HOW_EN = {"code": "unit code", "exact": "exact name", "normalised": "name after normalisation (accents, case, prefix)"}


def units_in_scope(units: pd.DataFrame, scope: str | None, year: int) -> pd.DataFrame:
    """Units valid at 31/12 of `year` that are `scope` or below it (all units when scope is None):
    code, name, tier, parent_code, lineage (the codes from the unit up to the country)."""
    end = pd.Timestamp(year=year, month=12, day=31)
    valid = units[(units["valid_from"] <= end) & (units["valid_to"] >= end)]
    valid = valid.sort_values("valid_from").drop_duplicates("code", keep="last")
    parent = dict(zip(valid["code"], valid["parent_code"]))
    lineages = []
    for code in valid["code"]:
        chain, seen = [code], {code}
        while parent.get(chain[-1]) and parent[chain[-1]] not in seen:
            chain.append(parent[chain[-1]])
            seen.add(chain[-1])
        lineages.append(chain)
    out = valid[["code", "name", "tier", "parent_code"]].assign(lineage=lineages)
    if scope is not None:
        out = out[out["lineage"].map(lambda ch: scope in ch)]
    return out.reset_index(drop=True)


def match(written: str, candidates: pd.DataFrame) -> tuple[str | None, str | None, list[str], list[str]]:
    """(code, how, ambiguous codes, suggestions) for one written name among `candidates` (code, name)."""
    text = clean(written)
    exact = candidates[candidates["name"] == text]
    if len(exact) == 1:
        return exact["code"].iloc[0], "exact", [], []
    key = name_key(text)
    keys = candidates["name"].map(name_key)
    hits = candidates[keys == key]
    if len(hits) == 1:
        return hits["code"].iloc[0], "normalised", [], []
    if len(hits) > 1:
        return None, None, [f"{r.name} ({r.code})" for r in hits.itertuples()], []
    near = difflib.get_close_matches(key, keys.tolist(), n=3, cutoff=0.6)
    names = [f"{candidates['name'][keys == k].iloc[0]} ({candidates['code'][keys == k].iloc[0]})" for k in near]
    return None, None, [], names


def registered_name_matches(written: str, registered: str) -> bool:
    return not clean(written) or name_key(written) == name_key(registered)
