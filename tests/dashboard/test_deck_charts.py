"""The slide's chart (dashboard/present/slide_charts.py): a deck for year Y draws no value after Y and no
projection made from a later year; value labels far enough apart not to run together at 1280×720."""

from __future__ import annotations

import pandas as pd

from dashboard.present import slide_charts


def _series() -> pd.DataFrame:
    years = list(range(2020, 2027))
    return pd.DataFrame(
        {
            "year": years,
            "value": [40.0, 42.0, 44.0, 45.0, 46.7, 50.0, 55.0],
            "actual": [40.0, 42.0, 44.0, 45.0, 46.7, 50.0, 55.0],
            "milestone": [40.0, 45.0, 50.0, 55.0, 60.0, 65.0, 70.0],
            "target_2030": [90.0] * 7,
            "status": ["met"] * 7,
        }
    )


def _projection(start: int) -> pd.DataFrame:
    years = list(range(start, 2031))
    return pd.DataFrame({"year": years, "projected": [50.0 + i for i in range(len(years))], "method": "path"})


def _actual_trace(fig):
    return next(t for t in fig.data if t.mode == "lines+markers+text")


def test_a_deck_for_2024_draws_no_value_after_2024_nor_a_projection_from_2026():
    fig, projected = slide_charts.slide_chart(_series(), _projection(2026), "ratio", "percent", "vi", 2024)
    assert max(_actual_trace(fig).x) == 2024
    assert not projected and all(t.line.dash != "dot" for t in fig.data)


def test_the_projection_stays_when_it_starts_from_the_decks_year():
    fig, projected = slide_charts.slide_chart(_series(), _projection(2026), "ratio", "percent", "vi", 2026)
    assert max(_actual_trace(fig).x) == 2026
    assert projected and any(t.line.dash == "dot" for t in fig.data)


def test_labels_of_neighbouring_years_are_not_both_written():
    kept = slide_charts.labelled_years({y: "96,0%" for y in range(2020, 2025)})
    assert kept == {2024, 2022, 2020}
    wide = slide_charts.labelled_years({2024: "Mức độ 1", 2022: "Chưa đạt chuẩn", 2020: "Chưa đạt chuẩn"})
    assert wide == {2024, 2020}  # a long label needs more room than two years


def test_the_reform_note_sits_above_the_plot_and_the_highest_label_has_room():
    fig, _ = slide_charts.slide_chart(_series(), _projection(2026), "ratio", "percent", "vi", 2026)
    (note,) = fig.layout.annotations
    assert note.yref == "paper" and note.y == 1 and note.yanchor == "bottom"
    assert fig.layout.yaxis.range[1] > 90.0 + 0.2 * (90.0 - 40.0)


def test_a_projection_of_one_point_is_not_drawn_nor_named():
    # an old district is projected only to 2024, the year before the reform: a single point, no line
    fig, projected = slide_charts.slide_chart(
        _series(), _projection(2030).assign(year=2024), "ratio", "percent", "vi", 2024
    )
    assert not projected and all(t.line.dash != "dot" for t in fig.data)
