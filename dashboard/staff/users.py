"""Người dùng / Users (admins): the accounts that can sign in, their role and scope; add an analyst or admin,
change a role or scope, reset a password, disable an account. Accounts of secrets.toml are shown read-only.
Every change is recorded with who and when (never a password)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access import warehouse
from dashboard.staff import accounts, auth
from dashboard.ui import components as c
from dashboard.ui.i18n import translator
from pipelines.problems import ProblemError

TEXT = {
    "title": ("Người dùng", "Users"),
    "not_allowed": ("Chỉ quản trị viên quản lý người dùng.", "Only admins manage users."),
    "login": ("Tên đăng nhập", "Login"),
    "name": ("Họ tên", "Name"),
    "role": ("Vai trò", "Role"),
    "scope": ("Phạm vi (mã đơn vị)", "Scope (unit code)"),
    "email": ("Email (đăng nhập OpenID Connect)", "Email (OpenID Connect sign-in)"),
    "where": ("Cấu hình ở", "Configured in"),
    "state": ("Trạng thái", "State"),
    "in_secrets": ("secrets.toml (chỉ đọc)", "secrets.toml (read-only)"),
    "in_app": ("ứng dụng", "the app"),
    "active": ("đang dùng", "active"),
    "disabled": ("đã khóa", "disabled"),
    "role_analyst": ("cán bộ phân tích", "analyst"),
    "role_admin": ("quản trị", "admin"),
    "edit": ("Thêm hoặc sửa tài khoản", "Add or change an account"),
    "new": ("+ Tài khoản mới", "+ New account"),
    "password": ("Mật khẩu mới (để trống: giữ mật khẩu cũ)", "New password (empty: keep the old one)"),
    "password2": ("Nhập lại mật khẩu", "Repeat the password"),
    "mismatch": ("Hai mật khẩu không khớp.", "The passwords differ."),
    "lock": ("Khóa tài khoản", "Disable the account"),
    "save": ("Lưu", "Save"),
    "saved": ("Đã lưu tài khoản {login}.", "Saved account {login}."),
    "history": ("Lịch sử thay đổi", "Change history"),
    "when": ("Thời điểm (UTC)", "When (UTC)"),
    "who": ("Người thực hiện", "Who"),
    "what": ("Thay đổi", "Change"),
}
_t = translator(TEXT)


def render() -> None:
    v = state.view()
    user = auth.current()
    st.title(_t("title", v.lang))
    if user.role != "admin":
        st.error(_t("not_allowed", v.lang))
        return
    saved = st.session_state.pop("users_saved", None)
    if saved:
        st.success(_t("saved", v.lang, login=saved))
    configured, managed = auth.configured_accounts(), accounts.load()
    rows = [
        dict(
            login=k,
            name=a.get("name", k),
            role=a.get("role"),
            scope=a.get("scope") or "",
            email=a.get("email", ""),
            where=_t("in_secrets", v.lang),
            state=_t("active", v.lang),
        )
        for k, a in configured.items()
    ]
    rows += [
        dict(
            login=k,
            name=a["name"],
            role=a["role"],
            scope=a.get("scope") or "",
            email=a.get("email", ""),
            where=_t("in_app", v.lang),
            state=_t("disabled" if a.get("disabled") else "active", v.lang),
        )
        for k, a in managed.items()
        if k not in configured
    ]
    table = pd.DataFrame(rows, columns=["login", "name", "role", "scope", "email", "where", "state"])
    table["role"] = [_t(f"role_{r}", v.lang) if r in accounts.ROLES else r for r in table["role"]]
    st.dataframe(table.rename(columns={c: _t(c, v.lang) for c in table.columns}), hide_index=True, width="stretch")

    st.subheader(_t("edit", v.lang))
    editable = [k for k in managed if k not in configured]
    picked = st.selectbox(
        _t("login", v.lang),
        ["__new__"] + editable,
        key="users_pick",
        format_func=lambda k: _t("new", v.lang) if k == "__new__" else k,
    )
    old = managed.get(picked, {})
    with st.form(f"users_form_{picked}", clear_on_submit=True):  # passwords do not stay in the session
        login = st.text_input(_t("login", v.lang)) if picked == "__new__" else picked
        name = st.text_input(_t("name", v.lang), old.get("name", ""))
        role = st.selectbox(
            _t("role", v.lang),
            list(accounts.ROLES),
            format_func=lambda r: _t(f"role_{r}", v.lang),
            index=list(accounts.ROLES).index(old.get("role", "analyst")),
        )
        scope = st.text_input(_t("scope", v.lang), old.get("scope") or "")
        email = st.text_input(_t("email", v.lang), old.get("email", ""))
        password = st.text_input(_t("password", v.lang), type="password")
        password2 = st.text_input(_t("password2", v.lang), type="password")
        disabled = st.checkbox(_t("lock", v.lang), value=bool(old.get("disabled")))
        if st.form_submit_button(_t("save", v.lang), type="primary"):
            if password != password2:
                st.error(_t("mismatch", v.lang))
            else:
                known = set(warehouse.table(v.key, "units")["code"])
                try:
                    accounts.save(
                        login,
                        name=name,
                        role=role,
                        scope=scope.strip() or None,
                        email=email,
                        password=password or None,
                        disabled=disabled,
                        who=f"{user.login} ({user.name})",
                        configured=set(configured),
                        known_units=known,
                    )
                except ProblemError as exc:
                    c.show_problems(exc, v.lang)
                else:
                    st.session_state["users_saved"] = login.strip().lower()
                    st.rerun()  # the table above shows the account as saved
    log = accounts.history()
    if log:
        st.subheader(_t("history", v.lang))
        st.dataframe(
            pd.DataFrame(
                {
                    _t("when", v.lang): [e["when"] for e in reversed(log)],
                    _t("who", v.lang): [e["who"] for e in reversed(log)],
                    _t("login", v.lang): [e["login"] for e in reversed(log)],
                    _t("what", v.lang): [e["what"] for e in reversed(log)],
                }
            ),
            hide_index=True,
            width="stretch",
        )


render()
