"""Saving targets.yaml from the editor: comments and order kept, invalid drafts refused with their place, a save
on a file that changed underneath refused, every version kept with who / when / why, any version restorable,
hand edits detected."""

from __future__ import annotations

import threading

import pytest

from pipelines.editing import targets_store as store
from pipelines.problems import ProblemError


def test_an_edit_keeps_comments_and_key_order(world):
    before = store.current()
    assert "# " in before.text  # the fixture file has comments
    draft = store.set_target(before.text, "t_gd", {"target_2030": 75})
    store.save(draft, before.sha256, "lan", "kế hoạch 2026 điều chỉnh")
    after = world.targets.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.text.splitlines(), after.splitlines()) if a != b]
    assert changed == [("    target_2030: 80", "    target_2030: 75")]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == [
        line for line in before.text.splitlines() if line.lstrip().startswith("#")
    ]


def test_a_second_save_on_a_changed_file_is_refused(world):
    start = store.current()
    first = store.set_target(start.text, "t_gd", {"target_2030": 70})
    second = store.set_target(start.text, "t_gd", {"target_2030": 90})
    store.save(first, start.sha256, "lan", "first")
    with pytest.raises(ProblemError) as exc:
        store.save(second, start.sha256, "minh", "second")
    assert exc.value.code == "concurrent_edit"
    assert "lan" in exc.value.messages("vi")[0] and "chưa được lưu" in exc.value.messages("vi")[0]
    assert "target_2030: 70" in world.targets.read_text(encoding="utf-8")  # nothing overwritten


