"""District workbooks as offices really write them (tests/fixtures/intake/make_office_sheets.py, one convention per
file): a column-numbering row with formulas, the NĐ 30/2020 letterhead and report date, abbreviated unit types, the
signature block, a sheet of notes, 'Trong đó' rows; and a whole Thới Bình workbook on the real registry that loads
every commune with nothing refused."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pipelines.intake import service as intake
from pipelines.intake.unit_matching import match
from tests.fixtures.intake.make_office_sheets import THOI_BINH
from tests.pipelines.test_intake import FIXTURES, GD_2021, gd, read


def _clean(p: intake.Preview) -> None:
    assert p.problems == [], [x.message("en") for x in p.problems]
    assert gd(p) == GD_2021


def test_a_numbering_row_with_formulas_is_skipped(built_world):
    p = read("danh_so_cot_cong_thuc.xlsx")
    _clean(p)
    assert any("column numbering row" in n.text("en") for n in p.notes)


def test_the_nd30_letterhead_and_the_reports_date_are_not_the_figures_year(built_world):
    p = read("the_thuc_nd30.xlsx", year=None)
    _clean(p)
    assert p.year == 2021  # the title's NĂM 2021, not the date line's năm 2022


def test_the_signature_block_ends_the_table(built_world):
    p = read("khoi_chu_ky.xlsx")
    _clean(p)
    assert [n.row for n in p.notes if "signature block" in n.text("en")] == [11]


def test_a_sheet_of_notes_is_skipped_with_a_note(built_world):
    p = read("trang_ghi_chu.xlsx")
    _clean(p)
    assert [n.file for n in p.notes if "sheet without a table" in n.text("en")] == ["trang_ghi_chu.xlsx › Ghi chú"]


def test_abbreviated_and_unprefixed_names(built_world):
    _clean(read("ten_viet_tat.xlsx"))


def test_of_which_rows_are_not_units(built_world):
    p = read("dong_trong_do.xlsx")
    _clean(p)
    assert any("breakdown row" in n.text("en") for n in p.notes)


def test_an_abbreviated_type_says_which_of_two_units_of_one_name():
    units = pd.DataFrame({"code": ["1", "2"], "name": ["Thị trấn Thới Bình", "Xã Thới Bình"]})
    assert match("TT Thới Bình", units)[:2] == ("1", "typed")
    assert match("TT. Thới Bình", units)[:2] == ("1", "typed")
    assert match("X. Thới Bình", units)[:2] == ("2", "typed")
    code, _, ambiguous, _ = match("Thới Bình", units)  # no type written: still refused, never guessed
    assert code is None and len(ambiguous) == 2


@pytest.mark.parametrize("scope", ["967", None])
def test_a_real_district_workbook_loads_every_commune(national, scope):
    data = (FIXTURES / "bao_cao_thoi_binh_2022.xlsx").read_bytes()
    p = intake.preview(data, "bao_cao_thoi_binh_2022.xlsx", scope=scope, match_within="967")
    assert p.problems == [], [x.message("en") for x in p.problems]
    assert p.year == 2022
    got = {(r.unit_code, r.numerator, r.denominator) for r in p.accepted.itertuples()}
    assert got == {(code, str(a), str(b)) for _, code, a, b in THOI_BINH}
    texts = " | ".join(n.text("en") for n in p.notes)
    assert "matches the rows above" in texts and "signature block" in texts and "sheet without a table" in texts
    if scope is None:
        return
    intake.commit(p, "minh", "báo cáo huyện 2022")
    with duckdb.connect(str(national), read_only=True) as con:
        n = con.execute(
            "select count(*) from observations where year = 2022 and indicator = 'gia_dinh_hoc_tap' "
            "and unit_code like '320%'"
        ).fetchone()[0]
    assert n == len(THOI_BINH)


def _workbook_with_a_new_series(libraries: bool = False) -> bytes:
    """'Gia đình học tập' and 'Tủ sách cộng đồng' merged over 'Số đạt' | 'Tổng số', a 'Tổng số hộ' and a 'Dân số'
    column (and 'Tỷ lệ thư viện xã đạt chuẩn (%)')."""
    import io

    from openpyxl import Workbook

    from tests.fixtures.intake.make_fixtures import ROWS, TITLE

    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 1"
    for line in TITLE:
        ws.append([line])
    extra = ["Dân số", *(["Tỷ lệ thư viện xã đạt chuẩn (%)"] if libraries else [])]
    ws.append(["STT", "Tên xã", "Gia đình học tập", None, "Tủ sách cộng đồng", None, "Tổng số hộ", *extra])
    ws.append([None, None, "Số đạt", "Tổng số", "Số đạt", "Tổng số", None, *[None for _ in extra]])
    for cells in ("A6:A7", "B6:B7", "C6:D6", "E6:F6", "G6:G7", "H6:H7", *(["I6:I7"] if libraries else [])):
        ws.merge_cells(cells)
    for n, (name, a, b) in enumerate(ROWS, start=1):
        ws.append([n, name, a, b, n, n + 4, b, 3 * b, 40.5 + n][: 7 + len(extra)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_column_no_indicator_names_is_offered_for_declaration_and_then_loads(built_world):
    """Issue 18 part 6 for a district's own sheet: the columns no indicator names are kept out of the load (a note)
    and offered as a new series, named by their heading; a lone denominator ('Tổng số hộ') and a heading that
    does not say what its figures are ('Dân số') are not. Once
    declared through the targets store, the same workbook loads the series' numerators and denominators."""
    from pipelines.editing import targets_store as store

    data = _workbook_with_a_new_series()
    p = intake.preview(data, "tu_sach.xlsx", scope="99", year=2021)
    _clean(p)
    assert [(s.written, s.origin, s.column) for s in p.series] == [
        ("Tủ sách cộng đồng", "column", "E (Tủ sách cộng đồng / Số đạt)")
    ]
    proposal = p.series[0].proposal()
    assert proposal["id"] == "tu_sach_cong_dong" and proposal["aliases"] == ["Tủ sách cộng đồng"]
    now = store.current()
    fields = {**proposal, "name_en": "Community bookshelves", "group": "g", "source": "s"}
    store.publish(store.save, store.add_indicator(now.text, fields), now.sha256, "test", "tủ sách mới")
    after = intake.preview(data, "tu_sach.xlsx", scope="99", year=2021)
    _clean(after)
    assert after.series == ()
    shelves = after.accepted[after.accepted["indicator"] == "tu_sach_cong_dong"]
    assert set(zip(shelves["unit_code"], shelves["numerator"], shelves["denominator"])) == {
        ("99101", "1", "5"),
        ("99102", "2", "6"),
        ("99103", "3", "7"),
    }


