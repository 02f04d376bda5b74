"""The warehouse built from the fixture world (tests/fixtures/world), checked against hand-computed values.

gd (learning families), numerator/denominator per commune:
    2021: 99101 20/100, 99102 40/100, 99103 10/50 | 99201 8/40, 99202 20/60
    2022: 99101 25/100 only
    2023: 99101 30/100, 99102 50/100, 99103 20/50 | 99201 10/40, 99203 30/60 (99202 merged into 99203)
Literacy 2023 (level 1 = 90% of 15–35, ĐBKK 99103: 90% of 15–25): 99101 95%, 99102 85%, 99103 (ĐBKK) 92%,
99201 91%, 99203 90%. District 991 reports level 1.
"""

import hashlib
import json
import os

import duckdb
import pytest

from pipelines.__main__ import main as cli
from pipelines.build import runner as b
from pipelines.problems import ProblemError
from tests.oracle import progress_rules as m


def one(con, sql, *params):
    rows = con.execute(sql, list(params)).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_ratio_rollup_sums_numerators_and_denominators(built):
    _, con = built
    q = "select numerator, denominator, value, origin, coverage from actuals where indicator='gd' and unit_code=? and year=?"
    assert one(con, q, "991", 2021) == (70, 250, pytest.approx(28.0), "rollup", 1.0)
    assert one(con, q, "992", 2021) == (28, 100, pytest.approx(28.0), "rollup", 1.0)
    assert one(con, q, "99", 2021) == (98, 350, pytest.approx(28.0), "rollup", 1.0)
    # 2023: 99203 replaced 99202
    assert one(con, q, "992", 2023) == (40, 100, pytest.approx(40.0), "rollup", 1.0)
    assert one(con, q, "99", 2023) == (140, 350, pytest.approx(40.0), "rollup", 1.0)
    assert one(con, q, "99101", 2023) == (30, 100, pytest.approx(30.0), "reported", 1.0)


def test_partial_reporting_is_marked_by_coverage_and_not_judged(built):
    _, con = built
    q = "select value, coverage from actuals where indicator='gd' and unit_code=? and year=2022"
    assert one(con, q, "991") == (pytest.approx(25.0), pytest.approx(1 / 3))
    assert one(con, q, "99") == (pytest.approx(25.0), pytest.approx(1 / 5))
    # nothing to judge in 2022: the path from the 2021 baseline asks a value, but the partial one is not judged
    (status, years) = one(
        con, "select status, evidence_years from progress where target_id='t_gd' and unit_code='99' and year=2022"
    )
    assert status == "incomplete" and years == "2021"


def test_value_only_children_cannot_be_summed(world):
    world.write_raw("pct.csv", "unit_code,year,indicator,value\n99101,2024,gd,50\n99102,2024,gd,60\n99103,2024,gd,70\n")
    b.build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    value, origin = one(con, "select value, origin from actuals where indicator='gd' and unit_code='991' and year=2024")
    con.close()
    assert value is None and origin == "rollup"  # never an average of percentages


def test_levels_derived_by_rule_reported_and_disagreement(built):
    _, con = built
    q = "select reported_level, derived_level, level, agrees from unit_levels where indicator='xmc' and unit_code=? and year=2023"
    assert one(con, q, "99101") == (None, 1, 1, None)
    assert one(con, q, "99102") == (None, 0, 0, None)
    assert one(con, q, "99103") == (None, 1, 1, None)  # ĐBKK: 15–25 band
    assert one(con, q, "99203") == (None, 1, 1, None)  # exactly 90%
    # 991: 2 of 3 communes (67% < 90%) -> derived 0, but the district reports 1: kept, flagged
    assert one(con, q, "991") == (1, 0, 1, False)
    assert one(con, q, "992") == (None, 1, 1, None)
    assert one(con, q, "99") == (None, 1, 1, None)


def test_what_each_unit_lacks(built):
    _, con = built
    rows = con.execute(
        "select unit_code, subject, to_close from level_shortfalls where year=2023 order by unit_code"
    ).fetchall()
    assert ("99102", "l1_15_35", 5) in rows  # 85 of 100: 5 more people
    assert ("991", "commune", 1) in rows  # one more commune at level 1


def test_units_at_level_counts(built):
    _, con = built
    q = "select value, denominator, share, coverage from actuals where indicator='xa_xmc' and unit_code=? and year=2023"
    assert one(con, q, "99") == (4, 5, pytest.approx(80.0), 1.0)
    assert one(con, q, "991") == (2, 3, pytest.approx(200 / 3), 1.0)


