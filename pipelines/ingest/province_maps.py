"""Province polygons for the country's map: the 63 provinces before the reform (GeoJSON, census-2009 names) and the
34 after it (TopoJSON, decoded here: no TopoJSON library is installed), each feature given the GSO code of the
province it draws, matched by name (folded, "Tỉnh"/"Thành phố"/"TP" dropped, two spellings of the sources mapped).
A feature that matches no province keeps an empty code and is drawn without data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import shapely

from pipelines.ingest.geodata import geo_dir
from pipelines.vn_text import name_key

OLD_MAP = "vn_provinces_2009_thinned.geojson"
NEW_MAP = "vn_34_provinces_2025.topojson"
# spellings of the map sources that are not the GSO names once folded
RENAMES = {"hcm": "hồ chí minh", "thừa thiên huế": "huế"}  # Thừa Thiên Huế became Thành phố Huế (1/2025)
# the 34-province file draws coasts and borders to ~10 m (88,517 points, 3.6 MB as GeoJSON, sent to every browser
# that opens the country's map); a whole-country map is ~600 px tall, 0.025° a pixel: arcs are thinned to 0.002°
# (coarser thinning makes the islands of Quảng Ninh and Hải Phòng cross themselves) and rounded to 4 decimals (11 m)
THIN = 0.002


def _arcs(topo: dict, thin: float = 0.0) -> list[list[tuple[float, float]]]:
    """Every arc in longitude/latitude: delta-decoded and scaled by the file's transform, then thinned to `thin`
    degrees (Douglas-Peucker on each arc: its ends stay, so two provinces that share an arc still meet exactly)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        if thin and len(points) > 2:
            kept = list(shapely.LineString(points).simplify(thin, preserve_topology=False).coords)
            closed = points[0] == points[-1]
            points = kept if not closed or len(kept) >= 4 else points  # an island's ring stays a ring
            points = [(round(x, 4), round(y, 4)) for x, y in points]
        out.append(points)
    return out


def _ring(indexes: list[int], arcs: list) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]  # a negative index is the arc reversed
        ring.extend([list(p) for p in (points if not ring else points[1:])])
    return ring


def topojson_to_geojson(topo: dict, thin: float = 0.0) -> dict:
    """A TopoJSON object collection (Polygon and MultiPolygon geometries) as a GeoJSON FeatureCollection, its arcs
    thinned to `thin` degrees."""
    arcs = _arcs(topo, thin)
    features = []
    for layer in topo["objects"].values():
        for g in layer["geometries"]:
            if g["type"] == "Polygon":
                geometry = {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in g["arcs"]]}
            elif g["type"] == "MultiPolygon":
                rings = [[_ring(r, arcs) for r in polygon] for polygon in g["arcs"]]
                geometry = {"type": "MultiPolygon", "coordinates": rings}
            else:
                continue
            features.append({"type": "Feature", "properties": dict(g.get("properties", {})), "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def _key(name: str) -> str:
    key = name_key(name)
    key = key.removeprefix("tp ").strip()
    return RENAMES.get(key, key)


def province_map(new_map: bool, provinces: pd.DataFrame, folder: Path | None = None) -> dict:
    """The province layer of the old or the new map, each feature's `properties.unit_code` the GSO code of the
    province of that name in `provinces` (columns code, name: the provinces of the year drawn)."""
    path = (folder or geo_dir()) / (NEW_MAP if new_map else OLD_MAP)
    data = json.loads(path.read_text(encoding="utf-8"))
    gj = topojson_to_geojson(data, THIN) if new_map else data
    codes = {_key(n): c for c, n in zip(provinces["code"], provinces["name"])}
    for f in gj["features"]:
        props = f["properties"]
        name = props.get("ten_tinh") or props.get("province_vn") or ""
        props["name"] = name
        props["unit_code"] = codes.get(_key(name), "")
    return gj
