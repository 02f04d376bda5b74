"""targets.yaml and the standards file: the shipped files are valid; broken ones give located messages."""

import pytest

from pipelines.config.catalog import load_catalog
from pipelines.config.standards import load_standards
from pipelines.problems import ProblemError


def test_shipped_targets_cover_ca_mau_2023_and_national_programmes():
    cat = load_catalog()
    kinds = {i.kind for i in cat.indicators}
    assert kinds == {"ratio", "level", "units_at_level"}
    by_scope = {t.id: t for t in cat.targets}
    # Cà Mau 2023 plan (../shared/docs/domain.md)
    assert by_scope["cm_gia_dinh"].milestones[2023] == 40
    assert by_scope["cm_dong_ho"].milestones[2023] == 35
    assert by_scope["cm_cong_dong"].milestones[2023] == 60
    assert by_scope["cm_don_vi"].milestones[2023] == 50
    assert by_scope["cm_pcgd_th_huyen"].milestones[2023] == 9
    assert by_scope["cm_pcgd_thcs_3"].milestones[2023] == 4
    assert by_scope["cm_ky_nang_song"].milestones[2023] == 40
    assert by_scope["cm_dao_tao"].milestones[2023] == 40
    assert by_scope["cm_dai_hoc"].milestones[2023] == 10
    assert by_scope["cm_co_so_so_hoa"].milestones[2023] == 50
    assert by_scope["cm_tthtcd_cntt"].milestones[2023] == 40
    # national QĐ 1373 / QĐ 387
    assert by_scope["vn_xmc_2"].milestones[2025] == 70 and by_scope["vn_xmc_2"].target_2030 == 90
    assert by_scope["vn_gia_dinh"].milestones[2025] == 70
    for t in cat.targets:
        assert t.source in cat.sources
    for i in cat.indicators:
        assert i.source in cat.sources and i.name_vi and i.name_en


def test_shipped_standards_are_consistent_with_the_catalogue():
    cat = load_catalog()
    st = load_standards(cat)
    order = [s.id for s in st.evaluation_order()]
    assert order.index("pcgd_thcs") > order.index("pcgd_th") and order.index("pcgd_thcs") > order.index("xmc")


def _broken(world, old, new):
    text = world.targets.read_text(encoding="utf-8")
    assert old in text
    world.targets.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProblemError) as exc:
        load_catalog()
    return exc.value.problems


def test_misspelt_key_names_line_and_path(world):
    (p,) = _broken(world, "    milestones: {2023: 40}", "    milestone: {2023: 40}")
    assert p.code == "yaml_extra" and p.found == "milestone"
    assert p.path == "targets[0].milestone"
    assert p.line == world.targets.read_text(encoding="utf-8").splitlines().index("    milestone: {2023: 40}") + 1
    assert "targets.yaml" in p.message("vi") and "dòng" in p.message("vi") and "không được khai báo" in p.message("vi")
    assert "line" in p.message("en") and "not allowed" in p.message("en")


def test_wrong_kind_lists_the_choices(world):
    (p,) = _broken(
        world,
        "    kind: ratio\n    display: percent\n    entity_vi: gia",
        "    kind: ratioo\n    display: percent\n    entity_vi: gia",
    )
    assert p.code == "yaml_choice" and p.found == "ratioo"
    assert p.path == "indicators[0].kind"
    assert "'ratio'" in p.message("vi") and "'units_at_level'" in p.message("en")


def test_percentage_out_of_range_in_a_milestone(world):
    (p,) = _broken(world, "{2023: 40}", "{2023: 140}")
    assert p.path == "targets[0].milestones.2023"
    assert "0–100" in p.message("vi")
    assert p.line is not None


def test_reference_to_an_undeclared_indicator(world):
    (p,) = _broken(world, "indicator: gd\n", "indicator: gdd\n")
    assert p.path == "targets[0].indicator" and "gdd" in p.message("en")


def test_missing_field_and_wrong_type(world):
    problems = _broken(world, "    target_2030: 80\n", "")
    assert [p.code for p in problems] == ["yaml_missing"]
    assert problems[0].path == "targets[0].target_2030"


def test_text_where_a_number_is_expected(world):
    (p,) = _broken(world, "target_2030: 80", "target_2030: tám mươi")
    assert p.code == "yaml_type" and p.found == "tám mươi"
    assert "một số" in p.message("vi") and "a number" in p.message("en")


def test_duplicate_target_id_and_all_problems_reported_at_once(world):
    text = world.targets.read_text(encoding="utf-8")
    text = text.replace("id: t_xa", "id: t_gd").replace("{2023: 40}", "{2023: 400}")
    world.targets.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemError) as exc:
        load_catalog()
    paths_ = {p.path for p in exc.value.problems}
    assert {"targets[1].id", "targets[0].milestones.2023"} <= paths_


def test_yaml_syntax_error_names_the_line(world):
    text = world.targets.read_text(encoding="utf-8").replace("  near_limit: 95", "  near_limit: [95")
    world.targets.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemError) as exc:
        load_catalog()
    (p,) = exc.value.problems
    assert p.code == "yaml_syntax" and p.line is not None
    assert "lỗi cú pháp YAML" in p.message("vi")


def test_nfd_text_is_normalised(world):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Gia đình học tập")
    text = world.targets.read_text(encoding="utf-8").replace("name_vi: Gia đình học tập", f"name_vi: {nfd}")
    world.targets.write_text(text, encoding="utf-8")
    assert load_catalog().indicator("gd").name_vi == unicodedata.normalize("NFC", "Gia đình học tập")


def test_standard_referring_to_an_unknown_indicator(world):
    world.standards.write_text(
        world.standards.read_text(encoding="utf-8").replace("indicator: l1_15_25", "indicator: l1_15_24"),
        encoding="utf-8",
    )
    with pytest.raises(ProblemError) as exc:
        load_standards(load_catalog())
    (p,) = exc.value.problems
    assert p.path == "standards[0].levels[0].criteria[0].dbkk.indicator"
    assert "l1_15_24" in p.message("vi")
