"""Regenerate data/units/units.csv: every administrative unit of Vietnam with GSO codes and validity.

Sources (see data/units/README.md):
- `vietnamadminunits` (PyPI, MIT): 63 provinces / 696 districts / 10,035 communes, GSO list of January 2025;
- ../shared/reference/units/ca_mau_units_2022.csv: Cà Mau as it stood in 2022–2023 (101 communes), which
  replaces province 96 so that the demo years 2020–2024 have the units they were reported on.
- the same package's post-reform list (34 provinces / 3,321 communes, valid from 1/7/2025, no district level) and
  its old -> new converter, written as data/units/crosswalk_2025.csv: an old commune merged whole into a new one
  has share 1; an old commune split between new ones gives each an equal share (no population weights are
  published: documented rule, marked `split`), the package's default successor flagged.
Run: python -m pipelines units
"""

from __future__ import annotations

import csv
import sqlite3
import unicodedata
from pathlib import Path

from pipelines.config import paths
from pipelines.config.settings import settings

LEGACY_VALID_TO = settings().last_old_map_day.isoformat()  # NQ 202/2025/QH15: the 63-province map ends the day before
SOURCE_LEGACY = "gso-2025-01"  # GSO list of January 2025, as packaged in vietnamadminunits 1.0.4
SOURCE_CA_MAU = "gso-ca-mau-2022"  # GSO list for Cà Mau 2022–2023, as packaged in vietnam-provinces 0.5.0
# In the January 2025 list Phường 4 (32002) and Phường 2 (32011) of TP Cà Mau are one unit "Phường 2", code 32002.
# The effective date of that merger is not in either source: we end the old units with the 2024 data year.
CA_MAU_MERGE_END = "2024-12-31"
CA_MAU_MERGE_START = "2025-01-01"
FIELDS = ["code", "name", "type", "tier", "parent_code", "valid_from", "valid_to", "source", "note"]
REFORM_VALID_FROM = settings().reform_date.isoformat()  # NQ 202/2025/QH15, NQ 76/2025/UBTVQH15
SOURCE_REFORM = "gso-2025-07"  # post-reform list as packaged in vietnamadminunits 1.0.4
CROSSWALK_FIELDS = ["old_code", "new_code", "share", "kind", "default_successor", "source"]


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
        rows.append(
            dict(
                code=code,
                name=_nfc(name),
                type=type_,
                tier=tier,
                parent_code=parent,
                valid_from="",
                valid_to=LEGACY_VALID_TO,
                source=SOURCE_LEGACY,
            )
        )

    for pc, pn, dc, dn, dt, wc, wn, wt in records:
        add(pc, pn, _province_type(_nfc(pn)), "province", "VN")
        add(dc, dn, _nfc(dt).lower(), "district", pc)
        if wc:
            add(wc, wn, _nfc(wt).lower(), "commune", dc)
    return rows


