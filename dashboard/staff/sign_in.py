"""The staff sign-in box of the sidebar: password (argon2) or the identity provider; viewers need nothing."""

from __future__ import annotations

import math

import streamlit as st

from dashboard.staff import auth, session_cookie
from dashboard.ui.i18n import t


def sign_in_box(user, lg: str) -> None:
    """Staff sign in here; viewers need nothing. Names are escaped by Streamlit (text, not HTML)."""
    _box(user, lg)
    if "auth_cookie" in st.session_state:  # a sign-in or sign-out of the last run: the browser's cookie follows
        session_cookie.write_cookie(st.session_state.pop("auth_cookie"))  # below the box, which keeps its place


def _box(user, lg: str) -> None:
    with st.expander(t("staff", lg), expanded=False):
        if user.can_edit:
            scope = f" · {user.scope}" if user.scope else ""
            st.caption(t("signed_in", lg, name=user.name, role=t(f"role_{user.role}", lg), scope=scope))
            if st.button(t("sign_out", lg), key="sign_out"):
                auth.sign_out()
                if auth.oidc_configured() and getattr(st.user, "is_logged_in", False):
                    st.logout()
                st.rerun()
            return
        if st.session_state.pop("auth_expired", False):
            st.warning(t("expired", lg))
        if auth.oidc_configured() and st.button(t("sign_in_oidc", lg), key="sign_in_oidc"):
            st.login()
        with st.form("sign_in", border=False, clear_on_submit=True):  # the password does not stay in the session
            login = st.text_input(t("login", lg))
            password = st.text_input(t("password", lg), type="password")
            if st.form_submit_button(t("sign_in", lg)):
                found = auth.attempt(login, password, _client())
                if isinstance(found, auth.Locked):
                    st.error(t("locked", lg, minutes=max(1, math.ceil(found.seconds / 60))))
                elif found is None:
                    st.error(t("bad_login", lg))
                else:
                    auth.sign_in(found)
                    st.rerun()


def _client() -> str | None:
    """The client's address as the server saw it (behind a proxy: the proxy's, so the account limit still holds)."""
    try:
        return st.context.ip_address
    except Exception:  # AppTest and older servers have none
        return None
