"""Illustrative demo data for Cà Mau, 2020–2024 (fixed seed): the files a province would receive.

DỮ LIỆU MINH HỌA — ILLUSTRATIVE DATA. The units and their codes are real (GSO); every number is made up,
with realistic shapes: most communes at the literacy standard, a few below; ĐBKK communes harder;
titles trending up with noise; a few commune-years missing. Run: python -m pipelines demo
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.config import paths
from pipelines.config.catalog import load_catalog
from pipelines.config.settings import settings
from pipelines.config.standards import load_standards
from pipelines.method.level_rules import ReportedValues, derive_commune_level, derive_parent_level

SEED = 20231
YEARS = range(2020, 2025)
PROVINCE = "96"
SOURCE = "MINH HỌA (illustrative)"
FIELDS = ["unit_code", "year", "indicator", "numerator", "denominator", "value", "level", "source"]
# Illustrative ĐBKK flags: coastal and remote communes of Ngọc Hiển, Năm Căn, Phú Tân, Đầm Dơi, U Minh.
DBKK_DISTRICTS = {"973": 4, "971": 3, "972": 2, "970": 3, "966": 2}
MISSING = {("xmc", "32227", 2022), ("titles", "32104", 2021), ("titles", "32176", 2021), ("skills", "32047", 2023)}


def communes_of() -> pd.DataFrame:
    units = pd.read_csv(paths.units_dir() / "units.csv", dtype=str, keep_default_na=False)
    districts = units[(units["parent_code"] == PROVINCE) & (units["tier"] == "district")]["code"]
    c = units[(units["tier"] == "commune") & units["parent_code"].isin(districts) & (units["valid_from"] == "")]
    return c.sort_values("code").reset_index(drop=True)


def _rate(rng, base: float, slope: float, year: int, noise: float, hi: float = 0.999) -> float:
    return float(np.clip(base + slope * (year - 2020) + rng.normal(0, noise), 0.0, hi))


def _ratio(rows, code, year, indicator, den, rate):
    den = int(max(den, 1))
    rows.append(dict(unit_code=code, year=year, indicator=indicator, numerator=int(round(den * rate)), denominator=den))


PARAMS: dict[str, dict] = {}  # each demo commune's drawn parameters (filled by generate(); the reform demo reuses them)


def draw_params(rng, hard: bool, urban: bool) -> dict:
    q = rng.normal(0, 1) - (1.2 if hard else 0)
    pop = int(rng.uniform(9000, 22000) if urban else rng.uniform(5000, 16000))
    growth = rng.uniform(0.002, 0.012)
    households = pop / rng.uniform(3.4, 4.0)
    clans, hamlets, units_n, inst = (
        int(rng.integers(6, 30)),
        int(rng.integers(5, 14)),
        int(rng.integers(8, 26)),
        int(rng.integers(3, 9)),
    )
    return dict(
        q=q, pop=pop, growth=growth, households=households, clans=clans, hamlets=hamlets, units_n=units_n, inst=inst
    )


def commune_rows(rng, rows: list[dict], code: str, urban: bool, prm: dict, years) -> None:
    """One commune's ratio observations for `years`, drawn around its parameters."""
    q, pop, growth, households = prm["q"], prm["pop"], prm["growth"], prm["households"]
    clans, hamlets, units_n, inst = prm["clans"], prm["hamlets"], prm["units_n"], prm["inst"]
    weak_literacy = q < -2.2
    for year in years:
        p = pop * (1 + growth) ** (year - 2020)
        p1525, p1535, p1560 = p * 0.22, p * 0.45, p
        if ("xmc", code, year) not in MISSING:
            l1 = 0.968 + 0.008 * q + ((-0.09 + 0.005 * (year - 2020)) if weak_literacy else 0)
            _ratio(rows, code, year, "xmc_l1_15_25", p1525, _rate(rng, l1 + 0.015, 0.004, year, 0.004))
            _ratio(rows, code, year, "xmc_l1_15_35", p1535, _rate(rng, l1, 0.004, year, 0.004))
            _ratio(rows, code, year, "xmc_l2_15_35", p1535, _rate(rng, l1 - 0.03, 0.005, year, 0.005))
            _ratio(rows, code, year, "xmc_l2_15_60", p1560, _rate(rng, l1 - 0.05 + 0.006 * q, 0.006, year, 0.005))
            kids5, kids6, kids11, kids14, youth = p * 0.016, p * 0.016, p * 0.015, p * 0.06, p * 0.06
            _ratio(rows, code, year, "mn5_ra_lop", kids5, _rate(rng, 0.972 + 0.01 * q, 0.003, year, 0.006))
            _ratio(rows, code, year, "mn5_hoan_thanh", kids5, _rate(rng, 0.93 + 0.02 * q, 0.004, year, 0.01))
            _ratio(rows, code, year, "th_vao_lop1", kids6, _rate(rng, 0.991 + 0.003 * q, 0.001, year, 0.002))
            _ratio(rows, code, year, "th_hoan_thanh_14", kids14, _rate(rng, 0.93 + 0.02 * q, 0.004, year, 0.01))
            _ratio(rows, code, year, "th_hoan_thanh_11", kids11, _rate(rng, 0.935 + 0.015 * q, 0.004, year, 0.008))
            _ratio(rows, code, year, "thcs_tot_nghiep", youth, _rate(rng, 0.94 + 0.012 * q, 0.005, year, 0.006))
            _ratio(rows, code, year, "thcs_tiep_tuc", youth, _rate(rng, 0.84 + 0.02 * q, 0.008, year, 0.01))
        if ("titles", code, year) not in MISSING:
            _ratio(rows, code, year, "gia_dinh_hoc_tap", households, _rate(rng, 0.30 + 0.04 * q, 0.03, year, 0.02))
            _ratio(rows, code, year, "dong_ho_hoc_tap", clans, _rate(rng, 0.24 + 0.05 * q, 0.03, year, 0.04))
            _ratio(rows, code, year, "cong_dong_hoc_tap", hamlets, _rate(rng, 0.42 + 0.06 * q, 0.035, year, 0.05))
            _ratio(rows, code, year, "don_vi_hoc_tap", units_n, _rate(rng, 0.33 + 0.05 * q, 0.04, year, 0.04))
        if ("skills", code, year) not in MISSING:
            working, pop15 = p * 0.9, p * 1.12
            _ratio(rows, code, year, "ky_nang_song", working, _rate(rng, 0.27 + 0.03 * q, 0.028, year, 0.015))
            _ratio(
                rows,
                code,
                year,
                "dao_tao_15",
                pop15,
                _rate(rng, (0.36 if urban else 0.28) + 0.02 * q, 0.022, year, 0.01),
            )
            _ratio(
                rows,
                code,
                year,
                "dai_hoc_15",
                pop15,
                _rate(rng, (0.11 if urban else 0.055) + 0.005 * q, 0.004, year, 0.004),
            )
            _ratio(rows, code, year, "co_so_so_hoa", inst, _rate(rng, 0.30 + 0.05 * q, 0.06, year, 0.05))
            uses_it = rng.random() < 0.25 + 0.12 * (year - 2020) + 0.05 * q
            rows.append(dict(unit_code=code, year=year, indicator="tthtcd_cntt", numerator=int(uses_it), denominator=1))


