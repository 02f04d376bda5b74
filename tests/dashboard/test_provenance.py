"""Where a target comes from, as the pages say it (issue 14, defect 8): each declared value with the title of its
document, repeated and unverified values marked, in Vietnamese and English, never a YAML key; the indicator page
shows it, and the targets editor drops provenance an edit made stale."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui import fmt
from dashboard.ui.provenance import caption, points_from_catalog, provenance_text
from pipelines.build.runner import build
from pipelines.config.catalog import load_catalog

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
QD1373 = "Quyết định 1373/QĐ-TTg ngày 30/7/2021 phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021–2030”"
KH2023 = "Kế hoạch xây dựng xã hội học tập năm 2023 của UBND tỉnh Cà Mau"


def _percent(lang):
    return lambda x: fmt.percent(x, lang, 0)


def test_ca_mau_life_skills_cites_the_2023_plan_then_qd_1373():
    points = points_from_catalog(load_catalog(), "cm_ky_nang_song")
    assert provenance_text(points, _percent("vi"), "vi") == (
        f"Mốc 2023: 40% — {KH2023} (số hiệu văn bản chưa kiểm chứng); mục tiêu 2030: 70% — {QD1373}"
    )
    assert provenance_text(points, _percent("en"), "en") == (
        f"2023 milestone: 40% — {KH2023} (document reference unverified); 2030 target: 70% — {QD1373}"
    )


def test_repeated_and_unverified_values_are_said_in_plain_words():
    points = points_from_catalog(load_catalog(), "cm_pcgd_thcs_3")
    text = provenance_text(points, fmt.number, "vi")
    assert text == (
        f"Mốc 2023: 4 — {KH2023} (số hiệu văn bản chưa kiểm chứng); "
        "mục tiêu 2030: 4 — cùng văn bản (nhắc lại mức 2023; chưa kiểm chứng)"
    )
    assert provenance_text(points, fmt.number, "en").endswith(
        "2030 target: 4 — same document (repeats the 2023 value; unverified)"
    )
    assert caption(points, fmt.number, "vi") == f"**Nguồn mục tiêu:** {text}"
    assert caption([], fmt.number, "vi") == ""
    for t in load_catalog().targets:  # document titles, never YAML keys
        said = provenance_text(points_from_catalog(load_catalog(), t.id), fmt.number, "vi")
        assert t.source not in said and "qd" not in said, t.id


@pytest.mark.slow
def test_indicator_page_shows_where_the_target_comes_from(world):
    text = world.targets.read_text(encoding="utf-8")
    text = text.replace("  s: {title: Nguồn thử}\n", "  s: {title: Nguồn thử}\n  s2: {title: Quyết định thử}\n")
    text = text.replace(
        "    target_2030: 80\n    source: s\n",
        "    target_2030: 80\n    source: s\n    point_sources: {2030: s2}\n    unverified_years: [2030]\n",
    )
    world.targets.write_text(text, encoding="utf-8")
    build()
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in {"year": "2023", "unit": "99", "indicator": "gd"}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("views/indicator.py").run()
    assert not at.exception, [e.value for e in at.exception]
    wanted = "**Nguồn mục tiêu:** Mốc 2023: 40,0% — Nguồn thử; mục tiêu 2030: 80,0% — Quyết định thử (chưa kiểm chứng)"
    assert wanted in [c.value for c in at.caption]


@pytest.mark.slow
def test_editor_drops_a_repeat_the_edit_makes_untrue(world):
    from dashboard.staff.passwords import hash_password

    text = world.targets.read_text(encoding="utf-8").replace(
        "    milestones: {2023: 3}\n    target_2030: 4\n",
        "    milestones: {2023: 4}\n    target_2030: 4\n    repeats: {2030: 2023}\n",
    )
    world.targets.write_text(text, encoding="utf-8")
    build()
    at = AppTest.from_file(APP, default_timeout=60)
    password = "mật-khẩu-đủ-dài-2026"
    at.secrets["users"] = {
        "lan": {"name": "Nguyễn Thị Lan", "role": "analyst", "scope": "99", "password_hash": hash_password(password)}
    }
    at.query_params["unit"], at.query_params["year"] = "99", "2023"
    at.run()
    at.text_input[0].input("lan")
    at.text_input[1].input(password)
    at.button[-1].click().run()
    at.switch_page("staff/targets_editor.py").run()
    at.selectbox(key="editor_target").select("t_xa").run()
    assert any("(nhắc lại mức 2023)" in c.value for c in at.caption)
    at.number_input(key="editor_2030_t_xa").set_value(5.0).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]  # no refusal: the stale repeat is dropped, not reported
    diff = at.code[0].value
    assert "+    target_2030: 5" in diff and "-    repeats: {2030: 2023}" in diff