def test_simultaneous_saves_only_one_wins(world):
    start = store.current()
    drafts = [store.set_target(start.text, "t_gd", {"target_2030": 60 + i}) for i in range(4)]
    results = []

    def go(i):
        try:
            store.save(drafts[i], start.sha256, f"user{i}", "race")
            results.append("ok")
        except ProblemError:
            results.append("refused")

    threads = [threading.Thread(target=go, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused", "refused", "refused"]


def test_an_invalid_draft_is_refused_with_its_place_and_changes_nothing(world):
    start = store.current()
    draft = store.set_target(start.text, "t_gd", {"milestones": {2023: 140}})
    with pytest.raises(ProblemError) as exc:
        store.save(draft, start.sha256, "lan", "typo")
    (message,) = exc.value.messages("vi")
    assert "targets.yaml" in message and "milestones" in message and "140" in message and "0–100" in message
    assert world.targets.read_text(encoding="utf-8") == start.text and store.history() == []


def test_history_records_who_when_why_and_any_version_can_be_restored(world):
    v0 = store.current()
    store.save(store.set_target(v0.text, "t_gd", {"target_2030": 70}), v0.sha256, "lan", "lần 1")
    v1 = store.current()
    store.save(store.set_target(v1.text, "t_gd", {"target_2030": 60}), v1.sha256, "minh", "lần 2")
    log = store.history()
    assert [(e["who"], e["why"]) for e in log[1:]] == [("lan", "lần 1"), ("minh", "lần 2")]
    assert log[0]["sha_after"] == v0.sha256  # the version before the first edit is kept too
    store.restore(log[0], store.current().sha256, "admin", "về bản gốc")
    assert world.targets.read_text(encoding="utf-8") == v0.text
    assert store.history()[-1]["why"] == "về bản gốc" and len(store.history()) == 4


def test_hand_edits_are_detected_and_validated(world):
    v0 = store.current()
    store.save(store.set_target(v0.text, "t_gd", {"target_2030": 70}), v0.sha256, "lan", "x")
    assert not store.hand_edited()
    world.targets.write_text(
        world.targets.read_text(encoding="utf-8").replace("target_2030: 70", "target_2030: 700"), encoding="utf-8"
    )
    assert store.hand_edited()
    with pytest.raises(ProblemError):
        store.validate(store.current().text)


def test_a_new_target_is_appended_and_a_reason_is_required(world):
    v0 = store.current()
    draft = store.set_target(
        v0.text,
        "t_gd_991",
        {"indicator": "gd", "scope": {"unit": "991"}, "milestones": {2024: 50}, "target_2030": 70, "source": "s"},
    )
    assert draft.startswith(v0.text.rstrip("\n").split("targets:")[0])
    with pytest.raises(ProblemError) as exc:
        store.save(draft, v0.sha256, "lan", " ")
    assert exc.value.code == "who_why_required"
    store.save(draft, v0.sha256, "lan", "mục tiêu huyện")
    assert store.current().text.rstrip().endswith("source: s")


def test_a_draft_that_would_not_build_is_refused_before_writing(world):
    from pipelines.build.runner import preview_progress

    v0 = store.current()
    overlapping = store.set_target(
        v0.text, "t_gd_99", {"indicator": "gd", "scope": {"unit": "99"}, "target_2030": 70, "source": "s"}
    )  # t_gd already applies to 99
    with pytest.raises(ProblemError) as exc:
        store.save(overlapping, v0.sha256, "lan", "trùng", check=preview_progress)
    assert "t_gd" in exc.value.messages("vi")[0] and "99" in exc.value.messages("vi")[0]
    assert store.current().sha256 == v0.sha256


def _district_991(unit: str) -> bool:
    """An analyst scoped to Huyện Một (991): the district and its communes."""
    return unit in {"991", "99101", "99102", "99103"}


def test_an_analyst_cannot_replace_a_province_target_by_reusing_its_id(world):
    """The probe of issue 16: a district analyst saved 'a new target' with the id of the province's target and
    their own district as its unit; the store replaced the province target."""
    v0 = store.current()
    draft = store.set_target(
        v0.text,
        "t_gd",
        {"indicator": "gd", "scope": {"unit": "991"}, "milestones": {2023: 10}, "target_2030": 20, "source": "s"},
    )
    with pytest.raises(ProblemError) as exc:
        store.save(draft, v0.sha256, "an", "mục tiêu huyện", allowed=_district_991)
    assert exc.value.code == "target_out_of_scope"
    assert "t_gd" in exc.value.messages("vi")[0] and "99" in exc.value.messages("vi")[0]
    assert store.current().text == v0.text


def test_an_analyst_cannot_remove_a_province_target_or_move_one_into_their_scope(world):
    v0 = store.current()
    doc = store.load_doc(v0.text)
    doc["targets"] = [t for t in doc["targets"] if t["id"] != "t_xa"]
    with pytest.raises(ProblemError):
        store.save(store.dump_doc(doc), v0.sha256, "an", "xóa", allowed=_district_991)
    assert store.current().text == v0.text


def test_an_analyst_edits_and_adds_targets_inside_their_scope(world):
    v0 = store.current()
    draft = store.set_target(
        v0.text,
        "t_gd_991",
        {"indicator": "gd", "scope": {"unit": "991"}, "milestones": {2024: 50}, "target_2030": 70, "source": "s"},
    )
    store.save(draft, v0.sha256, "an", "mục tiêu huyện", allowed=_district_991)
    v1 = store.current()
    edited = store.set_target(v1.text, "t_gd_991", {"target_2030": 75})
    store.save(edited, v1.sha256, "an", "nâng mục tiêu", allowed=_district_991)
    assert store.changed_units(v1.text, edited) == {"t_gd_991": {"991"}}
    assert "target_2030: 75" in store.current().text


def test_an_analyst_cannot_rebase_a_province_target_or_touch_the_catalogue(world):
    """Review: `rebased_from` let a district target speak for the province's; indicators and settings were open."""
    v0 = store.current()
    draft = store.set_target(
        v0.text,
        "t_gd_991",
        {"indicator": "gd", "scope": {"unit": "991"}, "target_2030": 70, "source": "s", "rebased_from": "t_gd"},
    )
    with pytest.raises(ProblemError) as exc:
        store.save(draft, v0.sha256, "an", "thay mục tiêu tỉnh", allowed=_district_991)
    assert exc.value.code == "target_out_of_scope" and "t_gd_991" in exc.value.messages("vi")[0]
    doc = store.load_doc(v0.text)
    doc["settings"]["min_coverage"] = 0.1
    with pytest.raises(ProblemError) as exc:
        store.save(store.dump_doc(doc), v0.sha256, "an", "nới ngưỡng", allowed=_district_991)
    assert "settings" in exc.value.messages("vi")[0]
    store.save(store.dump_doc(doc), v0.sha256, "admin", "nới ngưỡng", allowed=lambda unit: True)
