"""Probes of the abuse suite (benchmarks/abuse.py) that attack sign-in and sessions, or kill, starve or damage
builds and the warehouse file; the conventions are those of benchmarks/abuse_probes.py."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable

from benchmarks.abuse_probes import DISTRICT, Outcome, _app, _refusal
from pipelines.config import paths


# ------------------------------------------------------------------------------------------------ sign-in
def sign_in_brute_force() -> Outcome:
    from dashboard.staff import accounts, auth, throttle

    accounts.save(
        "tho",
        name="Thợ Thử",
        role="analyst",
        scope=DISTRICT,
        email="",
        password="đúng-mật-khẩu-2026",
        disabled=False,
        who="probe",
        configured=set(),
        known_units={DISTRICT},
    )
    throttle.reset()
    for n in range(30):
        auth.attempt("tho", f"sai-{n}", "10.9.9.9")
    result = auth.attempt("tho", "đúng-mật-khẩu-2026", "10.9.9.9")
    if isinstance(result, auth.Locked):
        return "refused", f"locked for {result.seconds:.0f} s after 30 wrong passwords"
    return "accepted", "the right password was accepted after 30 wrong ones"


def session_cookie_forged() -> Outcome:
    from dashboard.staff import session_cookie as sc

    token = sc.issue("tho")
    body, signature = token.split(".")
    forged = sc._b64(sc._unb64(body).replace(b"tho", b"adm"))
    if sc.verify(f"{forged}.{signature}", 1800) is None and sc.verify("x.y", 1800) is None:
        return "refused", "a forged token signs nobody in"
    return "accepted", "a forged token was accepted"


def session_cookie_after_sign_out() -> Outcome:
    from dashboard.staff import session_cookie as sc

    token = sc.issue("tho")
    sc.revoke(token)
    return ("refused", "revoked at sign-out") if sc.verify(token, 1800) is None else ("accepted", "still valid")


# ------------------------------------------------------------------------------------------------ builds
def _digest() -> str:
    import hashlib

    return hashlib.sha256(paths.warehouse_file().read_bytes()).hexdigest()


def build_killed(after_s: float) -> Callable[[], Outcome]:
    def probe() -> Outcome:
        before = _digest()
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipelines", "build"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(after_s)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if _digest() != before:
            return "data lost", "the warehouse changed under a killed build"
        from pipelines.build.runner import build

        build()
        left = list(paths.warehouse_file().parent.glob("*.tmp-*"))
        if left:
            return "accepted", f"{len(left)} temporary files left"
        return "refused", "warehouse intact; temporary files removed by the next build"

    probe.__name__ = f"build_killed_after_{after_s:g}s"
    probe.checks_itself = True  # the next build inside the probe rewrites the warehouse on purpose
    return probe


def warehouse_truncated() -> Outcome:
    """A warehouse cut short (a copy in progress): visitors get a plain message, never a traceback."""
    path = paths.warehouse_file()
    kept = path.read_bytes()
    path.write_bytes(kept[: len(kept) // 3])
    try:
        at = _app()
        page = " ".join(e.value for e in at.error) + " ".join(m.value for m in at.markdown)
        if at.exception or str(path) in page:
            return "accepted", "a traceback or a server path reached the page"
        return "refused", "a plain message; the cause in the server log"
    finally:
        path.write_bytes(kept)


warehouse_truncated.checks_itself = True  # it damages the file on purpose and puts it back


def build_on_a_full_disk() -> Outcome:
    import errno

    from pipelines.build import runner

    real = runner.os.replace

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    runner.os.replace = full
    try:
        return _refusal(runner.build, "warehouse_unwritable")
    finally:
        runner.os.replace = real


SYSTEM_PROBES: list[Callable[[], Outcome]] = [
    sign_in_brute_force,
    session_cookie_forged,
    session_cookie_after_sign_out,
    *(build_killed(t) for t in (0.2, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)),
    build_on_a_full_disk,
    warehouse_truncated,
]
