"""The slide's chart (dashboard/present/slide_charts.py): a deck for year Y draws no value after Y and no
projection made from a later year; value labels far enough apart not to run together at 1280×720."""

from __future__ import annotations

import pandas as pd

from dashboard.present import label_places, slide_charts


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


YEARS = list(range(2020, 2031))


def _to_2030(values: list, milestones: list, target: float) -> pd.DataFrame:
    """A series 2020–2030 whose values stop at 2024."""
    values = values + [None] * (len(YEARS) - len(values))
    return pd.DataFrame(
        {
            "year": YEARS,
            "value": values,
            "actual": values,
            "milestone": milestones,
            "target_2030": [target] * len(YEARS),
            "status": ["behind"] * len(YEARS),
        }
    )


def _projection(start: int) -> pd.DataFrame:
    years = list(range(start, 2031))
    return pd.DataFrame({"year": years, "projected": [50.0 + i for i in range(len(years))], "method": "path"})


def _actual_trace(fig):
    return next(t for t in fig.data if t.name == "Thực hiện")


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
    note = fig.layout.annotations[0]
    assert note.text.startswith("ĐVHC mới") and note.yref == "paper" and note.y == 1 and note.yanchor == "bottom"
    counts = _series().assign(target_2030=90.0)
    fig, _ = slide_charts.slide_chart(counts, _projection(2026), "ratio", "count", "vi", 2026)
    assert fig.layout.yaxis.range[1] > 90.0 + 0.2 * (90.0 - 40.0)


def test_a_percentage_axis_stops_at_100():
    # the literacy slide: 95–99% against a milestone and target of 100% drew an axis up to "101%"
    literacy = _to_2030([96.0, 96.0, 95.0, 98.0, 99.0], [96.0, 97.3, 98.7] + [100.0] * 8, 100.0)
    fig, _ = slide_charts.slide_chart(literacy, _projection(2030).iloc[0:0], "ratio", "percent", "vi", 2024)
    low, high = fig.layout.yaxis.range
    assert high == 100.0 and 90 < low < 95
    assert all(t.cliponaxis is False for t in fig.data)  # the star on 100% is drawn whole
    assert {a.text for a in _labels(fig)} == {"99,0%", "100,0%"}  # both still written, inside the plot
    for screen in SCREENS:
        for a in _labels(fig):
            assert _inside(_box(fig, a, screen), screen), (a.text, screen)


def _labels(fig):
    return [a for a in fig.layout.annotations if a.yref != "paper"]


SCREENS = [(520, 340), (940, 640)]  # the plot area at 1280×720 and 1920×1080, about


def _box(fig, a, screen):
    """The label's box in px (y upwards) as Plotly draws an annotation: anchored at its point, shifted."""
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    x = (a.x - x0) / (x1 - x0) * screen[0] + a.xshift
    y = (a.y - y0) / (y1 - y0) * screen[1] + a.yshift
    width, height = len(a.text) * 12, 30  # at 24 px
    bottom = {"bottom": y, "top": y - height, "middle": y - height / 2}[a.yanchor]
    return x - width / 2, bottom, x + width / 2, bottom + height


def _inside(box, screen):
    return box[0] >= 0 and box[1] >= 0 and box[2] <= screen[0] and box[3] <= screen[1]


def _crossed(fig, box, screen, line):
    """Whether the polyline (data units) passes through the box, tested every half pixel."""
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    for (xa, ya), (xb, yb) in zip(line, line[1:]):
        for k in range(0, 2001):
            x = xa + (xb - xa) * k / 2000
            y = ya + (yb - ya) * k / 2000
            px, py = (x - x0) / (x1 - x0) * screen[0], (y - y0) / (y1 - y0) * screen[1]
            if box[0] < px < box[2] and box[1] < py < box[3]:
                return True
    return False


