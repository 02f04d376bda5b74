"""The server the dashboard runs in: `streamlit run dashboard/server.py` serves dashboard/app.py as a Streamlit
App (ASGI) with security headers on every response (issue 16):

- Content-Security-Policy: only this server's scripts, styles, images, fonts and websocket; no plugins, no base
  rewriting, no framing by other sites (frame-ancestors 'none'). Streamlit's own front end needs inline styles and
  scripts and Plotly needs eval, so those stay allowed: the policy stops foreign content, not Streamlit;
- X-Frame-Options: DENY (older browsers), X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer,
  Permissions-Policy: no camera, microphone or location;
- no server version: the Server header uvicorn adds says "uvicorn" only (Tornado used to add its version).
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

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


app = st.App("app.py", middleware=[Middleware(SecurityHeaders)])
