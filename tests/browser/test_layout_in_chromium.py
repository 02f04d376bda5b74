"""Every public page as its readers open it, in Chromium at a phone (390×844), a meeting room (1280×720, 1920×1080)
and an analyst's screen (1600×900): neither the document nor a table scrolls sideways, no chart text lies on another, no table
cell or label cuts its text, no button shows a character its font does not have, and on a phone the overview
shows the status of every target. A screenshot per page and size goes to $XHHT_SCREENSHOTS (default
tests/browser/screenshots/). Run this file on its own."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.data_access.warehouse import QUERIES
from tests.browser.test_pages_in_chromium import WAREHOUSE, _shots_dir, browser, serve  # noqa: F401

SIZES = [(390, 844), (1280, 720), (1600, 900), (1920, 1080)]
PAGES = ["", "chi-tieu", "don-vi", "xoa-mu-chu", "pho-cap", "danh-hieu", "tuan-le", "bao-cao", "chat-luong-du-lieu"]
PAGES += ["phuong-phap"]
QUERY = "lang=vi&unit=96&year=2024&indicator=gia_dinh_hoc_tap"

# the measures, taken in the page: each returns a list of offences (empty when the page is right)
SIDEWAYS = """() => {
  const out = [];
  const boxes = [document.documentElement, document.body, ...document.querySelectorAll(
    '[data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMainBlockContainer"]')];
  for (const el of boxes) {
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
  }
  // nor does a table inside its own box: columns off to the right are not read on a phone
  document.querySelectorAll('.xh-wrap').forEach(el => {
    if (el.offsetParent && el.scrollWidth > el.clientWidth + 1)
      out.push(`table "${el.querySelector('th')?.textContent}": ${el.scrollWidth} > ${el.clientWidth}`);
  });
  return out;
}"""

CHART_TEXT = """() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((plot, n) => {
    const boxes = [];
    plot.querySelectorAll('svg.main-svg text').forEach(el => {
      if (!el.textContent.trim() || el.closest('.hoverlayer')) return;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return;
      boxes.push([el.textContent, r]);
    });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, ra] = boxes[i], [b, rb] = boxes[j];
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 2 && h > 2) out.push(`chart ${n}: "${a}" overlaps "${b}"`);
    }
  });
  return out;
}"""

CUT_TEXT = """() => {
  const out = [];
  const main = document.querySelector('[data-testid="stMain"]');
  main.querySelectorAll('td, th').forEach(el => {
    if (el.scrollWidth > el.clientWidth + 1 && !(el.title || '').includes(el.textContent.trim()))
      out.push(`cell "${el.textContent}" cut: ${el.scrollWidth} > ${el.clientWidth}`);
  });
  main.querySelectorAll('*').forEach(el => {
    const s = getComputedStyle(el);
    if (s.textOverflow === 'ellipsis' && s.display !== 'inline' && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim()
        && !(el.title || '').includes(el.textContent.trim()))
      out.push(`"${el.textContent.slice(0, 60)}" cut: ${el.scrollWidth} > ${el.clientWidth}`);
  });
  if (main.querySelector('[data-testid="stDataFrame"]')) out.push('a canvas grid (st.dataframe) cuts long text');
  return out;
}"""

# a character in a button that the button's own font does not have is drawn by a fallback font the reader's
# phone may not have (an empty box): measured against two different fallbacks, a missing glyph measures the same
GLYPHS = """() => {
  const out = [];
  const ctx = document.createElement('canvas').getContext('2d');
  const width = (font, ch) => { ctx.font = font; return ctx.measureText(ch).width; };
  document.querySelectorAll('[data-testid="stMain"] button, [data-testid="stSidebar"] button').forEach(b => {
    const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, el = node.parentElement;
      const family = getComputedStyle(el).fontFamily.split(',')[0].trim();
      if (/material/i.test(family)) continue;  // icon ligatures
      for (const ch of node.textContent) {
        if (!ch.trim()) continue;
        const inFont = width(`20px ${family}, monospace`, ch) !== width('20px monospace', ch)
          || width(`20px ${family}, serif`, ch) !== width('20px serif', ch);
        if (!inFont) out.push(`"${ch}" (U+${ch.codePointAt(0).toString(16).toUpperCase()}) in "${node.textContent}" is not in ${family}`);
      }
    }
  });
  return out;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serve(tmp_path_factory)


