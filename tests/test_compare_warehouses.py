"""scripts/compare_warehouses.py: the proof that a refactoring changed no figure must itself catch a change."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "compare_warehouses.py"
spec = importlib.util.spec_from_file_location("compare_warehouses", SCRIPT)
compare_warehouses = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare_warehouses)


def _warehouse(path: Path, sql: str) -> str:
    with duckdb.connect(str(path)) as con:
        con.execute("create table build_runs as select 'id-' || random() as build_id")  # differs in every build
        con.execute(sql)
    return str(path)


ROWS = "('96', 2024, 40.5::double), ('961', 2024, 38.25::double)"


def _progress(rows: str = ROWS, columns: str = "unit_code, year, gap") -> str:
    return f"create table progress as select * from (values {rows}) t({columns})"


def test_same_rows_in_another_order_are_identical(tmp_path, capsys):
    a = _warehouse(tmp_path / "a.duckdb", _progress())
    b = _warehouse(tmp_path / "b.duckdb", _progress("('961', 2024, 38.25::double), ('96', 2024, 40.5::double)"))
    assert compare_warehouses.main([a, b]) == 0
    assert capsys.readouterr().out.strip() == "identical (1 tables)"  # build_runs is the run's own record


def test_a_changed_figure_is_named_with_its_row(tmp_path):
    a = _warehouse(tmp_path / "a.duckdb", _progress())
    b = _warehouse(tmp_path / "b.duckdb", _progress(ROWS.replace("38.25", "38.2501")))
    assert compare_warehouses.compare(a, b) == [
        "progress: row 2 differs: ('961', 2024, 38.25) vs ('961', 2024, 38.2501)"
    ]
    assert compare_warehouses.main([a, b]) == 1


def test_a_type_change_or_a_renamed_column_is_caught_unless_declared(tmp_path, capsys):
    a = _warehouse(tmp_path / "a.duckdb", _progress())
    retyped = _warehouse(tmp_path / "b.duckdb", _progress(ROWS.replace("::double", "::float")))
    assert compare_warehouses.compare(a, retyped)[0].startswith("progress: columns differ")
    renamed = _warehouse(tmp_path / "c.duckdb", _progress(columns="unit_code, year, gap_pp"))
    assert compare_warehouses.compare(a, renamed)[0].startswith("progress: columns differ")
    assert compare_warehouses.main([a, renamed, "--rename", "progress.gap=gap_pp"]) == 0
    assert "with renamed columns: progress.gap -> gap_pp" in capsys.readouterr().out
