"""The statistics office's tables shipped as published (data/official/gso/*.csv, PX-Web exports, unchanged) and
their tidy rows in data/raw/gso/ that every build reads: written through the upload reader and its reported name
matching (`python -m pipelines official`), so the shipped series are exactly what an upload of the same file gives.
tests/pipelines/test_pxweb.py checks that the tidy files are up to date."""

from __future__ import annotations

from pathlib import Path

from pipelines.config import paths
from pipelines.intake.upload_preview import Preview, preview


def official_dir() -> Path:
    return paths.raw_dir().parent / "official" / "gso"


def tidy_path(published: Path) -> Path:
    return paths.raw_dir() / "gso" / published.name


def read_published(published: Path) -> Preview:
    """The preview of a published table loaded for the whole country."""
    return preview(published.read_bytes(), published.name, scope="VN")


def write_tidy() -> list[tuple[Path, Preview]]:
    """Rewrite data/raw/gso/ from data/official/gso/; a table with any refused row is not written."""
    out = []
    for published in sorted(official_dir().glob("*.csv")):
        p = read_published(published)
        if not p.problems:
            target = tidy_path(published)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(p.accepted.to_csv(index=False), encoding="utf-8")
        out.append((published, p))
    return out
