"""Committing uploads (pipelines/intake/upload_commit.py): preview of changes and statuses, commit in one step,
a correction supersedes with history, a stale preview or a missing reason is refused, a failed commit leaves
everything as it was, the command line does the same, and a commit can be withdrawn."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.config import paths
from pipelines.intake import service as intake
from pipelines.problems import ProblemError
from tests.pipelines.test_intake import FIXTURES, observations, warehouse_digest


def test_preview_says_what_changes_and_the_commit_supersedes_with_history(built_world):
    world = built_world
    before = observations(world, "unit_code = '99101' and year = 2021")
    p = intake.preview(
        b"unit_code,year,indicator,numerator,denominator\n99101,2021,gd,25,100\n99102,2024,gd,50,100\n",
        "sua.csv",
        scope="99",
    )
    assert dict(zip(p.changes["unit_code"], p.changes["change"])) == {"99101": "changed", "99102": "new"}
    assert dict(zip(p.changes["unit_code"], p.changes["before"]))["99101"] == "20/100"
    assert not p.status_changes.empty  # 2024 had no data for the province: its status changes
    entry, new = intake.commit(p, "lan (Nguyễn Thị Lan)", "huyện gửi số liệu sửa")
    assert new and entry["who"] == "lan (Nguyễn Thị Lan)" and entry["values"] == 2 and entry["changed"] == 1
    assert observations(world, "unit_code = '99101' and year = 2021") == [
        ("99101", 2021, "gd", 25.0, 100.0, None, None)
    ]
    assert before == [("99101", 2021, "gd", 20.0, 100.0, None, None)]
    with duckdb.connect(str(world.warehouse), read_only=True) as con:
        kept = con.execute("select unit_code, numerator, superseded_by from superseded_observations").fetchall()
    assert kept == [("99101", 20.0, kept[0][2])] and kept[0][2].endswith(entry["batch"])
    stored = Path(world.warehouse).parent  # noqa: F841 (the raw file is kept with its hash)
    assert (Path(paths.intake_dir()) / "files" / f"{p.sha256}.csv").read_bytes() == p.data
    # the same file again: nothing happens
    digest = warehouse_digest(world)
    again = intake.preview(p.data, "sua.csv", scope="99")
    assert again.committed["batch"] == entry["batch"]
    assert intake.commit(again, "lan", "lại") == (entry, False)
    assert warehouse_digest(world) == digest and len(intake.log()) == 1
    # a later correction supersedes the first one; both earlier values stay in the history
    fix = intake.preview(
        b"unit_code,year,indicator,numerator,denominator\n99101,2021,gd,30,100\n", "sua2.csv", scope="99"
    )
    assert fix.changes["before"].tolist() == ["25/100"]
    intake.commit(fix, "lan", "sửa lần hai")
    assert observations(world, "unit_code = '99101' and year = 2021")[0][3] == 30.0
    with duckdb.connect(str(world.warehouse), read_only=True) as con:
        assert sorted(r[0] for r in con.execute("select numerator from superseded_observations").fetchall()) == [
            20.0,
            25.0,
        ]


def test_a_stale_preview_is_refused(built_world):
    a = intake.preview(b"unit_code,year,indicator,numerator,denominator\n99101,2021,gd,25,100\n", "a.csv", scope="99")
    b = intake.preview(b"unit_code,year,indicator,numerator,denominator\n99101,2021,gd,26,100\n", "b.csv", scope="99")
    intake.commit(a, "lan", "một")
    with pytest.raises(ProblemError) as err:
        intake.commit(b, "minh", "hai")
    assert err.value.code == "stale_upload"
    assert "lan" in err.value.messages("vi")[0] and "xem trước lại" in err.value.messages("vi")[0]
    assert observations(built_world, "unit_code = '99101' and year = 2021")[0][3] == 25.0


def test_a_failed_commit_changes_nothing(built_world):
    world = built_world
    p = intake.preview(b"unit_code,year,indicator,numerator,denominator\n99101,2021,gd,25,100\n", "a.csv", scope="99")
    digest, rows = warehouse_digest(world), observations(world)
    world.targets.write_text(world.targets.read_text(encoding="utf-8") + "\n  - id: [broken\n", encoding="utf-8")
    with pytest.raises(ProblemError):
        intake.commit(p, "lan", "thử")
    assert warehouse_digest(world) == digest and observations(world) == rows
    assert intake.log() == [] and not list((paths.intake_dir() / "batches").glob("*.csv"))
    assert not list((paths.intake_dir() / "files").glob("*"))


def test_commit_needs_who_and_why(built_world):
    p = intake.preview(b"unit_code,year,indicator,numerator,denominator\n99101,2021,gd,25,100\n", "a.csv", scope="99")
    with pytest.raises(ProblemError, match="Who and why are required.") as exc:
        intake.commit(p, "lan", " ")
    assert exc.value.code == "who_why_required"


def test_the_command_line_previews_then_commits(built_world, capsys):
    from pipelines.__main__ import main

    path = FIXTURES / "o_khong_phai_so.xlsx"
    assert main(["load", str(path), "--year", "2021", "--scope", "991"]) == 1  # a refused row: exit 1
    out, err = capsys.readouterr()
    assert "3 dòng: 2 hợp lệ, 1 bị từ chối; 2 giá trị (0 mới, 2 thay đổi, 0 không đổi)" in out
    assert "dòng 4, cột B (số đạt gd): '300 hộ'" in err
    assert intake.log() == []  # a preview writes nothing
    assert (
        main(["load", str(path), "--year", "2021", "--scope", "991", "--commit", "--who", "cli", "--why", "thử"]) == 1
    )
    assert intake.log()[0]["who"] == "cli" and intake.log()[0]["values"] == 2
    assert observations(built_world, "unit_code = '99102' and year = 2021")[0][3:5] == (456.0, 1000.0)


def test_withdrawing_a_commit_brings_back_what_it_replaced(built_world):
    def value() -> float:
        return observations(built_world, "unit_code = '99101' and year = 2021")[0][3]

    csv = b"unit_code,year,indicator,numerator,denominator\n99101,2021,gd,%d,100\n"
    first, _ = intake.commit(intake.preview(csv % 25, "a.csv", scope="99"), "lan", "một")
    second, _ = intake.commit(intake.preview(csv % 30, "b.csv", scope="99"), "lan", "hai")
    assert value() == 30.0
    gone = intake.withdraw(second["batch"], "lan", "gửi nhầm")
    assert value() == 25.0 and gone["action"] == "withdrawn" and gone["who"] == "lan"
    assert (paths.intake_dir() / "withdrawn" / second["batch"]).exists()  # parked, not deleted
    with pytest.raises(ProblemError) as exc:
        intake.withdraw(second["batch"], "lan", "lại")
    assert exc.value.code == "batch_not_active"
    # a failed rebuild puts the batch back
    world = built_world
    good = world.targets.read_text(encoding="utf-8")
    world.targets.write_text(good + "\n  - id: [broken\n", encoding="utf-8")
    with pytest.raises(ProblemError):
        intake.withdraw(first["batch"], "lan", "thử")
    assert (paths.intake_dir() / "batches" / first["batch"]).exists() and value() == 25.0
    world.targets.write_text(good, encoding="utf-8")
    intake.withdraw(first["batch"], "lan", "ba")
    assert value() == 20.0  # the value of data/raw again
    # the withdrawn file can be loaded again: it is a new commit
    again = intake.preview(csv % 30, "b.csv", scope="99")
    assert again.committed is None and intake.commit(again, "lan", "nạp lại")[1]
    assert value() == 30.0


@pytest.mark.parametrize("where", ["connect", "populate"])
def test_a_preview_that_cannot_write_its_file_says_so_and_leaves_nothing(built_world, monkeypatch, where):
    """The preview writes a warehouse-sized file beside the warehouse: a read-only folder (DuckDB refuses to create
    it; simulated, as the tests may run as root) or a disk that fills while it is written is the located message a
    build gives, not a traceback on the intake page."""
    import errno

    import pipelines.intake.preview_build as preview_build

    before = paths.warehouse_file().read_bytes()

    connect = duckdb.connect

    def read_only(path=":memory:", *args, **kwargs):
        if ".tmp-" not in str(path):
            return connect(path, *args, **kwargs)
        raise duckdb.IOException(f'Cannot open file "{path}": Permission denied')

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "connect":
        monkeypatch.setattr(preview_build.duckdb, "connect", read_only)
    else:
        monkeypatch.setattr(preview_build, "populate", full)
    with pytest.raises(ProblemError) as exc:
        intake.preview(b"unit_code,year,indicator,numerator,denominator\n99101,2021,gd,25,100\n", "a.csv", scope="99")
    assert exc.value.code == "warehouse_unwritable"
    assert "kiểm tra quyền ghi và dung lượng đĩa" in exc.value.messages("vi")[0]
    assert ("Permission denied" if where == "connect" else "No space left") in exc.value.messages("en")[0]
    assert paths.warehouse_file().read_bytes() == before
    assert not list(paths.warehouse_file().parent.glob("*.tmp-*"))


def test_a_damaged_warehouse_is_replaced_by_the_next_build_and_never_passes_for_an_unwritable_folder(built_world):
    """The warehouse in use cannot be opened (a disk that filled, a copy cut short): an incremental build (a commit,
    a withdrawal) cannot copy from it, so it judges everything and replaces it. DuckDB's error about that file is
    not the folder being unwritable: only errors naming the file being written are."""
    from pipelines.build.runner import build
    from pipelines.build.swap import as_unwritable

    paths.warehouse_file().write_bytes(b"not a database" * 100)
    with pytest.raises(duckdb.IOException) as damaged:
        duckdb.connect(str(paths.warehouse_file()), read_only=True)
    result = build(incremental=True)
    with duckdb.connect(str(paths.warehouse_file()), read_only=True) as con:
        assert con.execute("select count(*) from progress").fetchone()[0] == result.counts["progress"] > 0
    written = paths.warehouse_file().with_name("xhht.duckdb.tmp-1-preview-x")
    assert as_unwritable(damaged.value, written) is None
    full = duckdb.IOException(f'Could not write file "{written}": No space left on device')
    assert as_unwritable(full, written).code == "warehouse_unwritable"
