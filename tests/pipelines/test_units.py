"""The unit registry loader: NFC names, validity in time, and located errors for a broken registry."""

import unicodedata

import pytest

from pipelines.ingest.unit_registry import load_units
from pipelines.problems import ProblemError


def _append(world, line):
    path = world.units / "units.csv"
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def test_fixture_registry_loads_with_open_validity(world):
    units, dbkk = load_units()
    hoa = units[units["code"] == "99202"].iloc[0]
    assert str(hoa["valid_to"].date()) == "2022-12-31" and hoa["valid_from"].year == 1900
    assert list(dbkk["code"]) == ["99103"]


def test_names_are_nfc(world):
    _append(world, unicodedata.normalize("NFD", "99204,Xã Hòa Bình,xã,commune,992,,,fixture,"))
    units, _ = load_units()
    assert units[units["code"] == "99204"].iloc[0]["name"] == unicodedata.normalize("NFC", "Xã Hòa Bình")


@pytest.mark.parametrize(
    "line, column, fragment",
    [
        ("99204,Xã Lạ,ấp,hamlet,992,,,f,", "tier", "hamlet"),
        ("99204,Xã Lạ,xã,commune,993,,,f,", "parent_code", "993"),
        ("99204,Xã Lạ,xã,commune,99,,,f,", "parent_code", "99 (province) → 99204 (commune)"),
        ("99204,Xã Lạ,xã,commune,992,2023-13-01,,f,", "valid_from", "2023-13-01"),
        ("99204,Xã Lạ,xã,commune,992,2024-01-01,2023-01-01,f,", "valid_from", "2024-01-01 > valid_to 2023-01-01"),
        ("99101,Xã An Mới,xã,commune,991,2024-01-01,,f,", "valid_from", "overlapping validity"),
    ],
)
def test_broken_registry_rows_are_located(world, line, column, fragment):
    _append(world, line)
    with pytest.raises(ProblemError) as exc:
        load_units()
    (p,) = exc.value.problems
    assert (p.row, p.column) == (12, column)
    assert fragment in p.message("vi") and "units.csv, dòng 12" in p.message("vi")


def test_dbkk_flag_on_an_unknown_unit(world):
    path = world.units / "dbkk.csv"
    path.write_text(path.read_text(encoding="utf-8") + "99999,2020-01-01,2030-12-31,f\n", encoding="utf-8")
    with pytest.raises(ProblemError) as exc:
        load_units()
    (p,) = exc.value.problems
    assert p.code == "unknown_unit" and p.row == 3
