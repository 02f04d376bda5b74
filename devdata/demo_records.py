"""Illustrative record files for Cà Mau (fixed seed): Lifelong Learning Week activities (2023, 2024) and literacy
classes (2020–2024), as commune learning centres would send them. DỮ LIỆU MINH HỌA — every number is made up;
units and codes are real. Written by `python -m pipelines demo` beside data/records/records.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from devdata.demo_indicators import SOURCE, YEARS, communes_of, write_csv
from pipelines.config import paths

SEED = 20232
WEEK_YEARS = (2023, 2024)
WEEK_FIELDS = ["unit_code", "year", "activity", "mode", "events", "participants", "source"]
CLASS_FIELDS = ["unit_code", "year", "programme", "classes", "enrolled", "completed", "source"]
ACTIVITIES = ["khai_mac", "tuyen_truyen", "van_hoa_doc", "chuyen_de", "ky_nang_so", "van_nghe_the_thao"]


def generate() -> tuple[list[dict], list[dict]]:
    rng = np.random.default_rng(SEED)
    communes = communes_of()
    dbkk = set(pd.read_csv(paths.units_dir() / "dbkk.csv", dtype=str)["code"])
    week, classes = [], []
    for c in communes.itertuples():
        size = rng.uniform(0.5, 1.6) * (1.4 if c.type == "phường" else 1.0)
        for year in WEEK_YEARS:
            if rng.random() < 0.04:
                continue  # a centre that did not report
            chosen = ["khai_mac"] + sorted(rng.choice(ACTIVITIES[1:], size=int(rng.integers(2, 5)), replace=False))
            for activity in chosen:
                modes = ["truc_tiep"] + (
                    ["truc_tuyen"] if activity in ("ky_nang_so", "tuyen_truyen") and rng.random() < 0.6 else []
                )
                for mode in modes:
                    events = 1 if activity == "khai_mac" else int(rng.integers(1, 6))
                    people = int(events * rng.uniform(30, 160) * size * (1.1 if year == 2024 else 1.0))
                    week.append(
                        dict(
                            unit_code=c.code,
                            year=year,
                            activity=activity,
                            mode=mode,
                            events=events,
                            participants=people,
                            source=SOURCE,
                        )
                    )
        hard = c.code in dbkk
        for year in YEARS:
            for programme, chance in (
                ("xmc_gd1", 0.5 if hard else 0.12),
                ("xmc_gd2", 0.6 if hard else 0.2),
                ("sau_xmc", 0.45 if hard else 0.15),
            ):
                if rng.random() >= chance:
                    continue
                n = int(rng.integers(1, 3 if programme != "sau_xmc" else 2) + 0)
                enrolled = int(sum(rng.integers(10, 26) for _ in range(n)))
                completed = int(round(enrolled * rng.uniform(0.65, 0.95)))
                classes.append(
                    dict(
                        unit_code=c.code,
                        year=year,
                        programme=programme,
                        classes=n,
                        enrolled=enrolled,
                        completed=completed,
                        source=SOURCE,
                    )
                )
    return week, classes


def write(out_dir: Path | None = None) -> list[Path]:
    out_dir = out_dir or paths.records_dir() / "ca_mau"
    week, classes = generate()
    if out_dir.exists():
        shutil.rmtree(out_dir)
    written = []
    for year in WEEK_YEARS:
        path = out_dir / str(year) / f"tuan_le_{year}.csv"
        write_csv(path, [r for r in week if r["year"] == year], WEEK_FIELDS)
        written.append(path)
    for year in YEARS:
        path = out_dir / str(year) / f"lop_xmc_{year}.csv"
        write_csv(path, [r for r in classes if r["year"] == year], CLASS_FIELDS)
        written.append(path)
    return written
