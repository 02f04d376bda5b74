"""Nạp dữ liệu / Load data (analysts and admins): upload what units send (tidy CSV/Parquet, the app's Excel
template, or a district's own spreadsheet), see a preview (rows accepted and refused with reasons, how names
were matched to codes, values new / changed / unchanged, statuses that change), then commit with a reason.
Also: the Excel report template for the scope, and the history of every commit."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access import warehouse
from dashboard.staff import auth
from dashboard.ui import components as c
from dashboard.ui.i18n import STATUS, label, translator
from pipelines.config.catalog import load_catalog
from pipelines.intake import service as intake
from pipelines.intake.report_template import template
from pipelines.problems import ProblemError
from pipelines.vn_text import observation_text

TEXT = {
    "title": ("Nạp dữ liệu", "Load data"),
    "not_allowed": ("Chỉ cán bộ phân tích hoặc quản trị đã đăng nhập mới nạp được dữ liệu.",
                    "Only a signed-in analyst or admin can load data."),
    "scope": ("Phạm vi: {name} ({code}) và các đơn vị trực thuộc.", "Scope: {name} ({code}) and the units below it."),
    "scope_all": ("Phạm vi: toàn bộ (quản trị). Tên đơn vị trong tệp Excel được đối chiếu trong đơn vị đang chọn: {name}.",
                  "Scope: everything (admin). Unit names in spreadsheets are matched within the chosen unit: {name}."),
    "tab_upload": ("Tải tệp lên", "Upload"), "tab_template": ("Mẫu báo cáo Excel", "Excel template"),
    "tab_history": ("Lịch sử nạp", "History"),
    "file": ("Tệp số liệu (.csv, .parquet, .xlsx, .xls, .ods)", "Data file (.csv, .parquet, .xlsx, .xls, .ods)"),
    "file_help": ("Định dạng chuẩn (một dòng mỗi đơn vị × năm × chỉ tiêu), mẫu báo cáo của ứng dụng, hoặc bảng Excel của "
                  "huyện/xã (dòng tiêu đề, ô gộp, dòng Tổng cộng, số kiểu 1.234 và 40,5%, tên xã thay cho mã).",
                  "The tidy format (one row per unit × year × indicator), the app's template, or a district's own "
                  "spreadsheet (title rows, merged headings, a total row, numbers like 1.234 and 40,5%, names instead of codes)."),
    "year": ("Năm của số liệu (cho tệp Excel)", "Year of the figures (for spreadsheets)"),
    "working": ("Đang đọc và kiểm tra như khi xây dựng kho dữ liệu…", "Reading and checking as a build would…"),
    "config_broken": ("Cấu hình hiện tại có lỗi nên chưa kiểm tra được tệp:", "The current configuration has problems, so the file cannot be checked:"),
    "already": ("Tệp này (cùng nội dung) đã được nạp lúc {when} bởi {who}: nạp lại không thay đổi gì.",
                "This file (same content) was loaded at {when} by {who}: loading it again changes nothing."),
    "rows_read": ("Dòng đọc được", "Rows read"), "rows_accepted": ("Dòng hợp lệ", "Rows accepted"),
    "rows_rejected": ("Dòng bị từ chối", "Rows refused"), "new": ("Giá trị mới", "New values"),
    "changed": ("Giá trị thay đổi", "Changed values"), "unchanged": ("Không đổi", "Unchanged"),
    "status_changes": ("Tình trạng thay đổi", "Statuses changing"),
    "problems": ("Dòng và cột bị từ chối", "Refused rows and columns"), "where": ("Vị trí", "Where"),
    "problem": ("Lý do", "Reason"),
    "more_problems": ("… và {n} lỗi khác (sửa các lỗi trên rồi tải lại tệp).", "… and {n} more (fix those above and upload again)."), "notes": ("Ghi nhận khi đọc tệp", "What the reader did"),
    "matches": ("Đối chiếu tên đơn vị → mã", "Unit names → codes"), "written": ("Tên trong tệp", "Name in the file"),
    "code": ("Mã", "Code"), "registered": ("Tên trong danh mục", "Registered name"), "how": ("Cách khớp", "How"),
    "changes": ("So với dữ liệu đang dùng", "Compared with the data in use"), "unit": ("Đơn vị", "Unit"),
    "indicator": ("Chỉ tiêu", "Indicator"), "before": ("Trước", "Before"), "after": ("Sau", "After"),
    "change": ("Thay đổi", "Change"), "target": ("Mục tiêu", "Target"),
    "change_new": ("mới", "new"), "change_changed": ("thay đổi", "changed"), "change_unchanged": ("không đổi", "unchanged"),
    "effect": ("Ảnh hưởng đến tình trạng", "Effect on statuses"), "no_effect": ("Không tình trạng nào thay đổi.", "No status changes."),
    "why": ("Lý do nạp / nội dung (bắt buộc)", "Reason / what this is (required)"), "reason": ("Lý do", "Reason"),
    "year_col": ("Năm", "Year"),
    "partial_ok": ("Nạp {ok} dòng hợp lệ; {bad} dòng bị từ chối sẽ không được nạp", "Load the {ok} valid rows; the {bad} refused rows are left out"),
    "commit": ("Nạp vào kho dữ liệu", "Commit to the warehouse"),
    "nothing": ("Không có dòng hợp lệ nào để nạp.", "No valid row to load."),
    "need_why": ("Hãy ghi lý do nạp.", "Please give a reason."),
    "committed": ("Đã nạp {values} giá trị ({new} mới, {changed} thay đổi) và xây dựng lại kho dữ liệu.",
                  "Loaded {values} values ({new} new, {changed} changed) and rebuilt the warehouse."),
    "noop": ("Tệp này đã được nạp trước đó: không có gì thay đổi.", "This file was loaded before: nothing changed."),
    "failed": ("Không nạp được; dữ liệu đang dùng không thay đổi:", "Not loaded; the data in use is unchanged:"),
    "template_intro": ("Mỗi trang là một nhóm chỉ tiêu, mỗi dòng một xã (mã và tên đã điền), tiêu đề tiếng Việt, ô nhập có "
                       "kiểm tra số nguyên và danh sách mức độ. Tệp điền xong được tải lên ở thẻ bên cạnh.",
                       "One sheet per indicator group, one row per commune (code and name filled in), Vietnamese headings, "
                       "cells checked for whole numbers and level lists. Upload the filled file in the next tab."),
    "template_year": ("Năm báo cáo", "Reporting year"),
    "template_download": ("⤓ Tải mẫu báo cáo ({n} đơn vị)", "⤓ Download the template ({n} units)"),
    "no_communes": ("Đơn vị này không có xã trực thuộc trong năm {year}.", "This unit has no communes in {year}."),
    "history_empty": ("Chưa có lần nạp nào qua ứng dụng.", "Nothing has been loaded through the app yet."),
    "when": ("Thời điểm (UTC)", "When (UTC)"), "who": ("Người nạp", "Who"), "file_name": ("Tệp", "File"),
    "values": ("Giá trị", "Values"), "pick_batch": ("Xem giá trị đã bị thay thế bởi lần nạp", "Values replaced by the commit"),
    "superseded": ("Giá trị cũ được giữ lại trong lịch sử (không còn dùng)", "Earlier values kept in the history (no longer used)"),
    "none_superseded": ("Lần nạp này không thay thế giá trị nào.", "This commit replaced no value."),
    "old_source": ("Từ tệp", "From file"),
    "state": ("Trạng thái", "State"), "in_use": ("đang dùng", "in use"),
    "withdrawn_by": ("đã rút lại {when} ({who})", "withdrawn {when} ({who})"),
    "withdraw_why": ("Lý do rút lại lần nạp đã chọn", "Reason for withdrawing the chosen commit"),
    "withdraw": ("Rút lại lần nạp này (các giá trị nó đã thay thế được dùng lại)",
                 "Withdraw this commit (the values it replaced count again)"),
}
_t = translator(TEXT)
SHOW_PROBLEMS = 200


def render() -> None:
    v = state.view()
    user = auth.current()
    st.title(_t("title", v.lang))
    if not user.can_edit:
        st.error(_t("not_allowed", v.lang))
        return
    scope = user.scope if user.role != "admin" else v.unit
    if user.role == "admin":
        st.caption(_t("scope_all", v.lang, name=v.unit_name))
    else:
        st.caption(_t("scope", v.lang, name=_unit_name(v, scope), code=scope))
    upload, make, history = st.tabs([_t("tab_upload", v.lang), _t("tab_template", v.lang), _t("tab_history", v.lang)])
    with upload:
        _upload(v, user, scope)
    with make:
        _template(v, scope)
    with history:
        _history(v, user)


def _names(v, codes) -> dict:
    """(code, year) -> the unit's name that year."""
    names = warehouse.q(v.key, "unit_names", ",".join(sorted(set(map(str, codes)))))
    return {(c, int(y)): n for c, y, n in zip(names["code"], names["year"], names["name"])}


