"""The dashboard on the fixture world's warehouse: no exception, the figures equal the warehouse's, in
Vietnamese by default and in English after the switch, and the view lives in the URL."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.build import build

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app(world):
    build()
    return AppTest.from_file(APP, default_timeout=30)


def _row(at, indicator_name):
    df = at.dataframe[0].value
    return df[df.iloc[:, 0] == indicator_name].iloc[0]


def test_overview_shows_the_warehouse_figures_in_vietnamese(app):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Tỉnh Thử Nghiệm · 2023"
    gd = _row(at, "Gia đình học tập")
    assert (gd["Thực hiện"], gd["Mốc năm"], gd["Mục tiêu 2030"], gd["Tình trạng"]) == ("40,0%", "40,0%", "80,0%", "✓ Đạt")
    assert gd["Triển vọng 2030"] == "↑ Đúng lộ trình"
    xa = _row(at, "Số xã đạt chuẩn")
    assert (xa["Thực hiện"], xa["Mốc năm"], xa["Chênh lệch"]) == ("4/5", "3", "+1")
    assert any("Dữ liệu minh họa" in i.value for i in at.info)
    assert at.query_params["unit"] == "99" and at.query_params["year"] == "2023"


def test_language_switch(app):
    at = app.run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    gd = _row(at, "Learning families")
    assert (gd["Actual"], gd["Status"]) == ("40.0%", "✓ Met")
    assert any("Illustrative data" in i.value for i in at.info)
    assert at.query_params["lang"] == "en"


def test_district_view_and_gap_in_families(world):
    world.write_raw("y2024.csv", "unit_code,year,indicator,numerator,denominator\n"
                                 "99101,2024,gd,30,100\n99102,2024,gd,50,100\n99103,2024,gd,20,50\n")
    build()
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["year"] = "2024"
    at.query_params["unit"] = "991"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Huyện Một · 2024"
    gd = _row(at, "Gia đình học tập")
    # 100 of 250 = 40,0% against 45,7%: ceil(114.29) - 100 = 15 families
    assert (gd["Thực hiện"], gd["Mốc năm"], gd["Cần thêm"], gd["Tình trạng"]) == (
        "40,0%", "45,7%", "15 gia đình học tập", "✗ Chưa đạt")


def test_no_warehouse_says_how_to_build_it(world):
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "python -m pipelines build" in at.error[0].value


def test_a_link_to_a_commune_restores_the_whole_picker(app):
    app.query_params["unit"] = "99103"
    app.query_params["year"] = "2023"
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Xã Cường · 2023"
    assert [at.selectbox(key=k).value for k in ("unit_province", "unit_district", "unit_commune")] == ["99", "991", "99103"]
