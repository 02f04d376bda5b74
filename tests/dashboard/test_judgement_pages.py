"""Issue 14 on the pages: statuses and outlooks shown as the warehouse judged them (no outlook without this year's
value, "không áp dụng" and "chưa có quy định" in words, carried-over targets flagged), levels in the documents' words,
one meaning per arrow, and the methodology page stating the rules and thresholds the build applied. On the demo
warehouse (Tỉnh Cà Mau before and after the 2025 reform) and on the fixture world."""

from __future__ import annotations

import json
import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui import fmt
from dashboard.ui.i18n import OUTLOOK, REFORM_DAY
from pipelines.build.runner import build
from tests.app_pages import numbers, open_page, traces
from tests.dashboard.test_app import shown_tables

PAGES = ["overview", "indicator", "units", "literacy", "universalisation", "titles", "data_quality", "methodology"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The shipped demo data built into a warehouse of this module's own."""
    path = tmp_path_factory.mktemp("demo") / "xhht.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XHHT_WAREHOUSE", str(path))
        build()
        yield str(path)


def page_text(at: AppTest) -> str:
    """Every text a reader can see: headings, paragraphs, captions, notices, table cells, metrics, charts, HTML."""
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "success")
        for e in at.get(kind)
    ]
    for value in shown_tables(at):
        parts += [str(x) for x in value.to_numpy().ravel()] + [str(c) for c in value.columns]
    for m in at.metric:
        parts += [m.label, m.value, m.proto.delta, m.proto.delta_description]
    parts += [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart")]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(str(p) for p in parts)


def test_ca_mau_2026_scorecard_judges_only_rows_with_a_value(demo):
    at = open_page("overview", unit="96", year="2026")
    card = shown_tables(at)[0]
    with duckdb.connect(demo, read_only=True) as con:
        rows = con.execute(
            "select i.name_vi, p.status, p.outlook_category from progress p join indicators i on i.id = p.indicator "
            "where p.unit_code = '96' and p.year = 2026"
        ).fetchall()
    assert len(card) == len(rows)
    judged = {name: (status, outlook) for name, status, outlook in rows}
    for _, line in card.iterrows():
        status, outlook = judged[line["Chỉ tiêu"].removeprefix("* ")]
        shown = line["Triển vọng 2030"]
        if outlook is None:  # no value this year: no outlook word at all
            assert shown == "–" or shown.startswith("thay bằng: "), (line["Chỉ tiêu"], shown)
        else:
            assert shown == OUTLOOK[outlook][0]
        if status == "behind":
            assert shown not in (OUTLOOK["met"][0], OUTLOOK["on_track"][0])
    # "9/9 huyện …": no district level from 1/7/2025; the one re-based says by what
    district = card[card["Chỉ tiêu"].str.contains("Số huyện")]
    assert len(district) == 3 and set(district["Tình trạng"]) == {f"⊘ Không áp dụng từ {REFORM_DAY}"}
    assert "thay bằng: Số xã đạt chuẩn phổ cập giáo dục tiểu học mức độ 3" in set(district["Triển vọng 2030"])
    # the province's own levels after the reform: no rule yet, said in words, no outlook
    no_rule = card[card["Tình trạng"] == "§ Chưa có quy định"]
    assert len(no_rule) == 3 and set(no_rule["Triển vọng 2030"]) == {"–"}
    captions = [c.value for c in at.caption]
    assert "§ Chưa có quy định xác định mức độ của tỉnh sau sắp xếp đơn vị hành chính." in captions
    assert (
        f"⊘ Không áp dụng từ {REFORM_DAY}: Số huyện đạt chuẩn phổ cập giáo dục tiểu học mức độ 3 — thay bằng: "
        "Số xã đạt chuẩn phổ cập giáo dục tiểu học mức độ 3." in captions
    )
    # carried over from the pre-reform Cà Mau: flagged with a mark the caption explains; the 3 targets that no
    # longer apply are not "carried over" (they are not judged on the new province at all)
    assert card["Chỉ tiêu"].str.startswith("* ").sum() == 17 - 3
    assert any(c.startswith("\\* Mục tiêu do tỉnh đặt ra trước sắp xếp") for c in captions)
    # counts: not-applicable targets are not "not judged", and no outlook is counted where there is none
    met, behind = (sum(s == k for _, s, _ in rows) for k in ("met", "behind"))
    assert [m.value for m in at.metric] == [str(met), str(behind), "3", "0"]
    assert f"3 chỉ tiêu không áp dụng từ {REFORM_DAY} (không còn cấp huyện)." in captions


def test_the_same_in_english(demo):
    at = open_page("overview", unit="96", year="2026", lang="en")
    card = shown_tables(at)[0]
    assert (card["Status"] == f"⊘ Not applicable from {REFORM_DAY}").sum() == 3
    assert (card["Status"] == "§ No rule yet").sum() == 3
    assert sum(x.startswith("replaced by: ") for x in card["2030 outlook"]) == 1


def test_indicator_page_of_a_not_applicable_target_says_what_replaced_it(demo):
    at = open_page("indicator", unit="96", year="2026", indicator="huyen_dat_pcgd_th_3")
    text = " ".join(m.value for m in at.markdown)
    assert f"⊘ Không áp dụng từ {REFORM_DAY}" in text
    assert "thay bằng: Số xã đạt chuẩn phổ cập giáo dục tiểu học mức độ 3" in text
    assert "mục tiêu của tỉnh trước sắp xếp" not in text  # not applicable, so not carried over either
    assert not any(label[0] in text for label in OUTLOOK.values())
    carried = open_page("indicator", unit="96", year="2026", indicator="gia_dinh_hoc_tap")
    assert "mục tiêu của tỉnh trước sắp xếp" in " ".join(m.value for m in carried.markdown)


def test_no_outlook_no_projection_no_evidence_on_the_indicator_page(demo):
    at = open_page("indicator", unit="96", year="2026", indicator="pcgd_mn5_muc_do")  # no rule yet: no value
    series = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert not any(t.get("name", "").startswith("Dự báo") for t in series["data"])
    assert not any(c.value.startswith("Triển vọng 2030 đánh giá") for c in at.caption)
    assert "§ Chưa có quy định xác định mức độ của tỉnh sau sắp xếp đơn vị hành chính." in [c.value for c in at.caption]
    # with a verdict, the projection says which year's data it starts from
    at = open_page("indicator", unit="96", year="2026", indicator="gia_dinh_hoc_tap")
    names = [t.get("name", "") for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]]
    assert "Dự báo (theo tốc độ tăng bình quân, từ số liệu năm 2026)" in names