def _unit_name(v, code: str) -> str:
    return _names(v, [code]).get((code, v.year), code)


def _label(names: dict, code: str, year) -> str:
    return f"{names.get((code, int(year)), '?')} ({code})"


def _upload(v, user, scope: str | None) -> None:
    file = st.file_uploader(_t("file", v.lang), type=["csv", "parquet", "xlsx", "xls", "ods"], help=_t("file_help", v.lang),
                            key="intake_file")
    year = st.number_input(_t("year", v.lang), min_value=2020, max_value=2030, value=int(v.year), step=1, key="intake_year")
    if file is None:
        return
    data = file.getvalue()
    cache_key = (hashlib.sha256(data).hexdigest(), int(year), scope, intake.state())
    if st.session_state.get("intake_preview_key") != cache_key:
        with st.spinner(_t("working", v.lang)):
            try:
                st.session_state["intake_preview"] = intake.preview(data, file.name, year=int(year), scope=scope)
            except ProblemError as exc:
                c.show_problems(exc, v.lang, _t("config_broken", v.lang))
                return
        st.session_state["intake_preview_key"] = cache_key
    p: intake.Preview = st.session_state["intake_preview"]
    if p.committed:
        st.info(_t("already", v.lang, when=p.committed["when"][:16].replace("T", " "), who=p.committed["who"]))
    counts = p.counts()
    cols = st.columns(7)
    for col, key in zip(cols, ("rows_read", "rows_accepted", "rows_rejected", "new", "changed", "unchanged", "status_changes")):
        col.metric(_t(key, v.lang), f"{counts[key]:,}".replace(",", "."))
    if p.problems:
        st.subheader(_t("problems", v.lang))
        shown = p.problems[:SHOW_PROBLEMS]  # a static table wraps long reasons; st.table escapes the file's text
        st.table(pd.DataFrame({_t("where", v.lang): [x.location(v.lang) for x in shown],
                               _t("problem", v.lang): [x.text(v.lang) for x in shown]}).set_index(_t("where", v.lang)))
        if len(p.problems) > SHOW_PROBLEMS:
            st.caption(_t("more_problems", v.lang, n=len(p.problems) - SHOW_PROBLEMS))
    if p.notes:
        with st.expander(f"{_t('notes', v.lang)} ({len(p.notes)})"):
            st.dataframe(pd.DataFrame({_t("where", v.lang): [n.location(v.lang) for n in p.notes],
                                       _t("problem", v.lang): [n.text(v.lang) for n in p.notes]}),
                         hide_index=True, width="stretch")
    if len(p.matches):
        with st.expander(f"{_t('matches', v.lang)} ({len(p.matches)})", expanded=bool((p.matches["code"] == "").any())):
            st.dataframe(p.matches.rename(columns={"written": _t("written", v.lang), "code": _t("code", v.lang),
                                                   "registered": _t("registered", v.lang)})
                         .assign(**{_t("how", v.lang): p.matches[f"how_{v.lang}"]}).drop(columns=["how_vi", "how_en"]),
                         hide_index=True, width="stretch")
    _changes(v, p)
    _commit(v, user, p)


