"""The 2025 reform on a hand-checkable fixture: the fixture world's province 99 becomes, from 1/7/2025, three
communes without districts: 99301 = 99101 + 99102 + 99201 (a merge of three), 99103 split in equal halves between
99302 and 99303, and 99303 also takes 99203 (and the long-gone 99202). 2023 values by hand:

    gia đình học tập (gd)   99301: (30 + 50 + 10) / (100 + 100 + 40) = 90 / 240 = 37,5 %
                            99302: ½·20 / ½·50 = 10 / 25 = 40 %            (apportioned)
                            99303: (½·20 + 30) / (½·50 + 60) = 40 / 85      (apportioned; 2 of its 2 communes of 2023)
                            new province 99: 140 / 350 = 40 % (= the old province: the whole area maps onto itself)
    literacy 15–35 (level 1 ≥ 90 %; ĐBKK 15–25)
                            99301: (95 + 85 + 91) / 300 = 90,3 % -> level 1
                            99302: only the ĐBKK 99103 -> ĐBKK thresholds: ½·46 / ½·50 = 92 % -> level 1
                            99303: (½·80 + 90) / (½·100 + 100) = 130 / 150 = 86,7 % -> level 0, needs 5 people
"""

from __future__ import annotations

import duckdb
import pytest

from pipelines.build import runner as b
from pipelines.problems import ProblemError

OLD = ["99", "991", "992", "99101", "99102", "99103", "99201", "99203"]
NEW_UNITS = """99,Tỉnh Thử Nghiệm,tỉnh,province,VN,2025-07-01,,fixture,sau sắp xếp
99301,Xã An Bình Đông,xã,commune,99,2025-07-01,,fixture,
99302,Xã Cường Bắc,xã,commune,99,2025-07-01,,fixture,
99303,Xã Hòa Cường,xã,commune,99,2025-07-01,,fixture,
"""
CROSSWALK = """old_code,new_code,share,kind,default_successor,source
99101,99301,1,whole,true,fixture
99102,99301,1,whole,true,fixture
99201,99301,1,whole,true,fixture
99103,99302,0.5,split,true,fixture
99103,99303,0.5,split,false,fixture
99203,99303,1,whole,true,fixture
99202,99303,1,whole,true,fixture
"""


def reform(world, crosswalk: str = CROSSWALK) -> None:
    path = world.units / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        if cells[0] in OLD:
            cells[6] = "2025-06-30"
        out.append(",".join(cells))
    path.write_text("\n".join(out) + "\n" + NEW_UNITS, encoding="utf-8")
    (world.units / "crosswalk_2025.csv").write_text(crosswalk, encoding="utf-8")


@pytest.fixture
def reformed(world):
    reform(world)
    b.build()
    con = duckdb.connect(str(world.warehouse), read_only=True)
    yield world, con
    con.close()


