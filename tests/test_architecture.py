"""The plan of the house (docs/architecture.md), checked: layers import only upwards, no import cycle, no module
over 400 lines, no two modules with one name, benchmarks and product code never import the tests."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("pipelines", "dashboard", "devdata", "benchmarks")
# module prefix -> what it must not import (docs/architecture.md, "Layers"); a layer may import those above it
LOWER_PIPELINES = ("pipelines.method", "pipelines.ingest", "pipelines.build", "pipelines.editing", "pipelines.intake")
RULES = {
    "pipelines.problems": ("pipelines", "dashboard", "devdata"),
    "pipelines.vn_text": ("pipelines.config", *LOWER_PIPELINES, "dashboard"),
    "pipelines.config": LOWER_PIPELINES,
    "pipelines.method": LOWER_PIPELINES[1:],
    "pipelines.ingest": LOWER_PIPELINES[2:],
    "pipelines.build": LOWER_PIPELINES[3:],
    "pipelines": ("dashboard", "streamlit", "benchmarks", "tests", "devdata"),
    "devdata": ("dashboard", "benchmarks", "tests"),
    "benchmarks": ("tests",),
    "dashboard.data_access": (
        "dashboard.ui",
        "dashboard.views",
        "dashboard.staff",
        "dashboard.present",
        "dashboard.exports",
    ),
    "dashboard.ui": ("dashboard.views", "dashboard.staff", "dashboard.present", "dashboard.exports"),
    "dashboard": ("tests", "devdata", "benchmarks"),
}
EXCEPTIONS = {"pipelines.__main__": ("devdata",)}  # the command line runs the generators (demo, units)


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            name = ".".join(path.relative_to(REPO).with_suffix("").parts)
            out[name.removesuffix(".__init__")] = path
    return out


def _imports(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file (a lazy import hides a dependency, it does not remove it)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_layers_import_only_upwards(module):
    imported = _imports(MODULES[module])
    allowed = EXCEPTIONS.get(module, ())
    for layer, forbidden in RULES.items():
        if module == layer or module.startswith(layer + "."):
            bad = sorted(
                name
                for name in imported
                for f in forbidden
                if (name == f or name.startswith(f + "."))
                and not any(name.startswith(a) for a in allowed)
                and not (f == "pipelines" and name.startswith("pipelines.problems"))
            )
            assert not bad, f"{module} imports {bad} (see docs/architecture.md)"


def test_no_import_cycle():
    graph = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}
    seen, on_path, cycles = set(), [], []

    def visit(m):
        if m in on_path:
            cycles.append(on_path[on_path.index(m) :] + [m])
            return
        if m in seen:
            return
        seen.add(m)
        on_path.append(m)
        for n in graph[m]:
            visit(n)
        on_path.pop()

    for m in sorted(graph):
        visit(m)
    assert not cycles, cycles[:3]


def test_no_module_over_400_lines_and_no_two_share_a_name():
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long
    stems = [p.stem for p in list(MODULES.values()) + list((REPO / "tests").rglob("*.py")) if p.stem != "__init__"]
    assert sorted({s for s in stems if stems.count(s) > 1}) == []


def test_every_folder_says_what_lives_there():
    for path in MODULES.values():
        if path.name == "__init__.py":
            assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{path} has no docstring"