def _changes(v, p: intake.Preview) -> None:
    if len(p.changes):
        st.subheader(_t("changes", v.lang))
        names = _names(v, p.changes["unit_code"])
        ind = warehouse.table(v.key, "indicators").set_index("id")[f"name_{v.lang}"].to_dict()
        order = {"changed": 0, "new": 1, "unchanged": 2}
        ch = p.changes.sort_values(by="change", key=lambda s: s.map(order), kind="stable")
        st.dataframe(pd.DataFrame({
            _t("unit", v.lang): [_label(names, c, y) for c, y in zip(ch["unit_code"], ch["year"])],
            _t("indicator", v.lang): [ind.get(i, i) for i in ch["indicator"]],
            "year": ch["year"].astype(str),
            _t("before", v.lang): ch["before"], _t("after", v.lang): ch["after"],
            _t("change", v.lang): [_t(f"change_{x}", v.lang) for x in ch["change"]],
        }).rename(columns={"year": _t("year_col", v.lang)}), hide_index=True, width="stretch")
    st.subheader(_t("effect", v.lang))
    if p.status_changes.empty:
        st.caption(_t("no_effect", v.lang))
        return
    sc = p.status_changes
    names = _names(v, sc["unit_code"])
    st.dataframe(pd.DataFrame({
        _t("target", v.lang): sc["target_id"],
        _t("unit", v.lang): [_label(names, c, y) for c, y in zip(sc["unit_code"], sc["year"])],
        _t("year_col", v.lang): sc["year"].astype(str),
        _t("before", v.lang): [label(STATUS, s, v.lang) for s in sc["before"]],
        _t("after", v.lang): [label(STATUS, s, v.lang) for s in sc["after"]],
    }), hide_index=True, width="stretch")


