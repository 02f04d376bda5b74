"""Staff sessions that survive a reload or a shared link (issue 16): a signed, expiring cookie.

At sign-in the server issues a token `login|issued|expires|nonce` signed with HMAC-SHA256 and the page stores it as
the cookie `xhht_session` (SameSite=Strict, Secure on https). A new browser session (a reload) reads it through
`st.context.cookies` and is signed in again only if the signature holds, it has not expired (12 hours at most), it
was not revoked (signing out, a new password or a disabled account ends every cookie of the login, in every
process and across restarts) and the session was not idle longer than the idle timeout. The key is the
deployment's `[auth] cookie_secret` in secrets.toml, else a random key kept in the history folder (mode 0600).
Revocations and last activity are kept per server process; a restarted server falls back to the issue time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time

import streamlit as st

from pipelines.config import paths

COOKIE = "xhht_session"
LIFETIME_S = 12 * 3600

_lock = threading.Lock()
_revoked: set[str] = set()
_last_seen: dict[str, float] = {}


def _key() -> bytes:
    try:
        configured = st.secrets.get("auth", {}).get("cookie_secret")
    except FileNotFoundError:
        configured = None
    if configured:
        return str(configured).encode()
    path = paths.history_dir() / ".session_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
    return path.read_bytes()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue(login: str, now: float | None = None) -> str:
    now = time.time() if now is None else now
    payload = json.dumps([login, now, int(now + LIFETIME_S), secrets.token_hex(8)]).encode()
    signature = hmac.new(_key(), payload, hashlib.sha256).digest()
    with _lock:
        _last_seen[payload.decode()] = now
    return f"{_b64(payload)}.{_b64(signature)}"


def _payload(token: str | None) -> tuple[str, list] | None:
    if not token or token.count(".") != 1:
        return None
    body, signature = token.split(".")
    try:
        payload = _unb64(body)
        good = hmac.compare_digest(_unb64(signature), hmac.new(_key(), payload, hashlib.sha256).digest())
        fields = json.loads(payload) if good else None
    except (ValueError, json.JSONDecodeError):
        return None
    if not isinstance(fields, list) or len(fields) != 4:
        return None
    return payload.decode(), fields


def _not_before_file():
    return paths.history_dir() / ".session_not_before.json"


def _not_before(login: str) -> float:
    try:
        return float(json.loads(_not_before_file().read_text(encoding="utf-8")).get(login, 0))
    except (FileNotFoundError, ValueError):
        return 0.0


def end_all(login: str, now: float | None = None) -> None:
    """Every cookie of `login` issued until now stops working, in every server process and after a restart
    (sign-out, a new password, a disabled account). Kept in the history folder, mode 0600."""
    from pipelines.safe_files import atomic_write, locked

    path = _not_before_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path.with_name(".session_not_before.lock")):
        try:
            table = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            table = {}
        table[login] = time.time() if now is None else now
        atomic_write(path, json.dumps(table, sort_keys=True), mode=0o600)


def verify(token: str | None, idle_s: float, now: float | None = None) -> str | None:
    """The login the token was issued to, if it may sign a session in now; else None."""
    now = time.time() if now is None else now
    found = _payload(token)
    if found is None:
        return None
    key, (login, issued, expires, _) = found
    if issued <= _not_before(str(login)):
        return None
    with _lock:
        if key in _revoked or now > expires:
            return None
        if now - _last_seen.get(key, issued) > idle_s:
            _revoked.add(key)
            return None
    return str(login)


def touch(token: str | None, now: float | None = None) -> None:
    found = _payload(token)
    if found is not None:
        with _lock:
            _last_seen[found[0]] = time.time() if now is None else now


def revoke(token: str | None) -> None:
    """Sign-out: this token at once, and every cookie of its login everywhere (end_all)."""
    found = _payload(token)
    if found is not None:
        with _lock:
            _revoked.add(found[0])
        end_all(str(found[1][0]))


def write_cookie(token: str | None) -> None:
    """Store (or, with None, delete) the cookie in the browser; rendered once, invisible."""
    secure = "; Secure" if str(getattr(st.context, "url", "")).startswith("https") else ""
    value, age = (token, LIFETIME_S) if token else ("", 0)
    st.html(
        f"<script>document.cookie = '{COOKIE}={value}; Path=/; Max-Age={age}; SameSite=Strict{secure}';</script>",
        unsafe_allow_javascript=True,
    )


def from_browser() -> str | None:
    try:
        return st.context.cookies.get(COOKIE)
    except Exception:  # AppTest and bare mode have no request
        return None
