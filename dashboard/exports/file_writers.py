"""Files for download: the table behind a chart as Excel or CSV, a chart as PNG or PDF.

Tables keep the headers the user reads (Vietnamese or English); Excel gets a bold, frozen header row,
column widths that fit, number formats, and a second sheet saying what the table is, for which unit and
year, from which build, and that demo data is illustrative. Text that a spreadsheet would run as a formula
(beginning with = + - @) is written as text with a leading apostrophe, in Excel and CSV alike.

Charts are drawn by Plotly's own engine in headless Chromium through kaleido; one export server per
process is started on first use and kept (kaleido.start_sync_server), so later exports take ~0.2 s.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard.exports.headless_chromium import NoBrowser, available, use_for_kaleido

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_server_lock = threading.Lock()
_server_started = False


@dataclass(frozen=True)
class Table:
    """A table for export: the frame as displayed, a title and the facts that say what it is."""

    frame: pd.DataFrame
    title: str
    about: dict[str, str] = field(default_factory=dict)  # label -> value, shown on the second sheet


def neutralise(value):
    """Text that a spreadsheet would evaluate becomes literal text; numbers and dates are left alone."""
    # spreadsheets skip leading spaces and line breaks before evaluating: " =1+1" and "\n=1+1" are formulas too
    if isinstance(value, str) and value.lstrip(" \n\u00a0").startswith(FORMULA_START):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens Vietnamese text correctly."""
    return _safe(table.frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(table: Table, sheet: str = "Dữ liệu", about_sheet: str = "Thông tin") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    frame = _safe(table.frame)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append(
            [None if (not isinstance(v, str) and pd.isna(v)) else (v.item() if hasattr(v, "item") else v) for v in row]
        )
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, col in enumerate(frame.columns, start=1):
        values = frame[col]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        if numeric:
            whole = values.dropna().apply(lambda v: float(v).is_integer()).all()
            for cell in ws[get_column_letter(i)][1:]:
                cell.number_format = "#,##0" if whole else "#,##0.0"
        width = max([len(str(col))] + [len(str(v)) for v in values.head(500)]) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(max(width, 8), 60)
    info = wb.create_sheet(about_sheet[:31])
    info.append([neutralise(table.title)])
    info["A1"].font = Font(bold=True, size=13)
    for k, v in table.about.items():
        info.append([neutralise(k), neutralise(v)])
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 80
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ensure_server() -> None:
    """Start kaleido's persistent export server once per process."""
    global _server_started
    with _server_lock:
        if not _server_started:
            import kaleido

            use_for_kaleido()
            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True


def figure_bytes(fig: go.Figure, fmt: str, width: int = 1200, height: int = 600, title: str | None = None) -> bytes:
    """The chart as 'png' (2× scale, for documents and slides) or 'pdf' (vector), with `title` above it when
    it leaves the page that explained it."""
    import plotly.io as pio

    if not available():  # kaleido would wait for ever for a browser it cannot start
        raise NoBrowser("Chromium không có trên máy chủ / no Chromium on the server (settings.browser)")
    ensure_server()
    export = go.Figure(fig)
    export.update_layout(paper_bgcolor="white", plot_bgcolor="white", height=height, width=width)
    if title:
        top = max(export.layout.margin.t or 0, 70)
        export.update_layout(
            title=dict(text=title, x=0.01, xanchor="left", font=dict(size=18)), margin=dict(t=top + 20)
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts is ignored if using a server": the server has the options
        return pio.to_image(export, format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1)