def _commit(v, user, p: intake.Preview) -> None:
    if p.accepted.empty:
        st.warning(_t("nothing", v.lang))
        return
    why = st.text_input(_t("why", v.lang), key="intake_why")
    partial = p.rows_rejected > 0
    agreed = st.checkbox(_t("partial_ok", v.lang, ok=p.rows_accepted, bad=p.rows_rejected), key="intake_partial") \
        if partial else True
    if not st.button(_t("commit", v.lang), type="primary", disabled=not agreed, key="intake_commit"):
        return
    if not why.strip():
        st.error(_t("need_why", v.lang))
        return
    try:
        entry, new = intake.commit(p, f"{user.login} ({user.name})", why)
    except ProblemError as exc:  # a stale preview, nothing to load, or a build that failed (nothing changed)
        c.show_problems(exc, v.lang, _t("failed", v.lang) if exc.problems[0].file else None)
        st.session_state.pop("intake_preview_key", None)
        return
    st.session_state.pop("intake_preview_key", None)
    st.cache_data.clear()
    if new:
        st.success(_t("committed", v.lang, values=entry["values"], new=entry["new"], changed=entry["changed"]))
    else:
        st.info(_t("noop", v.lang))


def _template(v, scope: str | None) -> None:
    st.caption(_t("template_intro", v.lang))
    year = st.number_input(_t("template_year", v.lang), min_value=2020, max_value=2030, value=int(v.year), step=1,
                           key="template_year")
    communes = warehouse.q(v.key, "communes_in_scope", scope or "VN", int(year))
    if communes.empty:
        st.info(_t("no_communes", v.lang, year=year))
        return
    name = _unit_name(v, scope) if scope else "Việt Nam"
    st.download_button(_t("template_download", v.lang, n=len(communes)),  # the file is made only when pressed
                       data=lambda: template(load_catalog(), communes, int(year), name, scope or "VN"),
                       file_name=f"mau_bao_cao_{scope or 'VN'}_{int(year)}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="template_download")


def _history(v, user) -> None:
    log = intake.log()
    entries = [e for e in log if e.get("action", "committed") == "committed"]
    if not entries:
        st.caption(_t("history_empty", v.lang))
        return
    gone = intake.withdrawn_batches(log)
    frame = pd.DataFrame(entries[::-1])
    state_text = [_t("withdrawn_by", v.lang, when=gone[b]["when"][:16].replace("T", " "), who=gone[b]["who"])
                  if b in gone else _t("in_use", v.lang) for b in frame["batch"]]
    st.dataframe(pd.DataFrame({
        _t("when", v.lang): frame["when"].str[:19].str.replace("T", " "), _t("who", v.lang): frame["who"],
        _t("file_name", v.lang): frame["file"], _t("year_col", v.lang): frame["year"].astype(str),
        _t("values", v.lang): frame["values"], _t("new", v.lang): frame["new"], _t("changed", v.lang): frame["changed"],
        _t("rows_rejected", v.lang): frame["rows_rejected"], _t("reason", v.lang): frame["why"],
        _t("state", v.lang): state_text,
    }), hide_index=True, width="stretch")
    pick = st.selectbox(_t("pick_batch", v.lang), list(range(len(frame))), key="intake_batch",
                        format_func=lambda i: f"{frame['when'][i][:19].replace('T', ' ')} · {frame['file'][i]} · {frame['who'][i]}")
    batch = frame["batch"][pick]
    replaced = warehouse.q(v.key, "superseded_by", batch)
    st.caption(_t("superseded", v.lang))
    if replaced.empty:
        st.caption(_t("none_superseded", v.lang))
    else:
        shown = [observation_text(*r, lang=v.lang) for r in replaced[["numerator", "denominator", "value", "level"]].itertuples(index=False)]
        replaced = replaced.assign(indicator=replaced[f"indicator_{v.lang}"], year=replaced["year"].astype(str),
                                   value=shown)[["unit", "indicator", "year", "value", "file"]]
        st.dataframe(replaced.rename(columns={"unit": _t("unit", v.lang), "indicator": _t("indicator", v.lang),
                                              "year": _t("year_col", v.lang),
                                              "value": _t("before", v.lang), "file": _t("old_source", v.lang)}),
                     hide_index=True, width="stretch")
    scope = frame["scope"][pick]
    allowed = user.role == "admin" or (scope is not None and auth.in_scope(user, warehouse.lineage(v.key, scope, v.year)))
    if batch in gone or not allowed:
        return
    why = st.text_input(_t("withdraw_why", v.lang), key="intake_withdraw_why")
    if st.button(_t("withdraw", v.lang), key="intake_withdraw"):
        if not why.strip():
            st.error(_t("need_why", v.lang))
            return
        try:
            intake.withdraw(batch, f"{user.login} ({user.name})", why)
        except ProblemError as exc:  # withdrawn meanwhile by someone else, or the rebuild failed
            c.show_problems(exc, v.lang, _t("failed", v.lang) if exc.problems[0].file else None)
            return
        st.cache_data.clear()
        st.session_state.pop("intake_preview_key", None)
        st.rerun()


render()
