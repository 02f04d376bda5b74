"""Numbers and names as units type them (pipelines/vn_text.py, pipelines/intake/unit_matching.py)."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from pipelines.intake.unit_matching import match
from pipelines.problems import ProblemError
from pipelines.vn_text import header_key, name_key, number_text, parse_number


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("1.234", (1234.0, False)),
        ("1.234.567", (1234567.0, False)),
        ("40,5", (40.5, False)),
        ("40,5%", (40.5, True)),
        ("1.234,5", (1234.5, False)),
        (" 12 ", (12.0, False)),
        ("7\u00a0%", (7.0, True)),
        (1234, (1234.0, False)),
        (0.405, (0.405, False)),
        ("", (None, False)),
        (None, (None, False)),
        ("-", (None, False)),
    ],
)
def test_vietnamese_numbers(cell, expected):
    assert parse_number(cell) == expected


def test_a_percentage_cell_format_gives_the_percentage():
    assert parse_number(0.405, percent_format=True) == (pytest.approx(40.5), True)


@pytest.mark.parametrize("cell", ["1,234.5", "12a", "1.23", "40.5", "3 hộ", "1..2", True])
def test_anything_else_is_refused_not_guessed(cell):
    with pytest.raises(ProblemError) as exc:
        parse_number(cell)
    assert exc.value.code == "not_a_number"


def test_number_text_writes_the_tidy_format():
    assert (number_text(1234.0), number_text(40.5), number_text(None)) == ("1234", "40.5", "")


def test_names_fold_unicode_form_case_tone_placement_and_prefix():
    nfd = unicodedata.normalize("NFD", "Xã Hoà Bình")
    assert name_key(nfd) == name_key("xã hòa bình") == name_key("HÒA BÌNH") == name_key("Hoà Bình")
    assert name_key("Thị trấn Sông Đốc") == name_key("TT. Sông Đốc") == name_key("Sông Đốc")
    assert name_key("Phường 4") != name_key("Xã 4")  # a number alone keeps its prefix
    assert name_key("Xã Hòa") != name_key("Xã Hòa Mới")
    assert name_key("Thuỷ") == name_key("Thủy")


def test_headings_fold_quotes_and_brackets():
    assert header_key("Tỷ lệ “Gia đình học tập” (%)") == "tỷ lệ gia đình học tập %"


UNITS = pd.DataFrame({"code": ["1", "2", "3", "4"], "name": ["Xã An", "Xã Hòa", "Xã Hòa Mới", "Phường An"]})


def test_matching_says_how_and_never_guesses():
    assert match("Xã Hòa", UNITS)[:2] == ("2", "exact")
    assert match("xã hoà", UNITS)[:2] == ("2", "normalised")
    code, how, ambiguous, _ = match("An", UNITS)  # 'Xã An' and 'Phường An' share the key
    assert code is None and how is None and ambiguous == ["Xã An (1)", "Phường An (4)"]
    code, _, ambiguous, near = match("Xã Hòa Mơi", UNITS)
    assert code is None and not ambiguous and near[0] == "Xã Hòa Mới (3)"
