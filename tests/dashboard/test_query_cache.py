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