def test_level_words_come_from_one_function():
    from dashboard.ui.i18n import level_label

    assert level_label([0, 1, 2, 3], 0, "vi") == "Chưa đạt chuẩn"
    assert level_label([0, 1, 2, 3], 2, "vi") == "Mức độ 2"
    assert level_label([0, 1, 2, 3], 2, "en") == "Level 2"
    assert level_label([0, 1], 1, "vi") == "Đạt chuẩn"  # preschool for 5-year-olds: pass/fail
    assert level_label([0, 1], 0, "vi") == "Chưa đạt chuẩn"
    assert level_label([0, 1], 1, "en") == "Standard met"
    assert level_label(None, float("nan"), "vi") == "–"


def test_pages_say_levels_in_the_documents_words(demo):
    card = shown_tables(open_page("overview", unit="96", year="2024"))[0]
    preschool = card[card["Chỉ tiêu"].str.contains("mầm non")].iloc[0]
    assert (preschool["Thực hiện"], preschool["Mốc năm"]) == ("Đạt chuẩn", "Đạt chuẩn")
    at = open_page("universalisation", unit="96", year="2024")
    names = [[t["name"] for t in json.loads(c.proto.spec)["data"]] for c in at.get("plotly_chart")]
    assert ["Đạt chuẩn"] in names  # preschool, every unit met: no "Mức độ 1"
    assert any("Chưa đạt chuẩn" in n and "Mức độ 3" in n for n in names)  # lower secondary
    literacy = page_text(open_page("literacy", unit="96", year="2024"))
    assert "Chưa đạt chuẩn" in literacy and "Mức độ 2" in literacy