def test_an_indicator_id_no_indicator_declares_is_offered_from_a_tidy_file(built_world):
    data = b"unit_code,indicator,year,value\n99101,thu_vien_xa,2021,40.5\n99102,gd,2021,50\n"
    p = intake.preview(data, "tidy.csv", scope="99")
    assert [(s.written, s.origin) for s in p.series] == [("thu_vien_xa", "id")]
    assert p.series[0].proposal()["id"] == "thu_vien_xa"
    assert [x.code for x in p.problems] == ["unknown_indicator"]


def declare_field(at, name: str):
    """The declaration form's field `name` (id, name_vi, name_en, why): one form is shown, the chosen series'."""
    (field,) = [t for t in at.text_input if t.key.startswith(f"declare_{name}_")]
    return field


def test_the_upload_page_offers_each_new_series_and_declares_the_one_chosen(built_world):
    """On the upload page: an analyst is told to ask an admin; an admin picks one of the file's new series, its
    form starts from that series' proposal, and the declared series then loads."""
    from streamlit.testing.v1 import AppTest

    from dashboard.staff.passwords import hash_password
    from pipelines.config import paths
    from pipelines.config.catalog import load_catalog

    data = _workbook_with_a_new_series(libraries=True)
    at = AppTest.from_file(str(paths.REPO / "dashboard" / "app.py"), default_timeout=90)
    hashed = hash_password("x" * 20)
    at.secrets["users"] = {
        "root": {"name": "Quản trị", "role": "admin", "password_hash": hashed},
        "lan": {"name": "Lan", "role": "analyst", "scope": "99", "password_hash": hashed},
    }
    at.query_params["unit"], at.query_params["year"] = "99", "2021"

    def upload(login: str) -> AppTest:
        at.run()
        at.text_input[0].input(login)
        at.text_input[1].input("x" * 20)
        at.button[-1].click().run()
        at.switch_page("staff/data_intake.py").run()
        at.number_input(key="intake_year").set_value(2021).run()
        at.file_uploader(key="intake_file").set_value(("tu_sach.xlsx", data, "application/octet-stream")).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    upload("lan")
    assert [e.label for e in at.expander][0] == "Chỉ tiêu chưa khai báo trong tệp (2)"
    assert "'Tủ sách cộng đồng'; 'Thư viện xã đạt chuẩn': chưa khớp chỉ tiêu nào." in at.info[-1].value
    assert not [t for t in at.text_input if t.key.startswith("declare_id")]

    at = AppTest.from_file(str(paths.REPO / "dashboard" / "app.py"), default_timeout=90)
    at.secrets["users"] = {"root": {"name": "Quản trị", "role": "admin", "password_hash": hashed}}
    at.query_params["unit"], at.query_params["year"] = "99", "2021"
    upload("root")
    choice = at.selectbox(key="declare_series")
    assert choice.options == [
        "Tủ sách cộng đồng (tu_sach.xlsx › Biểu 1, cột E (Tủ sách cộng đồng / Số đạt))",
        "Thư viện xã đạt chuẩn (tu_sach.xlsx › Biểu 1, cột I (Tỷ lệ thư viện xã đạt chuẩn (%)))",
    ]
    assert declare_field(at, "id").value == "tu_sach_cong_dong"
    choice.select_index(1).run()
    assert declare_field(at, "id").value == "thu_vien_xa_dat_chuan"
    at.selectbox(key="declare_series").select_index(0).run()
    declare_field(at, "name_en").input("Community bookshelves")
    declare_field(at, "why").input("thử")
    at.button(key=declare_field(at, "id").key.replace("declare_id_", "declare_submit_")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert load_catalog().indicator("tu_sach_cong_dong").aliases == ["Tủ sách cộng đồng"]
    assert "Chỉ tiêu chưa khai báo trong tệp (1)" in [e.label for e in at.expander]  # the libraries are left
    # and their form is theirs: their proposal, not the bookshelves' fields with what was typed in them
    assert declare_field(at, "id").value == "thu_vien_xa_dat_chuan"
    assert declare_field(at, "name_en").value == "" and declare_field(at, "why").value == ""
    p = intake.preview(data, "tu_sach.xlsx", scope="99", year=2021)
    bookshelves = p.accepted[p.accepted["indicator"] == "tu_sach_cong_dong"]
    assert set(zip(bookshelves["unit_code"], bookshelves["numerator"], bookshelves["denominator"])) == {
        ("99101", "1", "5"),
        ("99102", "2", "6"),
        ("99103", "3", "7"),
    }
