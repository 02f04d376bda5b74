"""Editing targets.yaml safely: round-trip edits that keep the analyst's comments and key order, validation
with located messages, a diff, optimistic concurrency on the file's content hash, atomic saves, a history of
every version with who, when and why, restore of any earlier version, and detection of hand edits.

    history_dir()/targets/<UTC time>_<sha8>.yaml   every saved version
    history_dir()/targets/history.jsonl             one line per save: when, who, why, sha_before, sha_after, file
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from pipelines.config import paths
from pipelines.config.catalog import Catalog, load_catalog
from pipelines.problems import Problem, ProblemError
from pipelines.safe_files import atomic_write, locked


def concurrent_edit(expected: str, found: str, last: dict | None) -> ProblemError:
    """The file changed since the editor read it: the save is refused, nothing is overwritten."""
    who = f"{last['who']} ({last['when'][:16].replace('T', ' ')} UTC)" if last else "(ngoài ứng dụng / outside the app)"
    return ProblemError.of("concurrent_edit", who, context={"expected": expected, "now": found, "last": last})


@dataclass(frozen=True)
class Version:
    text: str
    sha256: str


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap the analyst's long lines
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def current(path: Path | None = None) -> Version:
    text = (path or paths.targets_file()).read_text(encoding="utf-8")
    return Version(text, sha(text))


def load_doc(text: str) -> Any:
    return _yaml().load(text)


def dump_doc(doc: Any) -> str:
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def set_target(text: str, target_id: str, fields: dict[str, Any]) -> str:
    """`text` with target `target_id` updated (or appended when new); other entries, comments and order stay."""
    doc = load_doc(text)
    targets = doc["targets"]
    entry = next((t for t in targets if t.get("id") == target_id), None)
    if entry is None:
        from ruamel.yaml.comments import CommentedMap

        entry = CommentedMap(id=target_id)
        targets.append(entry)
    for key, value in fields.items():
        if value is None or value == {} or value == "":
            if key in entry:
                del entry[key]
        else:
            entry[key] = value
    return dump_doc(doc)


def add_indicator(text: str, fields: dict[str, Any]) -> str:
    """`text` with a new indicator appended (id, names, group, kind, display, source, aliases …); comments and order
    stay. An id already declared is refused by validation (duplicate), like any other mistake."""
    from ruamel.yaml.comments import CommentedMap

    doc = load_doc(text)
    doc["indicators"].append(CommentedMap((k, v) for k, v in fields.items() if v not in (None, "", [], {})))
    return dump_doc(doc)


def validate(text: str) -> Catalog:
    """The catalogue `text` describes, or ProblemError with every problem located (line, YAML path)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "targets.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return load_catalog(path)
        except ProblemError as exc:  # name the real file, not the temporary copy
            shown = paths.display_path(paths.targets_file())
            raise ProblemError([replace(p, file=shown) for p in exc.problems]) from None


def diff(old: str, new: str) -> str:
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            "targets.yaml (hiện tại / current)",
            "targets.yaml (mới / new)",
        )
    )


def _history_dir() -> Path:
    d = paths.history_dir() / "targets"
    d.mkdir(parents=True, exist_ok=True)
    return d


def history() -> list[dict]:
    log = _history_dir() / "history.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


def hand_edited(path: Path | None = None) -> bool:
    """The file differs from the last version saved through the app (edited by hand, or never saved)."""
    log = history()
    return bool(log) and log[-1]["sha_after"] != current(path).sha256


def changed_units(old_text: str, new_text: str) -> dict[str, set[str]]:
    """Every target added, removed or changed between two versions, with the scope units it had and has: a change
    is allowed only where the editor may act on both (a target moved out of a scope is a change inside it too)."""

    def by_id(text: str) -> dict[str, Any]:
        return {str(t.get("id")): t for t in (load_doc(text) or {}).get("targets") or []}

    def units(entry: Any) -> set[str]:
        scope = (entry or {}).get("scope") or {}
        return {str(u) for u in ([scope.get("unit")] if scope.get("unit") is not None else scope.get("units") or [])}

    before, after = by_id(old_text), by_id(new_text)
    changed = {}
    for target_id in sorted(set(before) | set(after)):
        old, new = before.get(target_id), after.get(target_id)
        if old == new:
            continue
        touched = units(old) | units(new)
        for entry in (old, new):  # re-basing speaks for the original target too ("thay bằng: …")
            original = (entry or {}).get("rebased_from")
            if original:
                touched |= units(before.get(str(original))) | units(after.get(str(original)))
        changed[target_id] = touched
    return changed


def changed_sections(old_text: str, new_text: str) -> list[str]:
    """Top-level sections other than `targets` that differ (settings, indicators, sources, groups)."""
    before, after = load_doc(old_text) or {}, load_doc(new_text) or {}
    return sorted(k for k in set(before) | set(after) if k != "targets" and before.get(k) != after.get(k))