@pytest.mark.parametrize("year", ["2024", "2026"])
def test_no_page_says_mức_0_or_đi_xa_mục_tiêu(demo, year):
    for page in PAGES:
        text = page_text(open_page(page, unit="96", year=year, indicator="pcgd_thcs_muc_do"))
        assert not re.search(r"Mức \d", text), (page, re.findall(r".{30}Mức \d.{10}", text)[:3])
        assert "Đi xa" not in text and "đi xa mục tiêu" not in text, page
        assert "Mức 0" not in text


def test_titles_page_arrows_mean_the_change_since_last_year(demo):
    at = open_page("titles", unit="96", year="2026")
    with duckdb.connect(demo, read_only=True) as con:
        rows = con.execute(
            "select p.actual, prev.actual, p.gap, p.status from progress p join indicators i on i.id = p.indicator "
            "join progress prev on prev.target_id = p.target_id and prev.unit_code = p.unit_code "
            "and prev.year = p.year - 1 where p.unit_code = '96' and p.year = 2026 and i.\"group\" = 'danh_hieu' "
            "order by i.position"
        ).fetchall()
    assert len(at.metric) == len(rows)
    captions = [c.value for c in at.caption]
    for m, (actual, previous, gap, status) in zip(at.metric, rows):
        assert m.proto.delta == fmt.points(actual - previous, "vi").replace("−", "-")
        assert m.proto.delta_description == "so với năm trước"
        if status == "behind":  # the distance to the milestone: in words, without an arrow
            words = f"còn thiếu {fmt.points(gap, 'vi').lstrip('−')} so với mốc 2026"
            assert any(c.startswith(words) for c in captions), words
    assert "còn thiếu 10,0 điểm phần trăm so với mốc 2026; cần thêm 49.428 gia đình học tập" in captions
    assert not any(re.search("[↑↓]", c) and "mốc 2026" in c for c in captions)


def test_methodology_states_the_rules_and_thresholds_the_build_applied(world, monkeypatch):
    monkeypatch.setenv(
        "XHHT_OUTLOOK", json.dumps({"on_track": 0.9, "acceleration_needed": 0.55, "unsd_acceleration_needed": 0.2})
    )
    build()
    monkeypatch.delenv("XHHT_OUTLOOK")  # the page reads what the build wrote, not this process's settings
    at = open_page("methodology", unit="99", year="2023")
    text = "\n".join(m.value for m in at.markdown)
    assert "R từ 0,90 trở lên" in text and "từ 0,55 đến dưới 0,90" in text and "dưới 0,20" in text
    assert "0,95" not in text and "0,60" not in text
    assert "Quy tắc mọi nhận định phải tuân theo (kiểm tra tự động mỗi lần xây dựng dữ liệu)" in [
        s.value for s in at.subheader
    ]
    with duckdb.connect(str(world.warehouse), read_only=True) as con:
        rules = [r for (r,) in con.execute("select rule_vi from audit_rules").fetchall()]
    assert rules and all(fmt.curly_quotes(rule) in text for rule in rules)
    prose = [m.value for m in at.markdown if "xh-table" not in m.value]  # the words, not a table's HTML
    assert any("“" in m for m in prose) and not any('"' in m for m in prose)  # one kind of quotes
    assert f"từ {REFORM_DAY} không còn cấp huyện" in text
    assert "- Nguồn thử" in text and "**s**" not in text


def test_methodology_sources_are_titles_with_unverified_marked(demo):
    markdown = [m.value for m in open_page("methodology", unit="96", year="2026").markdown]
    sources = next(m for m in markdown if "Quyết định 1373/QĐ-TTg" in m)
    assert "- Kế hoạch xây dựng xã hội học tập năm 2023 của UBND tỉnh Cà Mau (chưa kiểm chứng)" in sources
    assert "kh2023_cm" not in sources and "qd1373" not in sources
    body = next(m for m in markdown if "Lộ trình của từng đơn vị" in m)
    assert "targets.yaml" not in body and ".yaml" not in body  # the method in plain words, no file names


