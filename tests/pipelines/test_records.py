"""Week activities and literacy classes (data/records/): loaded from the fixture world, every bad row refused
with file, row, column and a message, file-level problems stop the build, configuration errors are located."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.build import runner as b
from pipelines.problems import ProblemError

WEEK_HEADER = "unit_code,year,activity,mode,events,participants,source\n"
CLASS_HEADER = "unit_code,year,programme,classes,enrolled,completed,source\n"


def test_records_load_with_their_configuration(built):
    world, con = built
    assert con.execute("select count(*), sum(participants), sum(events) from week_activities").fetchall() == [
        (4, 310, 7)
    ]
    assert con.execute(
        "select unit_code, programme, enrolled, completed from literacy_classes order by unit_code"
    ).fetchall() == [("99101", "sau_xmc", 12, 10), ("99103", "xmc_gd1", 20, 15)]
    week = con.execute("select start_date::varchar, end_date::varchar, theme from weeks where year = 2024").fetchall()
    assert week == [("2024-10-01", "2024-10-07", "Phát triển văn hóa đọc thúc đẩy học tập suốt đời")]
    assert con.execute("select count(*) from rejects").fetchall() == [(0,)]


@pytest.mark.parametrize(
    "row, column, code, words",
    [
        ("99999,2023,khai_mac,truc_tiep,1,10,f", "unit_code", "unknown_unit", "99999"),
        ("99202,2023,khai_mac,truc_tiep,1,10,f", "unit_code", "unit_not_valid", "31/12/2022"),
        ("99102,2023,hoi_cho,truc_tiep,1,10,f", "activity", "unknown_choice", "chuyen_de, khai_mac"),
        ("99102,2023,khai_mac,qua_thu,1,10,f", "mode", "unknown_choice", "truc_tiep, truc_tuyen"),
        ("99102,2023,khai_mac,truc_tiep,1.5,10,f", "events", "not_an_integer", "1.5"),
        ("99102,2023,khai_mac,truc_tiep,1,-10,f", "participants", "negative_count", "-10"),
        ("99101,2023,khai_mac,truc_tiep,1,10,f", "unit_code", "duplicate", "tuan_le_2023.csv"),
    ],
)
def test_each_bad_week_row_is_refused_with_its_place(world, row, column, code, words):
    (world.root / "records" / "tuan_le_extra.csv").write_text(WEEK_HEADER + row + "\n", encoding="utf-8")
    result = b.check()
    found = [p for p in result.rejects if p.file.endswith("tuan_le_extra.csv")]
    assert [(p.row, p.column, p.code) for p in found] == [(2, column, code)]
    assert words in found[0].message("vi")
    assert result.counts["rejects"] >= 1


@pytest.mark.parametrize(
    "row, column, code",
    [
        ("99102,2023,xmc_gd1,1,10,12,f", "completed", "completed_gt_enrolled"),
        ("99102,2023,xmc_gd3,1,10,5,f", "programme", "unknown_choice"),
        ("99102,2023,xmc_gd1,một,10,5,f", "classes", "not_an_integer"),
    ],
)
def test_each_bad_class_row_is_refused(world, row, column, code):
    (world.root / "records" / "lop_xmc_extra.csv").write_text(CLASS_HEADER + row + "\n", encoding="utf-8")
    found = [p for p in b.check().rejects if p.file.endswith("lop_xmc_extra.csv")]
    assert [(p.row, p.column, p.code) for p in found] == [(2, column, code)]


def test_a_refused_row_leaves_the_good_rows_loaded(world):
    (world.root / "records" / "tuan_le_extra.csv").write_text(
        WEEK_HEADER + "99102,2023,khai_mac,truc_tiep,1,-1,f\n99103,2023,khai_mac,truc_tiep,1,30,f\n", encoding="utf-8"
    )
    b.build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    assert con.execute("select count(*), sum(participants) from week_activities").fetchall() == [(5, 340)]
    assert con.execute("select message_vi from rejects").fetchall()[0][0].startswith("số âm")


def test_file_level_problems_stop_the_build(world):
    (world.root / "records" / "tuan_le_bad.csv").write_text(
        "unit_code,year,activity\n99101,2023,khai_mac\n", encoding="utf-8"
    )
    (world.root / "records" / "bao_cao.csv").write_text("x\n1\n", encoding="utf-8")
    with pytest.raises(ProblemError) as exc:
        b.check()
    messages = exc.value.messages("vi")
    assert any("tuan_le_bad.csv" in m and "mode" in m for m in messages)
    assert any("bao_cao.csv" in m and "tuan_le*.csv" in m for m in messages)


def test_week_dates_in_the_wrong_order_name_the_yaml_path(world):
    path = world.root / "records" / "records.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "2024: {start: 2024-10-01, end: 2024-10-07", "2024: {start: 2024-10-07, end: 2024-10-01"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ProblemError) as exc:
        b.check()
    (message,) = exc.value.messages("en")
    assert "records.yaml" in message and "line 13" in message and "week.years[2024]" in message
    assert "trước ngày bắt đầu" in exc.value.messages("vi")[0]


def _template(world, prefix="tuan_le"):
    import io

    import pandas as pd
    from openpyxl import load_workbook

    from pipelines.config.record_catalog import load_records_config
    from pipelines.ingest.record_templates import template

    units = pd.DataFrame({"code": ["99101", "99102"], "name": ["Xã An", "Xã Bình"]})
    data = template(prefix, load_records_config(), units, 2023)
    return load_workbook(io.BytesIO(data))


def test_excel_template_has_lists_whole_number_checks_and_one_row_per_unit(world):
    wb = _template(world)
    ws = wb["tuan_le"]
    assert [c.value for c in ws[1]][:5] == [
        "Mã đơn vị (unit_code)",
        "Tên đơn vị (ten_don_vi)",
        "Năm (year)",
        "Loại hoạt động (activity)",
        "Hình thức (mode)",
    ]
    assert [(r[0].value, r[1].value, r[2].value) for r in ws.iter_rows(min_row=2, max_row=3)] == [
        ("99101", "Xã An", 2023),
        ("99102", "Xã Bình", 2023),
    ]
    kinds = {(v.type, str(v.sqref).split(":")[0]) for v in ws.data_validations.dataValidation}
    assert ("list", "D2") in kinds and ("list", "E2") in kinds and ("whole", "F2") in kinds
    assert "khai_mac" in [c.value for c in wb["Danh mục"]["A"]]


def test_a_filled_template_is_read_back_with_spreadsheet_rows(world):
    wb = _template(world)
    ws = wb["tuan_le"]
    ws["D2"], ws["E2"], ws["F2"], ws["G2"] = "van_hoa_doc", "truc_tiep", 2, 75
    for col, value in enumerate(["99102", "Xã Bình", 2023, "ky_nang_so", "truc_tuyen", 1, "nhiều"], start=1):
        ws.cell(4, col, value)  # a second row for Xã Bình, typed by hand: not a number
    wb.save(world.root / "records" / "tuan_le_2023_mau.xlsx")
    result = b.build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    got = con.execute(
        "select unit_code, activity, events, participants from week_activities where file like '%.xlsx'"
    ).fetchall()
    assert got == [("99101", "van_hoa_doc", 2, 75)]  # row 3 (Xã Bình, left blank) is not a row of data
    (p,) = result.rejects
    assert (p.file.endswith("tuan_le_2023_mau.xlsx"), p.row, p.column, p.code) == (
        True,
        4,
        "participants",
        "not_an_integer",
    )