def _open(browser, server, path: str, size: tuple[int, int], query: str = QUERY):  # noqa: F811
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{server}/{path}?{query}")
    page.wait_for_selector("h1", timeout=90_000)  # the first view of a build reads and caches its queries
    settle(page)
    return page


def settle(page) -> None:
    """Until the run has finished and every chart has drawn."""
    page.wait_for_timeout(2_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && [...document.querySelectorAll("
        "'.js-plotly-plot')].every(p => p.querySelector('.main-svg'))",
        timeout=60_000,
    )
    page.wait_for_timeout(1_000)
    page.evaluate("document.fonts.ready")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path", PAGES)
def test_page_layout(server, browser, path, size):  # noqa: F811 (the fixture imported above)
    page = _open(browser, server, path, size)
    offences = offences_on(page)
    screenshot(page, _shots_dir() / f"layout_{path or 'tong-quan'}_{size[0]}x{size[1]}.png")
    page.close()
    assert not offences, offences


def offences_on(page) -> dict[str, list[str]]:
    offences = {}
    for name, script in (("sideways", SIDEWAYS), ("chart text", CHART_TEXT), ("cut", CUT_TEXT), ("glyph", GLYPHS)):
        found = page.evaluate(script)
        if found:
            offences[name] = found[:8]
    return offences


def screenshot(page, path) -> None:
    """The whole page: the app scrolls inside its main box, so the window is made as tall as the content."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(int(height), 6000)})
    page.wait_for_timeout(1_000)
    page.screenshot(path=str(path), timeout=120_000)


def test_phone_overview_shows_every_status(server, browser):  # noqa: F811
    """At 390 px, one card per target with its status word, each inside the screen (no sideways scrolling)."""
    page = _open(browser, server, "", (390, 844))
    with duckdb.connect(str(WAREHOUSE["path"]), read_only=True) as con:
        n = len(con.execute((QUERIES / "scorecard.sql").read_text(encoding="utf-8"), ["96", 2024]).fetchall())
    cards = page.locator(".xh-card:visible")
    assert cards.count() == n
    for i in range(n):
        box = cards.nth(i).bounding_box()
        status = cards.nth(i).locator(".s").inner_text()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (i, box)
        assert status.split(" ", 1)[0] in "✓✗–·◌⊘§", status
    assert (
        page.locator("table.xh-table:visible").count() == 0 or not page.locator(".xh-has-cards table:visible").count()
    )
    page.close()


# 2016: the statistics office's series (real, no target) colours the 63 provinces; 2024: the programme's targets
@pytest.mark.parametrize("year, low, high", [(2016, 63, 63), (2024, 63, 63), (2026, 34, 34)])
def test_the_country_is_a_unit_with_a_map_of_its_provinces(server, browser, year, low, high):  # noqa: F811
    """?unit=VN opens the country (not a province in its place); its units page draws every province of the year:
    63 before the reform, 34 after, with or without data."""
    page = _open(browser, server, "don-vi", (1600, 900), f"lang=vi&unit=VN&year={year}")
    assert page.locator("h1").first.inner_text() == f"Đơn vị · Toàn quốc · {year}"
    assert "unit=VN" in page.url
    page.wait_for_selector(".choroplethlocation", timeout=30_000)
    assert low <= page.locator(".choroplethlocation").count() <= high
    screenshot(page, _shots_dir() / f"layout_don-vi_VN_{year}.png")
    page.close()
