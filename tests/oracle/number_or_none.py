"""Values as they come out of DataFrames: NULL, NaN and pandas' NA all mean "no value"."""

from __future__ import annotations

import pandas as pd


def number_or_none(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
