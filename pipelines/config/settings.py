"""Every setting that is not a target or a standard, in one object (pydantic-settings).

Each field can be set by an environment variable named XHHT_<FIELD> (XHHT_WAREHOUSE=/tmp/w.duckdb,
XHHT_REFORM_DATE=2025-07-01); the browser also by BROWSER_PATH, the variable kaleido reads. Paths default to
the repository's own folders. `settings()` reads the environment each time it changes (tests redirect paths);
UI text that names the reform date (dashboard/ui/i18n.py) reads it once per process. The reform date must agree
with the unit registry: a registry whose communes sit under provinces before it is refused at load.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO = Path(__file__).resolve().parents[2]


class OutlookThresholds(BaseModel):
    """Where the outlook ratios of shared/docs/methodology.md cut (Eurostat and the linear path: on track /
    acceleration needed / limited progress; UNSD: on track / acceleration needed / stagnation)."""

    on_track: float = 0.95
    acceleration_needed: float = 0.60
    unsd_acceleration_needed: float = 0.10


class PageIds(BaseModel):
    """Catalogue ids that pages are built around (targets.yaml groups, data/standards ids)."""

    literacy_standard: str = "xmc"
    universalisation_standards: tuple[str, ...] = ("pcgd_mn5", "pcgd_th", "pcgd_thcs")
    universalisation_group: str = "pho_cap"
    titles_group: str = "danh_hieu"
    deck_groups: tuple[str, ...] = ("xoa_mu_chu", "pho_cap", "danh_hieu", "ky_nang", "so_hoa")
    # the Week's modes of records.yaml: in person and online (the online share, the stacked chart)
    in_person_mode: str = "truc_tiep"
    online_mode: str = "truc_tuyen"


class UploadLimits(BaseModel):
    """The most an upload may be, checked before any parser sees it (README, "Limits"): a small file can unpack to
    gigabytes (a sheet with only A1 and Z200000), so bytes alone are not enough."""

    max_bytes: int = 20_000_000  # the file as sent
    max_unpacked_bytes: int = 200_000_000  # an .xlsx/.ods archive, uncompressed
    max_rows: int = 100_000  # per sheet or CSV
    max_columns: int = 400
    max_cells: int = 4_000_000  # rows × columns of a sheet's used range


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="XHHT_", extra="ignore", frozen=True, env_ignore_empty=True)

    targets: Path = REPO / "targets.yaml"
    standards: Path = REPO / "data" / "standards" / "nd20_2014.yaml"
    units: Path = REPO / "data" / "units"
    raw: Path = REPO / "data" / "raw"
    records: Path = REPO / "data" / "records"
    history: Path = REPO / "data" / "history"
    intake: Path = REPO / "data" / "intake"
    decks: Path = REPO / "data" / "decks"
    warehouse: Path = REPO / "warehouse" / "xhht.duckdb"
    users: Path = REPO / ".streamlit" / "users.json"
    lang: str = "vi"
    # NQ 202/2025/QH15: from this day there is no district level (34 provinces, communes under provinces)
    reform_date: date = date(2025, 7, 1)
    browser: Path | None = Field(default=None, validation_alias=AliasChoices("XHHT_BROWSER", "BROWSER_PATH"))
    outlook: OutlookThresholds = OutlookThresholds()
    pages: PageIds = PageIds()
    uploads: UploadLimits = UploadLimits()

    @property
    def first_new_map_year(self) -> int:
        """The first data year on the post-reform map: a year's data describe the map valid at its end (31/12)."""
        return self.reform_date.year

    @property
    def last_old_map_day(self) -> date:
        """The last day of the pre-reform map (the old units' valid_to)."""
        return self.reform_date - timedelta(days=1)

    @property
    def browser_path(self) -> str | None:
        """The Chromium that exports and PDFs use: the configured one, else the first on the PATH."""
        if self.browser:
            return str(self.browser)
        return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@lru_cache(maxsize=8)
def _settings(environment: tuple) -> Settings:
    return Settings()


def settings() -> Settings:
    """The settings as the environment says now (cached while it does not change)."""
    return _settings(
        tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("XHHT_") or k == "BROWSER_PATH"))
    )