def generate() -> tuple[list[dict], list[dict], list[dict]]:
    """(observation rows, ĐBKK flag rows, district-reported level rows)."""
    rng = np.random.default_rng(SEED)
    communes = communes_of()
    dbkk: set[str] = set()
    for district, n in DBKK_DISTRICTS.items():
        in_d = communes[(communes["parent_code"] == district) & (communes["type"] == "xã")]["code"].tolist()
        dbkk |= set(in_d[-n:])
    rows: list[dict] = []
    for c in communes.itertuples():
        hard = c.code in dbkk
        PARAMS[c.code] = prm = draw_params(rng, hard, c.type == "phường")
        commune_rows(rng, rows, c.code, c.type == "phường", prm, YEARS)
    # the province reports only a percentage for "Công dân học tập" (no counts): a value-only observation
    for year, pct in zip(YEARS, (None, 24.6, 28.3, 31.9, 35.2)):
        if pct is not None:
            rows.append(dict(unit_code=PROVINCE, year=year, indicator="cong_dan_hoc_tap", value=pct))
    flags = [
        dict(code=code, valid_from="2020-01-01", valid_to=settings().last_old_map_day.isoformat(), source=SOURCE)
        for code in sorted(dbkk)
    ]
    return rows, flags, _district_reports(rows, communes, dbkk)


