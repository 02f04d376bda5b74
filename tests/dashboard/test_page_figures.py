"""The public pages' figures and tables as their readers see them (issue 15), tested on the pure functions that make
them: a wide table fits a phone, a map fills its box and names its worst unit even when it is ahead, a legend title
fits a phone, one unit is a strip and not a block, the reform line says which years' figures it separates, and a
count of districts is an axis that ends at its bar."""

from __future__ import annotations

import pandas as pd

from dashboard.ui import charts, maps, tables
from dashboard.ui.i18n import NEW_MAP_YEAR


def test_a_wide_table_stacks_its_rows_on_a_phone_and_a_number_never_breaks():
    wide = pd.DataFrame([[f"ô {i}" for i in range(7)] + [1111]], columns=[f"Cột {i}" for i in range(8)])
    body = tables.table_html(wide)
    assert 'class="xh-table xh-stacked"' in body and 'data-l="Cột 7"' in body  # each cell says its column
    assert '<td data-l="Cột 7" class="n">1.111</td>' in body
    phone = tables.CSS.split(f"@media (max-width:{tables.PHONE}px)")[1]
    assert ".xh-stacked thead{display:none}" in phone and "content:attr(data-l)" in phone
    # a long file path may break anywhere rather than push the table sideways; a word or "55,7%" never splits
    assert "td.w{overflow-wrap:anywhere}" in tables.CSS and "overflow-wrap:break-word;white-space:normal" in tables.CSS
    cells = tables.table_html(
        pd.DataFrame({"a": ["data/raw/ca_mau/2024/gia_dinh_hoc_tap.csv"], "b": ["Đạt chuẩn 55,7%"]})
    )
    assert '<td data-l="a" class="w">' in cells and '<td data-l="b">Đạt chuẩn 55,7%</td>' in cells
    narrow = tables.table_html(pd.DataFrame({"Tệp": ["data/raw/a.csv"], "Số dòng": [3]}))
    assert "xh-stacked" not in narrow
    assert tables.frames([body])[0].iloc[0, 7] == "1.111"


def _square(x: float, y: float, w: float, h: float) -> dict:
    ring = [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _map(gaps: dict[str, float | None]):
    """A tall province (0,7° wide, 1,2° high) of communes on a diagonal from south-west to north-east."""
    n = len(gaps)
    gj = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"commune_id": code},
                "geometry": _square(104.7 + i * 0.7 / n, 8.4 + i * 1.2 / n, 0.7 / n, 1.2 / n),
            }
            for i, code in enumerate(gaps)
        ],
    }
    df = pd.DataFrame(
        {
            "feature_id": list(gaps),
            "name": [f"Xã {c}" for c in gaps],
            "gap": list(gaps.values()),
            "actual": [50.0] * n,
            "milestone": [50.0] * n,
            "status": ["met" if g is not None and g >= 0 else "behind" for g in gaps.values()],
        }
    )
    return maps.gap_map(df, gj, "commune_id", "ratio", "percent", "vi")


def test_the_map_is_framed_on_its_units_not_in_a_world_shaped_box():
    geo = _map({"a": -3.0, "b": 2.0, "c": None}).layout.geo
    assert geo.fitbounds in (None, False)  # fitbounds keeps a 2:1 box: a tall province drawn 100 px wide on a phone
    (west, east), (south, north) = geo.lonaxis.range, geo.lataxis.range
    assert west < 104.7 < 105.4 < east and east - west < 0.8
    assert south < 8.4 < 9.6 < north and north - south < 1.3


def test_the_polygons_are_one_file_the_browser_fetches_not_a_copy_in_each_figure(world):
    """Issue 17: a map's polygons were copied and encoded into every view of it. The traces now name one file (by its
    content) that the server serves and the browser keeps; it holds the map's units only, and each trace draws its
    own locations from it."""
    from dashboard.data_access import map_files

    fig = _map({"a": -3.0, "b": 2.0, "c": None, "d": None})
    shapes = [t for t in fig.data if t.type == "choropleth"]
    assert {t.geojson for t in shapes} == {shapes[0].geojson} and shapes[0].geojson.startswith("geo/")
    served = map_files.read(shapes[0].geojson)
    assert sorted(f["properties"]["commune_id"] for f in served["features"]) == ["a", "b", "c", "d"]
    assert sorted(sorted(t.locations) for t in shapes) == [["a", "b"], ["c", "d"]]
    assert "coordinates" not in fig.to_json()  # the figure itself carries no polygon
    assert _map({"a": -3.0, "b": 2.0, "c": None, "d": None}).data[0].geojson == shapes[0].geojson  # written once


def test_the_server_serves_a_map_file_and_nothing_else_under_its_route(world):
    import asyncio

    from dashboard import server
    from dashboard.data_access import map_files

    name = map_files.geo_source({"type": "FeatureCollection", "features": []}).removeprefix(map_files.ROUTE)
    (map_files.paths.map_files_dir() / "secret.txt").write_text("no", encoding="utf-8")

    def get(path: str) -> tuple[int, bytes]:
        sent: list[dict] = []

        async def passed(scope, receive, send) -> None:
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        async def send(message) -> None:
            sent.append(message)

        scope = {"type": "http", "path": path, "method": "GET"}
        asyncio.run(server.MapFiles(passed)(scope, None, send))
        return sent[0]["status"], sent[-1]["body"]

    assert get(f"/geo/{name}") == (200, b'{"type":"FeatureCollection","features":[]}')
    assert get(f"/base/geo/{name}")[0] == 200  # behind a base path
    assert get("/geo/secret.txt")[0] == 404 and get("/geo/../maps/x.json")[0] == 404


