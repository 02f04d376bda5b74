"""Where a target's values come from, in plain words: each declared year's value with the title of the document
that sets it, "(nhắc lại mức 2023)" for a value that only repeats an earlier one and "(chưa kiểm chứng)" for a
value its source does not confirm. Rows come from the warehouse (target_sources, query target_provenance) or, on
the targets editor, from the catalogue being edited; never shows YAML keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.ui.i18n import translator
from pipelines.config.catalog import Catalog

TEXT = {
    "heading": ("Nguồn mục tiêu", "Where the target comes from"),
    "milestone": ("mốc {year}", "{year} milestone"),
    "target": ("mục tiêu {year}", "{year} target"),
    "repeats": ("nhắc lại mức {year}", "repeats the {year} value"),
    "unverified": ("chưa kiểm chứng", "unverified"),
    "citation_unverified": ("số hiệu văn bản chưa kiểm chứng", "document reference unverified"),
    "same": ("cùng văn bản", "same document"),
}
_t = translator(TEXT)


@dataclass(frozen=True)
class Point:
    """One declared value of a target and its provenance."""

    year: int
    value: float
    title: str
    repeats_year: int | None = None
    unverified: bool = False
    citation_unverified: bool = False


def points_from_frame(df: pd.DataFrame) -> list[Point]:
    """Rows of the target_provenance query (year, value, title, repeats_year, unverified, citation_unverified)."""
    return [
        Point(
            year=int(r.year),
            value=float(r.value),
            title=str(r.title),
            repeats_year=None if pd.isna(r.repeats_year) else int(r.repeats_year),
            unverified=bool(r.unverified),
            citation_unverified=bool(r.citation_unverified),
        )
        for r in df.itertuples()
    ]


def points_from_catalog(catalog: Catalog, target_id: str) -> list[Point]:
    """The same, read from a catalogue (the targets editor shows the file being edited, not the warehouse)."""
    target = next((t for t in catalog.targets if t.id == target_id), None)
    if target is None:
        return []
    out = []
    for year, value in sorted(target.declared(catalog.settings.target_year).items()):
        source = catalog.sources.get(target.source_of(year))
        out.append(
            Point(
                year=year,
                value=value,
                title=source.title if source else target.source_of(year),
                repeats_year=target.repeats.get(year),
                unverified=target.is_unverified(year),
                citation_unverified=bool(source and source.unverified),
            )
        )
    return out


def provenance_text(points: list[Point], value_text: Callable[[float], str], lang: str) -> str:
    """'Mốc 2023: 40% — Kế hoạch …; mục tiêu 2030: 70% — Quyết định 1373/QĐ-TTg …', the last year being the
    target year."""
    parts = []
    for n, p in enumerate(points):
        which = _t("target" if n == len(points) - 1 else "milestone", lang, year=p.year)
        if n and p.title == points[n - 1].title:
            title = _t("same", lang)
        else:
            title = p.title + (f" ({_t('citation_unverified', lang)})" if p.citation_unverified else "")
        flags = ([_t("repeats", lang, year=p.repeats_year)] if p.repeats_year is not None else []) + (
            [_t("unverified", lang)] if p.unverified else []
        )
        text = f"{which}: {value_text(p.value)} — {title}" + (f" ({'; '.join(flags)})" if flags else "")
        parts.append(text)
    if not parts:
        return ""
    joined = "; ".join(parts)
    return joined[0].upper() + joined[1:]


def caption(points: list[Point], value_text: Callable[[float], str], lang: str) -> str:
    """The provenance as one markdown caption line, or '' without points."""
    text = provenance_text(points, value_text, lang)
    return f"**{_t('heading', lang)}:** {text}" if text else ""
