"""Sign-in throttling (issue 16): after repeated wrong passwords an account, and separately a client address, must
wait before the next try; the wait doubles with each further failure, up to a ceiling. A locked try is refused
before any password hashing, so guessing costs the server nothing. State is per server process (a deployment with
several processes behind a proxy throttles per process: still bounded, see README).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

WINDOW_S = 15 * 60  # failures older than this are forgotten
ACCOUNT_FREE = 5  # wrong passwords an account may have in the window before it waits
CLIENT_FREE = 20  # wrong passwords from one address (any accounts) before it waits
FIRST_WAIT_S = 30.0
MAX_WAIT_S = 15 * 60.0


@dataclass
class _Record:
    failures: list[float] = field(default_factory=list)


_lock = threading.Lock()
_records: dict[str, _Record] = {}


def _keys(login: str, client: str | None) -> list[tuple[str, int]]:
    keys = [(f"login:{login.strip().lower()}", ACCOUNT_FREE)]
    if client:
        keys.append((f"client:{client}", CLIENT_FREE))
    return keys


def _wait(record: _Record, free: int, now: float) -> float:
    record.failures = [t for t in record.failures if now - t < WINDOW_S]
    extra = len(record.failures) - free
    if extra < 0:
        return 0.0
    wait = min(MAX_WAIT_S, FIRST_WAIT_S * 2**extra)
    return max(0.0, record.failures[-1] + wait - now)


def wait_seconds(login: str, client: str | None, now: float | None = None) -> float:
    """Seconds before `login` may try again from `client` (0: now)."""
    now = time.time() if now is None else now
    with _lock:  # .get: a stream of unknown logins must not grow the table
        return max(_wait(_records.get(k) or _Record(), free, now) for k, free in _keys(login, client))


def claim(login: str, client: str | None, now: float | None = None) -> float:
    """One try, atomically: the wait if either key must wait, else 0 with a failure recorded in advance (so that
    parallel tries cannot each get a free guess while a hash runs); `succeeded` takes it back."""
    now = time.time() if now is None else now
    with _lock:
        wait = max(_wait(_records.get(k) or _Record(), free, now) for k, free in _keys(login, client))
        if wait == 0:
            for key, _ in _keys(login, client):
                _records.setdefault(key, _Record()).failures.append(now)
        return wait


def failed(login: str, client: str | None, now: float | None = None) -> None:
    now = time.time() if now is None else now
    with _lock:
        for key, _ in _keys(login, client):
            _records.setdefault(key, _Record()).failures.append(now)


def succeeded(login: str, client: str | None = None) -> None:
    """A right password: the account's failures are forgotten and the client's claimed try taken back."""
    with _lock:
        _records.pop(f"login:{login.strip().lower()}", None)
        record = _records.get(f"client:{client}") if client else None
        if record and record.failures:
            record.failures.pop()


def reset() -> None:
    """Forget every failure (tests)."""
    with _lock:
        _records.clear()