def test_the_only_coloured_unit_is_named_even_when_ahead():
    fig = _map({"a": 1.2, "b": None, "c": None})
    named = [t for t in fig.data if t.type == "scattergeo"]
    assert named and list(named[0].text) == ["Xã a"] and named[0].textfont.size >= 12


def test_a_name_at_the_edge_is_written_towards_the_middle_not_cut_by_the_frame():
    fig = _map({"a": -9.0, "b": -1.0, "c": -5.0, "d": 2.0})  # a at the west edge, c in the middle, d at the east
    named = next(t for t in fig.data if t.type == "scattergeo")
    sides = dict(zip(named.text, named.textposition))
    assert sides["Xã a"] == "middle right" and sides["Xã d"] == "middle left"


def test_the_legend_title_fits_a_phone():
    fig = _map({"a": -3.0, "b": 2.0})
    bar = next(t for t in fig.data if t.type == "choropleth" and t.showscale is not False).colorbar
    lines = bar.title.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= 45 for line in lines), lines  # 45 characters at 12 px: < 358 px


def _ranking(gaps: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [f"Tỉnh {i}" for i in range(len(gaps))],
            "gap": gaps,
            "actual": [50.0] * len(gaps),
            "milestone": [50.0] * len(gaps),
            "status": ["met" if g >= 0 else "behind" for g in gaps],
        }
    )


def test_one_unit_is_a_strip_and_its_label_stays_clear_of_its_name():
    one = charts.ranking_chart(_ranking([1.2]), "ratio", "percent", "vi")
    assert one.layout.height <= 160
    assert one.data[0].insidetextanchor == "end"  # a bar from 0: its start touches the unit's name
    behind = charts.ranking_chart(_ranking([-7.0, -4.0]), "ratio", "percent", "vi")
    assert behind.data[0].insidetextanchor == "start"  # the bar's start is 0, on the right, away from the names
    nine = charts.ranking_chart(_ranking([-1.0] * 9), "ratio", "percent", "vi")
    assert nine.layout.height >= 28 * 9
    grid = pd.DataFrame(
        {
            "name": ["Tỉnh Cà Mau"] * 2,
            "indicator": ["a", "b"],
            "position": [1, 2],
            "status": ["met", "behind"],
            "actual": [50.0, 40.0],
            "milestone": [45.0, 45.0],
            "measure": ["percent"] * 2,
            "kind": ["ratio"] * 2,
            "name_vi": ["A", "B"],
            "name_en": ["A", "B"],
        }
    )
    assert charts.heatmap(grid, "vi").layout.height <= 160


def test_the_reform_line_separates_the_years_on_the_old_map_from_those_on_the_new_one():
    series = pd.DataFrame(
        {
            "year": [2023, 2024, 2025],
            "value": [40.0, 45.0, 50.0],
            "actual": [40.0, 45.0, 50.0],
            "milestone": [40.0, 45.0, 50.0],
            "target_2030": [90.0] * 3,
            "status": ["met"] * 3,
        }
    )
    fig = charts.series_chart(series, pd.DataFrame(columns=["year", "projected", "method"]), "ratio", "percent", "vi")
    (line,) = [s for s in fig.layout.shapes if s.x0 == s.x1]
    assert NEW_MAP_YEAR - 1 < line.x0 < NEW_MAP_YEAR
    (note,) = fig.layout.annotations
    assert f"số liệu từ năm {NEW_MAP_YEAR}" in note.text  # not read as the reform's date half a year early


def test_a_count_of_districts_ends_at_its_bar_and_says_what_it_counts():
    dist = pd.DataFrame({"parent_name": ["Tỉnh Cà Mau"] * 2, "level": ["2", "3"], "units": [7, 2]})
    fig = charts.level_distribution(dist, [1, 2, 3], "vi", "Số đơn vị cấp huyện")
    assert tuple(fig.layout.xaxis.range) == (0, 9) and fig.layout.xaxis.dtick == 1
    assert fig.layout.xaxis.title.text == "Số đơn vị cấp huyện"
    # a count in a narrow bar is written level or not at all, never turned on its side
    assert {tr.textangle for tr in fig.data} == {0} and fig.layout.uniformtext.mode == "hide"
    # rows by name whatever level each has: the level-3 trace naming "Huyện B" first does not put it on top
    two = pd.DataFrame({"parent_name": ["Huyện A", "Huyện B"], "level": ["2", "3"], "units": [1, 1]})
    assert list(charts.level_distribution(two[::-1], [1, 2, 3], "vi").layout.yaxis.categoryarray) == [
        "Huyện B",
        "Huyện A",
    ]
    assert list(charts.level_distribution(two, [1, 2, 3], "vi").layout.yaxis.categoryarray) == ["Huyện A", "Huyện B"]


def test_a_small_gap_is_pale_not_the_darkest_colour_of_its_own_scale():
    """The colour scale spans at least ±10 percentage points: the country's map with one province 0,8 points
    behind paints it pale, where a scale stretched to ±0,8 painted it the darkest orange."""
    coloured = next(t for t in _map({"a": -0.8, "b": None}).data if t.type == "choropleth" and t.showscale is not False)
    assert (coloured.zmin, coloured.zmax) == (-10.0, 10.0)
    wide = next(t for t in _map({"a": -23.0, "b": 4.0}).data if t.type == "choropleth" and t.showscale is not False)
    assert (wide.zmin, wide.zmax) == (-23.0, 23.0)
