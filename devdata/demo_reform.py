"""Illustrative demo data across the 2025 reform (fixed seeds): the old Bạc Liêu (province 95) for 2020–2024, so
that the new Cà Mau (old Cà Mau + old Bạc Liêu) has a whole province series, and the 64 communes of the new Cà Mau
for 2025–2026. DỮ LIỆU MINH HỌA — every number is made up; units and codes are real (GSO).

A new commune continues the commune(s) it was formed from: its parameters are the crosswalk-weighted parameters
of its predecessors (population summed by share, quality averaged), so its series does not jump at the reform.
Written by `python -m pipelines demo` into data/raw/bac_lieu/ and data/raw/ca_mau_moi/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from devdata import demo_indicators
from devdata.demo_indicators import commune_rows, draw_params
from pipelines.config import paths
from pipelines.config.settings import settings

OLD_PROVINCE = "95"
NEW_YEARS = (2025, 2026)
SEED = demo_indicators.SEED + 95


def _old_communes(province: str) -> pd.DataFrame:
    units = pd.read_csv(paths.units_dir() / "units.csv", dtype=str, keep_default_na=False)
    districts = units[(units["parent_code"] == province) & (units["tier"] == "district")]["code"]
    c = units[
        (units["tier"] == "commune")
        & units["parent_code"].isin(districts)
        & (units["valid_to"] == settings().last_old_map_day.isoformat())
    ]
    return c.drop_duplicates("code").sort_values("code").reset_index(drop=True)


def _new_communes() -> pd.DataFrame:
    units = pd.read_csv(paths.units_dir() / "units.csv", dtype=str, keep_default_na=False)
    c = units[
        (units["tier"] == "commune")
        & (units["parent_code"] == demo_indicators.PROVINCE)
        & (units["valid_from"] == settings().reform_date.isoformat())
    ]
    return c.sort_values("code").reset_index(drop=True)


def generate() -> tuple[list[dict], list[dict]]:
    """(Bạc Liêu rows 2020–2024, new Cà Mau rows 2025–2026)."""
    if not demo_indicators.PARAMS:
        demo_indicators.generate()
    rng = np.random.default_rng(SEED)
    params = dict(demo_indicators.PARAMS)
    bac_lieu: list[dict] = []
    for c in _old_communes(OLD_PROVINCE).itertuples():
        params[c.code] = prm = draw_params(rng, False, c.type == "phường")
        commune_rows(rng, bac_lieu, c.code, c.type == "phường", prm, demo_indicators.YEARS)
    crosswalk = pd.read_csv(paths.units_dir() / "crosswalk_2025.csv", dtype=str)
    crosswalk["share"] = crosswalk["share"].astype(float)
    new_rows: list[dict] = []
    for c in _new_communes().itertuples():
        parts = crosswalk[(crosswalk["new_code"] == c.code) & crosswalk["old_code"].isin(params)]
        if parts.empty:
            continue
        weights = parts["share"].to_numpy() * np.array([params[o]["pop"] for o in parts["old_code"]])
        merged = {
            k: float(sum(s * params[o][k] for o, s in zip(parts["old_code"], parts["share"])))
            for k in ("pop", "households", "clans", "hamlets", "units_n", "inst")
        }
        merged = {k: (int(round(v)) if k != "households" else v) for k, v in merged.items()}
        merged["q"] = float(np.average([params[o]["q"] for o in parts["old_code"]], weights=weights))
        merged["growth"] = float(np.average([params[o]["growth"] for o in parts["old_code"]], weights=weights))
        commune_rows(rng, new_rows, c.code, c.type == "phường", merged, NEW_YEARS)
    for year, pct in zip(NEW_YEARS, (38.4, 41.0)):
        new_rows.append(dict(unit_code=demo_indicators.PROVINCE, year=year, indicator="cong_dan_hoc_tap", value=pct))
    return bac_lieu, new_rows


def write(raw_dir: Path | None = None) -> list[Path]:
    raw_dir = raw_dir or paths.raw_dir()
    bac_lieu, new_rows = generate()
    written = []
    for folder, rows, years in (("bac_lieu", bac_lieu, demo_indicators.YEARS), ("ca_mau_moi", new_rows, NEW_YEARS)):
        out = raw_dir / folder
        if out.exists():
            shutil.rmtree(out)
        for year in years:
            written += demo_indicators.write_groups(rows, out, year)
    return written
