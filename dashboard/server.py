"""The server the dashboard runs in: `streamlit run dashboard/server.py` serves dashboard/app.py as a Streamlit
App (ASGI) with security headers on every response (issue 16):

- Content-Security-Policy: only this server's scripts, styles, images, fonts and websocket; no plugins, no base
  rewriting, no framing by other sites (frame-ancestors 'none'). Streamlit's own front end needs inline styles and
  scripts and Plotly needs eval, so those stay allowed: the policy stops foreign content, not Streamlit;
- X-Frame-Options: DENY (older browsers), X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer,
  Permissions-Policy: no camera, microphone or location;
- no server version: the Server header uvicorn adds says "uvicorn" only (Tornado used to add its version).

It serves the maps' polygons as files the browser keeps (/geo/<sha256>.json, dashboard/data_access/map_files.py).
It also serves Streamlit's own front end (the ~150 hashed script, style and font files of /static/ that every new
visitor's browser fetches) from memory (issue 15, first paint): Starlette's file responses read each file through
a worker thread per chunk, and while a page's script runs those hops wait for the interpreter, so a new visitor
waited seconds for files of a few kilobytes.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit import file_util

from dashboard.data_access import map_files
from pipelines.config import paths

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self' ws: wss:",
        "frame-src 'self' blob: data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
_OURS = {name for name, _ in HEADERS}


class SecurityHeaders:
    """Pure ASGI middleware: every HTTP response gets HEADERS (replacing any of the same name)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _OURS]
                message = {**message, "headers": kept + HEADERS}
            await send(message)

        await self.app(scope, receive, with_headers)


class FrontEndFromMemory:
    """Pure ASGI middleware: GET and HEAD of Streamlit's hashed front-end files (/static/…, immutable) answered from
    memory, each file read once; anything else (pages, the app's own /app/static/, websockets) passes through."""

    def __init__(self, app) -> None:
        self.app = app
        self.root = (Path(file_util.get_static_dir()) / "static").resolve()
        self.files: dict[str, tuple[bytes, list]] = {}

    def _file(self, name: str) -> tuple[bytes, list] | None:
        if name not in self.files:
            path = (self.root / name).resolve()
            if not path.is_relative_to(self.root) or not path.is_file():
                return None
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            body = path.read_bytes()
            headers = [
                (b"content-type", kind.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"public, immutable, max-age=31536000"),
            ]
            self.files[name] = (body, headers)
        return self.files[name]

    async def __call__(self, scope, receive, send) -> None:
        base = str(st.get_option("server.baseUrlPath") or "").strip("/")
        prefix = f"/{base}/static/" if base else "/static/"
        path = scope.get("path", "") if scope["type"] == "http" else ""
        found = (
            self._file(path[len(prefix) :])
            if path.startswith(prefix) and scope["method"] in ("GET", "HEAD") and ".." not in path
            else None
        )
        if found is None:
            await self.app(scope, receive, send)
            return
        body, headers = found
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


class MapFiles:
    """Pure ASGI middleware: GET and HEAD of /geo/<sha256>.json, a map's polygons (dashboard/data_access/map_files.py),
    from the folder every server process shares; named by their content, so the browser keeps them."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        name = path.rsplit("/", 1)[-1]
        found = None
        if (
            path.endswith(f"/{map_files.ROUTE}{name}")
            and map_files.NAME.match(name)
            and scope["method"] in ("GET", "HEAD")
        ):
            file = paths.map_files_dir() / name
            found = file.read_bytes() if file.is_file() else None
        if found is None:
            await self.app(scope, receive, send)
            return
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(found)).encode()),
            (b"cache-control", b"public, immutable, max-age=31536000"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else found})


app = st.App("app.py", middleware=[Middleware(SecurityHeaders), Middleware(FrontEndFromMemory), Middleware(MapFiles)])
