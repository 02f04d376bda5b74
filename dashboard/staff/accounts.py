"""Accounts an admin manages in the app, beside those configured in .streamlit/secrets.toml.

    users_file() (default .streamlit/users.json, not in git)   {login: {name, role, scope, email, password_hash, disabled}}
    history_dir()/users.jsonl                                  who changed which account, when, what (never a password
                                                               or a hash)

Accounts in secrets.toml are the deployment's and cannot be changed here; a login defined there cannot be created
in the app. Passwords are stored as argon2 hashes only (passwords.py).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from dashboard.staff.passwords import hash_password
from pipelines.config import paths
from pipelines.problems import ProblemError
from pipelines.safe_files import atomic_write, locked

ROLES = ("analyst", "admin")
LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MIN_PASSWORD = 12


def users_file() -> Path:
    return paths.users_file()


def _log_file() -> Path:
    return paths.history_dir() / "users.jsonl"


def load() -> dict[str, dict]:
    try:
        return json.loads(users_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def history() -> list[dict]:
    try:
        return [json.loads(x) for x in _log_file().read_text(encoding="utf-8").splitlines() if x.strip()]
    except FileNotFoundError:
        return []


def _record(who: str, login: str, what: str) -> None:
    _log_file().parent.mkdir(parents=True, exist_ok=True)
    entry = dict(when=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), who=who, login=login, what=what)
    with open(_log_file(), "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def save(
    login: str,
    *,
    name: str,
    role: str,
    scope: str | None,
    email: str,
    password: str | None,
    disabled: bool,
    who: str,
    configured: set[str],
    known_units: set[str],
) -> None:
    """Create or change an app-managed account. `configured`: logins defined in secrets.toml (refused here);
    `known_units`: codes a scope may name. A new account needs a password; an empty one keeps the old hash."""
    login = login.strip().lower()
    if not LOGIN.match(login):
        raise ProblemError.of("account_login", login)
    if login in configured:
        raise ProblemError.of("account_in_secrets", login)
    if role not in ROLES:
        raise ProblemError.of("account_role", role, expected=", ".join(ROLES))
    if role == "analyst" and (not scope or scope not in known_units):
        raise ProblemError.of("account_scope", scope or "")
    if not name.strip():
        raise ProblemError.of("account_name")
    with locked(users_file().with_name(".users.lock")):
        accounts = load()
        old = accounts.get(login)
        if old is None and not password:
            raise ProblemError.of("account_password_missing")
        if password and len(password) < MIN_PASSWORD:
            raise ProblemError.of("account_password_short", expected=MIN_PASSWORD)
        entry = dict(
            name=name.strip(),
            role=role,
            scope=scope if role == "analyst" else None,
            email=email.strip().lower(),
            disabled=bool(disabled),
            password_hash=hash_password(password) if password else old["password_hash"],
        )
        changed = [k for k in ("name", "role", "scope", "email", "disabled") if old is None or old.get(k) != entry[k]]
        if password and old is not None:
            changed.append("password")
        accounts[login] = entry
        atomic_write(users_file(), json.dumps(accounts, ensure_ascii=False, indent=2, sort_keys=True), mode=0o600)
        if old is not None and (password or entry["disabled"]):  # a new password or a disabled account: no old session
            from dashboard.staff import session_cookie

            session_cookie.end_all(login)
        _record(who, login, "created" if old is None else "changed: " + ", ".join(changed or ["nothing"]))
