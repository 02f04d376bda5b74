"""The table behind a chart, for export: numbers stay numbers (Excel can sum them), labels are translated,
headers are the ones the user reads."""

from __future__ import annotations

import pandas as pd

from dashboard.ui.i18n import OUTLOOK, STATUS, label, level_label, t, translator

TEXT = {
    "code": ("Mã", "Code"),
    "numerator": ("Tử số", "Numerator"),
    "denominator": ("Mẫu số", "Denominator"),
    "coverage": ("Tỷ lệ đơn vị báo cáo", "Reporting coverage"),
    "projected": ("Dự báo", "Projected"),
    "level_col": ("Mức độ", "Level"),
    "units_col": ("Số đơn vị", "Units"),
    "parent": ("Đơn vị cấp trên", "Parent unit"),
}
_t = translator(TEXT)

# column in the query -> how it is named (a key of the shared TEXT, or of this module's)
COLUMNS = [
    ("code", "code"),
    ("name", "unit"),
    ("parent_name", "parent"),
    ("indicator_name", "indicator"),
    ("year", "year"),
    ("numerator", "numerator"),
    ("denominator", "denominator"),
    ("value", "actual"),
    ("actual", "actual"),
    ("milestone", "milestone"),
    ("target_2030", "target_2030"),
    ("gap", "gap"),
    ("to_close", "to_close"),
    ("status", "status"),
    ("outlook_category", "outlook"),
    ("coverage", "coverage"),
    ("projected", "projected"),
    ("level", "level_col"),
    ("units", "units_col"),
]


def _header(key: str, lang: str) -> str:
    return _t(key, lang) if key in TEXT else t(key, lang)


def progress_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The columns of `df` that COLUMNS knows, in that order, translated; 'value' wins over 'actual'."""
    if "name_vi" in df.columns and "indicator_name" not in df.columns:
        df = df.assign(indicator_name=df["name_vi" if lang == "vi" else "name_en"])
    out = {}
    for col, key in COLUMNS:
        if col not in df.columns or (col == "actual" and "value" in df.columns):
            continue
        values = df[col]
        if col == "status":
            values = values.map(lambda s: label(STATUS, s, lang) if isinstance(s, str) else None)
        elif col == "outlook_category":
            values = values.map(lambda s: label(OUTLOOK, s, lang) if isinstance(s, str) else None)
        elif col == "level" and "levels" in df.columns:  # a level in words, as on the page ('?' unknown)
            values = pd.Series(
                [
                    t("unknown_level", lang) if str(x) == "?" else level_label(lv, x, lang)
                    for x, lv in zip(df["level"], df["levels"])
                ]
            )
        elif col == "coverage":
            values = values * 100
        out[_header(key, lang)] = values.to_numpy()
    return pd.DataFrame(out)