def check_scope(old_text: str, new_text: str, allowed: Callable[[str], bool]) -> None:
    """ProblemError naming each changed target whose old or new units (or those of the target it re-bases) the
    editor may not edit (target_out_of_scope), and each other changed section when the editor is not an admin
    (section_admin_only)."""
    refused = [
        (target_id, unit)
        for target_id, units in changed_units(old_text, new_text).items()
        for unit in sorted(units)
        if not allowed(unit)
    ]
    shown = paths.display_path(paths.targets_file())
    problems = [Problem("target_out_of_scope", shown, found=t, params=dict(unit=u)) for t, u in refused]
    if not allowed("VN"):  # the catalogue's other sections are the whole country's: an admin's to change
        problems += [Problem("section_admin_only", shown, found=k) for k in changed_sections(old_text, new_text)]
    if problems:
        raise ProblemError(problems)


def save(
    new_text: str,
    expected_sha: str,
    who: str,
    why: str,
    path: Path | None = None,
    check: Callable[[str], Any] | None = None,
    allowed: Callable[[str], bool] | None = None,
) -> dict:
    """Write `new_text` if the file is still the version the editor started from; validate first (and run `check`,
    e.g. a whole in-memory build, so that a saved file always builds); record it. `allowed(unit)` says whether the
    editor may act on a unit: every target the save adds, removes or changes must be allowed for its old and its
    new units (checked against the file as it is now, under the lock).
    Raises ProblemError: concurrent_edit (file changed underneath), who_why_required, target_out_of_scope, or the
    file's problems."""
    if not who.strip() or not why.strip():
        raise ProblemError.of("who_why_required")
    path = path or paths.targets_file()
    validate(new_text)
    if allowed is not None:
        check_scope(current(path).text, new_text, allowed)
    if check is not None:
        check(new_text)
    with locked(_history_dir() / ".lock"):
        now = current(path)
        if allowed is not None:
            check_scope(now.text, new_text, allowed)
        if now.sha256 != expected_sha:
            log = history()
            raise concurrent_edit(
                expected_sha, now.sha256, log[-1] if log and log[-1]["sha_after"] == now.sha256 else None
            )
        when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        after = sha(new_text)
        if not history():  # keep the version the history starts from
            _store(now.text, now.sha256, when, "(trước khi dùng trình sửa / before the editor)", "")
        stored = _store(new_text, after, when, who, why, before=now.sha256)
        atomic_write(path, new_text)
    return stored


def _store(text: str, digest: str, when: str, who: str, why: str, before: str | None = None) -> dict:
    d = _history_dir()
    name = f"{when.replace(':', '').replace('.', '')}_{digest[:8]}.yaml"
    (d / name).write_text(text, encoding="utf-8")
    entry = dict(when=when, who=who, why=why, sha_before=before, sha_after=digest, file=name)
    with open(d / "history.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def version_text(entry: dict) -> str:
    return (_history_dir() / entry["file"]).read_text(encoding="utf-8")


def restore(
    entry: dict,
    expected_sha: str,
    who: str,
    why: str,
    path: Path | None = None,
    check: Callable[[str], Any] | None = None,
    allowed: Callable[[str], bool] | None = None,
) -> dict:
    """Make an earlier version current again (a new entry in the history; nothing is deleted)."""
    return save(version_text(entry), expected_sha, who, why or f"khôi phục bản {entry['when']}", path, check, allowed)


def publish(change: Callable[..., dict], *args, **kwargs) -> dict:
    """The service the editor calls: `change` (save or restore) with a whole in-memory build as its check, then
    the warehouse rebuilt from the saved file. Returns the history entry. A refused change raises ProblemError
    and writes nothing; a rebuild that fails raises ProblemError with context `saved` (the entry): the file is
    saved, the last good warehouse keeps serving."""
    from pipelines.build.runner import build, preview_progress

    entry = change(*args, check=preview_progress, **kwargs)
    try:
        build()
    except ProblemError as exc:
        raise ProblemError(exc.problems, saved=entry) from exc
    return entry


def status_effect(text: str, target_id: str, year: int):
    """How many units of one target have each status in `year`, with the warehouse in use (before) and as they would
    be with `text` as targets.yaml (after; an in-memory build, nothing written). Raises ProblemError like a build."""
    import pandas as pd

    from pipelines.build.runner import preview_progress
    from pipelines.build.warehouse_file import connect_read_only

    after = preview_progress(text)
    con = connect_read_only(paths.warehouse_file())
    try:
        before = con.execute(
            "select target_id, year, status from progress where target_id = ? and year = ?", [target_id, year]
        ).df()
    finally:
        con.close()
    pick = lambda df: df[(df["target_id"] == target_id) & (df["year"] == year)]["status"].value_counts()  # noqa: E731
    return pd.DataFrame({"before": pick(before), "after": pick(after)}).fillna(0).astype(int)
