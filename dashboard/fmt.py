"""Numbers the Vietnamese way (1.234 and 40,5%) or the English way (1,234 and 40.5%)."""
from __future__ import annotations

import math


def _is_missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x: float | None, lang: str = "vi", decimals: int = 0) -> str:
    if _is_missing(x):
        return "–"
    text = f"{x:,.{decimals}f}"  # 1,234.5
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", "−")


def percent(x: float | None, lang: str = "vi", decimals: int = 1) -> str:
    return "–" if _is_missing(x) else number(x, lang, decimals) + "%"


def points(x: float | None, lang: str = "vi", decimals: int = 1) -> str:
    """A signed gap in percentage points: '−5,5 điểm %' / '−5.5 pp'."""
    if _is_missing(x):
        return "–"
    sign = "+" if x > 0 else ""
    return sign + number(x, lang, decimals) + (" điểm %" if lang == "vi" else " pp")


def signed(x: float | None, lang: str = "vi", decimals: int = 0) -> str:
    if _is_missing(x):
        return "–"
    return ("+" if x > 0 else "") + number(x, lang, decimals)