def test_scorecard_leads_with_status_and_lists_the_worst_first(demo):
    card = shown_tables(open_page("overview", unit="96", year="2024"))[0]
    assert list(card.columns[:3]) == ["Chỉ tiêu", "Tình trạng", "Triển vọng 2030"]
    behind = list(card["Tình trạng"] == "✗ Chưa đạt mốc")
    assert behind[0] and behind == sorted(behind, reverse=True)  # every target behind before any other
    outlooks = list(card["Triển vọng 2030"][: sum(behind)])
    assert outlooks.index(OUTLOOK["limited_progress"][0]) < outlooks.index(OUTLOOK["acceleration_needed"][0])


def test_the_country_is_a_unit(demo):
    at = open_page("overview", unit="VN", year="2024")
    assert at.title[0].value == "Toàn quốc · 2024" and at.query_params["unit"] == "VN"
    assert len(shown_tables(at)[0]) > 0
    units = open_page("units", unit="VN", year="2024", indicator="gia_dinh_hoc_tap")
    provinces = units.selectbox(key="unit_province")
    assert provinces.value == "VN" and len(provinces.options) == 64  # Toàn quốc and every province, data or not
    assert json.loads(units.get("plotly_chart")[1].proto.spec)["data"][0]["type"] == "choropleth"


def test_illustrative_figures_are_said_so_where_they_are_shown(demo):
    at = open_page("overview", unit="96", year="2024")
    notices = [i.value for i in at.info if i.value.startswith("Dữ liệu minh họa")]
    assert notices == [
        "Dữ liệu minh họa: số liệu chỉ tiêu của Tỉnh Cà Mau năm 2024 là giả lập để trình diễn, không phải số liệu thật; "
        "đơn vị hành chính và mã số là thật (Tổng cục Thống kê)."
    ]
    elsewhere = open_page("overview", unit="01", year="2024")  # Hà Nội has no figure: nothing to warn about
    assert elsewhere.title[0].value == "Thành phố Hà Nội · 2024"
    assert not any(i.value.startswith("Dữ liệu minh họa") for i in elsewhere.info)
    country = open_page("overview", unit="VN", year="2024")  # inside a sentence the country is "cả nước"
    assert [i.value for i in country.info if i.value.startswith("Dữ liệu minh họa")] == [
        "Dữ liệu minh họa: số liệu chỉ tiêu của cả nước năm 2024 là giả lập để trình diễn, không phải số liệu thật; "
        "đơn vị hành chính và mã số là thật (Tổng cục Thống kê)."
    ]


def test_a_need_that_cannot_be_counted_says_why_and_phone_cards_carry_the_arrows_explained(demo):
    """Cà Mau 2024 reports only a percentage of learning citizens: behind, but no count of people still needed."""
    at = open_page("overview", unit="96", year="2024")
    card = shown_tables(at)[0].set_index("Chỉ tiêu")
    row = card.loc["Tỷ lệ công dân đạt danh hiệu “Công dân học tập”"]
    assert row["Tình trạng"].endswith("Chưa đạt mốc") and row["Cần thêm"] == "—"
    assert any(c.value.startswith("— ở mục Cần thêm: đơn vị chỉ báo cáo tỷ lệ %") for c in at.caption)
    assert any(c.value.startswith("Mũi tên chỉ dùng cho thay đổi") for c in at.caption)
    cards = next(m.value for m in at.markdown if "xh-cards" in m.value)
    assert "So năm trước: ↑" in cards or "So năm trước: ↓" in cards  # the arrows the note explains, on a phone too