def test_progress_gap_status_and_outlook(built):
    _, con = built
    q = (
        "select actual, milestone, gap, to_close, status, outlook_method, outlook_category, outlook_score, evidence_years "
        "from progress where target_id=? and unit_code=? and year=?"
    )
    actual, milestone, gap, entities, status, method, category, score, years = one(con, q, "t_gd", "99", 2023)
    assert (actual, milestone, gap, entities, status) == (pytest.approx(40), 40, pytest.approx(0), 0, "met")
    assert method == "eurostat" and years == "2021, 2023"
    assert score == pytest.approx(m.eurostat([(2021, 28), (2023, 40)], 80, 2030).score)
    assert category == m.ON_TRACK
    # the target applies to districts too (include: [self, district]); not to communes
    assert one(con, "select count(*) from progress where target_id='t_gd' and unit_code='99101'") == (0,)
    # count target: 4 communes at level 1 against a milestone of 3
    assert one(con, q, "t_xa", "99", 2023)[:5] == (4, 3, 1, 0, "met")


def test_gap_in_families_when_behind(world):
    world.write_raw(
        "y2024.csv",
        "unit_code,year,indicator,numerator,denominator\n"
        "99101,2024,gd,30,100\n99102,2024,gd,50,100\n99103,2024,gd,20,50\n"
        "99201,2024,gd,10,40\n99203,2024,gd,30,60\n",
    )
    b.build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    actual, milestone, gap, entities, status = one(
        con,
        "select actual, milestone, gap, to_close, status from progress where target_id='t_gd' and unit_code='99' and year=2024",
    )
    con.close()
    # milestone 2024 = 40 + 40/7 = 45.71%; 140 of 350 -> ceil(160.0) - 140 = 20 more families
    assert milestone == pytest.approx(40 + 40 / 7)
    assert (actual, status, entities) == (pytest.approx(40), "behind", 20)
    assert gap == pytest.approx(-40 / 7)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_build_keeps_the_last_good_warehouse(world):
    good = b.build()
    before = _digest(world.warehouse)
    world.targets.write_text(
        world.targets.read_text(encoding="utf-8").replace("kind: level", "kind: levels"), encoding="utf-8"
    )
    with pytest.raises(ProblemError):
        b.build()
    assert _digest(world.warehouse) == before
    con = duckdb.connect(str(world.warehouse), read_only=True)
    assert one(con, "select build_id from build_runs") == (good.build_id,)
    con.close()
    assert not [p for p in world.warehouse.parent.iterdir() if ".tmp-" in p.name]
    log = [
        json.loads(line) for line in (world.warehouse.parent / "runs.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [e["status"] for e in log] == ["ok", "failed"]
    assert "indicators[3].kind" in log[1]["problems"][0]


def test_broken_data_file_fails_the_build_and_keeps_the_warehouse(world):
    b.build()
    before = _digest(world.warehouse)
    (world.raw / "obs.csv").write_text("unit_code;year;indicator\n99101;2023;gd\n", encoding="utf-8")
    with pytest.raises(ProblemError):
        b.build()
    assert _digest(world.warehouse) == before


def test_run_log_records_inputs_with_hashes_counts_and_duration(world):
    result = b.build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    inputs = con.execute("select file, sha256, rows, kind from build_inputs order by file").fetchall()
    duration, counts = one(con, "select duration_s, counts from build_runs")
    con.close()
    obs = [i for i in inputs if i[0].endswith("obs.csv")][0]
    assert obs[1] == _digest(world.raw / "obs.csv") and obs[2] == 18 and obs[3] == "observations"
    assert {i[3] for i in inputs} == {"observations", "configuration", "week_activities", "literacy_classes"}
    week = [i for i in inputs if i[3] == "week_activities"][0]
    assert week[1] == _digest(world.root / "records" / "tuan_le_2023.csv") and week[2] == 4
    assert duration > 0 and json.loads(counts)["observations"] == 18 == result.counts["observations"]


def test_strict_build_refuses_rejected_rows(world):
    world.write_raw("bad.csv", "unit_code,year,indicator,numerator,denominator\n99101,2024,gd,5,1\n")
    with pytest.raises(ProblemError):
        b.build(strict=True)
    assert not world.warehouse.exists()


def test_check_cli_exit_codes_and_messages(world, capsys):
    assert cli(["check"]) == 0
    assert not world.warehouse.exists()  # check builds nothing
    world.write_raw("bad.csv", "unit_code,year,indicator,numerator,denominator\n99101,2024,gd,5,1\n")
    assert cli(["check", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "bad.csv, row 2, column numerator: numerator 5 is larger than the denominator 1" in err
    world.targets.write_text(
        world.targets.read_text(encoding="utf-8").replace("min_coverage: 0.9", "min_coverage: 9"), encoding="utf-8"
    )
    assert cli(["check"]) == 1
    err = capsys.readouterr().err
    assert "settings.min_coverage" in err and "dòng" in err and "Không hợp lệ" in err


def test_two_targets_on_the_same_unit_are_refused(world):
    text = world.targets.read_text(encoding="utf-8")
    text += """  - id: t_gd_2
    indicator: gd
    scope: {units: ["991"]}
    target_2030: 70
    source: s
"""
    world.targets.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemError) as exc:
        b.check()
    assert "t_gd, t_gd_2" in exc.value.messages("en")[0]


def test_target_on_an_unknown_unit_is_refused(world):
    world.targets.write_text(
        world.targets.read_text(encoding="utf-8").replace('scope: {unit: "99"}', 'scope: {unit: "98"}'),
        encoding="utf-8",
    )
    with pytest.raises(ProblemError) as exc:
        b.check()
    assert any("targets[1].scope" in msg and "'98'" in msg for msg in exc.value.messages("vi"))


def test_a_killed_builds_temporary_files_are_removed_by_the_next_build(world):
    """Issue 16: `kill -9` mid-build left xhht.duckdb.tmp-* files (~10 MB each) that nothing removed."""
    world.warehouse.parent.mkdir(parents=True, exist_ok=True)
    dead = world.warehouse.with_name(f"{world.warehouse.name}.tmp-999999999-20260101T000000Z-abcdef")
    dead.write_bytes(b"x" * 1000)
    dead.with_name(dead.name + ".wal").write_bytes(b"x")
    running = world.warehouse.with_name(f"{world.warehouse.name}.tmp-{os.getppid()}-20260101T000000Z-123456")
    running.write_bytes(b"x")  # a build of a live process (here: the test runner's parent) keeps its file
    mine = world.warehouse.with_name(f"{world.warehouse.name}.tmp-{os.getpid()}-20260101T000000Z-654321")
    mine.write_bytes(b"x")  # a build in another thread of this process (a save and an upload at once) too
    b.build()
    assert not dead.exists() and not dead.with_name(dead.name + ".wal").exists()
    assert running.exists() and mine.exists()


def test_a_read_only_warehouse_folder_gives_a_message_not_a_traceback(world, monkeypatch):
    """DuckDB's refusal to create the new file in a read-only folder (simulated: the tests may run as root, who
    writes anywhere) is a located message, and the last good warehouse stays."""
    b.build()
    before = world.warehouse.read_bytes()

    def read_only(path, *args, **kwargs):
        raise duckdb.IOException(f'Cannot open file "{path}": Permission denied')

    monkeypatch.setattr(b.duckdb, "connect", read_only)
    with pytest.raises(ProblemError) as exc:
        b.build()
    assert exc.value.code == "warehouse_unwritable"
    assert "kho dữ liệu cũ vẫn được dùng" in exc.value.messages("vi")[0]
    assert "Permission denied" in exc.value.messages("en")[0]
    assert world.warehouse.read_bytes() == before


def test_a_full_disk_gives_a_message_not_a_traceback(world, monkeypatch):
    b.build()
    before = world.warehouse.read_bytes()
    import errno

    import pipelines.build.swap as swap

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(swap.os, "replace", full)
    with pytest.raises(ProblemError) as exc:
        b.build()
    assert exc.value.code == "warehouse_unwritable" and "No space left on device" in exc.value.messages("en")[0]
    assert world.warehouse.read_bytes() == before
    assert not list(world.warehouse.parent.glob("*.tmp-*"))


def test_a_declared_baseline_year_after_the_first_year_is_where_judgement_starts(world):
    """targets[].baseline_year (issue 18): the years before it stay in the series as history but are never judged
    nor a unit's base year; without it, judgement starts at the first year with figures (2021 here)."""

    def judged(con):
        return con.execute(
            "select min(year), min(base_year), count(*) filter (where year = 2021) from progress where target_id = 't_gd'"
        ).fetchone()

    b.build()
    with duckdb.connect(str(world.warehouse), read_only=True) as con:
        first, base, in_2021 = judged(con)
    assert first == base == 2021 and in_2021 > 0  # the first year with figures is judged and is the base
    text = world.targets.read_text(encoding="utf-8")
    world.targets.write_text(text.replace("  - id: t_gd\n", "  - id: t_gd\n    baseline_year: 2022\n"), "utf-8")
    b.build()
    with duckdb.connect(str(world.warehouse), read_only=True) as con:
        first, base, in_2021 = judged(con)
        history = con.execute("select count(*) from actuals where indicator = 'gd' and year = 2021").fetchone()[0]
    assert (first, in_2021) == (2022, 0) and base >= 2022
    assert history > 0  # 2021's figures are still shown in the series


def test_builds_take_turns_so_the_last_swapped_in_read_the_newest_inputs(world, monkeypatch):
    """Two builds at once (a targets edit and an upload's commit in one server, or in two): each reads its inputs
    and swaps in while the other waits, never both at once, so an earlier read cannot be swapped in over a later."""
    import threading
    import time

    populate = b.populate
    spans = []

    def slowly(*args, **kwargs):
        start = time.monotonic()
        out = populate(*args, **kwargs)
        time.sleep(0.3)
        spans.append((start, time.monotonic()))
        return out

    monkeypatch.setattr(b, "populate", slowly)
    runs = [threading.Thread(target=b.build) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    (_, first_end), (second_start, _) = sorted(spans)
    assert first_end <= second_start
    from pipelines.config import paths

    log = paths.run_log_file().read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["status"] for line in log] == ["ok", "ok"]