def _district_reports(rows: list[dict], communes: pd.DataFrame, dbkk: set[str]) -> list[dict]:
    """Districts report the levels recognised by decision for 2023–2024: mostly what the rules give,
    with one deliberate disagreement so that the data-quality view has something to show."""
    catalog = load_catalog()
    standards = load_standards(catalog)
    by_id = standards.by_id()
    ind_of = {i.standard: i.id for i in catalog.indicators if i.kind == "level" and i.standard}
    inputs: dict[tuple[str, int], dict[str, ReportedValues]] = {}
    for r in rows:
        if "numerator" in r:
            inputs.setdefault((r["unit_code"], r["year"]), {})[r["indicator"]] = ReportedValues(
                r["numerator"], r["denominator"]
            )
    reports, disagreed = [], False
    for year in (2023, 2024):
        levels: dict[tuple[str, str], int | None] = {}
        for c in communes.itertuples():
            other: dict[str, int | None] = {}
            for std in standards.evaluation_order():
                res = derive_commune_level(std, inputs.get((c.code, year), {}), c.code in dbkk, other)
                other[std.id] = levels[(c.code, std.id)] = res.level
        for district, kids in communes.groupby("parent_code")["code"]:
            for std_id in ("pcgd_th", "pcgd_thcs"):
                res = derive_parent_level(by_id[std_id], "district", [levels[(k, std_id)] for k in kids])
                level = res.level
                if level is None:
                    continue
                if (year, std_id) == (2024, "pcgd_thcs") and level < 3 and not disagreed:
                    level, disagreed = level + 1, True  # recognised one level above what the data support
                reports.append(dict(unit_code=district, year=year, indicator=ind_of[std_id], level=level))
    return reports


def write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n", restval="")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})


GROUP_FILES = {
    "xoa_mu_chu_pho_cap": ("xmc_", "mn5_", "th_", "thcs_"),
    "danh_hieu": ("gia_dinh", "dong_ho", "cong_dong", "don_vi", "cong_dan"),
    "ky_nang_so_hoa": ("ky_nang", "dao_tao", "dai_hoc_15", "co_so", "tthtcd"),
}


def write_groups(rows: list[dict], out_dir: Path, year: int) -> list[Path]:
    """One file per indicator group for `year`, as a province would receive them."""
    written = []
    for name, prefixes in GROUP_FILES.items():
        part = [dict(r, source=SOURCE) for r in rows if r["year"] == year and r["indicator"].startswith(prefixes)]
        if part:
            path = out_dir / str(year) / f"{name}_{year}.csv"
            write_csv(path, part, FIELDS)
            written.append(path)
    return written


def write(out_dir: Path | None = None) -> list[Path]:
    out_dir = out_dir or paths.raw_dir() / "ca_mau"
    rows, flags, reports = generate()
    if out_dir.exists():
        shutil.rmtree(out_dir)
    written = []
    for year in YEARS:
        written += write_groups(rows, out_dir, year)
        part = [dict(r, source=SOURCE) for r in reports if r["year"] == year]
        if part:
            path = out_dir / str(year) / f"cong_nhan_huyen_{year}.csv"
            write_csv(path, part, FIELDS)
            written.append(path)
    flags_path = paths.units_dir() / "dbkk.csv"
    write_csv(flags_path, flags, ["code", "valid_from", "valid_to", "source"])
    return written + [flags_path]


def main() -> int:
    written = write()
    print(f"{len(written)} files written (illustrative demo data, seed {SEED}).")
    return 0