def test_an_earlier_years_indicator_page_draws_nothing_after_that_year(demo):
    """A 2024 page judges 2024: its chart stops the values at 2024 and draws no path projected from 2026 data (the
    caption names the 2024 outlook's years; a 2026 projection beside it would contradict it)."""
    later = open_page("indicator", unit="96", year="2026", indicator="gia_dinh_hoc_tap")
    at = open_page("indicator", unit="96", year="2024", indicator="gia_dinh_hoc_tap")
    for page, year in ((later, 2026), (at, 2024)):
        drawn_traces = traces(page)
        actual = next(t for t in drawn_traces if t.get("name") == "Thực hiện")
        drawn = [x for x, y in zip(numbers(actual["x"]), numbers(actual["y"])) if y is not None and y == y]
        assert max(drawn) == year
        projected = [t for t in drawn_traces if str(t.get("name", "")).startswith("Dự báo")]
        assert all(min(numbers(t["x"])) <= year for t in projected)
    assert any(
        str(t.get("name", "")).startswith("Dự báo") for t in json.loads(later.get("plotly_chart")[0].proto.spec)["data"]
    )


def test_the_map_opens_on_an_indicator_its_communes_are_judged_on(demo):
    """Cà Mau 2024 opened its commune map on an indicator judged only for districts: 101 grey communes. The map now
    opens on one judged at the finest tier, so communes are coloured."""
    at = open_page("units", unit="96", year="2024")
    shapes = [tr for tr in traces(at, 1) if tr["type"] == "choropleth"]
    assert [tr for tr in shapes if tr.get("showscale") is not False and len(tr["locations"])]  # coloured communes


def test_the_country_literacy_page_reads_by_province_not_ten_thousand_tiles(demo):
    at = open_page("literacy", unit="VN", year="2024")
    assert not [h for h in at.get("html") if 'class="tile"' in h.proto.body]
    bars = traces(at, 0)
    provinces = {name for tr in bars for name in tr["y"]}
    assert len(provinces) == 63 and "Tỉnh Cà Mau" in provinces
    at_level = {tr["name"]: dict(zip(tr["y"], numbers(tr["x"]))) for tr in bars}
    # Cà Mau's communes by level, as the metrics above count them for the country
    assert sum(v.get("Tỉnh Cà Mau", 0) for v in at_level.values()) == 101


def test_the_literacy_page_names_communes_and_their_parents_as_the_years_map_does(demo, tmp_path, monkeypatch):
    """Before the reform a commune is a xã, phường or thị trấn in a district; from it, a xã, phường or đặc khu in a
    province (no thị trấn, no district). The demo's communes all meet the standard after the reform: one is made
    to miss it (half its young people literate) so that the table of communes below the standard shows."""
    import shutil

    from pipelines.config import paths

    axis = {}
    for year in ("2024", "2026"):
        at = open_page("literacy", unit="VN", year=year)
        axis[year] = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["xaxis"]["title"]["text"]
    assert axis == {
        "2024": "Số xã, phường, thị trấn theo mức độ đạt chuẩn",
        "2026": "Số xã, phường, đặc khu theo mức độ đạt chuẩn",
    }
    raw = tmp_path / "raw"
    shutil.copytree(paths.raw_dir(), raw)
    sheet = raw / "ca_mau_moi" / "2026" / "xoa_mu_chu_pho_cap_2026.csv"
    lines = sheet.read_text(encoding="utf-8").splitlines()
    for k, line in enumerate(lines):
        cells = line.split(",")
        if cells[0] == "31825" and cells[2].startswith("xmc_"):
            cells[3] = str(int(cells[4]) // 2)
            lines[k] = ",".join(cells)
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("XHHT_RAW", str(raw))
    monkeypatch.setenv("XHHT_WAREHOUSE", str(tmp_path / "xhht.duckdb"))
    build()
    headers, parents = {}, {}
    for year in ("2024", "2026"):
        tables = [t for t in shown_tables(open_page("literacy", unit="96", year=year)) if "Xã" in t.columns]
        headers[year] = {tuple(t.columns[:2]) for t in tables}
        parents[year] = {p for t in tables for p in t.iloc[:, 1]}
    assert headers == {"2024": {("Xã", "Huyện")}, "2026": {("Xã", "Tỉnh, thành phố")}}
    assert parents["2026"] == {"Tỉnh Cà Mau"} and "Tỉnh Cà Mau" not in parents["2024"]
