"""NĐ 20/2014/NĐ-CP literacy and universalisation standards as configuration (data/standards/nd20_2014.yaml).

Thresholds, age bands (through the input indicators) and ĐBKK variants are data, never code: a 2023 draft
would move the literacy age band to 15–62, which is an edit of the YAML file only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from pipelines.config import paths
from pipelines.config.catalog import Catalog, Identifier, Strict
from pipelines.config.yaml_loading import load_model, rule_problem
from pipelines.problems import Problem


class Threshold(Strict):
    indicator: Identifier
    min: float = Field(ge=0, le=100)


class Criterion(Threshold):
    dbkk: Threshold | None = None  # the variant for communes with especially difficult conditions


class Requirement(Strict):
    standard: Identifier
    level: int = Field(ge=1)


class LevelRule(Strict):
    level: int = Field(ge=1)
    article: str | None = None
    criteria: list[Criterion] = []
    requires: list[Requirement] = []
    district_min_share: float = Field(ge=0, le=100)
    province_min_share: float = Field(ge=0, le=100)
    unverified: bool = False


class Standard(Strict):
    id: Identifier
    name_vi: str
    name_en: str
    levels: list[LevelRule]


class Standards(Strict):
    version: Literal[1]
    source: str
    standards: list[Standard]

    def by_id(self) -> dict[str, Standard]:
        return {s.id: s for s in self.standards}

    def evaluation_order(self) -> list[Standard]:
        """Standards ordered so that every standard comes after the ones it requires."""
        by_id, done, order = self.by_id(), set(), []

        def visit(std: Standard, stack: tuple[str, ...]) -> None:
            if std.id in done:
                return
            for rule in std.levels:
                for req in rule.requires:
                    if req.standard in by_id and req.standard not in stack:
                        visit(by_id[req.standard], stack + (std.id,))
            done.add(std.id)
            order.append(std)

        for std in self.standards:
            visit(std, ())
        return order


def _shape_check(st: Standards, file: str, doc: Any) -> list[Problem]:
    out = []
    for i, std in enumerate(st.standards):
        levels = [r.level for r in std.levels]
        if levels != list(range(1, len(levels) + 1)):
            out.append(
                rule_problem(
                    file,
                    doc,
                    ("standards", i, "levels"),
                    f"các mức phải là 1, 2, … liên tiếp; đang có {levels}",
                    f"levels must be 1, 2, … in order; found {levels}",
                )
            )
    return out


def cross_check(st: Standards, cat: Catalog, file: str, doc: Any) -> list[Problem]:
    """References from the standards to the indicator catalogue."""
    out: list[Problem] = []
    indicators = {i.id: i for i in cat.indicators}
    ids = st.by_id()
    for i, std in enumerate(st.standards):
        for r_i, rule in enumerate(std.levels):
            for c_i, crit in enumerate(rule.criteria):
                for variant, thr in (("", crit), ("dbkk", crit.dbkk)):
                    if thr is None:
                        continue
                    loc = (
                        ("standards", i, "levels", r_i, "criteria", c_i)
                        + ((variant,) if variant else ())
                        + ("indicator",)
                    )
                    ind = indicators.get(thr.indicator)
                    if ind is None or ind.kind != "ratio":
                        out.append(
                            rule_problem(
                                file,
                                doc,
                                loc,
                                f"'{thr.indicator}' không phải chỉ tiêu tỷ lệ (ratio) trong targets.yaml",
                                f"'{thr.indicator}' is not a ratio indicator in targets.yaml",
                            )
                        )
            for q_i, req in enumerate(rule.requires):
                if req.standard not in ids:
                    out.append(
                        rule_problem(
                            file,
                            doc,
                            ("standards", i, "levels", r_i, "requires", q_i, "standard"),
                            f"chuẩn '{req.standard}' chưa khai báo",
                            f"standard '{req.standard}' is not declared",
                        )
                    )
    for i, ind in enumerate(cat.indicators):
        if ind.kind == "level" and ind.standard is not None:
            std = ids.get(ind.standard)
            if std is None:
                out.append(
                    Problem(
                        "yaml_rule",
                        file=str(paths.display_path(paths.targets_file())),
                        path=f"indicators[{i}].standard",
                        params={
                            "detail_vi": f"chuẩn '{ind.standard}' không có trong {file}",
                            "detail_en": f"standard '{ind.standard}' is not in {file}",
                        },
                    )
                )
            elif ind.levels != [0] + [r.level for r in std.levels]:
                out.append(
                    Problem(
                        "yaml_rule",
                        file=str(paths.display_path(paths.targets_file())),
                        path=f"indicators[{i}].levels",
                        params={
                            "detail_vi": f"levels {ind.levels} không khớp các mức của chuẩn {std.id}",
                            "detail_en": f"levels {ind.levels} do not match the levels of standard {std.id}",
                        },
                    )
                )
    return out


def load_standards(cat: Catalog, path: Path | None = None) -> Standards:
    def check(st: Standards, file: str, doc: Any) -> list[Problem]:
        return _shape_check(st, file, doc) + cross_check(st, cat, file, doc)

    return load_model(path or paths.standards_file(), Standards, check)
