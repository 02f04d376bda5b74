"""Joining map polygons to unit codes by name: every feature is accounted for and says how it matched."""

import unicodedata

import pandas as pd

from pipelines.ingest.geodata import match_features, normalise_name
from pipelines.ingest.unit_registry import load_units


def _feature(fid, district, commune, province="Thử Nghiệm"):
    return {
        "type": "Feature",
        "properties": {"commune_id": fid, "province_vn": province, "district_vn": district, "commune_vn": commune},
        "geometry": None,
    }


def test_old_and_new_tone_placement_are_the_same_name():
    assert normalise_name("Xã Hoà Mới") == normalise_name("Xã Hòa Mới")
    assert normalise_name("Thuỷ") == normalise_name("Thủy")
    assert normalise_name(unicodedata.normalize("NFD", "Xã  Hòa Mới ")) == normalise_name("xã hòa mới")


def test_each_feature_is_matched_or_reported(world):
    units, _ = load_units()
    geo = {
        "features": [
            _feature(1, "Huyện Một", "Xã An"),  # exact
            _feature(2, "Huyện Hai", unicodedata.normalize("NFD", "Xã Hoà Mới")),  # NFD, old tone placement
            _feature(3, "Huyện Một", "Xã Cuờng Cũ"),  # renamed: through the alias table
            _feature(4, "Huyện Hai", "Xã Không Có"),  # unknown: reported, never guessed
            _feature(5, "Huyện Một", "Xã An", province="Tỉnh Khác"),  # same names, other province
        ]
    }
    aliases = pd.DataFrame({"commune_id": ["3"], "unit_code": ["99103"]})
    out = match_features(geo, units, aliases, "test").set_index("feature_id")
    assert out.loc["1", ["unit_code", "district_code", "match"]].tolist() == ["99101", "991", "exact"]
    assert out.loc["2", ["unit_code", "match"]].tolist() == ["99203", "normalised"]
    assert out.loc["3", ["unit_code", "match"]].tolist() == ["99103", "alias"]
    assert out.loc["4", ["unit_code", "match"]].isna().all()
    assert out.loc["5", ["unit_code", "match"]].isna().all()
    assert len(out) == 5


def test_the_34_province_map_is_thinned_for_the_browser_and_its_provinces_still_meet():
    """The new province map is decoded from TopoJSON with its arcs thinned (pipelines/ingest/province_maps.py): a
    tenth of the file's points, every province kept, each within the tolerance of its own outline, and no new
    self-crossing (two neighbours share the same thinned arc, so they meet without gaps)."""
    import json

    import shapely

    from pipelines.ingest.geodata import geo_dir
    from pipelines.ingest.province_maps import NEW_MAP, THIN, topojson_to_geojson

    topo = json.loads((geo_dir() / NEW_MAP).read_text(encoding="utf-8"))
    full, thin = topojson_to_geojson(topo), topojson_to_geojson(topo, THIN)

    def shapes(gj):
        return {f["properties"]["ten_tinh"]: shapely.geometry.shape(f["geometry"]) for f in gj["features"]}

    before, after = shapes(full), shapes(thin)
    assert len(after) == len(before) == 34
    points = {name: shapely.get_num_coordinates(s) for name, s in after.items()}
    assert sum(points.values()) < 0.25 * sum(shapely.get_num_coordinates(s) for s in before.values())
    assert all(after[n].hausdorff_distance(before[n]) <= THIN + 1e-4 for n in before)
    assert {n for n, s in after.items() if not s.is_valid} == {n for n, s in before.items() if not s.is_valid}
    assert len(json.dumps(thin)) < 500_000  # sent to every browser that opens the country's map after the reform
    # neighbours still meet: Hà Nội's outline touches its neighbours' as closely after as before
    for a, b in (("TP Hà Nội", "Phú Thọ"), ("TP HCM", "Đồng Nai")):
        assert after[a].distance(after[b]) == 0
