"""The one problem family: every refusal is a ProblemError of located Problems, worded late in either language."""

from __future__ import annotations

import pytest

from pipelines.problems import MESSAGES, Problem, ProblemError


def test_a_refusal_without_a_file_reads_as_a_sentence_in_both_languages():
    exc = ProblemError.of("account_password_short", expected=12)
    assert exc.code == "account_password_short"
    assert exc.messages("vi") == ["Mật khẩu cần ít nhất 12 ký tự."]  # no file: a sentence, as before
    assert exc.messages("en") == ["The password needs at least 12 characters."]
    assert str(exc) == "The password needs at least 12 characters."


def test_a_located_problem_names_file_row_and_column_and_keeps_context():
    p = Problem(
        "not_a_number", "data/raw/x.csv", found="3 hộ", row=4, column="numerator", params={"expected": "a number"}
    )
    exc = ProblemError([p], saved={"sha_after": "abc"})
    assert exc.messages("en") == ["data/raw/x.csv, row 4, column numerator: '3 hộ' is not a number; expected a number"]
    assert exc.messages("vi")[0].startswith("data/raw/x.csv, dòng 4, cột numerator: '3 hộ' không phải là số")
    assert exc.context == {"saved": {"sha_after": "abc"}}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_exists_in_both_languages_with_the_same_parameters(code):
    vi, en = MESSAGES[code]
    fields = lambda s: {part.split("}")[0] for part in s.split("{")[1:]}  # noqa: E731
    assert vi.strip() and en.strip()
    assert fields(vi) - {"detail_vi", "detail_en"} == fields(en) - {"detail_vi", "detail_en"}, code
