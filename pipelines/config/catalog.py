"""The indicator catalogue and targets declared in targets.yaml, as validated pydantic models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pipelines.config import paths
from pipelines.config.yaml_loading import load_model, rule_problem
from pipelines.problems import Problem

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Kind = Literal["ratio", "level", "units_at_level"]
Tier = Literal["country", "province", "district", "commune"]
TIERS: tuple[str, ...] = ("country", "province", "district", "commune")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Settings(Strict):
    history_from: int = Field(2000, ge=1900, le=2100)  # figures from here to first_year are kept as history
    first_year: int = Field(2020, ge=2000, le=2100)
    target_year: int = Field(2030, ge=2000, le=2100)
    min_coverage: float = Field(0.9, gt=0, le=1)
    near_limit: float = Field(95, ge=0, le=100)


class Label(Strict):
    vi: str
    en: str


class Source(Strict):
    title: str
    url: str | None = None
    note: str | None = None
    unverified: bool = False  # the citation itself (number, date) is not confirmed; `note` says what
    released: int | None = None  # a data source: the year its publisher released the figures
    illustrative: bool = False  # a data source whose figures are made up for demonstration


class Indicator(Strict):
    id: Identifier
    name_vi: str
    name_en: str
    group: Identifier
    kind: Kind
    direction: Literal["higher_is_better", "lower_is_better"] = "higher_is_better"
    display: Literal["percent", "level", "count"]
    source: Identifier
    # what the numerator counts, so that a gap can be said in people / families / units
    entity_vi: str | None = None
    entity_en: str | None = None
    # kind == level
    levels: list[int] | None = None
    standard: Identifier | None = None
    # kind == units_at_level
    of: Identifier | None = None
    min_level: int | None = None
    max_level: int | None = None  # count only units at min_level..max_level ("at level 2, not yet 3")
    child_tier: Tier | None = None
    outlook_method: Literal["eurostat", "unsd", "linear_path"] | None = None
    note: str | None = None
    # column headings units use for this indicator in their own spreadsheets ("Gia đình học tập"); the name
    # and the id are always recognised (pipelines/intake/sheet_headers.py)
    aliases: list[str] = []


class Scope(Strict):
    unit: str | None = None
    units: list[str] | None = None
    include: list[Literal["self", "province", "district", "commune"]] = ["self"]


class Target(Strict):
    id: Identifier
    indicator: Identifier
    scope: Scope
    measure: Literal["count", "share"] | None = None
    milestones: dict[int, float] = {}
    target_2030: float
    interpolation: Literal["linear", "step"] = "linear"
    source: Identifier
    # provenance of each declared value (milestones and target_2030): `source` unless a year is named here
    point_sources: dict[int, Identifier] = {}
    # a declared year whose value only repeats an earlier declared year's, no document stating it: {2030: 2023}
    repeats: dict[int, int] = {}
    # values not confirmed by their source: all of them, or those of some declared years
    unverified: bool = False
    unverified_years: list[int] = []
    note: str | None = None
    rebased_from: Identifier | None = None  # the target this one re-expresses on the post-2025 map
    # the first year whose figures count for this target (a unit's baseline is its first judged value from then);
    # settings.first_year unless declared: history years before it are shown, never judged
    baseline_year: int | None = None

    def declared(self, target_year: int) -> dict[int, float]:
        """The declared values by year: the milestones and target_2030."""
        return {**self.milestones, target_year: self.target_2030}

    def source_of(self, year: int) -> str:
        return self.point_sources.get(year, self.source)

    def is_unverified(self, year: int) -> bool:
        return self.unverified or year in self.unverified_years


class Catalog(Strict):
    version: Literal[1]
    settings: Settings = Settings()
    groups: dict[Identifier, Label]
    sources: dict[Identifier, Source]
    indicators: list[Indicator]
    targets: list[Target]

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)


DISPLAY_BY_KIND = {"ratio": {"percent"}, "level": {"level"}, "units_at_level": {"count", "percent"}}


def cross_check(cat: Catalog, file: str, doc: Any) -> list[Problem]:
    """References between sections, value ranges per kind, duplicates."""
    out: list[Problem] = []

    def bad(loc: tuple, vi: str, en: str) -> None:
        out.append(rule_problem(file, doc, loc, vi, en))

    s = cat.settings
    if s.first_year >= s.target_year:
        bad(
            ("settings", "first_year"),
            f"first_year {s.first_year} phải nhỏ hơn target_year {s.target_year}",
            f"first_year {s.first_year} must be before target_year {s.target_year}",
        )
    if s.history_from > s.first_year:
        bad(
            ("settings", "history_from"),
            f"history_from {s.history_from} phải không sau first_year {s.first_year}",
            f"history_from {s.history_from} must not be after first_year {s.first_year}",
        )

    seen: dict[str, int] = {}
    by_id = {}
    for i, ind in enumerate(cat.indicators):
        loc = ("indicators", i)
        if ind.id in seen:
            bad(
                loc + ("id",),
                f"mã chỉ tiêu '{ind.id}' trùng với indicators[{seen[ind.id]}]",
                f"indicator id '{ind.id}' repeats indicators[{seen[ind.id]}]",
            )
        seen.setdefault(ind.id, i)
        by_id.setdefault(ind.id, ind)
        if ind.group not in cat.groups:
            bad(
                loc + ("group",),
                f"nhóm '{ind.group}' chưa khai báo trong groups",
                f"group '{ind.group}' is not declared in groups",
            )
        if ind.source not in cat.sources:
            bad(
                loc + ("source",),
                f"nguồn '{ind.source}' chưa khai báo trong sources",
                f"source '{ind.source}' is not declared in sources",
            )
        if ind.display not in DISPLAY_BY_KIND[ind.kind]:
            bad(
                loc + ("display",),
                f"loại {ind.kind} không hiển thị dạng '{ind.display}'; cần: {', '.join(sorted(DISPLAY_BY_KIND[ind.kind]))}",
                f"kind {ind.kind} cannot display as '{ind.display}'; expected: {', '.join(sorted(DISPLAY_BY_KIND[ind.kind]))}",
            )
        if ind.kind == "level":
            if not ind.levels or ind.levels != sorted(set(ind.levels)) or ind.levels[0] != 0:
                bad(
                    loc + ("levels",),
                    "chỉ tiêu mức độ cần levels tăng dần bắt đầu từ 0, ví dụ [0, 1, 2]",
                    "a level indicator needs increasing levels starting at 0, e.g. [0, 1, 2]",
                )
        elif ind.levels is not None or ind.standard is not None:
            bad(
                loc + ("levels",),
                "levels/standard chỉ dùng cho chỉ tiêu loại level",
                "levels/standard apply only to kind: level",
            )
        if ind.kind == "units_at_level":
            for key in ("of", "min_level", "child_tier"):
                if getattr(ind, key) is None:
                    bad(loc, f"chỉ tiêu units_at_level cần trường '{key}'", f"a units_at_level indicator needs '{key}'")
        elif ind.of is not None or ind.min_level is not None or ind.max_level is not None or ind.child_tier is not None:
            bad(
                loc + ("of",),
                "of/min_level/max_level/child_tier chỉ dùng cho units_at_level",
                "of/min_level/max_level/child_tier apply only to units_at_level",
            )

    from pipelines.vn_text import header_key

    heading_owner: dict[str, str] = {}
    for i, ind in enumerate(cat.indicators):
        for a_i, alias in enumerate(ind.aliases):
            key = header_key(alias)
            owner = heading_owner.setdefault(key, ind.id)
            if owner != ind.id:
                bad(
                    ("indicators", i, "aliases", a_i),
                    f"tên cột '{alias}' đã dùng cho chỉ tiêu {owner}",
                    f"heading '{alias}' is already used for indicator {owner}",
                )

    for i, ind in enumerate(cat.indicators):
        if ind.kind != "units_at_level" or ind.of is None:
            continue
        base = by_id.get(ind.of)
        if base is None or base.kind != "level":
            bad(
                ("indicators", i, "of"),
                f"'{ind.of}' không phải chỉ tiêu loại level đã khai báo",
                f"'{ind.of}' is not a declared level indicator",
            )
        elif base.levels:
            for key in ("min_level", "max_level"):
                level = getattr(ind, key)
                if level is not None and level not in base.levels:
                    bad(
                        ("indicators", i, key),
                        f"mức {level} không có trong levels của {base.id} {base.levels}",
                        f"level {level} is not among {base.id}'s levels {base.levels}",
                    )
        if ind.max_level is not None and ind.min_level is not None and ind.max_level < ind.min_level:
            bad(
                ("indicators", i, "max_level"),
                f"max_level {ind.max_level} phải ≥ min_level {ind.min_level}",
                f"max_level {ind.max_level} must be ≥ min_level {ind.min_level}",
            )

    seen_t: dict[str, int] = {}
    for t_i, t in enumerate(cat.targets):
        loc = ("targets", t_i)
        if t.id in seen_t:
            bad(
                loc + ("id",),
                f"mã mục tiêu '{t.id}' trùng với targets[{seen_t[t.id]}]",
                f"target id '{t.id}' repeats targets[{seen_t[t.id]}]",
            )
        seen_t.setdefault(t.id, t_i)
        if t.source not in cat.sources:
            bad(
                loc + ("source",),
                f"nguồn '{t.source}' chưa khai báo trong sources",
                f"source '{t.source}' is not declared in sources",
            )
        if (t.scope.unit is None) == (t.scope.units is None):
            bad(
                loc + ("scope",),
                "phạm vi cần đúng một trong 'unit' hoặc 'units'",
                "scope needs exactly one of 'unit' or 'units'",
            )
        if t.scope.units is not None and t.scope.include != ["self"]:
            bad(loc + ("scope", "include"), "'include' chỉ dùng với 'unit'", "'include' applies only with 'unit'")
        ind = by_id.get(t.indicator)
        if ind is None:
            bad(
                loc + ("indicator",),
                f"chỉ tiêu '{t.indicator}' chưa khai báo trong indicators",
                f"indicator '{t.indicator}' is not declared in indicators",
            )
            continue
        if ind.kind == "units_at_level" and t.measure is None:
            bad(
                loc + ("measure",),
                "mục tiêu số đơn vị đạt chuẩn cần measure: count hoặc share",
                "a units-at-level target needs measure: count or share",
            )
        if ind.kind != "units_at_level" and t.measure is not None:
            bad(
                loc + ("measure",),
                "measure chỉ dùng cho chỉ tiêu units_at_level",
                "measure applies only to units_at_level indicators",
            )
        if t.baseline_year is not None and not s.history_from <= t.baseline_year <= s.target_year:
            bad(
                loc + ("baseline_year",),
                f"năm gốc {t.baseline_year} nằm ngoài {s.history_from}–{s.target_year} (settings.history_from, "
                "settings.target_year)",
                f"baseline year {t.baseline_year} is outside {s.history_from}–{s.target_year} (settings.history_from, "
                "settings.target_year)",
            )
        points = {**t.milestones, s.target_year: t.target_2030}
        for year, value in points.items():
            where = loc + (
                ("milestones", str(year)) if year in t.milestones and year != s.target_year else ("target_2030",)
            )
            if not s.first_year <= year <= s.target_year:
                bad(
                    where,
                    f"năm {year} nằm ngoài {s.first_year}–{s.target_year}",
                    f"year {year} is outside {s.first_year}–{s.target_year}",
                )
            if ind.kind == "ratio" or t.measure == "share":
                if not 0 <= value <= 100:
                    bad(
                        where,
                        f"giá trị {value} phải là tỷ lệ % trong 0–100",
                        f"value {value} must be a percentage 0–100",
                    )
            elif ind.kind == "level":
                if ind.levels and value not in ind.levels:
                    bad(
                        where, f"mức độ {value} không có trong {ind.levels}", f"level {value} is not among {ind.levels}"
                    )
            elif value < 0 or value != int(value):
                bad(where, f"số đơn vị {value} phải là số nguyên ≥ 0", f"unit count {value} must be a whole number ≥ 0")
        if t.rebased_from is not None and t.rebased_from not in {x.id for x in cat.targets}:
            bad(
                loc + ("rebased_from",),
                f"mục tiêu gốc '{t.rebased_from}' không có trong targets",
                f"original target '{t.rebased_from}' is not in targets",
            )
        if s.target_year in t.milestones:
            bad(
                loc + ("milestones", str(s.target_year)),
                f"giá trị năm {s.target_year} khai báo ở target_2030",
                f"the {s.target_year} value belongs in target_2030",
            )
        out.extend(_provenance_problems(cat, t, loc, file, doc))
    return out


def _provenance_problems(cat: Catalog, t: Target, loc: tuple, file: str, doc: Any) -> list[Problem]:
    """point_sources, repeats and unverified_years name declared years, declared sources and equal values."""
    out: list[Problem] = []
    points = t.declared(cat.settings.target_year)
    years = ", ".join(str(y) for y in sorted(points))

    def undeclared(where: tuple, year: int) -> None:
        out.append(
            rule_problem(
                file,
                doc,
                where,
                f"năm {year} không phải năm đã khai báo của mục tiêu (milestones hoặc target_2030: {years})",
                f"year {year} is not a declared year of this target (milestones or target_2030: {years})",
            )
        )

    for year, source in t.point_sources.items():
        where = loc + ("point_sources", str(year))
        if year not in points:
            undeclared(where, year)
        if source not in cat.sources:
            out.append(
                rule_problem(
                    file,
                    doc,
                    where,
                    f"nguồn '{source}' chưa khai báo trong sources",
                    f"source '{source}' is not declared in sources",
                )
            )
    for year, earlier in t.repeats.items():
        where = loc + ("repeats", str(year))
        if year not in points:
            undeclared(where, year)
        elif earlier not in points or earlier >= year:
            out.append(
                rule_problem(
                    file,
                    doc,
                    where,
                    f"{year} nhắc lại năm {earlier}, nhưng {earlier} phải là năm đã khai báo trước {year} ({years})",
                    f"{year} repeats {earlier}, but {earlier} must be a declared year before {year} ({years})",
                )
            )
        elif points[earlier] != points[year]:
            out.append(
                rule_problem(
                    file,
                    doc,
                    where,
                    f"giá trị năm {year} ({points[year]:g}) khác giá trị năm {earlier} ({points[earlier]:g}): không phải nhắc lại",
                    f"the {year} value ({points[year]:g}) differs from the {earlier} value ({points[earlier]:g}): not a repeat",
                )
            )
    for n, year in enumerate(t.unverified_years):
        if year not in points:
            undeclared(loc + ("unverified_years", n), year)
    return out


def load_catalog(path: Path | None = None) -> Catalog:
    return load_model(path or paths.targets_file(), Catalog, cross_check)
