"""The dashboard as the README starts it (`streamlit run dashboard/server.py`), in a subprocess on a free port, for
the tests that speak HTTP to it (headers, Chromium)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from pipelines.config import paths


def serve_app(env: dict | None = None, extra_args: list[str] | None = None) -> Iterator[str]:
    """Start the server, wait for its health check, yield the base URL, stop it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", "dashboard/server.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true", *(extra_args or [])]
    proc = subprocess.Popen(command, env=env, cwd=paths.REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield base
    proc.terminate()
    proc.wait(timeout=10)
