"""Every page on the fixture world's warehouse (tests/fixtures/world, see tests/pipelines/test_build.py for
the hand-computed values): no exception, the key figures equal the warehouse's, Vietnamese by default,
English after the switch, and the view kept in the URL."""

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui.tables import frames
from pipelines.build.runner import build
from tests.app_pages import show

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PAGES = [
    "overview",
    "indicator",
    "units",
    "literacy",
    "universalisation",
    "titles",
    "week",
    "reports",
    "data_quality",
    "methodology",
    "deck_editor",
]


@pytest.fixture
def app(world):
    build()
    return AppTest.from_file(APP, default_timeout=60)


def open_page(app, page, **params):
    """The fixture world's province in 2023 unless the test says otherwise."""
    return show(app, page, **{"year": "2023", "unit": "99", **params})


def cells(at):
    """Every cell text of every table on the page."""
    out = []
    for value in shown_tables(at):
        out += (
            [str(x) for x in value.to_numpy().ravel()] + [str(i) for i in value.index] + list(map(str, value.columns))
        )
    return out


def chart_specs(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def arr(value):
    """Plotly 7 sends numeric arrays as typed binary ({"dtype", "bdata"}); lists stay lists."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return value


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_runs_in_both_languages(app, page, lang):
    at = open_page(app, page, lang=lang)
    assert at.title, "every page has a title"
    # the fixture's figures come from a source that is not illustrative: no notice that they are, their source named
    assert not any(("Dữ liệu minh họa" if lang == "vi" else "Illustrative data") in i.value for i in at.info)
    sources = "Nguồn số liệu năm 2023: f." if lang == "vi" else "Sources of the 2023 figures: f."
    assert sources in [c.value for c in at.caption]


def _row(at, indicator_name):
    df = shown_tables(at)[0]
    return df[df.iloc[:, 0] == indicator_name].iloc[0]


def test_overview_figures_equal_the_warehouse(app):
    at = open_page(app, "overview")
    assert at.title[0].value == "Tỉnh Thử Nghiệm · 2023"
    gd = _row(at, "Gia đình học tập")
    assert (gd["Thực hiện"], gd["Mốc năm"], gd["Mục tiêu 2030"], gd["Tình trạng"]) == (
        "40,0%",
        "40,0%",
        "80,0%",
        "✓ Đạt mốc",
    )
    assert gd["Triển vọng 2030"] == "● Đúng lộ trình"
    xa = _row(at, "Số xã đạt chuẩn")
    assert (xa["Thực hiện"], xa["Mốc năm"], xa["Chênh lệch"]) == ("4/5", "3", "+1")
    assert [m.value for m in at.metric][:2] == ["2", "0"]  # met, behind
    assert at.query_params["unit"] == "99" and at.query_params["year"] == "2023"


def test_language_switch(app):
    at = open_page(app, "overview")
    at.sidebar.radio(key="pick_lang").set_value("en").run()
    assert not at.exception
    gd = _row(at, "Learning families")
    assert (gd["Actual"], gd["Status"]) == ("40.0%", "✓ Milestone met")
    assert at.query_params["lang"] == "en"


def test_district_view_and_gap_in_families(world):
    world.write_raw(
        "y2024.csv",
        "unit_code,year,indicator,numerator,denominator\n"
        "99101,2024,gd,30,100\n99102,2024,gd,50,100\n99103,2024,gd,20,50\n",
    )
    build()
    at = open_page(AppTest.from_file(APP, default_timeout=60), "overview", year="2024", unit="991")
    assert at.title[0].value == "Huyện Một · 2024"
    gd = _row(at, "Gia đình học tập")
    # 100 of 250 = 40,0% against 45,7%: ceil(114.29) - 100 = 15 families; 2023 was 40,0% too
    assert (gd["Thực hiện"], gd["So năm trước"], gd["Mốc năm"], gd["Cần thêm"], gd["Tình trạng"]) == (
        "40,0%",
        "→ 0,0 điểm phần trăm",
        "45,7%",
        "15 gia đình học tập",
        "✗ Chưa đạt mốc",
    )


def test_a_link_to_a_commune_restores_the_whole_picker(app):
    at = open_page(app, "overview", unit="99103")
    assert at.title[0].value == "Xã Cường · 2023"
    assert [at.sidebar.selectbox(key=k).value for k in ("unit_province", "unit_district", "unit_commune")] == [
        "99",
        "991",
        "99103",
    ]


def test_indicator_detail(app):
    at = open_page(app, "indicator", indicator="gd")
    assert at.title[0].value == "Gia đình học tập"
    assert [m.value for m in at.metric] == ["40,0%", "40,0%", "80,0%", "0,0 điểm phần trăm"]
    (series,) = chart_specs(at)  # both districts exactly on the milestone: said in words, no bars of length 0
    assert "Mọi đơn vị đạt mốc: không đơn vị nào chênh lệch so với mốc năm nay." in [x.value for x in at.success]
    actual = next(t for t in series["data"] if t["name"] == "Thực hiện")
    assert arr(actual["x"]) == [2021, 2022, 2023]
    assert arr(actual["y"]) == pytest.approx([28.0, 25.0, 40.0])  # 2022 drawn hollow: partial reporting
    assert any(t["name"].startswith("Dự báo (theo tốc độ tăng bình quân, từ số liệu năm 2023)") for t in series["data"])
    assert "Huyện Một" in cells(at) and "Huyện Hai" in cells(at)
    assert any("theo tốc độ tăng bình quân" in c.value and "2021, 2023" in c.value for c in at.caption)
    assert not any("Eurostat" in c.value or "tỷ số" in c.value for c in at.caption)  # named on the methodology page


def test_gaps_by_unit_heatmap_and_map(app):
    at = open_page(app, "units", indicator="gd")
    heat = chart_specs(at)[0]["data"][0]
    assert heat["type"] == "heatmap" and set(heat["y"]) == {"Huyện Một", "Huyện Hai"}
    assert any("Bản đồ" in s.value for s in at.subheader)
    assert len(chart_specs(at)) == 1  # no map polygons in the fixture; both districts on the milestone: no bars
    assert any(x.value.startswith("Mọi đơn vị đạt mốc") for x in at.success)
    at.selectbox(key="heat_sort").select("behind").run()
    assert not at.exception


def test_units_page_of_a_unit_without_targets_says_so(app):
    at = open_page(app, "units", unit="99101")  # a commune: no target applies (it crashed with a KeyError)
    assert not at.exception
    assert "Không có chỉ tiêu nào có mục tiêu cho đơn vị và năm này." in [i.value for i in at.info]


def test_literacy_page(app):
    at = open_page(app, "literacy")
    assert [m.value for m in at.metric] == ["4/5", "1 lớp", "1 lớp"]  # level 1; post-literacy and stage-1 classes
    gaps = shown_tables(at)[-1]
    row = gaps[gaps["Xã"] == "Xã Bình"].iloc[0]
    assert (row["Cần thêm (người)"], row["Hoàn thành"], row["Còn thiếu sau học viên hoàn thành"]) == ("5", "0", "5")
    assert set(gaps["Xã"]) <= {"Xã An", "Xã Bình", "Xã Cường", "Xã Đông", "Xã Hòa Mới"}  # communes only
    assert "cần thêm 5 người 15–35 tuổi biết chữ mức độ 1" in cells(at)
    assert "Xã Bình" in cells(at)


def test_week_page_totals_and_template(app):
    at = open_page(app, "week")
    assert [m.value for m in at.metric] == ["3/5", "7", "310", "16,1%"]  # 50 of 310 online
    assert "Xây dựng năng lực tự học trong kỉ nguyên số" in " ".join(m.value for m in at.markdown)
    by_unit = next(d for d in shown_tables(at) if "Đơn vị đã báo cáo" in d.columns).set_index("Đơn vị")
    assert (
        by_unit.loc["Huyện Một", "Đơn vị đã báo cáo"] == "2/3"
        and by_unit.loc["Huyện Một", "Lượt người tham gia"] == "270"
    )
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Mẫu Excel thu thập (5 xã)" in labels


def test_week_page_without_a_declared_week_shows_the_nearest_one(app):
    at = open_page(app, "week", year="2022")  # no Week in 2022: the page opens on 2023's, and says so
    assert "Năm 2022 chưa khai báo Tuần lễ học tập suốt đời; trang hiển thị Tuần lễ năm 2023." in [
        i.value for i in at.info
    ]
    assert at.title[0].value.endswith("· 2023") and [m.value for m in at.metric][:2] == ["3/5", "7"]


def test_universalisation_lists_disagreements(app):
    at = open_page(app, "universalisation")
    table = cells(at)
    # the fixture's literacy standard has one level: met or not met, in the documents' words (never "Mức 0")
    assert "Huyện Một" in table and "Đạt chuẩn" in table and "Chưa đạt chuẩn" in table
    assert not any("Mức 0" in x or "Mức 1" in x for x in table)


def test_titles_page(app):
    at = open_page(app, "titles")
    assert at.metric[0].value == "40,0%"
    assert "Huyện Hai" in cells(at)


def test_data_quality_page(world):
    world.write_raw("bad.csv", "unit_code,year,indicator,numerator,denominator\n99101,2024,gd,5,1\n")
    build()
    at = open_page(AppTest.from_file(APP, default_timeout=60), "data_quality")
    table = cells(at)
    assert any("tử số 5 lớn hơn mẫu số 1" in x for x in table)
    assert "Xã Bình" in table  # reported nothing in 2022
    assert at.metric[2].value == "1"
    assert "Mức độ báo cáo (công nhận)" in table and "Mức độ tính theo NĐ 20/2014" in table
    assert "số liệu" in table and "cấu hình" in table


def test_reports_page_makes_the_report_and_previews_it(app):
    at = open_page(app, "reports")
    assert not at.get("download_button"), "nothing is generated before the button is pressed"
    at.button(key="make_periodic").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("download_button")) >= 1  # Word always; PDF where Chromium is installed
    text = " ".join(m.value for m in at.markdown)
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in text and "III. ĐỀ XUẤT, KIẾN NGHỊ" in text
    assert "Gia đình học tập" in " ".join(cells(at))
    assert at.get("image")  # the charts, drawn by Chromium (absent without it: the test below)


def test_every_chart_has_a_download_menu(app):
    at = open_page(app, "indicator", indicator="gd")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("Bảng (Excel)") == len(at.get("plotly_chart"))
    assert "Biểu đồ (PNG)" in labels and "Biểu đồ (PDF)" in labels and "Bảng (CSV)" in labels


def test_methodology_page(app):
    at = open_page(app, "methodology")
    table = cells(at)
    # criteria by their names, never their ids
    assert "Biết chữ mức 1, 15–35" in table and "≥ 90%" in table and "Biết chữ mức 1, 15–25 ≥ 90%" in table
    assert not any("l1_15_35" in x for x in table)
    assert any("Nguồn thử" in m.value for m in at.markdown)


def test_no_warehouse_says_how_to_build_it(world):
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "python -m pipelines build" in at.error[0].value


@pytest.mark.parametrize("slide", range(1, 4))
def test_every_slide_of_the_default_deck(app, slide):
    # the test province has targets in one group only (titles): the four other groups are skipped
    app.query_params.update({"che_do": "trinh_chieu", "slide": str(slide), "unit": "99", "year": "2023"})
    at = app.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["slide"] == str(slide)
    text = " ".join(h.proto.body for h in at.get("html"))
    assert f"Trang {slide}/3" in text and "Chưa có chỉ tiêu" not in text
    assert "Tỉnh Thử Nghiệm" in text


def test_titles_slide_shows_the_warehouse_figure(app):
    app.query_params.update({"che_do": "trinh_chieu", "slide": "2", "unit": "99", "year": "2023"})
    at = app.run()
    text = " ".join(h.proto.body for h in at.get("html"))
    assert "Danh hiệu học tập" in text and '<div class="big">40,0%</div>' in text and "✓ Đạt" in text


def test_next_and_exit_buttons(app):
    app.query_params.update({"che_do": "trinh_chieu", "slide": "3", "unit": "99", "year": "2023"})
    at = app.run()
    at.button(key="deck_next").click().run()
    assert at.query_params["slide"] == "1"  # wraps to the title slide (auto-advance loops)
    assert at.button(key="deck_prev").disabled and at.button(key="deck_first").disabled  # nothing before the first
    at.button(key="deck_last").click().run()
    assert at.button(key="deck_last").disabled and not at.button(key="deck_prev").disabled
    at.button(key="deck_prev").click().run()
    assert at.query_params["slide"] == "2"
    at.button(key="deck_exit").click().run()
    assert not at.exception and "che_do" not in at.query_params


def test_deck_page_saves_a_named_deck_and_starts_it(app, tmp_path, monkeypatch):
    """Staff save decks (viewers cannot: tests/dashboard/test_decks.py)."""
    from dashboard.staff import auth

    monkeypatch.setenv("XHHT_DECKS", str(tmp_path))
    monkeypatch.setattr(auth, "current", lambda: auth.User("lan", "Nguyễn Thị Lan", "analyst", "99"))
    at = open_page(app, "deck_editor")
    name = next(t for t in at.text_input if "Lưu với tên" in t.label)
    save = next(b for b in at.button if "Lưu bộ trình chiếu" in b.label)
    at.multiselect[0].set_value(["behind", "title"])
    name.input("hop-thang")
    save.click().run()  # the form's submit
    assert not at.exception
    assert (tmp_path / "hop-thang.json").exists()
    assert at.query_params["deck"] == "hop-thang"
    next(t for t in at.text_input if "Lưu với tên" in t.label).input("Tên Sai")
    next(b for b in at.button if "Lưu bộ trình chiếu" in b.label).click().run()
    assert [e.value for e in at.error] == [
        "Không lưu được:\n\n- Tên 'Tên Sai' chỉ được gồm chữ thường không dấu, số, - và _."
    ]


def shown_tables(at) -> list:
    """The HTML tables of a page (dashboard/ui/tables.py) as frames of the texts shown."""
    return frames([m.value for m in at.markdown])


def test_without_chromium_the_report_is_made_without_charts_and_no_chart_file_is_offered(app, monkeypatch, tmp_path):
    """No Chromium on the server (`./scripts/run` does not install it): making a report waited for ever for the
    browser that draws its charts. The charts option is then off and says why, the Word file is made, and the
    download menus offer tables only; a chart file asked for anyway is refused at once."""
    import plotly.graph_objects as go

    from dashboard.exports import file_writers
    from dashboard.exports.headless_chromium import NoBrowser

    for name in ("XHHT_BROWSER", "BROWSER_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on it
    at = open_page(app, "reports")
    charts = at.checkbox(key="report_charts_periodic")
    assert charts.disabled and not charts.value and "Chromium" in charts.help and "quản trị viên" in charts.help
    at.button(key="make_periodic").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [b.proto.label for b in at.get("download_button")][:1] == ["Word (.docx)"]
    (warning,) = [w.value for w in at.warning]  # in plain words: no browser's error, no path of the server's
    assert "hãy tải bản Word" in warning and "/" not in warning
    assert not at.get("image") and "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in " ".join(m.value for m in at.markdown)
    labels = [b.proto.label for b in open_page(app, "indicator", indicator="gd").get("download_button")]
    assert "Bảng (Excel)" in labels and "Biểu đồ (PNG)" not in labels and "Biểu đồ (PDF)" not in labels
    with pytest.raises(NoBrowser):
        file_writers.figure_bytes(go.Figure(go.Bar(x=[1], y=[1])), "png")
