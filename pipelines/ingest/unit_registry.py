"""Read and validate the unit registry (data/units/units.csv) and the ĐBKK flags (data/units/dbkk.csv)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd

from pipelines.config import paths
from pipelines.config.catalog import TIERS
from pipelines.config.settings import settings
from pipelines.problems import Problem, ProblemError

UNIT_COLUMNS = ["code", "name", "type", "tier", "parent_code", "valid_from", "valid_to", "source", "note"]
DBKK_COLUMNS = ["code", "valid_from", "valid_to", "source"]
OPEN_START, OPEN_END = pd.Timestamp("1900-01-01"), pd.Timestamp("2999-12-31")


def read_text_csv(path: Path, columns: list[str]) -> pd.DataFrame:
    """All cells as NFC-normalised, trimmed text; raises ProblemError naming a missing column."""
    shown = paths.display_path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ProblemError([Problem("unreadable_file", shown, found=str(exc).splitlines()[0])]) from exc
    df.columns = [unicodedata.normalize("NFC", str(c)).strip().lower() for c in df.columns]
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ProblemError(
            [
                Problem("missing_column", shown, row=1, found=", ".join(df.columns), params={"column_name": c})
                for c in missing
            ]
        )
    df = df[columns].apply(lambda s: s.map(lambda v: unicodedata.normalize("NFC", v).strip()))
    df.insert(0, "row", range(2, len(df) + 2))
    return df


def _dates(df: pd.DataFrame, shown: str, problems: list[Problem]) -> pd.DataFrame:
    for col, default in (("valid_from", OPEN_START), ("valid_to", OPEN_END)):
        parsed = pd.to_datetime(df[col].replace("", None), format="%Y-%m-%d", errors="coerce")
        bad = df[(df[col] != "") & parsed.isna()]
        for r in bad.itertuples():
            problems.append(
                Problem("registry_invalid", shown, row=r.row, column=col, found=f"'{getattr(r, col)}' (YYYY-MM-DD)")
            )
        df[col] = parsed.fillna(default)
    for r in df[df["valid_from"] > df["valid_to"]].itertuples():
        problems.append(
            Problem(
                "registry_invalid",
                shown,
                row=r.row,
                column="valid_from",
                found=f"{r.valid_from.date()} > valid_to {r.valid_to.date()}",
            )
        )
    return df


def load_units(directory: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    directory = directory or paths.units_dir()
    units_path = directory / "units.csv"
    shown = paths.display_path(units_path)
    units = read_text_csv(units_path, UNIT_COLUMNS)
    problems: list[Problem] = []
    units = _dates(units, shown, problems)

    for r in units[~units["tier"].isin(TIERS)].itertuples():
        problems.append(
            Problem("registry_invalid", shown, row=r.row, column="tier", found=f"'{r.tier}' ∉ {', '.join(TIERS)}")
        )
    tier_of = dict(zip(units["code"], units["tier"]))
    no_districts_from = pd.Timestamp(settings().reform_date)
    for r in units.itertuples():
        if r.tier == "country":
            continue
        parent_tier = tier_of.get(r.parent_code)
        if parent_tier is None:
            problems.append(
                Problem(
                    "registry_invalid",
                    shown,
                    row=r.row,
                    column="parent_code",
                    found=f"'{r.parent_code}' (mã cha không có trong danh mục / parent not in registry)",
                )
            )
        elif r.tier in TIERS and not (
            TIERS.index(parent_tier) == TIERS.index(r.tier) - 1
            or (
                # since the reform (settings.reform_date, NQ 202/2025/QH15) there is no district level: communes belong to provinces
                r.tier == "commune" and parent_tier == "province" and r.valid_from >= no_districts_from
            )
        ):
            problems.append(
                Problem(
                    "registry_invalid",
                    shown,
                    row=r.row,
                    column="parent_code",
                    found=f"{r.parent_code} ({parent_tier}) → {r.code} ({r.tier})",
                )
            )
    ordered = units.sort_values(["code", "valid_from"])
    prev = ordered.groupby("code")["valid_to"].shift()
    for r in ordered[prev.notna() & (ordered["valid_from"] <= prev)].itertuples():
        problems.append(
            Problem(
                "registry_invalid",
                shown,
                row=r.row,
                column="valid_from",
                found=f"{r.code}: hai khoảng hiệu lực chồng nhau / overlapping validity",
            )
        )

    dbkk_path = directory / "dbkk.csv"
    if dbkk_path.exists():
        dbkk = read_text_csv(dbkk_path, DBKK_COLUMNS)
        dbkk = _dates(dbkk, paths.display_path(dbkk_path), problems)
        for r in dbkk[~dbkk["code"].isin(tier_of)].itertuples():
            problems.append(
                Problem("unknown_unit", paths.display_path(dbkk_path), row=r.row, column="code", found=r.code)
            )
    else:
        dbkk = pd.DataFrame({c: pd.Series(dtype="object") for c in ["row"] + DBKK_COLUMNS})
    if problems:
        raise ProblemError(problems)
    return units, dbkk


CROSSWALK_COLUMNS = ["old_code", "new_code", "share", "kind", "default_successor", "source"]


def load_crosswalk(units: pd.DataFrame, directory: Path | None = None) -> pd.DataFrame:
    """data/units/crosswalk_2025.csv: old commune -> new commune with the share of its counts (empty if absent).
    Codes must be in the registry, each pair on one line, shares in (0, 1] and each old commune's shares must add up
    to 1."""
    path = (directory or paths.units_dir()) / "crosswalk_2025.csv"
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CROSSWALK_COLUMNS}).astype({"share": float})
    shown = paths.display_path(path)
    df = read_text_csv(path, CROSSWALK_COLUMNS)
    problems = []
    known = set(units["code"])
    share = pd.to_numeric(df["share"], errors="coerce")
    for r, s in zip(df.itertuples(), share):
        for col in ("old_code", "new_code"):
            if getattr(r, col) not in known:
                problems.append(Problem("unknown_unit", shown, row=r.row, column=col, found=getattr(r, col)))
        if not (s == s and 0 < s <= 1):
            problems.append(
                Problem("registry_invalid", shown, row=r.row, column="share", found=f"'{r.share}' ∉ (0, 1]")
            )
    for r in df[df.duplicated(["old_code", "new_code"])].itertuples():  # one line per pair: its share says how much
        problems.append(
            Problem(
                "registry_invalid",
                shown,
                row=r.row,
                column="new_code",
                found=f"{r.old_code} -> {r.new_code}: dòng lặp lại / listed twice",
            )
        )
    totals = df.assign(share=share).groupby("old_code")["share"].sum()
    for code, total in totals[(totals - 1).abs() > 1e-6].items():
        row = int(df.loc[df["old_code"] == code, "row"].iloc[0])
        problems.append(
            Problem(
                "registry_invalid",
                shown,
                row=row,
                column="share",
                found=f"{code}: tổng tỷ lệ {total:g} ≠ 1 / shares add up to {total:g}, not 1",
            )
        )
    if problems:
        raise ProblemError(problems)
    return df.drop(columns=["row"]).assign(share=share, default_successor=df["default_successor"].eq("true"))
