"""Staff sessions survive a reload through a signed, expiring cookie (issue 16); the rules of the token."""

from __future__ import annotations

from dashboard.staff import session_cookie as sc

IDLE = 1800.0


def test_a_fresh_token_signs_its_login_in(world):
    token = sc.issue("lan", now=1000.0)
    assert sc.verify(token, IDLE, now=1500.0) == "lan"


def test_a_tampered_token_is_refused(world):
    token = sc.issue("lan", now=1000.0)
    body, signature = token.split(".")
    forged = sc._b64(sc._unb64(body).replace(b"lan", b"adm"))
    assert sc.verify(f"{forged}.{signature}", IDLE, now=1001.0) is None
    assert sc.verify("not-a-token", IDLE) is None and sc.verify(None, IDLE) is None


def test_an_idle_expired_or_revoked_token_is_refused(world):
    token = sc.issue("lan", now=1000.0)
    assert sc.verify(token, IDLE, now=1000.0 + IDLE + 1) is None  # idle longer than the timeout
    active = sc.issue("lan", now=1000.0)
    last = 1000.0
    while last + 600 < 1000.0 + sc.LIFETIME_S:  # used every 10 minutes for its whole life...
        last += 600
        sc.touch(active, now=last)
    assert sc.verify(active, IDLE, now=1000.0 + sc.LIFETIME_S - 1) == "lan"
    assert sc.verify(active, IDLE, now=1000.0 + sc.LIFETIME_S + 1) is None  # ...but not one second past it
    signed_out = sc.issue("lan", now=1000.0)
    sc.revoke(signed_out)
    assert sc.verify(signed_out, IDLE, now=1001.0) is None


def test_the_key_is_kept_private_and_stable(world):
    first = sc.issue("lan", now=1000.0)
    key = sc.paths.history_dir() / ".session_key"
    assert key.exists() and oct(key.stat().st_mode & 0o777) == "0o600"
    assert sc.verify(first, IDLE, now=1001.0) == "lan"


def set_password(login: str, password: str) -> None:
    """An admin creates the analyst, or gives them a new password, on the Người dùng page."""
    from dashboard.staff import accounts

    accounts.save(
        login,
        name="Trần Văn Minh",
        role="analyst",
        scope="991",
        email="",
        password=password,
        disabled=False,
        who="admin",
        configured=set(),
        known_units={"991"},
    )


def test_a_sign_out_survives_a_restart_and_a_new_password_ends_old_sessions(world):
    """Review: revocations lived in one process's memory; a restarted server accepted a signed-out cookie again."""
    import time

    now = time.time()
    signed_out = sc.issue("lan", now=now - 10)
    sc.revoke(signed_out)
    sc._revoked.clear()  # a restart (or another server process) forgets what this one kept in memory
    sc._last_seen.clear()
    assert sc.verify(signed_out, IDLE, now=now) is None
    assert sc.verify(sc.issue("lan"), IDLE) == "lan"  # signing in again works
    set_password("minh", "mật-khẩu-cũ-đủ-dài")
    before = sc.issue("minh")
    time.sleep(0.01)
    set_password("minh", "mật-khẩu-mới-đủ-dài")
    assert sc.verify(before, IDLE) is None
    key = sc._not_before_file()
    assert oct(key.stat().st_mode & 0o777) == "0o600"
