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


def available() -> bool:
    """Whether a Chromium is there to draw charts and print PDFs (without it the exports offer the rest)."""
    return settings().browser_path is not None


class NoBrowser(RuntimeError):
    """No Chromium to draw with: raised at once, never a wait for a browser that will not start."""


def launch(playwright):
    """A browser from a running `sync_playwright()`; the caller closes it."""
    return playwright.chromium.launch(executable_path=settings().browser_path, args=ARGS)


def use_for_kaleido() -> None:
    """Kaleido reads the browser from BROWSER_PATH: point it at the same Chromium."""
    import os

    path = settings().browser_path
    if path:
        os.environ["BROWSER_PATH"] = path
