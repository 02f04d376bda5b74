"""Regenerate data/units/units.csv: every administrative unit of Vietnam with GSO codes and validity.

Sources (see data/units/README.md):
- `vietnamadminunits` (PyPI, MIT): 63 provinces / 696 districts / 10,035 communes, GSO list of January 2025;
- ../shared/reference/units/ca_mau_units_2022.csv: Cà Mau as it stood in 2022–2023 (101 communes), which
  replaces province 96 so that the demo years 2020–2024 have the units they were reported on.
Run: python -m pipelines units
"""
from __future__ import annotations

import csv
import sqlite3
import unicodedata
from pathlib import Path

from . import paths

LEGACY_VALID_TO = "2025-06-30"  # NQ 202/2025/QH15: the 63-province map ends on 30/6/2025
SOURCE_LEGACY = "gso-2025-01"  # GSO list of January 2025, as packaged in vietnamadminunits 1.0.4
SOURCE_CA_MAU = "gso-ca-mau-2022"  # GSO list for Cà Mau 2022–2023, as packaged in vietnam-provinces 0.5.0
# In the January 2025 list Phường 4 (32002) and Phường 2 (32011) of TP Cà Mau are one unit "Phường 2", code 32002.
# The effective date of that merger is not in either source: we end the old units with the 2024 data year.
CA_MAU_MERGE_END = "2024-12-31"
CA_MAU_MERGE_START = "2025-01-01"
FIELDS = ["code", "name", "type", "tier", "parent_code", "valid_from", "valid_to", "source", "note"]


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", (text or "").strip())


def _province_type(name: str) -> str:
    return "thành phố trực thuộc trung ương" if name.startswith("Thành phố") else "tỉnh"


def _district_type(name: str) -> str:
    """'Thành phố Cà Mau' -> 'thành phố', 'Huyện U Minh' -> 'huyện'."""
    words = name.split(" ")
    return " ".join(words[:2] if name.startswith(("Thành phố", "Thị xã")) else words[:1]).lower()


def legacy_rows() -> list[dict]:
    import vietnamadminunits

    db = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    with sqlite3.connect(db) as conn:
        records = conn.execute(
            "select provinceCode, province, districtCode, district, districtType, wardCode, ward, wardType "
            "from admin_units_legacy order by provinceCode, districtCode, wardCode"
        ).fetchall()
    rows, seen = [], set()

    def add(code, name, type_, tier, parent):
        if code in seen:
            return
        seen.add(code)
        rows.append(dict(code=code, name=_nfc(name), type=type_, tier=tier, parent_code=parent,
                         valid_from="", valid_to=LEGACY_VALID_TO, source=SOURCE_LEGACY))

    for pc, pn, dc, dn, dt, wc, wn, wt in records:
        add(pc, pn, _province_type(_nfc(pn)), "province", "VN")
        add(dc, dn, _nfc(dt).lower(), "district", pc)
        if wc:
            add(wc, wn, _nfc(wt).lower(), "commune", dc)
    return rows


def ca_mau_rows(reference: Path) -> list[dict]:
    with open(reference, encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    rows = [dict(code="96", name=_nfc(records[0]["province_name"]), type="tỉnh", tier="province", parent_code="VN",
                 valid_from="", valid_to=LEGACY_VALID_TO, source=SOURCE_CA_MAU)]
    seen = set()
    for r in records:
        if r["district_code"] not in seen:
            seen.add(r["district_code"])
            name = _nfc(r["district_name"])
            rows.append(dict(code=r["district_code"], name=name, type=_district_type(name),
                             tier="district", parent_code="96", valid_from="", valid_to=LEGACY_VALID_TO, source=SOURCE_CA_MAU))
        row = dict(code=r["commune_code"], name=_nfc(r["commune_name"]), type=_nfc(r["commune_type"]).lower(),
                   tier="commune", parent_code=r["district_code"], valid_from="", valid_to=LEGACY_VALID_TO, source=SOURCE_CA_MAU)
        if row["code"] in ("32002", "32011"):
            row["valid_to"] = CA_MAU_MERGE_END
            row["note"] = "gộp thành Phường 2 (32002) trong danh mục 01/2025; ngày hiệu lực chưa kiểm chứng"
        rows.append(row)
    rows.append(dict(code="32002", name="Phường 2", type="phường", tier="commune", parent_code="964",
                     valid_from=CA_MAU_MERGE_START, valid_to=LEGACY_VALID_TO,
                     source=SOURCE_LEGACY, note="Phường 4 (32002) + Phường 2 (32011) cũ; ngày hiệu lực chưa kiểm chứng"))
    return rows


def build_registry(reference: Path) -> list[dict]:
    country = dict(code="VN", name="Việt Nam", type="quốc gia", tier="country", parent_code="",
                   valid_from="", valid_to="", source="")
    ca_mau = ca_mau_rows(reference)
    others = [r for r in legacy_rows() if not (r["code"] == "96" or (r["tier"] == "district" and r["parent_code"] == "96")
                                               or r["code"] in {c["code"] for c in ca_mau})]
    return [country] + others + ca_mau


def write_registry(rows: list[dict], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n", restval="")
        w.writeheader()
        w.writerows(rows)


def default_reference() -> Path:
    return paths.REPO.parent / "shared" / "reference" / "units" / "ca_mau_units_2022.csv"


def main(reference: Path | None = None) -> int:
    reference = reference or default_reference()
    if not reference.exists():
        reference = paths.units_dir() / "sources" / "ca_mau_units_2022.csv"
    rows = build_registry(reference)
    write_registry(rows, paths.units_dir() / "units.csv")
    tiers = {t: sum(1 for r in rows if r["tier"] == t) for t in ("province", "district", "commune")}
    print(f"data/units/units.csv: {len(rows)} rows; {tiers}")
    return 0
