"""The one headless Chromium that prints PDFs (reports, decks): the browser of the settings, started with the
flags this closed network needs (no background connections, no QUIC)."""

from __future__ import annotations

from pipelines.config.settings import settings

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def launch(playwright):
    """A browser from a running `sync_playwright()`; the caller closes it."""
    return playwright.chromium.launch(executable_path=settings().browser_path, args=ARGS)


def use_for_kaleido() -> None:
    """Kaleido reads the browser from BROWSER_PATH: point it at the same Chromium."""
    import os

    path = settings().browser_path
    if path:
        os.environ["BROWSER_PATH"] = path
