"""Text as units type it: names with NFD accents, old or new tone placement ("Hoà" / "Hòa"), administrative
prefixes, and numbers written the Vietnamese way ("1.234", "40,5%"). Pure functions, tested directly.
"""

from __future__ import annotations

import re
import unicodedata

from pipelines.problems import ProblemError

NUMBER_WORDS = {"vi": "một số", "en": "a number"}

# old-style tone placement (mark on the second vowel of oa/oe/uy) -> one canonical form; both sides of a
# comparison go through the same map, so the choice of canonical form does not matter
_TONE_VARIANTS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_VARIANTS))
_PREFIXES = (
    "thị trấn",
    "thị xã",
    "thành phố",
    "phường",
    "xã",
    "huyện",
    "tỉnh",
    "tp.",
    "tt.",
    "tx.",
    "tt",
    "tp",
    "tx",
    "p.",
    "x.",
    "h.",
)
_PREFIX_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")\s*")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: object) -> str:
    """A cell as text: NFC, non-breaking spaces as spaces, whitespace collapsed and trimmed."""
    if text is None:
        return ""
    s = nfc(str(text)).replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", s).strip()


def fold(text: object) -> str:
    """Case, Unicode form and tone placement folded: 'HOÀ' (NFD) and 'Hòa' give the same key."""
    return _TONE_RE.sub(lambda m: _TONE_VARIANTS[m.group(0)], clean(text).casefold())


_ABBREVIATIONS = {"tt": "thị trấn", "tx": "thị xã", "tp": "thành phố", "p": "phường", "x": "xã", "h": "huyện"}


def prefix_of(name: object) -> str | None:
    """The administrative type a name starts with, abbreviations spelled out: 'TT. Thới Bình' -> 'thị trấn'."""
    m = _PREFIX_RE.match(fold(name))
    if not m:
        return None
    word = m.group(0).strip().rstrip(".")
    return _ABBREVIATIONS.get(word, word)


def name_key(name: object) -> str:
    """The key two spellings of one unit name share: folded, administrative prefix dropped unless the rest is a
    number ('Phường 4' keeps its prefix, spelled out: 'P.4' is 'phường 4'), punctuation at the ends dropped."""
    s = fold(name).strip(" .,;:-–")
    rest = _PREFIX_RE.sub("", s, count=1)
    if rest.isdigit() and rest != s:  # 'P.4' is 'Phường 4'
        return f"{prefix_of(s)} {rest}"
    return s if not rest else rest


def ascii_key(name: object, keep_marks: bool = False) -> str:
    """The key of a name as the statistics office's English tables write it: name_key without diacritics ('đ' as
    'd'; kept with keep_marks), hyphens and dots as spaces, a trailing 'city' or 'province' dropped ('Ho Chi Minh
    city', 'Thua Thien-Hue', 'Dak Lak' match 'Thành phố Hồ Chí Minh', 'Thừa Thiên Huế', 'Đắk Lắk')."""
    s = name_key(name)
    if not keep_marks:
        s = re.sub(r"[\u0300-\u036f]", "", unicodedata.normalize("NFD", s.replace("đ", "d")))
    s = re.sub(r"[-–.]", " ", s)
    s = re.sub(r"\s+(city|province)$", "", re.sub(r"\s+", " ", s).strip())
    return nfc(name_key(s))


_THOUSANDS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_DECIMAL_COMMA = re.compile(r"^-?\d+(?:,\d+)?$")


def parse_number(cell: object, *, percent_format: bool = False) -> tuple[float | None, bool]:
    """(value, was_percent) of a spreadsheet cell. Numbers typed as text follow Vietnamese usage: '.' groups
    thousands, ',' marks decimals ('1.234' = 1234, '40,5' = 40.5, '1.234,5' = 1234.5); a trailing '%' says the value
    is a percentage. A numeric cell formatted as a percentage (0.405 shown as 40,5%) gives 40.5.
    Empty -> (None, False); anything else raises ProblemError not_a_number (never guessed: '1,234' is 1.234,
    not 1234); the reader locates it."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return None, False
    if isinstance(cell, bool):
        raise ProblemError.of("not_a_number", str(cell), expected=NUMBER_WORDS)
    if isinstance(cell, (int, float)):
        return (float(cell) * 100, True) if percent_format else (float(cell), False)
    s = clean(cell).replace(" ", "")
    if not s or s in ("-", "–"):
        return None, False
    is_percent = s.endswith("%")
    s = s.rstrip("%")
    if _THOUSANDS.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.match(s):
        s = s.replace(",", ".")
    else:
        raise ProblemError.of("not_a_number", clean(cell), expected=NUMBER_WORDS)
    return float(s), is_percent


def number_text(value: float | None) -> str:
    """A parsed number as the tidy format writes it: '1234', '40.5' (no thousands separator, '.' decimals)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def header_key(text: object) -> str:
    """A column heading folded for matching: quotes, brackets and dashes as spaces, '%' kept apart."""
    s = fold(text)
    s = re.sub(r"[“”\"'‘’()\[\]:;,/]", " ", s).replace("–", "-").replace("—", "-").replace("%", " % ")
    return re.sub(r"\s+", " ", s).strip(" -.")


def is_missing(x) -> bool:
    """None, NaN or pandas' NA."""
    import pandas as pd

    return x is None or bool(pd.api.types.is_scalar(x) and pd.isna(x))


def format_number(x: float | None, lang: str = "vi", decimals: int = 0) -> str:
    """1.234,5 (vi) or 1,234.5 (en); '–' when missing; a true minus sign."""
    if is_missing(x):
        return "–"
    text = f"{x:,.{decimals}f}"  # 1,234.5
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", "−")


def observation_text(numerator, denominator, value, level, lang: str = "vi") -> str:
    """One reported value as a person reads it: '1.234/2.345', '40,5%', 'mức 2' (level 2)."""

    def n(x: float) -> str:
        x = float(x)
        return format_number(x, lang, 0 if x.is_integer() else 1 if round(x, 1) == x else 2)

    if not is_missing(level):
        return f"{'mức' if lang == 'vi' else 'level'} {int(level)}"
    if not is_missing(numerator) and not is_missing(denominator):
        return f"{n(numerator)}/{n(denominator)}"
    if not is_missing(value):
        return f"{n(value)}%"
    return "—"
