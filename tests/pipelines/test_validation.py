"""Every validation rule for observation rows: each reported with file, row, column, found and expected,
and a rejected row never reaches the warehouse."""

import pytest

from pipelines.build import runner as b
from pipelines.problems import ProblemError

HEADER = "unit_code,year,indicator,numerator,denominator,value,level,source\n"


def rejects_of(world, body: str, name: str = "bad.csv"):
    world.write_raw(name, HEADER + body)
    result = b.check()
    return [p for p in result.rejects if p.file.endswith(name)]


@pytest.mark.parametrize(
    "row, column, code, in_vi, in_en",
    [
        ("99999,2023,gd,1,2,,,x", "unit_code", "unknown_unit", "không có trong danh mục", "not in the unit registry"),
        ("99101,2023,gdd,1,2,,,x", "indicator", "unknown_indicator", "có phải 'gd'", "did you mean 'gd'"),
        (
            "99202,2024,gd,1,2,,,x",
            "unit_code",
            "unit_not_valid",
            "không có hiệu lực trong năm 2024",
            "not valid in 2024",
        ),
        ("99203,2021,gd,1,2,,,x", "unit_code", "unit_not_valid", "01/01/2023", "valid 01/01/2023"),
        (
            "99101,2024,gd,120,100,,,x",
            "numerator",
            "numerator_gt_denominator",
            "lớn hơn mẫu số 100",
            "larger than the denominator 100",
        ),
        ("99101,2024,gd,-3,100,,,x", "numerator", "negative_count", "số âm -3", "negative count -3"),
        ("99101,2024,gd,,,104.5,,x", "value", "percent_out_of_range", "104.5%", "outside 0–100"),
        ("99101,2024,gd,1,0,,,x", "denominator", "zero_denominator", "mẫu số bằng 0", "denominator is 0"),
        ("99101,2023,xmc,,,,3,x", "level", "level_out_of_range", "cần một trong 0, 1", "expected one of 0, 1"),
        ("99101,2024,gd,mười,100,,,x", "numerator", "not_a_number", "'mười' không phải là số", "is not a number"),
        ("99101,năm 2023,gd,1,2,,,x", "year", "not_an_integer", "không phải số nguyên", "not a whole number"),
        ("99101,2023.5,gd,1,2,,,x", "year", "not_an_integer", "'2023.5' không phải số nguyên", "not a whole number"),
        ("99101,2023,xmc,,,,0.6,x", "level", "not_an_integer", "'0.6' không phải số nguyên", "not a whole number"),
        ("99101,2035,gd,1,2,,,x", "year", "year_out_of_range", "2000–2030 (settings.history_from", "outside 2000–2030"),
        ("99101,2024,gd,1,,,,x", "numerator", "missing_values", "tử số và mẫu số", "numerator and denominator"),
        ("99101,2023,xmc,1,2,,,x", "level", "missing_values", "cột level", "the level column"),
        (
            "99101,2023,xa_xmc,1,2,,,x",
            "indicator",
            "computed_indicator",
            "được tính từ cấp dưới",
            "computed from the child units",
        ),
        (",2023,gd,1,2,,,x", "unit_code", "empty_value", "ô trống", "empty cell"),
    ],
)
def test_each_rule_names_file_row_column_found_and_expected(world, row, column, code, in_vi, in_en):
    problems = rejects_of(world, row + "\n")
    assert [(p.code, p.row, p.column) for p in problems] == [(code, 2, column)]
    assert "bad.csv, dòng 2, cột " + column in problems[0].message("vi")
    assert in_vi in problems[0].message("vi")
    assert in_en in problems[0].message("en")


def test_lost_leading_zeros_get_a_hint(world):
    units = world.units / "units.csv"
    units.write_text(
        units.read_text(encoding="utf-8") + "00101,Xã Số Không,xã,commune,991,,,fixture,\n", encoding="utf-8"
    )
    (p,) = rejects_of(world, "101,2023,gd,1,2,,,x\n")
    assert p.code == "unknown_unit" and "00101" in p.message("vi")


def test_duplicates_across_files_are_all_refused(world):
    problems = rejects_of(world, "99101,2023,gd,31,100,,,x\n")
    (p,) = problems
    assert p.code == "duplicate" and "obs.csv, dòng 8" in p.message("vi")
    result = b.check()
    originals = [r for r in result.rejects if r.file.endswith("obs.csv")]
    assert [(r.code, r.row) for r in originals] == [("duplicate", 8)]


def test_several_problems_in_one_row_are_all_reported(world):
    problems = rejects_of(world, "99999,2023,gd,-5,abc,,,x\n")
    assert {p.code for p in problems} == {"unknown_unit", "negative_count", "not_a_number"}


def test_rejected_rows_do_not_reach_the_warehouse(world):
    import duckdb

    world.write_raw("bad.csv", HEADER + "99101,2024,gd,120,100,,,x\n99102,2024,gd,60,100,,,x\n")
    b.build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    rows = con.execute("select unit_code, numerator from observations where year = 2024 order by 1").fetchall()
    rejected = con.execute("select row, code, message_vi from rejects").fetchall()
    con.close()
    assert rows == [("99102", 60.0)]
    assert rejected[0][:2] == (2, "numerator_gt_denominator")
    assert "lớn hơn mẫu số" in rejected[0][2]


def test_codes_and_names_are_trimmed_and_nfc_normalised(world):
    import unicodedata

    nfd_source = unicodedata.normalize("NFD", "Phòng GD&ĐT Huyện Một")
    assert rejects_of(world, f" 99102 ,2024, gd ,5,10,,,{nfd_source}\n") == []
    import duckdb

    b.build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    (src,) = con.execute("select source from observations where unit_code = '99102' and year = 2024").fetchone()
    con.close()
    assert src == unicodedata.normalize("NFC", "Phòng GD&ĐT Huyện Một")


def test_a_file_without_a_key_column_is_refused_whole(world):
    world.write_raw("bad.csv", "unit,year,indicator,numerator,denominator\n99101,2024,gd,1,2\n")
    with pytest.raises(ProblemError) as exc:
        b.check()
    codes = {(p.code, p.file.split("/")[-1]) for p in exc.value.problems}
    assert ("missing_column", "bad.csv") in codes and ("unknown_column", "bad.csv") in codes
    assert any("thiếu cột 'unit_code'" in m for m in exc.value.messages("vi"))


def test_parquet_input_is_read_like_csv(world):
    import pandas as pd

    pd.DataFrame(
        {
            "unit_code": ["99102", "99103"],
            "year": [2024, 2024],
            "indicator": ["gd", "gd"],
            "numerator": [7, 70],
            "denominator": [10, 10],
        }
    ).to_parquet(world.raw / "extra.parquet")
    result = b.check()
    (p,) = result.rejects
    assert (p.code, p.row, p.column) == ("numerator_gt_denominator", 2, "numerator")
    assert p.file.endswith("extra.parquet")
    assert result.counts["observations"] == result.counts["raw_observations"] - 1
