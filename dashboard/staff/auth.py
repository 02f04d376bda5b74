"""Who is using the app: viewer (default, nobody signed in), analyst (edits targets within a scope: a province or
one district), admin (everything). Accounts live in .streamlit/secrets.toml with argon2 password hashes, never
clear text:

    [auth]
    timeout_minutes = 30          # a signed-in session ends after this long without activity

    [users.lan]
    name = "Nguyễn Thị Lan"
    role = "analyst"              # analyst | admin
    scope = "964"                 # the unit whose targets this analyst may change (and everything below it)
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$…"   # python -m dashboard.staff.passwords hash

A deployment with an identity provider can add Streamlit's OpenID Connect settings to [auth] (client_id, …):
the app then offers st.login(), and a user's role comes from [users.<name>] with a matching `email`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from dashboard.staff import accounts, passwords, session_cookie, throttle

ROLES = ("viewer", "analyst", "admin")


@dataclass(frozen=True)
class User:
    login: str
    name: str
    role: str = "viewer"
    scope: str | None = None  # unit code; None = everywhere (admin)

    @property
    def can_edit(self) -> bool:
        return self.role in ("analyst", "admin")


VIEWER = User("", "", "viewer")


def configured_accounts() -> dict:
    """Accounts of .streamlit/secrets.toml (the deployment's; read-only in the app)."""
    try:
        return {k: dict(v) for k, v in st.secrets.get("users", {}).items()}
    except FileNotFoundError:
        return {}


def _accounts() -> dict:
    """Every enabled account: those an admin manages in the app (staff/accounts.py), then secrets.toml (wins)."""
    managed = {k: v for k, v in accounts.load().items() if not v.get("disabled")}
    return {**managed, **configured_accounts()}


def _user(login: str, account: dict) -> User:
    role = account.get("role", "viewer")
    return User(
        login,
        account.get("name", login),
        role if role in ROLES else "viewer",
        None if role == "admin" else str(account.get("scope", "") or "") or None,
    )


def _timeout_s() -> float:
    try:
        return 60 * float(st.secrets.get("auth", {}).get("timeout_minutes", 30))
    except FileNotFoundError:
        return 1800.0


def check(login: str, password: str) -> User | None:
    """The account if the password matches its hash; None otherwise (same answer for an unknown login)."""
    account = _accounts().get(login.strip()) or {}
    if not passwords.matches(account.get("password_hash"), password):
        return None
    return _user(login.strip(), account)


@dataclass(frozen=True)
class Locked:
    """Too many wrong passwords: try again after `seconds`."""

    seconds: float


def attempt(login: str, password: str, client: str | None) -> User | Locked | None:
    """A sign-in try, throttled per account and per client address (throttle.py): Locked without checking the
    password while either must wait; else the account, or None for a wrong login or password."""
    wait = throttle.claim(login, client)  # counted as a failure until the password proves right
    if wait > 0:
        return Locked(wait)
    user = check(login, password)
    if user is not None:
        throttle.succeeded(login, client)
    return user


def oidc_configured() -> bool:
    try:
        return bool(st.secrets.get("auth", {}).get("client_id"))
    except FileNotFoundError:
        return False


def _oidc_user() -> User | None:
    """A user signed in through st.login(): their role from the account with the same email, else viewer."""
    if not oidc_configured() or not getattr(st.user, "is_logged_in", False):
        return None
    email = str(st.user.get("email", "")).lower()
    for login, account in _accounts().items():
        if str(account.get("email", "")).lower() == email and email:
            return _user(login, account)
    return User(email, str(st.user.get("name", email)), "viewer")


def _from_cookie() -> User | None:
    """A new browser session (a reload, a shared link) signed in by a valid session cookie."""
    token = session_cookie.from_browser()
    login = session_cookie.verify(token, _timeout_s())
    account = _accounts().get(login) if login else None
    if account is None:
        return None
    st.session_state["auth_token"] = token
    return _user(login, account)


def current() -> User:
    """The signed-in user, or the viewer; a session idle for longer than the timeout is signed out."""
    if st.session_state.get("auth_user") is None and not st.session_state.get("auth_signed_out"):
        restored = _from_cookie()
        if restored is not None and restored.can_edit:
            st.session_state["auth_user"] = restored
            st.session_state["auth_seen"] = time.time()
        else:
            oidc = _oidc_user()
            if oidc is not None and oidc.can_edit:
                sign_in(oidc)
    user = st.session_state.get("auth_user")
    if user is None:
        return VIEWER
    if time.time() - st.session_state.get("auth_seen", 0) > _timeout_s():
        sign_out()
        st.session_state["auth_expired"] = True
        return VIEWER
    account = _accounts().get(user.login)
    if account is None or _user(user.login, account) != user:  # disabled or changed by an admin meanwhile
        sign_out()
        return VIEWER
    st.session_state["auth_seen"] = time.time()
    session_cookie.touch(st.session_state.get("auth_token"))
    return user


def sign_in(user: User) -> None:
    """Sign this session in and ask the browser to keep a session cookie (written by the sign-in box)."""
    st.session_state["auth_user"] = user
    st.session_state["auth_seen"] = time.time()
    st.session_state.pop("auth_expired", None)
    st.session_state.pop("auth_signed_out", None)
    token = session_cookie.issue(user.login)
    st.session_state["auth_token"] = token
    st.session_state["auth_cookie"] = token


def sign_out() -> None:
    """End the session and revoke its cookie (the browser's copy is deleted by the sign-in box)."""
    session_cookie.revoke(st.session_state.pop("auth_token", None))
    for k in ("auth_user", "auth_seen"):
        st.session_state.pop(k, None)
    st.session_state["auth_cookie"] = None
    st.session_state["auth_signed_out"] = True


def in_scope(user: User, lineage: list[str]) -> bool:
    """`lineage`: a unit and its ancestors. Admins everywhere; an analyst at their scope unit or below it."""
    if user.role == "admin":
        return True
    return user.role == "analyst" and user.scope is not None and user.scope in lineage