def one(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_merge_of_three_and_a_split_in_halves(reformed):
    _, con = reformed
    got = {
        code: (num, den, round(cov, 4), appo)
        for code, num, den, cov, appo in one(
            con,
            "select unit_code, numerator, denominator, coverage, apportioned from comparable_ratios "
            "where indicator = 'gd' and year = 2023 and tier = 'commune'",
        )
    }
    assert got == {"99301": (90, 240, 1.0, False), "99302": (10, 25, 1.0, True), "99303": (40, 85, 1.0, True)}


def test_the_new_province_sums_its_new_communes(reformed):
    _, con = reformed
    assert one(
        con,
        "select numerator, denominator, value from comparable_ratios where unit_code = '99' "
        "and indicator = 'gd' and year = 2023 and tier = 'province'",
    ) == [(140, 350, 40.0)]
    # the same area before the reform, as reported on the old map
    assert one(con, "select value from actuals where unit_code = '99' and indicator = 'gd' and year = 2023") == [
        (40.0,)
    ]


def test_coverage_counts_only_the_old_communes_of_that_year(reformed):
    _, con = reformed
    # 2021: 99303's predecessors that year were 99103 and 99202 (99203 did not exist yet); both reported
    assert one(
        con,
        "select numerator, denominator, round(coverage, 4) from comparable_ratios "
        "where unit_code = '99303' and indicator = 'gd' and year = 2021",
    ) == [(25.0, 85.0, 1.0)]
    # 2022: only 99101 reported (25/100): 99301 has 1 of its 3
    assert one(con, "select round(coverage, 4) from comparable_ratios where unit_code = '99301' and year = 2022") == [
        (0.3333,)
    ]


def test_levels_re_derived_from_the_converted_counts(reformed):
    _, con = reformed
    levels = dict(one(con, "select unit_code, level from comparable_levels where year = 2023 and indicator = 'xmc'"))
    assert levels == {"99301": 1, "99302": 1, "99303": 0}


def test_targets_on_vanished_units_are_flagged_not_dropped(reformed):
    world, con = reformed
    from dashboard.data_access.warehouse import build_key, q
    from pipelines.config.settings import settings

    flagged = q(build_key(), "reform_targets", settings().first_new_map_year)
    assert dict(zip(flagged["id"], flagged["reason"])) == {"t_gd": "applies_to_districts"}
    # kept and judged for the years it still has units
    assert one(con, "select count(*) from progress where target_id = 't_gd' and unit_code = '991' and year = 2023") == [
        (1,)
    ]
    assert one(con, "select count(*) from progress where unit_code = '991' and year >= 2025") == [(0,)]


def test_after_the_reform_communes_belong_to_the_province(reformed):
    _, con = reformed
    assert one(
        con, "select code, parent_code from unit_years where year = 2025 and tier = 'commune' order by code"
    ) == [("99301", "99"), ("99302", "99"), ("99303", "99")]
    assert one(con, "select count(*) from unit_years where year = 2025 and tier = 'district'") == [(0,)]


@pytest.mark.parametrize(
    "line, changed, said",
    [
        # shares that do not add up to 1
        ("99103,99303,0.5", "99103,99303,0.6", ["99103", "1.1"]),
        # the same old and new commune twice (a split in halves written as two halves): counted twice otherwise
        ("99103,99303,0.5,split", "99103,99302,0.5,split", ["99103 -> 99302", "dòng lặp lại"]),
    ],
)
def test_a_crosswalk_that_does_not_add_up_or_lists_a_pair_twice_is_refused(world, line, changed, said):
    reform(world, CROSSWALK.replace(line, changed))
    with pytest.raises(ProblemError) as exc:
        b.check()
    (message,) = exc.value.messages("vi")
    assert "crosswalk_2025.csv" in message and all(words in message for words in said)


def test_a_new_commune_renamed_later_is_counted_once(world):
    """A post-reform commune with a second registry row (renamed on 1/1/2026): its old communes' figures were
    summed once per row, so its numerators doubled and its coverage read 2,0."""
    reform(world)
    path = world.units / "units.csv"
    text = path.read_text(encoding="utf-8").replace(
        "99301,Xã An Bình Đông,xã,commune,99,2025-07-01,,fixture,",
        "99301,Xã An Bình Đông,xã,commune,99,2025-07-01,2025-12-31,fixture,\n"
        "99301,Phường An Bình Đông,phường,commune,99,2026-01-01,,fixture,đổi tên",
    )
    path.write_text(text, encoding="utf-8")
    b.build()
    with duckdb.connect(str(world.warehouse), read_only=True) as con:
        assert one(
            con,
            "select unit_code, numerator, denominator, coverage from comparable_ratios "
            "where indicator = 'gd' and year = 2023 order by unit_code",
        ) == [("99", 140, 350, 1.0), ("99301", 90, 240, 1.0), ("99302", 10, 25, 1.0), ("99303", 40, 85, 1.0)]
        counted = one(
            con,
            "select a.unit_code, a.year, a.indicator, a.denominator from comparable_actuals a "
            "join indicators i on i.id = a.indicator where i.kind = 'units_at_level'",
        )
        assert counted and all(den == 3 for *_, den in counted), counted  # the province's three new communes
