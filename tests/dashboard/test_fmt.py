from dashboard.ui import fmt


def test_vietnamese_numbers():
    assert fmt.number(1234, "vi") == "1.234"
    assert fmt.number(1234567.891, "vi", 2) == "1.234.567,89"
    assert fmt.percent(40.5, "vi") == "40,5%"
    assert fmt.points(-5.51, "vi") == "−5,5 điểm phần trăm"
    assert fmt.signed(7, "vi") == "+7"


def test_english_numbers_and_missing():
    assert fmt.number(1234, "en") == "1,234"
    assert fmt.percent(40.5, "en") == "40.5%"
    assert fmt.points(2.25, "en", 2) == "+2.25 pp"
    assert fmt.number(None) == "–" and fmt.percent(float("nan")) == "–"
