"""Load a YAML configuration file into a pydantic model, turning every error into a located Problem.

Errors name the file, the line and the YAML path (e.g. `targets[4].milestones.2023`), in Vietnamese or
English, and all errors are reported at once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from pipelines.config.paths import display_path
from pipelines.problems import Problem, ProblemError, type_word

M = TypeVar("M", bound=BaseModel)

_TYPE_ERRORS = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "list_type": "list",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
}


def _nfc(node: Any) -> Any:
    """Normalise every string in the document to NFC (text from outside is compared only in NFC)."""
    if isinstance(node, str):
        return unicodedata.normalize("NFC", node).strip()
    if isinstance(node, dict):
        return {_nfc(k): _nfc(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_nfc(v) for v in node]
    return node


def read_yaml(path: Path) -> Any:
    """The round-trip document (keeps line numbers). Raises ProblemError on a syntax error."""
    shown = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemError([Problem("unreadable_file", shown, found=str(exc))]) from exc
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise ProblemError([Problem("yaml_syntax", shown, found=str(exc.problem), line=line)]) from exc


def format_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def line_of(doc: Any, loc: tuple) -> int | None:
    """1-based line of the deepest node of `loc` that exists in the round-trip document."""
    node, line = doc, 1
    for part in loc:
        try:
            if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
            elif hasattr(node, "lc") and isinstance(node, dict):
                key = part
                if key not in node and isinstance(part, str) and part.isdigit() and int(part) in node:
                    key = int(part)
                if key not in node:
                    break
                line = node.lc.key(key)[0] + 1
                node = node[key]
            else:
                break
        except (AttributeError, KeyError, TypeError, IndexError):
            break
    return line


def _problem_from_pydantic(err: dict, file: str, doc: Any) -> Problem:
    loc = tuple(p for p in err["loc"] if p not in ("[key]",))
    kind = err["type"]
    found = err.get("input")
    found_text = "" if isinstance(found, (dict, list)) else str(found)
    ctx = err.get("ctx", {}) or {}
    common = dict(file=file, line=line_of(doc, loc), path=format_path(loc))
    if kind == "missing":
        return Problem("yaml_missing", **common)
    if kind == "extra_forbidden":
        return Problem("yaml_extra", found=str(loc[-1]), **common)
    if kind in ("literal_error", "enum"):
        return Problem("yaml_choice", found=found_text, params={"expected": ctx.get("expected", "")}, **common)
    if kind in _TYPE_ERRORS:
        word = _TYPE_ERRORS[kind]
        return Problem(
            "yaml_type",
            found=found_text,
            params={"expected": {"vi": type_word(word, "vi"), "en": type_word(word, "en")}},
            **common,
        )
    if kind == "string_pattern_mismatch":
        return Problem(
            "yaml_type",
            found=found_text,
            params={
                "expected": {
                    "vi": "mã gồm chữ thường không dấu, số và _",
                    "en": "an id of lowercase ASCII letters, digits and _",
                }
            },
            **common,
        )
    bounds = {
        "greater_than_equal": "≥ {ge}",
        "less_than_equal": "≤ {le}",
        "greater_than": "> {gt}",
        "less_than": "< {lt}",
    }
    if kind in bounds:
        return Problem("yaml_range", found=found_text, params={"expected": bounds[kind].format(**ctx)}, **common)
    message = err.get("msg", kind)
    return Problem("yaml_rule", params={"detail_vi": message, "detail_en": message}, **common)


def rule_problem(file: str, doc: Any, loc: tuple, detail_vi: str, detail_en: str) -> Problem:
    """A cross-reference problem found after the shape was validated."""
    return Problem(
        "yaml_rule",
        file=file,
        line=line_of(doc, loc),
        path=format_path(loc),
        params={"detail_vi": detail_vi, "detail_en": detail_en},
    )


def load_model(path: Path, model: type[M], cross_check: Callable[[M, str, Any], list[Problem]] | None = None) -> M:
    """Parse, validate shape with pydantic, then run cross-reference checks; raise ProblemError with all problems."""
    shown = display_path(path)
    doc = read_yaml(path)
    if doc is None:
        raise ProblemError([Problem("yaml_missing", shown, path="(tệp rỗng / empty file)")])
    try:
        value = model.model_validate(_nfc(doc))
    except ValidationError as exc:
        raise ProblemError([_problem_from_pydantic(e, shown, doc) for e in exc.errors()]) from exc
    if cross_check:
        problems = cross_check(value, shown, doc)
        if problems:
            raise ProblemError(problems)
    return value
