"""An upload's commit or withdrawal builds incrementally (pipelines/build/incremental.py): only the units whose
figures changed are judged again. Incremental then full must give identical tables, every table row by row, after
one district's sheet and after any sequence of commits and withdrawals."""

from __future__ import annotations

import json

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipelines.build.runner import build
from pipelines.config import paths
from pipelines.intake import service as intake
from pipelines.problems import ProblemError

# A build's identity (id, times, inputs' hashes) differs between any two builds; every other table must not.
IDENTITY = {"build_runs", "build_inputs"}
COMMUNES = {"991": ["99101", "99102", "99103"], "992": ["99201", "99203"]}


def tables(path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        names = [r[0] for r in con.execute("select table_name from duckdb_tables() where not temporary").fetchall()]
        return {n: con.execute(f"select * from {n} order by all").fetchall() for n in names if n not in IDENTITY}


def full_build_tables(monkeypatch, tmp_path) -> dict[str, list[tuple]]:
    """The same inputs built from scratch into another file."""
    other = tmp_path / "full" / "xhht.duckdb"
    with monkeypatch.context() as m:
        m.setenv("XHHT_WAREHOUSE", str(other))
        build()
    return tables(other)


def assert_incremental_equals_full(monkeypatch, tmp_path) -> None:
    last = json.loads(paths.run_log_file().read_text(encoding="utf-8").splitlines()[-1])
    assert last["status"] == "ok" and last["judged_units"] is not None  # it was an incremental build
    incremental, full = tables(paths.warehouse_file()), full_build_tables(monkeypatch, tmp_path)
    assert incremental.keys() == full.keys()
    for name in full:
        assert incremental[name] == full[name], name


def sheet(district: str, year: int, numerators: list[int]) -> bytes:
    rows = "".join(f"{c},{year},gd,{n},100\n" for c, n in zip(COMMUNES[district], numerators))
    return ("unit_code,year,indicator,numerator,denominator\n" + rows).encode()


def test_one_districts_sheet_judges_only_its_units_and_equals_a_full_build(built_world, monkeypatch, tmp_path):
    p = intake.preview(sheet("992", 2024, [30, 45]), "huyen_hai.csv", scope="99")
    intake.commit(p, "lan", "huyện Hai gửi số liệu 2024")
    last = json.loads(paths.run_log_file().read_text(encoding="utf-8").splitlines()[-1])
    # its two communes, the district, the province and the country: not district 991 nor its communes
    assert last["judged_units"] == 5
    assert "adopted" in last["steps"]  # the commit swapped in the warehouse its preview computed
    assert not list(paths.warehouse_file().parent.glob("*.tmp-*"))  # and left no file behind
    assert_incremental_equals_full(monkeypatch, tmp_path)


def test_a_commit_after_its_inputs_changed_builds_instead_of_adopting_its_preview(built_world, monkeypatch, tmp_path):
    """The preview's warehouse was computed from the inputs of its time: a file added to data/raw since (or a
    target edited) must be in the committed warehouse, so the commit builds, and the result equals a full build."""
    import shutil

    p = intake.preview(sheet("992", 2024, [30, 45]), "huyen_hai.csv", scope="99")
    assert p.built is not None and p.built.file.exists()
    extra = built_world.raw / "them.csv"
    extra.write_text("unit_code,year,indicator,numerator,denominator\n99101,2024,gd,7,10\n", encoding="utf-8")
    previewed = p.built.file
    intake.commit(p, "lan", "huyện Hai gửi số liệu 2024")
    last = json.loads(paths.run_log_file().read_text(encoding="utf-8").splitlines()[-1])
    assert last["status"] == "ok" and "adopted" not in last["steps"]
    assert not previewed.exists()
    with duckdb.connect(str(paths.warehouse_file()), read_only=True) as con:
        assert con.execute("select count(*) from observations where file like '%them.csv'").fetchone()[0] == 1
    assert_incremental_equals_full(monkeypatch, tmp_path)
    shutil.rmtree(tmp_path / "full", ignore_errors=True)


def test_a_commit_long_after_its_preview_adopts_the_file_its_own_build_used_to_remove(
    built_world, monkeypatch, tmp_path
):
    """A preview left open for hours, past PREVIEW_KEPT_S: the commit's own build removed the expired file it was
    about to adopt, then opened an empty one (a crash). The file is the build's own now: kept, adopted, and the
    result equals a full build (one removed by another build before this one's turn: the next test)."""
    import os
    import time

    from pipelines.build.swap import PREVIEW_KEPT_S

    p = intake.preview(sheet("992", 2024, [30, 45]), "huyen_hai.csv", scope="99")
    previewed = p.built.file
    old = time.time() - PREVIEW_KEPT_S - 60
    os.utime(previewed, (old, old))
    entry, done = intake.commit(p, "lan", "huyện Hai gửi số liệu 2024")
    last = json.loads(paths.run_log_file().read_text(encoding="utf-8").splitlines()[-1])
    assert done and last["status"] == "ok" and "adopted" in last["steps"]
    assert not previewed.exists() and not list(paths.warehouse_file().parent.glob("*.tmp-*"))
    assert_incremental_equals_full(monkeypatch, tmp_path)


def test_a_build_keeps_the_file_it_adopts_even_when_it_looks_expired(built_world):
    import os
    import time

    from pipelines.build.swap import PREVIEW_KEPT_S, remove_stale_builds

    target = paths.warehouse_file()
    old = time.time() - PREVIEW_KEPT_S - 60
    mine, other = (target.with_name(f"{target.name}.tmp-{os.getpid()}-preview-{k}") for k in ("mine", "other"))
    for f in (mine, other):
        f.write_bytes(b"x")
        os.utime(f, (old, old))
    remove_stale_builds(target, keep=mine)
    assert mine.exists() and not other.exists()


def test_a_stale_commit_or_one_that_builds_its_own_way_removes_the_previews_file(built_world):
    """A preview refused as stale can never be committed: its file goes. One refused for want of a reason keeps
    it (the reason given, the same preview commits)."""
    stale = intake.preview(sheet("992", 2024, [30, 45]), "a.csv", scope="99")
    intake.commit(intake.preview(sheet("991", 2024, [1, 2, 3]), "b.csv", scope="99"), "lan", "trước")
    with pytest.raises(ProblemError):
        intake.commit(stale, "lan", "sau")
    own = intake.preview(sheet("992", 2024, [31, 46]), "d.csv", scope="99")
    with pytest.raises(ProblemError):
        intake.commit(own, "lan", " ")
    assert own.built is not None and own.built.file.exists()
    intake.commit(own, "lan", "tự dựng", build=lambda **kw: build(**kw))
    assert stale.built is None and own.built is None
    assert not list(paths.warehouse_file().parent.glob("*.tmp-*"))


@pytest.mark.parametrize("meanwhile", ["targets edited", "raw file added", "preview file removed"])
def test_what_changes_while_a_commit_waits_for_its_turn_is_not_undone(built_world, monkeypatch, tmp_path, meanwhile):
    """The commit checks its preview's inputs, writes its batch, then, in its turn, swaps the preview's warehouse in.
    What another build brought in between (a targets edit, a file added to data/raw) was undone by that swap, and a
    preview file removed meanwhile (by a build, after six hours) was opened empty. The commit asks again in its turn
    and builds; the result equals a full build."""
    import pipelines.intake.upload_commit as upload_commit

    p = intake.preview(sheet("992", 2024, [30, 45]), "huyen_hai.csv", scope="99")
    write = upload_commit.atomic_write

    def and_meanwhile(path, data, *args, **kwargs):
        write(path, data, *args, **kwargs)
        if path.parent.name != "batches":
            return
        if meanwhile == "targets edited":
            text = built_world.targets.read_text(encoding="utf-8")
            built_world.targets.write_text(text.replace("target_2030: 80", "target_2030: 85"), encoding="utf-8")
        elif meanwhile == "raw file added":
            built_world.write_raw("them.csv", "unit_code,year,indicator,numerator,denominator\n99101,2024,gd,7,10\n")
        else:
            p_file.unlink()

    p_file = p.built.file
    monkeypatch.setattr(upload_commit, "atomic_write", and_meanwhile)
    intake.commit(p, "lan", "huyện Hai gửi số liệu 2024")
    last = json.loads(paths.run_log_file().read_text(encoding="utf-8").splitlines()[-1])
    assert last["status"] == "ok" and "adopted" not in last["steps"]
    with duckdb.connect(str(paths.warehouse_file()), read_only=True) as con:
        target = con.execute("select target_2030 from targets where id = 't_gd'").fetchone()
        assert target == ((85.0,) if meanwhile == "targets edited" else (80.0,))
        assert con.execute("select count(*) from observations where file like '%batches%'").fetchone() == (2,)
        added = con.execute("select count(*) from observations where file like '%them.csv'").fetchone()
        assert added == ((1,) if meanwhile == "raw file added" else (0,))
    assert tables(paths.warehouse_file()) == full_build_tables(monkeypatch, tmp_path)


def test_a_preview_not_committed_leaves_no_file(built_world):
    import gc

    p = intake.preview(sheet("992", 2024, [30, 45]), "huyen_hai.csv", scope="99")
    kept = p.built.file
    assert kept.exists() and kept.parent == paths.warehouse_file().parent
    del p
    gc.collect()
    assert not kept.exists()


def test_a_build_with_another_configuration_judges_everything(built_world, monkeypatch, tmp_path):
    """A targets edit changes the fingerprint: nothing is copied from the last warehouse."""
    text = built_world.targets.read_text(encoding="utf-8")
    built_world.targets.write_text(text + "\n# edited\n", encoding="utf-8")
    build(incremental=True)
    last = json.loads(paths.run_log_file().read_text(encoding="utf-8").splitlines()[-1])
    assert last["judged_units"] is None


operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("commit"),
            st.sampled_from(sorted(COMMUNES)),
            st.sampled_from([2021, 2022, 2023, 2024]),
            st.lists(st.integers(0, 100), min_size=3, max_size=3),
        ),
        st.tuples(st.just("withdraw"), st.integers(0, 5)),
    ),
    min_size=1,
    max_size=3,
)


# every example builds the world several times: few examples, and no shrinking (a failure prints its operations)
@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ops=operations)
def test_any_sequence_of_commits_and_withdrawals_equals_a_full_build(world, monkeypatch, tmp_path_factory, ops):
    tmp_path = tmp_path_factory.mktemp("sequence")
    with monkeypatch.context() as m:
        for name in ("XHHT_WAREHOUSE", "XHHT_INTAKE"):
            m.setenv(name, str(tmp_path / name.lower() / ("xhht.duckdb" if name == "XHHT_WAREHOUSE" else "")))
        build()
        active: list[str] = []
        for n, op in enumerate(ops):
            if op[0] == "commit":
                _, district, year, numerators = op
                p = intake.preview(sheet(district, year, numerators), f"sheet{n}.csv", scope="99")
                if p.committed is not None or p.accepted.empty:
                    continue
                entry, _ = intake.commit(p, "lan", f"lần {n}")
                active.append(entry["batch"])
            elif active:
                intake.withdraw(active.pop(op[1] % len(active)), "lan", f"rút lần {n}")
            else:
                continue
            assert_incremental_equals_full(m, tmp_path / f"full{n}")
