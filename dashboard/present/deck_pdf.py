"""Print a deck to PDF, one slide per 16:9 page, exactly as projected at 1920×1080, with the same headless
Chromium the browser tests use; the pages are merged with pypdf.

    python -m dashboard.present.deck_pdf --url http://localhost:8501 --deck mac_dinh --unit 96 --year 2024 --out deck.pdf

The dashboard must be running at --url (the app itself calls this with own_url(), its address on this machine).
"""

from __future__ import annotations

import argparse
import io
import threading
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from dashboard.exports.headless_chromium import launch

PRINTING = threading.Lock()  # the deck editor prints one PDF at a time (each is a headless Chromium)
HIDE_CONTROLS = ".st-key-deck_controls, .st-key-deck_keys {display: none !important;}"


def own_url() -> str:
    """The running app's own address on this machine, from the server's configuration: never an address the
    browser supplies (st.context.url can be rewritten by the client, which would make the server's Chromium fetch
    any page it names)."""
    import streamlit as st

    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://127.0.0.1:{int(st.get_option('server.port'))}" + (f"/{base}" if base else "")


def slide_url(app_url: str, deck: str, unit: str, year: int, lang: str, slide: int) -> str:
    parts = urlsplit(app_url)
    query = urlencode({"che_do": "trinh_chieu", "deck": deck, "unit": unit, "year": year, "lang": lang, "slide": slide})
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/?{query}"


def deck_pdf(app_url: str, deck: str, unit: str, year: int, lang: str = "vi", timeout_ms: int = 60_000) -> bytes:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.emulate_media(media="screen")  # print what the projector shows, not a print stylesheet
            # the slides shown for this unit and year (a group without targets there is skipped): the footer says
            # how many ("Trang 1/6")
            number, total = 1, 1
            while number <= total:
                page.goto(slide_url(app_url, deck, unit, year, lang, number))
                page.wait_for_function(
                    f"location.search.includes('slide={number}') && "
                    "/\\d+\\/\\d+$/.test(document.querySelector('.footer span:last-child')?.innerText || '')",
                    timeout=timeout_ms,
                )
                total = int(page.inner_text(".footer span:last-child").rsplit("/", 1)[1])
                if page.locator(".st-key-slide_chart").count():
                    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout_ms)
                page.add_style_tag(content=HIDE_CONTROLS)
                page.wait_for_timeout(800)
                one = page.pdf(
                    width="1920px",
                    height="1080px",
                    print_background=True,
                    page_ranges="1",
                    margin={"top": "0", "bottom": "0", "left": "0", "right": "0"},
                )
                writer.append(PdfReader(io.BytesIO(one)))
                number += 1
        finally:
            browser.close()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://localhost:8501")
    parser.add_argument("--deck", default="mac_dinh")
    parser.add_argument("--unit", default="96")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    parser.add_argument("--out", type=Path, default=Path("deck.pdf"))
    args = parser.parse_args(argv)
    args.out.write_bytes(deck_pdf(args.url, args.deck, args.unit, args.year, args.lang))
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
