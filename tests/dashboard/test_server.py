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


def test_the_front_end_comes_from_memory_as_on_disk(server):
    """Streamlit's hashed front-end files (FrontEndFromMemory, issue 15): the bytes on disk, their type, cached for
    good by the browser, with the security headers; nothing outside Streamlit's static folder."""
    import re
    from pathlib import Path

    from streamlit import file_util

    index = urllib.request.urlopen(server + "/", timeout=10).read().decode()
    script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', index).group(1)
    response = urllib.request.urlopen(f"{server}/{script}", timeout=10)
    body = response.read()
    assert body == (Path(file_util.get_static_dir()) / script).read_bytes()
    assert "javascript" in response.headers["content-type"]
    assert "immutable" in response.headers["cache-control"]
    for name, part in EXPECTED.items():
        assert part in response.headers.get(name, ""), name
    # a path that leaves the folder, or a file that is not there: refused, or the page (Streamlit's fallback)
    for outside in ["/static/%2e%2e/%2e%2e/app.py", "/static/..%2f..%2fapp.py", "/static/js/khong-co.js"]:
        try:
            got = urllib.request.urlopen(server + outside, timeout=10).read()
        except urllib.error.HTTPError:
            continue
        assert got.decode() == index, outside  # the page itself


def test_the_served_dashboard_neither_collects_garbage_after_every_run_nor_watches_its_files():
    """Both cost a meeting most of its server time (docs/deployment.md): read the project's config.toml as the
    server reads it (Streamlit's own parser, from the repository's folder)."""
    import os

    from streamlit import config

    from pipelines.config import paths

    here = os.getcwd()
    os.chdir(paths.REPO)
    try:
        config.get_config_options(force_reparse=True)
        assert config.get_option("runner.postScriptGC") is False
        assert config.get_option("server.fileWatcherType") == "none"
    finally:
        os.chdir(here)
        config.get_config_options(force_reparse=True)
