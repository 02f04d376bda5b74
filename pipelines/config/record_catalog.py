"""data/records/records.yaml: the Week's dates and theme per year, its activity kinds and modes, and the
literacy programmes (configuration, validated like targets.yaml: errors name the line and YAML path)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import model_validator

from pipelines.config import paths
from pipelines.config.catalog import Identifier, Strict
from pipelines.config.yaml_loading import load_model


class Label(Strict):
    vi: str
    en: str


class Programme(Label):
    literacy_level: int | None = None


class WeekYear(Strict):
    start: date
    end: date
    theme: str | None = None

    @model_validator(mode="after")
    def _order(self):
        if self.end < self.start:
            raise ValueError(
                f"ngày kết thúc {self.end} trước ngày bắt đầu {self.start} / end {self.end} is before start {self.start}"
            )
        return self


class Week(Strict):
    name_vi: str
    name_en: str
    source: str
    years: dict[int, WeekYear]
    activities: dict[Identifier, Label]
    modes: dict[Identifier, Label]


class LiteracyClasses(Strict):
    source: str
    programmes: dict[Identifier, Programme]


class RecordsConfig(Strict):
    version: int
    week: Week
    literacy_classes: LiteracyClasses


def records_dir() -> Path:
    return paths.records_dir()


def load_records_config(path: Path | None = None) -> RecordsConfig:
    return load_model(path or records_dir() / "records.yaml", RecordsConfig, lambda *_: [])