def ca_mau_rows(reference: Path) -> list[dict]:
    with open(reference, encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    rows = [
        dict(
            code="96",
            name=_nfc(records[0]["province_name"]),
            type="tỉnh",
            tier="province",
            parent_code="VN",
            valid_from="",
            valid_to=LEGACY_VALID_TO,
            source=SOURCE_CA_MAU,
        )
    ]
    seen = set()
    for r in records:
        if r["district_code"] not in seen:
            seen.add(r["district_code"])
            name = _nfc(r["district_name"])
            rows.append(
                dict(
                    code=r["district_code"],
                    name=name,
                    type=_district_type(name),
                    tier="district",
                    parent_code="96",
                    valid_from="",
                    valid_to=LEGACY_VALID_TO,
                    source=SOURCE_CA_MAU,
                )
            )
        row = dict(
            code=r["commune_code"],
            name=_nfc(r["commune_name"]),
            type=_nfc(r["commune_type"]).lower(),
            tier="commune",
            parent_code=r["district_code"],
            valid_from="",
            valid_to=LEGACY_VALID_TO,
            source=SOURCE_CA_MAU,
        )
        if row["code"] in ("32002", "32011"):
            row["valid_to"] = CA_MAU_MERGE_END
            row["note"] = "gộp thành Phường 2 (32002) trong danh mục 01/2025; ngày hiệu lực chưa kiểm chứng"
        rows.append(row)
    rows.append(
        dict(
            code="32002",
            name="Phường 2",
            type="phường",
            tier="commune",
            parent_code="964",
            valid_from=CA_MAU_MERGE_START,
            valid_to=LEGACY_VALID_TO,
            source=SOURCE_LEGACY,
            note="Phường 4 (32002) + Phường 2 (32011) cũ; ngày hiệu lực chưa kiểm chứng",
        )
    )
    return rows


def _package_data() -> tuple[Path, dict]:
    import json

    import vietnamadminunits

    root = Path(vietnamadminunits.__file__).parent / "data"
    return root / "dataset.db", json.loads((root / "converter_2025.json").read_text(encoding="utf-8"))


def reform_rows() -> list[dict]:
    db, _ = _package_data()
    with sqlite3.connect(db) as conn:
        records = conn.execute(
            "select provinceCode, province, wardCode, ward, wardType from admin_units order by provinceCode, wardCode"
        ).fetchall()
    rows, seen = [], set()
    for pc, pn, wc, wn, wt in records:
        if pc not in seen:
            seen.add(pc)
            rows.append(
                dict(
                    code=pc,
                    name=_nfc(pn),
                    type=_province_type(_nfc(pn)),
                    tier="province",
                    parent_code="VN",
                    valid_from=REFORM_VALID_FROM,
                    valid_to="",
                    source=SOURCE_REFORM,
                )
            )
        rows.append(
            dict(
                code=wc,
                name=_nfc(wn),
                type=_nfc(wt).lower(),
                tier="commune",
                parent_code=pc,
                valid_from=REFORM_VALID_FROM,
                valid_to="",
                source=SOURCE_REFORM,
            )
        )
    return rows


def crosswalk_rows() -> list[dict]:
    """Old commune code -> new commune code with the share of the old unit's counts that goes there."""
    db, conv = _package_data()
    with sqlite3.connect(db) as conn:
        old = {
            f"{p}_{d}_{w}": c
            for p, d, w, c in conn.execute("select provinceKey, districtKey, wardKey, wardCode from admin_units_legacy")
        }
        new = {(p, w): c for p, w, c in conn.execute("select provinceKey, wardKey, wardCode from admin_units")}
    out: dict[tuple[str, str], dict] = {}
    divided = {k: v for per_province in conv["DICT_PROVINCE_WARD_DIVIDED"].values() for k, v in per_province.items()}
    for province, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in wards.items():
            for old_key in old_keys:
                if old_key in divided or old_key not in old or (province, new_key) not in new:
                    continue
                out[(old[old_key], new[(province, new_key)])] = dict(
                    old_code=old[old_key],
                    new_code=new[(province, new_key)],
                    share="1",
                    kind="whole",
                    default_successor="true",
                    source=SOURCE_REFORM,
                )
    for province, per_old in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, successors in per_old.items():
            found = [
                (new[(province, s["newWardKey"])], s["isDefaultNewWard"])
                for s in successors
                if (province, s["newWardKey"]) in new
            ]
            if old_key not in old or not found:
                continue
            for code, default in found:
                out[(old[old_key], code)] = dict(
                    old_code=old[old_key],
                    new_code=code,
                    share=f"{1 / len(found):.12g}",
                    kind="split",
                    default_successor="true" if default else "false",
                    source=SOURCE_REFORM,
                )
    rows = sorted(out.values(), key=lambda r: (r["old_code"], r["new_code"]))
    # Phường 2 (32011) of the 2022 Cà Mau list was merged into 32002 before the 2025 list: it follows 32002
    rows += [dict(r, old_code="32011") for r in rows if r["old_code"] == "32002"]
    return sorted(rows, key=lambda r: (r["old_code"], r["new_code"]))


def write_crosswalk(rows: list[dict], out: Path) -> None:
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=CROSSWALK_FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def build_registry(reference: Path) -> list[dict]:
    country = dict(
        code="VN",
        name="Việt Nam",
        type="quốc gia",
        tier="country",
        parent_code="",
        valid_from="",
        valid_to="",
        source="",
    )
    ca_mau = ca_mau_rows(reference)
    others = [
        r
        for r in legacy_rows()
        if not (
            r["code"] == "96"
            or (r["tier"] == "district" and r["parent_code"] == "96")
            or r["code"] in {c["code"] for c in ca_mau}
        )
    ]
    return [country] + others + ca_mau + reform_rows()


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
    crosswalk = crosswalk_rows()
    write_crosswalk(crosswalk, paths.units_dir() / "crosswalk_2025.csv")
    tiers = {t: sum(1 for r in rows if r["tier"] == t) for t in ("province", "district", "commune")}
    print(f"data/units/units.csv: {len(rows)} rows; {tiers}; crosswalk_2025.csv: {len(crosswalk)} rows")
    return 0
