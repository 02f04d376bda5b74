"""Sửa mục tiêu / Edit targets (analysts and admins): change a target's milestones, 2030 value, scope, source or
note, or add one; see the validation messages as you type, the diff and how statuses change, then save with a
reason. Saves are refused when targets.yaml changed since you opened it; every version is kept and can be
restored; an analyst only edits targets of units in their scope."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access import warehouse
from dashboard.staff import auth
from dashboard.ui import components as c
from dashboard.ui import provenance
from dashboard.ui.i18n import STATUS, label, translator
from pipelines.editing import targets_store as store
from pipelines.problems import ProblemError

TEXT = {
    "title": ("Sửa mục tiêu", "Edit targets"),
    "not_allowed": (
        "Chỉ cán bộ phân tích hoặc quản trị đã đăng nhập mới sửa được mục tiêu.",
        "Only a signed-in analyst or admin can edit targets.",
    ),
    "hand_edited": (
        "targets.yaml đã được sửa ngoài ứng dụng sau lần lưu cuối qua trình sửa.",
        "targets.yaml was edited outside the app after the last save through the editor.",
    ),
    "current_invalid": ("Tệp hiện tại không hợp lệ:", "The current file is not valid:"),
    "base": ("Đang sửa dựa trên phiên bản {sha} của targets.yaml.", "Editing on top of version {sha} of targets.yaml."),
    "reload": ("Tải lại bản mới nhất", "Reload the latest version"),
    "target": ("Mục tiêu", "Target"),
    "new": ("+ Mục tiêu mới", "+ New target"),
    "new_id": ("Mã mục tiêu mới", "New target id"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "unit": ("Mã đơn vị áp dụng", "Unit code"),
    "include": ("Áp dụng cho", "Applies to"),
    "milestones": ("Mốc theo năm", "Milestones by year"),
    "year": ("Năm", "Year"),
    "value": ("Giá trị", "Value"),
    "target_2030": ("Mục tiêu 2030", "2030 target"),
    "interpolation": ("Nội suy giữa các mốc", "Between milestones"),
    "source": ("Nguồn", "Source"),
    "note": ("Ghi chú", "Note"),
    "measure": ("Đo bằng", "Measured as"),
    "rebased_from": ("Chuyển từ mục tiêu (sau sắp xếp ĐVHC)", "Re-based from target (after the reform)"),
    "why": ("Lý do thay đổi (bắt buộc)", "Reason for the change (required)"),
    "problems": ("Chưa lưu được, cần sửa:", "Cannot be saved yet:"),
    "diff": ("Thay đổi trong targets.yaml", "Changes to targets.yaml"),
    "no_change": ("Chưa có thay đổi.", "No change yet."),
    "preview": ("Xem trước ảnh hưởng đến tình trạng", "Preview the effect on statuses"),
    "effect": ("Tình trạng năm {year} trước và sau khi sửa", "Statuses in {year} before and after the edit"),
    "before": ("Trước", "Before"),
    "after": ("Sau", "After"),
    "status": ("Tình trạng", "Status"),
    "save": ("Lưu và cập nhật số liệu", "Save and rebuild"),
    "saved": (
        "Đã lưu (phiên bản {sha}) và xây dựng lại kho dữ liệu.",
        "Saved (version {sha}) and rebuilt the warehouse.",
    ),
    "build_failed": (
        "Đã lưu targets.yaml nhưng xây dựng lại thất bại; kho dữ liệu cũ vẫn được dùng:",
        "targets.yaml was saved but the rebuild failed; the previous warehouse keeps serving:",
    ),
    "out_of_scope": (
        "Đơn vị {unit} nằm ngoài phạm vi của bạn ({scope}).",
        "Unit {unit} is outside your scope ({scope}).",
    ),
    "need_why": ("Hãy ghi lý do thay đổi.", "Please give the reason for the change."),
    "history": ("Lịch sử thay đổi", "Change history"),
    "when": ("Thời điểm (UTC)", "When (UTC)"),
    "who": ("Người sửa", "Who"),
    "version": ("Phiên bản", "Version"),
    "restore": ("Khôi phục phiên bản này", "Restore this version"),
    "pick_version": ("Phiên bản", "Version"),
    "restored": ("Đã khôi phục.", "Restored."),
    "none": ("(không)", "(none)"),
}
_t = translator(TEXT)
INCLUDE = ["self", "province", "district", "commune"]


def _lineage(key: str, code: str) -> list[str]:
    for year in sorted(warehouse.years(key), reverse=True):
        found = warehouse.lineage(key, code, year)
        if found:
            return found
    return [code]


def render() -> None:
    v = state.view()
    user = auth.current()
    st.title(_t("title", v.lang))
    if not user.can_edit:
        st.error(_t("not_allowed", v.lang))
        return
    now = store.current()
    if store.hand_edited():
        st.warning(_t("hand_edited", v.lang))
    try:
        catalog = store.validate(now.text)
    except ProblemError as exc:
        st.error(_t("current_invalid", v.lang))
        c.show_problems(exc, v.lang, _t("problems", v.lang))
        return
    base = st.session_state.setdefault("editor_base", {"sha": now.sha256, "text": now.text})
    top = st.columns([3, 1])
    top[0].caption(_t("base", v.lang, sha=base["sha"][:8]))
    if top[1].button(_t("reload", v.lang), key="editor_reload"):
        st.session_state["editor_base"] = {"sha": now.sha256, "text": now.text}
        st.rerun()

    doc = store.load_doc(base["text"])
    editable = [
        t
        for t in doc["targets"]
        if auth.in_scope(user, _lineage(v.key, str(t["scope"].get("unit") or (t["scope"].get("units") or [""])[0])))
    ]
    ids = [t["id"] for t in editable]
    picked = st.selectbox(
        _t("target", v.lang),
        ids + ["__new__"],
        key="editor_target",
        format_func=lambda i: _t("new", v.lang) if i == "__new__" else i,
    )
    entry = next((t for t in editable if t["id"] == picked), {})
    indicators = {i.id: (i.name_vi if v.lang == "vi" else i.name_en) for i in catalog.indicators}
    left, right = st.columns(2)
    target_id = left.text_input(_t("new_id", v.lang), key="editor_new_id") if picked == "__new__" else picked
    indicator = left.selectbox(
        _t("indicator", v.lang),
        list(indicators),
        format_func=lambda i: f"{i} · {indicators[i]}",
        index=list(indicators).index(entry["indicator"]) if entry else 0,
        disabled=bool(entry),
        key=f"editor_indicator_{picked}",
    )
    scope = entry.get("scope", {}) if entry else {}
    unit = left.text_input(
        _t("unit", v.lang), str(scope.get("unit") or user.scope or ""), key=f"editor_unit_{picked}"
    ).strip()
    include = left.multiselect(
        _t("include", v.lang), INCLUDE, default=list(scope.get("include", ["self"])), key=f"editor_include_{picked}"
    )
    kind = next(i.kind for i in catalog.indicators if i.id == indicator)
    measure = (
        right.selectbox(
            _t("measure", v.lang),
            ["count", "share"],
            key=f"editor_measure_{picked}",
            index=["count", "share"].index(entry.get("measure", "count")) if entry.get("measure") else 0,
        )
        if kind == "units_at_level"
        else None
    )
    milestones = right.data_editor(
        pd.DataFrame(
            {
                _t("year", v.lang): [int(y) for y in (entry.get("milestones") or {})],
                _t("value", v.lang): [float(x) for x in (entry.get("milestones") or {}).values()],
            }
        ),
        num_rows="dynamic",
        key=f"editor_milestones_{picked}",
        width="stretch",
    )
    target_2030 = right.number_input(
        _t("target_2030", v.lang), value=float(entry.get("target_2030", 0.0)), key=f"editor_2030_{picked}"
    )
    interpolation = right.selectbox(
        _t("interpolation", v.lang),
        ["linear", "step"],
        key=f"editor_interp_{picked}",
        index=["linear", "step"].index(entry.get("interpolation", "linear")),
    )
    sources = list(catalog.sources)
    source = left.selectbox(
        _t("source", v.lang),
        sources,
        key=f"editor_source_{picked}",
        index=sources.index(entry["source"]) if entry.get("source") in sources else 0,
    )
    if entry:  # as saved: per-year sources, repeats and unverified values are edited in targets.yaml itself
        shape = SimpleNamespace(kind=kind, measure=entry.get("measure"))
        cited = provenance.points_from_catalog(catalog, picked)
        left.caption(provenance.caption(cited, lambda x: c.fmt_value(shape, x, v.lang), v.lang))
    others = [""] + [t["id"] for t in doc["targets"] if t["id"] != picked]
    rebased = left.selectbox(
        _t("rebased_from", v.lang),
        others,
        key=f"editor_rebased_{picked}",
        format_func=lambda i: i or _t("none", v.lang),
        index=others.index(entry["rebased_from"]) if entry.get("rebased_from") in others else 0,
    )
    note = st.text_area(_t("note", v.lang), str(entry.get("note") or ""), key=f"editor_note_{picked}")
    why = st.text_input(_t("why", v.lang), key="editor_why")

    rows = milestones.dropna()
    points = {
        int(y): (int(x) if float(x).is_integer() and kind != "ratio" else float(x))
        for y, x in zip(rows.iloc[:, 0], rows.iloc[:, 1])
    }
    fields = {
        "indicator": indicator,
        "scope": {"unit": unit, **({"include": include} if include and include != ["self"] else {})},
        "measure": measure,
        "milestones": points,
        "target_2030": int(target_2030) if float(target_2030).is_integer() and kind != "ratio" else target_2030,
        "interpolation": None if interpolation == "linear" else interpolation,
        "source": source,
        "note": note.strip() or None,
        "rebased_from": rebased or None,
        **_stale_provenance(entry, points, target_2030, catalog.settings.target_year),
    }
    if not target_id:
        return
    draft = store.set_target(base["text"], target_id, fields)
    try:
        store.validate(draft)
    except ProblemError as exc:
        c.show_problems(exc, v.lang, _t("problems", v.lang))
        return
    out_of_scope = not auth.in_scope(user, _lineage(v.key, unit))
    if out_of_scope:
        st.error(_t("out_of_scope", v.lang, unit=unit, scope=user.scope))
    change = store.diff(base["text"], draft)
    st.subheader(_t("diff", v.lang))
    if not change:
        st.info(_t("no_change", v.lang))
    else:
        st.code(change, language="diff")
        if st.button(_t("preview", v.lang), key="editor_preview"):
            try:
                effect = store.status_effect(draft, target_id, v.year)
            except ProblemError as exc:
                c.show_problems(exc, v.lang, _t("problems", v.lang))
                return
            st.caption(_t("effect", v.lang, year=v.year))
            effect.index = [label(STATUS, s, v.lang) for s in effect.index]  # words, not the status keys
            st.dataframe(
                effect.rename(columns={"before": _t("before", v.lang), "after": _t("after", v.lang)}).rename_axis(
                    _t("status", v.lang)
                ),
                width="stretch",
            )
        if st.button(_t("save", v.lang), type="primary", key="editor_save", disabled=out_of_scope):
            if not why.strip():
                st.error(_t("need_why", v.lang))
                return
            if out_of_scope:  # checked again on the server, not only by the disabled button
                return
            _save(
                lambda: store.publish(
                    store.save,
                    draft,
                    base["sha"],
                    f"{user.login} ({user.name})",
                    why,
                    allowed=lambda unit: auth.in_scope(user, _lineage(v.key, unit)),
                ),
                v.lang,
                "saved",
            )
    _history(v, user)


def _stale_provenance(entry, points: dict, target_2030: float, target_year: int) -> dict:
    """Per-year provenance that no longer holds after the edit, dropped: point sources and unverified marks of
    years no longer declared, repeats whose values now differ. Keys that still hold are left as written."""
    declared = {**points, target_year: target_2030}
    kept = {
        "point_sources": {y: s for y, s in (entry.get("point_sources") or {}).items() if int(y) in declared},
        "repeats": {
            y: e
            for y, e in (entry.get("repeats") or {}).items()
            if int(y) in declared and int(e) in declared and declared[int(y)] == declared[int(e)]
        },
        "unverified_years": [y for y in (entry.get("unverified_years") or []) if int(y) in declared],
    }
    return {k: (v or None) for k, v in kept.items() if len(v) != len(entry.get(k) or [])}


def _save(action, lang: str, done: str) -> None:
    try:
        entry = action()
    except ProblemError as exc:
        if "saved" not in exc.context:  # refused: nothing written
            c.show_problems(exc, lang, None if exc.code == "concurrent_edit" else _t("problems", lang))
            return
        st.session_state["editor_base"] = {"sha": exc.context["saved"]["sha_after"], "text": store.current().text}
        c.show_problems(exc, lang, _t("build_failed", lang))
        return
    st.session_state["editor_base"] = {"sha": entry["sha_after"], "text": store.current().text}
    warehouse.forget()
    st.success(_t(done, lang, sha=entry["sha_after"][:8]))


def _history(v, user) -> None:
    log = store.history()
    if not log:
        return
    st.subheader(_t("history", v.lang))
    st.dataframe(
        pd.DataFrame(
            {
                _t("when", v.lang): [e["when"][:19].replace("T", " ") for e in reversed(log)],
                _t("who", v.lang): [e["who"] for e in reversed(log)],
                _t("why", v.lang): [e["why"] for e in reversed(log)],
                _t("version", v.lang): [e["sha_after"][:8] for e in reversed(log)],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    if user.role != "admin":
        return  # restoring a whole file can change targets outside an analyst's scope
    choice = st.selectbox(
        _t("pick_version", v.lang),
        list(range(len(log)))[::-1],
        key="editor_version",
        format_func=lambda i: f"{log[i]['when'][:19]} · {log[i]['sha_after'][:8]} · {log[i]['who']}",
    )
    chosen = log[choice]
    st.code(store.diff(store.current().text, store.version_text(chosen)) or "—", language="diff")
    if st.button(_t("restore", v.lang), key="editor_restore"):
        why = st.session_state.get("editor_why", "")
        _save(
            lambda: store.publish(
                store.restore,
                chosen,
                store.current().sha256,
                f"{user.login} ({user.name})",
                why,
                allowed=lambda unit: auth.in_scope(user, _lineage(v.key, unit)),
            ),
            v.lang,
            "restored",
        )


render()
