"""Numbers the Vietnamese way (1.234 and 40,5%) or the English way (1,234 and 40.5%); typographic quotes."""

from __future__ import annotations

import re

from pipelines.vn_text import format_number as number  # noqa: F401  (one implementation, used by pipelines too)
from pipelines.vn_text import is_missing as _is_missing


def percent(x: float | None, lang: str = "vi", decimals: int = 1) -> str:
    return "–" if _is_missing(x) else number(x, lang, decimals) + "%"


def points(x: float | None, lang: str = "vi", decimals: int = 1) -> str:
    """A signed gap in percentage points: '−5,5 điểm phần trăm' / '−5.5 pp'."""
    if _is_missing(x):
        return "–"
    sign = "+" if x > 0 else ""
    return sign + number(x, lang, decimals) + (" điểm phần trăm" if lang == "vi" else " pp")


def curly_quotes(text: str) -> str:
    """'"xa dần mục tiêu"' as '“xa dần mục tiêu”': one kind of quotes on a page (texts written with straight ones)."""
    return re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)


def signed(x: float | None, lang: str = "vi", decimals: int = 0) -> str:
    if _is_missing(x):
        return "–"
    return ("+" if x > 0 else "") + number(x, lang, decimals)
