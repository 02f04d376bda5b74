"""NĐ 20/2014 derivations on the shipped standards file: thresholds, ĐBKK age bands, cumulative levels,
cross-standard requirements, missing inputs, and the share rules for districts and provinces."""

import pytest

from pipelines.config.catalog import load_catalog
from pipelines.config.standards import load_standards
from pipelines.method.level_rules import ReportedValues, derive_commune_level, derive_parent_level, people_to_close


@pytest.fixture(scope="module")
def std():
    return load_standards(load_catalog()).by_id()


def M(num, den):
    return ReportedValues(num, den)


def test_literacy_level_1_and_2(std):
    ok = {"xmc_l1_15_35": M(95, 100), "xmc_l2_15_60": M(91, 100)}
    assert derive_commune_level(std["xmc"], ok, dbkk=False).level == 2
    only1 = {"xmc_l1_15_35": M(95, 100), "xmc_l2_15_60": M(85, 100)}
    res = derive_commune_level(std["xmc"], only1, dbkk=False)
    assert res.level == 1 and res.complete
    (short,) = res.shortfalls
    assert (short.level, short.subject, short.required, short.to_close) == (2, "xmc_l2_15_60", 90, 5)


def test_dbkk_commune_uses_its_own_age_band(std):
    # 15–35 below 90% but 15–25 above: a normal commune fails, an ĐBKK commune passes level 1
    inputs = {"xmc_l1_15_35": M(850, 1000), "xmc_l1_15_25": M(460, 500)}
    assert derive_commune_level(std["xmc"], inputs, dbkk=False).level == 0
    assert derive_commune_level(std["xmc"], inputs, dbkk=True).level == 1


def test_what_a_commune_lacks_is_said_in_people(std):
    res = derive_commune_level(std["xmc"], {"xmc_l1_15_35": M(4463, 5000)}, dbkk=False)
    assert res.level == 0
    # 90% of 5,000 = 4,500: 37 more people aged 15–35 literate at level 1
    assert res.shortfalls[0].to_close == 37
    assert people_to_close(M(4463, 5000), 90) == 37


def test_dbkk_lower_thresholds_for_preschool(std):
    inputs = {"mn5_ra_lop": M(92, 100), "mn5_hoan_thanh": M(82, 100)}
    assert derive_commune_level(std["pcgd_mn5"], inputs, dbkk=False).level == 0
    assert derive_commune_level(std["pcgd_mn5"], inputs, dbkk=True).level == 1


def test_levels_are_cumulative(std):
    # level-3 intake (99%) but only level-1 completion at 11: level 1 (level 2 fails, so 3 cannot count)
    inputs = {"th_vao_lop1": M(99, 100), "th_hoan_thanh_14": M(85, 100), "th_hoan_thanh_11": M(75, 100)}
    res = derive_commune_level(std["pcgd_th"], inputs, dbkk=False)
    assert res.level == 1
    assert {s.level for s in res.shortfalls} == {2}


def test_lower_secondary_requires_primary_and_literacy(std):
    inputs = {"thcs_tot_nghiep": M(96, 100), "thcs_tiep_tuc": M(85, 100)}
    assert derive_commune_level(std["pcgd_thcs"], inputs, False, {"pcgd_th": 1, "xmc": 1}).level == 3
    res = derive_commune_level(std["pcgd_thcs"], inputs, False, {"pcgd_th": 1, "xmc": 0})
    assert res.level == 0
    assert res.shortfalls[0].subject == "xmc"


def test_missing_inputs(std):
    none = derive_commune_level(std["xmc"], {}, dbkk=False)
    assert none.level is None and not none.complete
    partial = derive_commune_level(std["xmc"], {"xmc_l1_15_35": M(95, 100)}, dbkk=False)
    assert partial.level == 1 and not partial.complete  # at least 1; level 2 could not be judged


def test_value_only_percentages_are_judged_but_cannot_say_people(std):
    res = derive_commune_level(std["xmc"], {"xmc_l1_15_35": ReportedValues(value=88.0)}, dbkk=False)
    assert res.level == 0
    assert res.shortfalls[0].actual == 88.0 and res.shortfalls[0].to_close is None


def test_district_from_share_of_communes(std):
    # level 1 needs 90% of communes: 9 of 10 passes, 8 of 10 does not and needs one more
    assert derive_parent_level(std["xmc"], "district", [1] * 9 + [0]).level == 1
    res = derive_parent_level(std["xmc"], "district", [1] * 8 + [0, 0])
    assert res.level == 0 and res.shortfalls[0].to_close == 1
    # level 2 also 90% for a district, but 100% of districts for a province
    assert derive_parent_level(std["xmc"], "district", [2] * 9 + [1]).level == 2
    assert derive_parent_level(std["xmc"], "province", [2] * 9 + [1]).level == 1


def test_parent_with_unknown_children(std):
    res = derive_parent_level(std["xmc"], "district", [1, 1, None])
    assert res.level == 0 and not res.complete  # 2/3 known to meet: not enough, but the third is unknown
    assert derive_parent_level(std["xmc"], "district", [None, None]).level is None
    assert derive_parent_level(std["xmc"], "district", []).level is None
    # met regardless of the unknown one: exact
    res = derive_parent_level(std["xmc"], "district", [2] * 19 + [None])
    assert res.level == 2
