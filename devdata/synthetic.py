"""Synthetic observation files at any scale, for benchmarks: the same tidy format the pipeline ingests.

    python -m devdata.synthetic --provinces 63 --years 10 --seed 1 --out /tmp/xhht-national

Every commune of the first N provinces (GSO code order; the pre-2025 map up to 2024, the post-reform map after) reports the ratio inputs of the
literacy, universalisation, title, skills and digital indicators for each year from 2020, as one Parquet
file per year. Numbers are random with the demo's shapes (trends up with noise, ĐBKK-like weaker communes).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.config import paths
from pipelines.config.settings import settings

# indicator -> (denominator as a share of the commune's population, base rate, yearly trend, spread by quality)
RATIOS = {
    "xmc_l1_15_25": (0.22, 0.975, 0.004, 0.008),
    "xmc_l1_15_35": (0.45, 0.968, 0.004, 0.008),
    "xmc_l2_15_35": (0.45, 0.94, 0.005, 0.008),
    "xmc_l2_15_60": (1.0, 0.92, 0.006, 0.01),
    "mn5_ra_lop": (0.016, 0.972, 0.003, 0.01),
    "mn5_hoan_thanh": (0.016, 0.93, 0.004, 0.02),
    "th_vao_lop1": (0.016, 0.991, 0.001, 0.003),
    "th_hoan_thanh_14": (0.06, 0.93, 0.004, 0.02),
    "th_hoan_thanh_11": (0.015, 0.935, 0.004, 0.015),
    "thcs_tot_nghiep": (0.06, 0.94, 0.005, 0.012),
    "thcs_tiep_tuc": (0.06, 0.84, 0.008, 0.02),
    "gia_dinh_hoc_tap": (0.27, 0.30, 0.03, 0.04),
    "cong_dong_hoc_tap": (0.0008, 0.42, 0.035, 0.06),
    "don_vi_hoc_tap": (0.0012, 0.33, 0.04, 0.05),
    "dong_ho_hoc_tap": (0.0015, 0.24, 0.03, 0.05),
    "ky_nang_song": (0.9, 0.27, 0.028, 0.03),
    "dao_tao_15": (1.12, 0.30, 0.022, 0.02),
    "dai_hoc_15": (1.12, 0.07, 0.004, 0.005),
    "co_so_so_hoa": (0.0005, 0.30, 0.06, 0.05),
    "tthtcd_cntt": (0.0001, 0.25, 0.12, 0.05),
}


FIRST_NEW_MAP_YEAR = settings().first_new_map_year


def communes(provinces: int, year: int = 2024) -> pd.DataFrame:
    """The communes of the first N provinces (GSO code order) on the map of `year`: the 63-province map up to
    2024, the 34-province map (communes directly under provinces) from 2025."""
    units = pd.read_csv(paths.units_dir() / "units.csv", dtype=str, keep_default_na=False)
    old = year < FIRST_NEW_MAP_YEAR
    on_map = (
        units[(units["valid_to"] != "") == old]
        if old
        else units[units["valid_from"] >= settings().reform_date.isoformat()]
    )
    chosen = sorted(set(on_map.loc[on_map["tier"] == "province", "code"]))[:provinces]
    parents = on_map[(on_map["tier"] == "district") & on_map["parent_code"].isin(chosen)]["code"] if old else chosen
    c = on_map[(on_map["tier"] == "commune") & on_map["parent_code"].isin(parents)]
    if old:
        c = c[c["valid_to"] >= "2025"]
    return c.drop_duplicates("code").sort_values("code").reset_index(drop=True)


def generate(provinces: int, years: int, seed: int, out: Path) -> list[Path]:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for offset in range(years):
        year = 2020 + offset
        if offset == 0 or year == FIRST_NEW_MAP_YEAR:  # a new map: new communes (about three old ones each)
            c = communes(provinces, year)
            n = len(c)
            quality = rng.normal(0, 1, n)
            population = rng.uniform(4_000, 22_000, n) * (1 if year < FIRST_NEW_MAP_YEAR else 3)
        frames = []
        for indicator, (share, base, trend, spread) in RATIOS.items():
            den = np.maximum(1, np.round(population * (1.01**offset) * share)).astype(np.int64)
            rate = np.clip(base + trend * offset + spread * quality + rng.normal(0, spread / 3, n), 0, 0.999)
            frames.append(
                pd.DataFrame(
                    {
                        "unit_code": c["code"].to_numpy(),
                        "year": year,
                        "indicator": indicator,
                        "numerator": np.round(den * rate).astype(np.int64),
                        "denominator": den,
                    }
                )
            )
        path = out / f"synthetic_{year}.parquet"
        pd.concat(frames, ignore_index=True).to_parquet(path, index=False)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    files = generate(args.provinces, args.years, args.seed, args.out)
    rows = sum(pd.read_parquet(f, columns=["year"]).shape[0] for f in files)
    print(f"{len(files)} files, {rows:,} rows in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
