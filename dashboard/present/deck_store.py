"""Slide decks for presentation mode: which slides, in which order, saved under a name.

A deck is a JSON file data/decks/<name>.json: {"name": ..., "slides": [...], "advance_s": 0, "refresh_s": 0}.
Slide ids: "title", "group:<indicator group>", "behind" (the five largest gaps). Saving is atomic and
refuses unknown slides or an unsafe name; the directory can be moved with XHHT_DECKS.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dashboard.data_access.warehouse import page_ids
from pipelines.config import paths
from pipelines.problems import Problem, ProblemError
from pipelines.safe_files import atomic_write

GROUP_ORDER = list(page_ids().deck_groups)
DEFAULT_SLIDES = ["title"] + [f"group:{g}" for g in GROUP_ORDER] + ["behind"]
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


class Deck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME.pattern)
    slides: list[str] = Field(min_length=1)
    advance_s: int = Field(0, ge=0, le=3600)  # auto-advance every N seconds (0 = off)
    refresh_s: int = Field(0, ge=0, le=3600)  # reload the data every N seconds (0 = off)

    @field_validator("slides")
    @classmethod
    def known_slides(cls, slides: list[str]) -> list[str]:
        unknown = [s for s in slides if s not in DEFAULT_SLIDES]
        if unknown:
            raise ValueError(f"unknown slides: {', '.join(unknown)}")
        if len(set(slides)) != len(slides):
            raise ValueError("a slide is listed twice")
        return slides


def decks_dir() -> Path:
    return paths.decks_dir()


def default_deck() -> Deck:
    return Deck(name="mac_dinh", slides=DEFAULT_SLIDES)


def list_decks() -> list[str]:
    names = sorted(p.stem for p in decks_dir().glob("*.json"))
    return names if "mac_dinh" in names else ["mac_dinh"] + names


def load(name: str | None) -> Deck:
    """The named deck; the default deck for an unknown or unreadable name (a meeting must not stall)."""
    if not name or not NAME.match(name):
        return default_deck()
    path = decks_dir() / f"{name}.json"
    try:
        return Deck.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        return default_deck()


def save(name: str, slides: list[str], advance_s: int = 0, refresh_s: int = 0) -> Path:
    """Validate and write atomically: a failed save leaves the previous file as it was. Raises ProblemError
    (deck_name, deck_slides) naming the field that is wrong."""
    try:
        deck = Deck(name=name, slides=slides, advance_s=advance_s, refresh_s=refresh_s)
    except ValidationError as exc:
        fields = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        problems = [Problem("deck_name", found=name)] if "name" in fields else []
        problems += [Problem("deck_slides")] if "slides" in fields else []
        problems += [Problem("deck_timer", found=f) for f in ("advance_s", "refresh_s") if f in fields]
        raise ProblemError(problems) from None
    target = decks_dir() / f"{deck.name}.json"
    atomic_write(target, json.dumps(deck.model_dump(), ensure_ascii=False, indent=2) + "\n")
    return target