def test_milestone_lines_never_cross_a_written_value():
    # slide 6 of the demo deck: the latest value just under a rising milestone line, which used to run through
    # its label "53,5%" and through the target's "80,0%" written under the star
    milestones = [28.2, 35.5, 42.8, 50.0, 54.3, 58.6, 62.9, 67.1, 71.4, 75.7, 80.0]
    series = _to_2030([28.2, 33.4, 40.0, 46.9, 53.5], milestones, 80.0)
    fig, _ = slide_charts.slide_chart(series, _projection(2030).iloc[0:0], "ratio", "percent", "vi", 2024)
    assert {a.text for a in _labels(fig)} == {"53,5%", "80,0%"}
    path = list(zip(YEARS, milestones))
    for screen in SCREENS:
        for a in _labels(fig):
            box = _box(fig, a, screen)
            assert _inside(box, screen) and not _crossed(fig, box, screen, path), (a.text, screen)


def test_a_long_target_label_is_not_cut_at_the_right_edge():
    # slide 3 at 1280×720: "Mức độ 2" centred under the star at 2030 ran past the plot's end ("Mức độ")
    levels = _to_2030([0.0, 0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 1.0] + [2.0] * 8, 2.0)
    projection = pd.DataFrame({"year": YEARS[4:], "projected": [1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0], "method": "path"})
    fig, _ = slide_charts.slide_chart(levels, projection, "level", "level", "vi", 2024, levels=[0, 1, 2])
    target = next(a for a in _labels(fig) if a.x == 2030)
    assert target.text == "Mức độ 2"
    for screen in SCREENS:
        box = _box(fig, target, screen)
        assert _inside(box, screen) and not _crossed(fig, box, screen, list(zip(YEARS[4:], projection["projected"])))


def test_a_projection_of_one_point_is_not_drawn_nor_named():
    # an old district is projected only to 2024, the year before the reform: a single point, no line
    fig, projected = slide_charts.slide_chart(
        _series(), _projection(2030).assign(year=2024), "ratio", "percent", "vi", 2024
    )
    assert not projected and all(t.line.dash != "dot" for t in fig.data)


def test_a_label_goes_below_a_line_that_runs_just_over_its_point_and_nowhere_when_lines_fill_the_plot():
    label = label_places.Label(2024.0, 50.0, "50,0%", 14)
    just_over = label_places.Plot((2019.2, 2030.6), (0.0, 100.0), [[(2019.2, 53.0), (2030.6, 53.0)]], [])
    (place,) = label_places.places([label], just_over)
    assert place.side == "bottom"
    ruled = [[(2019.2, y), (2030.6, y)] for y in range(0, 101, 3)]  # a line every 10 px at 1280×720
    assert label_places.places([label], label_places.Plot((2019.2, 2030.6), (0.0, 100.0), ruled, [])) == [None]


def test_two_labels_never_take_the_same_place():
    first, second = label_places.Label(2024.0, 50.0, "50,0%", 14), label_places.Label(2024.0, 50.0, "51,0%", 14)
    a, b = label_places.places([first, second], label_places.Plot((2019.2, 2030.6), (0.0, 100.0), [], []))
    assert a == label_places.Place("top", 0.0) and b == label_places.Place("bottom", 0.0)


def test_a_unit_behind_its_path_whose_trend_still_meets_the_target_says_both_years():
    """Phổ cập THCS of the demo province: the plan needs level 2 from 2023, the province is at level 1 in 2024
    (tiến bộ hạn chế), and the straight line through 2020 (level 0) and 2024 reaches level 2 in 2028: the slide
    names both years instead of showing a verdict and a line that seem to disagree."""
    from dashboard.present.slide_charts import late_reach

    series = pd.DataFrame(
        {"year": [2020, 2021, 2022, 2023, 2024], "value": [0, None, None, 1, 1], "milestone": [0, 0.7, 1.3, 2, 2]}
    )
    projection = pd.DataFrame({"year": range(2024, 2031), "projected": [1, 1, 1, 1, 2, 2, 2]})
    assert late_reach(series, projection, 2) == (2028, 2023)
    on_time = projection.assign(projected=[1, 2, 2, 2, 2, 2, 2])
    assert late_reach(series.assign(milestone=[0, 0.4, 0.8, 1.2, 1.6]), on_time, 2) is None  # the path: 2030
    assert late_reach(series, projection.assign(projected=1), 2) is None  # never reaches it: the verdict says so
