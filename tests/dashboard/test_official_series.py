"""The statistics office's series on the public pages (dashboard/ui/information.py): an indicator with figures but
no target is shown for information, every year of its history drawn, its source, release year and provisional
years named, never judged; the country's overview for a year before the programme lists it openly; a judged
indicator names its baseline year."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import paths
from tests.app_pages import numbers, open_page, traces

GSO = "gso_lao_dong_qua_dao_tao"


@pytest.fixture(scope="module")
def official(tmp_path_factory):
    """The real catalogue and registry, Cà Mau 2020 and the shipped GSO series, built once for the module."""
    from pipelines.build.runner import build

    tmp = tmp_path_factory.mktemp("official")
    raw = tmp / "raw"
    shutil.copytree(paths.REPO / "data" / "raw" / "ca_mau" / "2020", raw / "ca_mau" / "2020")
    shutil.copytree(paths.REPO / "data" / "raw" / "gso", raw / "gso")
    mp = pytest.MonkeyPatch()
    for name, path in (("RAW", raw), ("INTAKE", tmp / "i"), ("HISTORY", tmp / "h"), ("WAREHOUSE", tmp / "w.duckdb")):
        mp.setenv(f"XHHT_{name}", str(path))
    build()
    yield
    mp.undo()


def _chart_years(at: AppTest) -> list[int]:
    return [int(v) for v in numbers(traces(at)[0]["x"])]


def test_the_country_shows_the_official_series_for_information_with_its_history(official):
    at = open_page("indicator", unit="VN", year="2016", indicator=GSO)
    assert [m.value for m in at.metric] == ["20,6% (sơ bộ)"]  # 'Prel. 2016' in the published file
    assert "không đánh giá" in at.info[-1].value  # no target: no verdict
    assert _chart_years(at) == list(range(2008, 2017))  # every year the file has, before the programme too
    captions = " ".join(c.value for c in at.caption)
    assert "Tổng cục Thống kê (GSO)" in captions and "phát hành năm 2018" in captions
    assert "Năm 2016: số liệu sơ bộ." in captions
    assert "gso_lao_dong_2018" not in captions  # no ids on a public page
    assert not [b for b in at.markdown if "Chưa đạt" in b.value or "Đạt mốc" in b.value]


def test_a_province_in_english_and_an_earlier_year(official):
    at = open_page("indicator", unit="96", year="2015", indicator=GSO, lang="en")
    assert [m.label for m in at.metric] == ["2015 figure"] and [m.value for m in at.metric] == ["9.7%"]


def test_the_overview_of_a_year_before_the_programme_lists_the_figures_openly(official):
    at = open_page("overview", unit="VN", year="2016")
    assert at.expander[0].proto.expanded  # nothing is judged in 2016: the figures are not hidden
    html = " ".join(m.value for m in at.markdown)
    assert "Tỷ lệ lao động từ 15 tuổi trở lên đang làm việc đã qua đào tạo" in html and "20,6% (sơ bộ)" in html


def test_a_judged_indicator_names_its_baseline_year(official):
    at = open_page("indicator", unit="96", year="2020")
    assert any(c.value.startswith("Năm gốc 2020: ") for c in at.caption), [c.value for c in at.caption]


def test_the_country_map_of_a_year_before_the_programme_colours_the_provinces_by_the_official_series(official):
    at = open_page("units", unit="VN", year="2016")
    assert at.info[-1].value == "Năm 2016 chưa có chỉ tiêu nào được đánh giá cho các đơn vị trực thuộc."
    coloured = [tr for tr in traces(at, -1) if tr["type"] == "choropleth" and tr.get("showscale", True)]
    assert len(coloured) == 1 and len(coloured[0]["locations"]) == 63  # every province of 2016 has its figure
    assert "Cà Mau" in " ".join(coloured[0]["hovertext"]) and "10,2%" in " ".join(coloured[0]["hovertext"])
    # a map of values, not of gaps, and it names no province: its title and caption say no more than it draws
    assert "Bản đồ số liệu (chưa có mục tiêu)" in [h.value for h in at.subheader]
    assert "Bản đồ chênh lệch" not in [h.value for h in at.subheader]
    assert not any("Tên ghi trên bản đồ" in c.value for c in at.caption)


def test_a_figure_whose_provisional_flag_is_unknown_reads_as_final():
    import pandas as pd

    from dashboard.ui import information

    rows = pd.DataFrame({"value": [40.5, 41.0], "provisional": pd.array([pd.NA, True], dtype="boolean")})
    assert [information.value_text(r, "vi") for r in rows.itertuples()] == ["40,5%", "41,0% (sơ bộ)"]
