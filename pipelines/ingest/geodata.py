"""Join map polygons (census-2009 ids and names) to GSO unit codes through an explicit, reported step.

A feature matches a unit by (province, district, commune) name: `exact` when the NFC names are equal,
`normalised` when they are equal after case folding and old/new tone placement (Hoà = Hòa, Thuỷ = Thủy),
`alias` through data/geo/aliases.csv (renames), or not at all: every feature gets a row, unmatched included.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pandas as pd

from pipelines.config import paths
from pipelines.vn_text import fold as normalise_name  # case, Unicode form and tone placement folded

PREFIXES = ("tỉnh ", "thành phố ")
COLUMNS = [
    "layer",
    "feature_id",
    "unit_code",
    "district_code",
    "match",
    "province_2009",
    "district_2009",
    "commune_2009",
]


def _province_key(name: str) -> str:
    text = normalise_name(name)
    for prefix in PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def geo_dir() -> Path:
    return paths.REPO / "data" / "geo"


def commune_layers() -> list[Path]:
    return sorted(geo_dir().glob("*communes*.geojson"))


def match_features(geojson: dict, units: pd.DataFrame, aliases: pd.DataFrame, layer: str) -> pd.DataFrame:
    provinces = units[units["tier"] == "province"].drop_duplicates("code")
    provinces = provinces.assign(key=provinces["name"].map(_province_key))[["code", "key"]]
    districts = units[units["tier"] == "district"].drop_duplicates("code")[["code", "name", "parent_code"]]
    communes = units[units["tier"] == "commune"]
    named = (
        communes[["code", "name", "parent_code"]]
        .merge(districts, left_on="parent_code", right_on="code", suffixes=("", "_district"))
        .merge(provinces, how="left", left_on="parent_code_district", right_on="code", suffixes=("", "_province"))
    )
    named["key"] = named["key"].fillna("")
    exact, loose = {}, {}
    for code, parent, prov, district, commune in zip(
        named["code"], named["parent_code"], named["key"], named["name_district"], named["name"]
    ):
        exact.setdefault((prov, district, commune), (code, parent))
        loose.setdefault((prov, normalise_name(district), normalise_name(commune)), (code, parent))
    parent_of = dict(zip(communes["code"], communes["parent_code"]))
    alias = {str(a.commune_id): a.unit_code for a in aliases.itertuples()}
    rows = []
    for f in geojson["features"]:
        p = f["properties"]
        fid = str(p["commune_id"])
        prov = _province_key(p["province_vn"])
        names = (unicodedata.normalize("NFC", p["district_vn"]), unicodedata.normalize("NFC", p["commune_vn"]))
        found, how = exact.get((prov, *names)), "exact"
        if found is None:
            found, how = loose.get((prov, normalise_name(names[0]), normalise_name(names[1]))), "normalised"
        if found is None and fid in alias:
            found, how = (alias[fid], parent_of.get(alias[fid])), "alias"
        code, district = found if found else (None, None)
        rows.append(
            dict(
                layer=layer,
                feature_id=fid,
                unit_code=code,
                district_code=district,
                match=how if found else None,
                province_2009=p["province_vn"],
                district_2009=names[0],
                commune_2009=names[1],
            )
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def geo_features(units: pd.DataFrame) -> pd.DataFrame:
    alias_path = geo_dir() / "aliases.csv"
    aliases = (
        pd.read_csv(alias_path, dtype=str) if alias_path.exists() else pd.DataFrame(columns=["commune_id", "unit_code"])
    )
    frames = [
        match_features(json.loads(path.read_text(encoding="utf-8")), units, aliases, path.name)
        for path in commune_layers()
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)


def dissolve_new_communes(features: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Polygons of the post-reform communes, dissolved from the old commune polygons through the crosswalk.

    An old commune merged whole goes entirely to its new commune; an old commune split between new ones is drawn
    with its default successor (the package's primary new unit) and that new commune is marked `approximate`.
    Returns one row per new commune: new_code, geometry (GeoJSON text), parts, approximate.
    """
    import shapely
    from shapely.geometry import mapping, shape

    if crosswalk.empty or features.empty:
        return pd.DataFrame(columns=["new_code", "geometry", "parts", "approximate"])
    shapes = {}
    for path in commune_layers():
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            shapes[(path.name, str(f["properties"]["commune_id"]))] = shape(f["geometry"])
    successors = crosswalk[crosswalk["default_successor"]].set_index("old_code")
    split = set(crosswalk.loc[crosswalk["kind"] == "split", "old_code"])
    groups: dict[str, list] = {}
    approximate: dict[str, bool] = {}
    for r in features.dropna(subset=["unit_code"]).itertuples():
        if r.unit_code not in successors.index or (r.layer, r.feature_id) not in shapes:
            continue
        new = successors.at[r.unit_code, "new_code"]
        new = new if isinstance(new, str) else new.iloc[0]
        groups.setdefault(new, []).append(shapes[(r.layer, r.feature_id)])
        approximate[new] = approximate.get(new, False) or r.unit_code in split
    # a new commune that receives part of a split commune drawn elsewhere is approximate too
    for old in split:
        for new in crosswalk.loc[crosswalk["old_code"] == old, "new_code"]:
            if new in groups:
                approximate[new] = True
    rows = [
        dict(
            new_code=code,
            geometry=json.dumps(mapping(shapely.union_all(parts).buffer(0))),
            parts=len(parts),
            approximate=approximate[code],
        )
        for code, parts in sorted(groups.items())
    ]
    return pd.DataFrame(rows, columns=["new_code", "geometry", "parts", "approximate"])
