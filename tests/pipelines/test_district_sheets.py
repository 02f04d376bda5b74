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
