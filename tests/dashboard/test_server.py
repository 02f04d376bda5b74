"""The server the README starts (dashboard/server.py) puts security headers on every response (issue 16)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from pipelines.config import paths

EXPECTED = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@pytest.fixture(scope="module")
def server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard/server.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=paths.REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("the server did not start within 60 s")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def headers(url: str) -> dict[str, str]:
    try:
        response = urllib.request.urlopen(url, timeout=10)
    except urllib.error.HTTPError as err:  # a 404 must carry the headers too
        response = err
    return {k.lower(): v for k, v in response.headers.items()}


@pytest.mark.parametrize(
    "path", ["/", "/?unit=96&year=2024", "/_stcore/health", "/app/static/world_110m.json", "/khong-co"]
)
def test_every_response_carries_the_security_headers(server, path):
    got = headers(server + path)
    for name, part in EXPECTED.items():
        assert part in got.get(name, ""), (path, name, got.get(name))
    assert not any(ch.isdigit() for ch in got.get("server", "")), got.get("server")  # no server version
