"""The statistics office's PX-Web tables (pipelines/intake/pxweb.py): the shipped export read exactly as published
through the command line and the upload page, its figures in the warehouse as GSO publishes them; the shipped tidy
rows are what the reader gives; history years kept but never judged; random PX-Web-shaped files never crash the
reader and every data line is accepted, refused or skipped."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.config import paths
from pipelines.config.catalog import load_catalog
from pipelines.intake import service as intake
from pipelines.intake.official_tables import official_dir, read_published, tidy_path
from pipelines.intake.pxweb import read_pxweb, year_of

PUBLISHED = paths.REPO / "data" / "official" / "gso"
TRAINED = PUBLISHED / "Percentage_of_trained_employed_workers_at_15_years_of_age_and_above_by_province.csv"
# as GSO publishes them (the file's own lines): Hà Nội 2008, Cà Mau 2015, TP Hồ Chí Minh 2016 (provisional), the
# country 2016 (provisional), Thừa Thiên-Huế 2012
PUBLISHED_FIGURES = {
    ("01", 2008): 23.3,
    ("96", 2015): 9.7,
    ("79", 2016): 34.8,
    ("VN", 2016): 20.6,
    ("VN", 2008): 14.3,
    ("46", 2012): 20.9,
}
REGION_LINES = {5, 17, 32, 47, 53, 60}  # Red River Delta … Mekong River Delta


def test_the_published_file_is_shipped_unchanged_and_its_tidy_rows_are_up_to_date():
    assert TRAINED.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in TRAINED.read_bytes()
    assert official_dir() == PUBLISHED
    p = read_published(TRAINED)
    assert p.problems == [] and p.counts()["rows_read"] == 64 and len(p.accepted) == 64 * 9
    assert tidy_path(TRAINED).read_text(encoding="utf-8") == p.accepted.to_csv(index=False)


def test_year_headings():
    assert year_of("2015") == (2015, False)
    assert year_of("Prel. 2016") == (2016, True)
    assert year_of("Sơ bộ 2016") == (2016, True)
    assert year_of("2016 (Prel.)") == (2016, True)
    assert year_of("Cities, provincies") is None


def test_the_reader_maps_the_country_skips_regions_and_refuses_a_former_province():
    cat = load_catalog()
    data = TRAINED.read_bytes().replace(b'"Ha Noi";23.3', b'"Ha Tay";9.0;..;...;1;2;3;4;5;6\r\n"Ha Noi";23.3')
    t = read_pxweb(data, "x.csv", cat)
    assert t.indicator == "gso_lao_dong_qua_dao_tao"
    assert t.skipped == {r if r < 6 else r + 1 for r in REGION_LINES}  # Hà Tây inserted as line 6
    vn = t.rows[t.rows["unit_code"] == "VN"]
    assert dict(zip(vn["year"], vn["value"]))["2016"] == "20.6" and set(vn["provisional"]) == {"", "1"}
    assert dict(zip(vn["year"], vn["provisional"]))["2016"] == "1"
    (former,) = t.problems
    assert former.code == "former_unit" and former.row == 6
    assert "sáp nhập vào Thành phố Hà Nội từ 1/8/2008" in former.message("vi")
    assert "merged into Hà Nội on 1/8/2008" in former.message("en")


def _held(warehouse: Path) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select unit_code, year, value, provisional, source_id, illustrative from actuals "
            "where indicator = 'gso_lao_dong_qua_dao_tao'"
        ).fetchall()
    return {(c, y): (v, p, s, i) for c, y, v, p, s, i in rows}


def test_the_command_line_loads_the_published_file_with_no_other_flag(national, capsys):
    from pipelines.__main__ import main

    code = main(["load", str(TRAINED), "--scope", "VN", "--commit", "--who", "an", "--why", "GSO 2018"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "64 dòng: 64 hợp lệ, 0 bị từ chối; 576 giá trị (576 mới" in out
    assert "'Red River Delta': vùng, bỏ qua" in out and "'WHOLE COUNTRY': cả nước → VN" in out
    assert "settings.first_year = 2020" in out
    held = _held(national)
    for key, value in PUBLISHED_FIGURES.items():
        assert held[key][0] == pytest.approx(value), key
    assert held[("VN", 2016)][1] is True and held[("VN", 2015)][1] is False  # 'Prel. 2016': provisional
    assert held[("01", 2008)][2:] == ("gso_lao_dong_2018", False)  # real, with its declared source
    assert len(held) == 64 * 9  # 63 provinces and the country, no region
    with duckdb.connect(str(national), read_only=True) as con:
        assert con.execute("select released from sources where id = 'gso_lao_dong_2018'").fetchone() == (2018,)
        # history years are series, never judged: the progress rows start at the first programme year
        assert con.execute("select min(year) from progress").fetchone()[0] == 2020
        assert con.execute("select distinct baseline_year from targets").fetchall() == [(2020,)]


def test_the_upload_page_loads_the_published_file_for_an_admin(national):
    from streamlit.testing.v1 import AppTest

    from dashboard.staff.passwords import hash_password

    at = AppTest.from_file(str(paths.REPO / "dashboard" / "app.py"), default_timeout=90)
    at.secrets["users"] = {"root": {"name": "Quản trị", "role": "admin", "password_hash": hash_password("x" * 20)}}
    at.query_params["unit"], at.query_params["year"] = "95", "2023"  # the admin looks at Bạc Liêu
    at.run()
    at.text_input[0].input("root")
    at.text_input[1].input("x" * 20)
    at.button[-1].click().run()
    at.switch_page("staff/data_intake.py").run()
    assert not at.exception, [e.value for e in at.exception]
    at.file_uploader(key="intake_file").set_value((TRAINED.name, TRAINED.read_bytes(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    shown = ("Dòng đọc được", "Dòng hợp lệ", "Dòng bị từ chối", "Dòng bỏ qua (vùng, ghi chú)")
    assert tuple(metrics[k] for k in shown) == ("64", "64", "0", "6"), metrics
    at.text_input(key="intake_why").input("Số liệu chính thức GSO 2018").run()
    at.button(key="intake_commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert intake.log()[-1]["values"] == 576 and intake.log()[-1]["who"].startswith("root")
    held = _held(national)
    assert {k: held[k][0] for k in PUBLISHED_FIGURES} == pytest.approx(PUBLISHED_FIGURES)


# ------------------------------------------------------------------ random PX-Web-shaped files
NAMES = st.sampled_from(
    [
        "Tỉnh Thử Nghiệm",
        "Thu Nghiem",
        "Thu Nghiem province",
        " WHOLE COUNTRY",
        "CẢ NƯỚC",
        "Red River Delta",
        "Đồng bằng sông Hồng",
        "Ha Tay",
        "Nowhere",
        "",
        "(*) Ghi chú",
    ]
)
FIGURES = st.one_of(
    st.floats(0, 100, allow_nan=False).map(lambda x: f"{x:.1f}"),
    st.sampled_from(["..", "...", "-", "", "12,5", "abc", "150", "1.234,5"]),
)
HEADINGS = st.one_of(st.integers(2005, 2032).map(str), st.integers(2005, 2030).map(lambda y: f"Prel. {y}"))


@st.composite
def pxweb_files(draw):
    sep = draw(st.sampled_from([";", ",", "\t"]))
    years = draw(st.lists(HEADINGS, min_size=1, max_size=4, unique=True))
    title = draw(st.sampled_from(["Gia đình học tập phân theo địa phương", "gd by province", "Unknown series"]))
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    for _ in range(draw(st.integers(0, 2))):
        w.writerow([title])
        w.writerow([])
    w.writerow(["Cities, provincies", *years])
    for _ in range(draw(st.integers(1, 6))):
        w.writerow([draw(NAMES), *[draw(FIGURES) for _ in years]])
    bom = draw(st.sampled_from(["\ufeff", ""]))
    return (bom + out.getvalue()).encode("utf-8")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=pxweb_files())
def test_random_pxweb_files_never_crash_and_every_line_is_accounted_for(built_world, data):
    p = intake.preview(data, "gso.csv", scope="VN")
    table = read_pxweb(data, "gso.csv", load_catalog())
    c = p.counts()
    assert c["rows_accepted"] + c["rows_rejected"] + c["rows_skipped"] == table.data_lines
    refused = {x.row for x in p.problems}
    assert not refused & set(p.observations.loc[p.observations["accepted"], "row"])
    assert set(p.accepted["year"].astype(int)) <= set(range(2000, 2031))


def test_a_series_no_indicator_declares_is_declared_from_the_preview(national, tmp_path, monkeypatch):
    """Issue 18 part 6: an admin declares the new indicator on the upload page (targets store: validated, in the
    history), and the same file then loads."""
    from streamlit.testing.v1 import AppTest

    from dashboard.staff.passwords import hash_password
    from pipelines.editing import targets_store as store

    targets = tmp_path / "targets.yaml"
    shutil.copy(paths.targets_file(), targets)
    monkeypatch.setenv("XHHT_TARGETS", str(targets))
    data = (
        '\ufeff"Percentage of households with a computer by province by Cities, provincies and Year"\r\n\r\n'
        '"Cities, provincies";"2019";"Prel. 2020"\r\n" WHOLE COUNTRY";22.1;24.0\r\n"Ca Mau";15.2;..\r\n'
    ).encode()
    at = AppTest.from_file(str(paths.REPO / "dashboard" / "app.py"), default_timeout=90)
    at.secrets["users"] = {"root": {"name": "Quản trị", "role": "admin", "password_hash": hash_password("x" * 20)}}
    at.run()
    at.text_input[0].input("root")
    at.text_input[1].input("x" * 20)
    at.button[-1].click().run()
    at.switch_page("staff/data_intake.py").run()
    at.file_uploader(key="intake_file").set_value(("may_tinh.csv", data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Chỉ tiêu chưa khai báo trong tệp (1)" in [e.label for e in at.expander]
    (ident,) = [t for t in at.text_input if t.key.startswith("declare_id_")]
    key = ident.key.removeprefix("declare_id_")  # the series' own (NewSeries.key)
    assert ident.value == "gso_percentage_of_households_with_a"
    at.text_input(key=f"declare_name_vi_{key}").input("Tỷ lệ hộ có máy vi tính")  # a form: sent with the submit
    at.text_input(key=f"declare_why_{key}").input("chuỗi mới của Tổng cục Thống kê")
    at.button(key=f"declare_submit_{key}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    declared = load_catalog(targets).indicator("gso_percentage_of_households_with_a")
    assert declared.aliases == ["Percentage of households with a computer"] and declared.source == "gso"
    assert store.history()[-1]["why"] == "chuỗi mới của Tổng cục Thống kê"
    p = intake.preview(data, "may_tinh.csv", scope="VN")
    assert p.problems == [] and p.series == () and len(p.accepted) == 3
