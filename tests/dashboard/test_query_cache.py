"""The query cache of dashboard/data_access/warehouse.py: frames kept as objects, each caller given its own view."""

from __future__ import annotations


def test_a_page_that_changes_a_query_result_never_changes_what_the_next_view_reads(built):
    """Query results are cached as objects, not pickled (dashboard/data_access/warehouse.py): each caller gets a
    copy-on-write view, so a page that adds, overwrites or drops columns or rows does not change the cached frame."""
    from dashboard.data_access import warehouse

    key = warehouse.build_key()
    first = warehouse.q(key, "scorecard", "99", 2023)
    expected = first.copy(deep=True)
    first["status"] = "changed"
    first.loc[first.index[0], "name_vi"] = "đổi"
    first["new"] = 1
    del first["indicator"]
    second = warehouse.q(key, "scorecard", "99", 2023)
    assert second.equals(expected) and second is not first
    inputs = warehouse.table(key, "build_inputs")
    assert len(inputs) > 0
    inputs["file"] = "x"
    assert "x" not in set(warehouse.table(key, "build_inputs")["file"])


def test_the_country_map_opens_on_an_indicator_its_provinces_are_judged_on(tmp_path, monkeypatch):
    """The country's map draws provinces: in the demo's 2026 a level of preschool universalisation is judged for 64
    communes and for no province, and it came before indicators judged for a province (a grey map of the country).
    Every indicator judged for a province now comes first (a province's map: test_judgement_pages)."""
    import duckdb

    from dashboard.data_access import warehouse
    from pipelines.build.runner import build

    monkeypatch.setenv("XHHT_WAREHOUSE", str(tmp_path / "xhht.duckdb"))
    build()
    with duckdb.connect(str(tmp_path / "xhht.duckdb"), read_only=True) as con:
        depths = dict(
            con.execute(
                "select p.indicator, list(distinct x.depth) from unit_ancestors x join progress p"
                " on p.unit_code = x.descendant and p.year = x.year"
                " where x.ancestor = 'VN' and x.year = 2026 and x.depth > 0 and p.gap is not null group by 1"
            ).fetchall()
        )
    assert any(1 not in d for d in depths.values())  # the case: an indicator judged below the provinces only
    key = warehouse.build_key()
    order = list(warehouse.q(key, "mapped_indicators", "VN", 2026, 1)["indicator"])
    assert sorted(order) == sorted(depths)
    judged_for_provinces = [1 in depths[i] for i in order]
    assert judged_for_provinces == sorted(judged_for_provinces, reverse=True)
