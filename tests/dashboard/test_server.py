"""The server the README starts (dashboard/server.py) puts security headers on every response (issue 16)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.app_server import serve_app

EXPECTED = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@pytest.fixture(scope="module")
def server():
    yield from serve_app()


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
