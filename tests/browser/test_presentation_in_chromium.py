"""Presentation mode on a projector's screen sizes, in headless Chromium: every slide of the demo deck fits
without scrolling, no text is under the minimum, keys move the slide and the URL; the PDF has a page per slide.
Screenshots of every slide at both sizes go to the screenshots folder."""

from __future__ import annotations

import io
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard.present.deck_store import DEFAULT_SLIDES
from tests.browser.test_pages_in_chromium import _shots_dir, browser, server  # noqa: F401  (shared fixtures)

SIZES = [(1920, 1080), (1280, 720)]
MIN_TEXT_PX = 24  # body text; headline numbers are checked separately (≥ 64 px)
MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el) continue;
    if (el.closest('.st-key-deck_keys, script, style, noscript')) continue;
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    // only text a viewer can see: on screen and not visually hidden (e.g. the "skip to content" link)
    if (r.width <= 1 || r.height <= 1 || cs.visibility === 'hidden' || cs.display === 'none') continue;
    if (r.right <= 0 || r.bottom <= 0 || r.left >= window.innerWidth || r.top >= window.innerHeight) continue;
    if (cs.clip === 'rect(0px, 0px, 0px, 0px)' || cs.clipPath === 'inset(50%)') continue;
    sizes.push([parseFloat(cs.fontSize), node.textContent.trim().slice(0, 40)]);
  }
  sizes.sort((a, b) => a[0] - b[0]);
  const big = [...document.querySelectorAll('.number .big')].map(e => parseFloat(getComputedStyle(e).fontSize));
  return {docScroll: document.documentElement.scrollHeight - window.innerHeight,
          mainScroll: main.scrollHeight - main.clientHeight,
          docScrollX: document.documentElement.scrollWidth - window.innerWidth,
          smallest: sizes.slice(0, 3), big: big};
}"""


def _open(browser, server, size, slide):  # noqa: F811
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{server}/?che_do=trinh_chieu&lang=vi&unit=96&year=2024&slide={slide}")
    page.wait_for_selector(".slide", timeout=30_000)
    if DEFAULT_SLIDES[slide - 1].startswith("group:"):
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_timeout(1_200)
    return page


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slide", range(1, len(DEFAULT_SLIDES) + 1))
def test_slide_fits_and_is_legible(server, browser, size, slide):  # noqa: F811
    page = _open(browser, server, size, slide)
    m = page.evaluate(MEASURE)
    page.screenshot(path=str(_shots_dir() / f"slide{slide}_{size[0]}x{size[1]}.png"))
    page.close()
    assert m["docScroll"] <= 0 and m["mainScroll"] <= 0 and m["docScrollX"] <= 0, m
    assert m["smallest"][0][0] >= MIN_TEXT_PX, m["smallest"]
    assert all(px >= 64 for px in m["big"]), m["big"]


# the chart's box, the footer's top, pairs of the chart's text nodes whose boxes overlap, texts crossed by a line of
# a trace (the milestones' dashes, the projection's dots, the actual values' line: points every 2 px along each
# path; guides such as the reform's vertical line pass behind the labels' white), texts cut by the plot area (the
# values written on the lines) or by the figure (the rest), the characters of the buttons' own text (Material icons
# excepted: a font the app serves), and each deck button's box, whether it is disabled, and the contrast of its text
# with the slide's white (WCAG ratio)
LAYOUT = """() => {
  const svg = document.querySelector('.st-key-slide_chart .main-svg');
  const nodes = svg ? [...document.querySelectorAll('.st-key-slide_chart svg text')].filter(e => e.textContent.trim()) : [];
  const texts = nodes.map(e => [e.textContent.trim(), e.getBoundingClientRect()]);
  const overlaps = [], crossed = [], cut = [];
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    const [a, r] = texts[i], [b, q] = texts[j];
    if (Math.min(r.right, q.right) - Math.max(r.left, q.left) > 1 && Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top) > 1)
      overlaps.push([a, b]);
  }
  const points = [];
  for (const p of svg ? svg.querySelectorAll('.scatterlayer path.js-line') : []) {
    const m = p.getScreenCTM(), n = p.getTotalLength();
    for (let s = 0; s <= n; s += 2) {
      const q = p.getPointAtLength(s);
      points.push([m.a * q.x + m.c * q.y + m.e, m.b * q.x + m.d * q.y + m.f]);
    }
  }
  const gd = document.querySelector('.st-key-slide_chart .js-plotly-plot'), fl = gd && gd._fullLayout;
  const fig = svg && svg.getBoundingClientRect();
  const plot = fl && {left: fig.left + fl.xaxis._offset, right: fig.left + fl.xaxis._offset + fl.xaxis._length,
                      top: fig.top + fl.yaxis._offset, bottom: fig.top + fl.yaxis._offset + fl.yaxis._length};
  nodes.forEach((e, i) => {
    const [a, r] = texts[i];
    if (points.some(([x, y]) => x > r.left + 1 && x < r.right - 1 && y > r.top + 1 && y < r.bottom - 1)) crossed.push(a);
    const note = e.closest('.annotation'), placed = note && fl.annotations[+note.getAttribute('data-index')];
    const box = e.closest('.scatterlayer') || (placed && placed.yref === 'y') ? plot : fig;  // values on the lines
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
      cut.push(a);
  });
  const chars = [], icons = [];
  for (const b of document.querySelectorAll('button')) {
    const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      const icon = el.closest('[data-testid="stIconMaterial"]');
      const r = el.getBoundingClientRect(), cs = getComputedStyle(el);  // text for screen readers only is skipped
      if (r.width <= 1 || r.height <= 1 || cs.clip === 'rect(0px, 0px, 0px, 0px)' || cs.clipPath === 'inset(50%)') continue;
      if (icon) icons.push(getComputedStyle(icon).fontFamily); else chars.push(...walker.currentNode.textContent);
    }
  }
  // a colour as painted on white: its own alpha and every ancestor's opacity
  const onWhite = (colour, el) => {
    let [r, g, b, a] = colour.match(/[\\d.]+/g).map(Number); a = a === undefined ? 1 : a;
    for (let e = el; e; e = e.parentElement) a *= parseFloat(getComputedStyle(e).opacity);
    return [r, g, b].map(c => c * a + 255 * (1 - a));
  };
  const luminance = rgb => rgb.map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
      .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const buttons = [...document.querySelectorAll('.st-key-deck_controls button')]
      .filter(b => b.getBoundingClientRect().width > 0).map(b => {  // Streamlit keeps a hidden copy for its width
    const ink = b.querySelector('[data-testid="stIconMaterial"], p') || b;
    const r = b.getBoundingClientRect(), i = ink.getBoundingClientRect();
    const fg = luminance(onWhite(getComputedStyle(ink).color, ink));
    const bg = luminance(onWhite(getComputedStyle(b).backgroundColor, b));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const key = [...b.closest('[class*="st-key-deck_"]').classList].find(c => c.startsWith('st-key-deck_')).slice(12);
    return {key: key, disabled: b.disabled, contrast: Math.round(ratio * 100) / 100, top: r.top, bottom: r.bottom,
            left: r.left, right: r.right, inkMiddle: (i.top + i.bottom) / 2};
  });
  return {chartBottom: svg ? svg.getBoundingClientRect().bottom : null,
          footerTop: document.querySelector('.footer').getBoundingClientRect().top,
          footer: [...document.querySelectorAll('.footer span')].map(e => e.getBoundingClientRect())
              .map(r => [r.left, r.right]),
          textBottom: Math.max(...texts.map(([, r]) => r.bottom)),
          texts: texts.length, overlaps: overlaps, crossed: crossed, cut: cut, buttons: buttons,
          chars: [...new Set(chars)].join(''), icons: [...new Set(icons)],
          docScrollX: document.documentElement.scrollWidth - window.innerWidth};
}"""
# the letters, digits and punctuation of Vietnamese and English: what the app's text font draws
PLAIN = re.compile(r"^[\sA-Za-z0-9ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ.,:;!?()/%'\"·–-]*$")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slide", range(1, len(DEFAULT_SLIDES) + 1))
def test_slide_fills_the_room_without_overlaps_or_missing_glyphs(server, browser, size, slide):  # noqa: F811
    page = _open(browser, server, size, slide)
    m = page.evaluate(LAYOUT)
    page.close()
    if DEFAULT_SLIDES[slide - 1].startswith("group:"):
        # the chart reaches down to the footer (within a tenth of the screen), whatever the screen's size
        assert 0 <= m["footerTop"] - m["chartBottom"] <= 0.10 * size[1], m
        assert m["texts"] >= 5 and not m["overlaps"], m["overlaps"]
        assert not m["crossed"], m["crossed"]  # no line of a trace through a written value (e.g. the milestones)
        assert not m["cut"], m["cut"]  # no text cut by the plot's or the figure's edge ("Mức độ" for "Mức độ 2")
        assert m["textBottom"] + 8 <= min(b["top"] for b in m["buttons"]), m  # the years clear of the buttons
    # the presenter's buttons: those that move somewhere dark (WCAG 4.5:1), those that do not pale, all in one row,
    # between the footer's two ends
    buttons = {b["key"]: b for b in m["buttons"]}
    idle = {"first", "prev"} if slide == 1 else {"last"} if slide == len(DEFAULT_SLIDES) else set()
    assert {k for k, b in buttons.items() if b["disabled"]} == idle, buttons
    assert all(b["contrast"] >= 4.5 for b in buttons.values() if not b["disabled"]), buttons
    assert all(b["contrast"] <= 2.0 for b in buttons.values() if b["disabled"]), buttons
    for edge in ("top", "bottom", "inkMiddle"):
        assert max(b[edge] for b in buttons.values()) - min(b[edge] for b in buttons.values()) <= 1, (edge, buttons)
    left, right = min(b["left"] for b in buttons.values()), max(b["right"] for b in buttons.values())
    assert all(end < left or start > right for start, end in m["footer"]), (m["footer"], left, right)
    assert PLAIN.match(m["chars"]), m["chars"]  # no glyph the font lacks (an empty box on screen)
    assert len(m["icons"]) == 1 and "Material Symbols" in m["icons"][0], m["icons"]
    assert m["docScrollX"] <= 0


def test_the_title_slides_unit_name_is_larger_than_any_heading(server, browser):  # noqa: F811
    sizes = {}
    for slide in (1, 2):
        page = _open(browser, server, (1280, 720), slide)
        sizes[slide] = page.evaluate(
            "() => [...document.querySelectorAll('.slide h1, .slide .unit, .chart-title')]"
            ".map(e => [e.className, parseFloat(getComputedStyle(e).fontSize)])"
        )
        page.close()
    unit = [px for cls, px in sizes[1] if cls == "unit"]
    headings = [px for _, px in sizes[2]]
    assert unit and headings and unit[0] > max(headings), sizes


def test_a_district_deck_skips_groups_without_targets(server, browser):  # noqa: F811
    # Huyện U Minh has targets in four of the five groups in 2024: a deck of six slides, none of them empty
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        for slide in range(1, 7):
            page.goto(f"{server}/?che_do=trinh_chieu&lang=vi&unit=966&year=2024&slide={slide}")
            page.wait_for_function(f"document.body.innerText.includes('Trang {slide}/6')", timeout=30_000)
            page.wait_for_timeout(500)
            assert "Chưa có chỉ tiêu" not in page.inner_text("body")
    finally:
        page.close()


def test_where_we_are_behind_spans_indicators_at_one_level(server, browser):  # noqa: F811
    rows = {}
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    for year in (2024, 2026):
        page.goto(f"{server}/?che_do=trinh_chieu&lang=vi&unit=96&year={year}&slide={len(DEFAULT_SLIDES)}")
        page.wait_for_selector(".rows .row", timeout=30_000)
        rows[year] = page.evaluate(
            "() => [...document.querySelectorAll('.rows .row')].map(r => r.innerText.split('\\n'))"
        )
    page.close()
    # in 2026 every commune of Cà Mau is furthest behind on the same indicator; the slide still shows several
    units = [r[0] for r in rows[2026]]
    indicators = {r[1].split(":")[0] for r in rows[2026]}
    assert len(rows[2026]) == 5 and len(set(units)) == 5, rows
    assert len(indicators) >= 3, rows
    assert all(r[2].startswith("cần thêm") for r in rows[2026]), rows
    assert all(u.startswith(("✗ Xã", "✗ Phường")) for u in units), units
    # in 2024 the province is compared by its districts, never a district beside a commune (Huyện and Thị trấn U Minh)
    assert rows[2024] and all(r[0].startswith(("✗ Huyện", "✗ Thành phố", "✗ Thị xã")) for r in rows[2024]), rows


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_keyboard_moves_slide_and_url(server, browser, size):  # noqa: F811
    page = _open(browser, server, size, 1)
    last = len(DEFAULT_SLIDES)

    def go(key, expected):
        # a presenter's presses are hundreds of ms apart: press when the previous slide has finished running
        page.wait_for_function(
            "document.querySelector('.stApp').getAttribute('data-test-script-state') === 'notRunning'", timeout=15_000
        )
        page.keyboard.press(key)
        page.wait_for_url(f"**slide={expected}**", timeout=15_000)
        page.wait_for_function(f"document.body.innerText.includes('Trang {expected}/{last}')", timeout=15_000)

    go("ArrowRight", 2)
    go("Space", 3)
    go("PageDown", 4)
    go("ArrowLeft", 3)
    go("PageUp", 2)
    go("End", last)
    go("Home", 1)
    page.close()


def test_pdf_export_has_one_page_per_slide_with_its_title(server):  # noqa: F811
    from pypdf import PdfReader

    from dashboard.present.deck_pdf import deck_pdf

    # Playwright's sync API allows one session per thread, and the page tests hold one open in this thread
    with ThreadPoolExecutor(1) as pool:
        data = pool.submit(deck_pdf, server, "mac_dinh", "96", 2024, "vi").result(timeout=120)
    (_shots_dir() / "deck_mac_dinh.pdf").write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    titles = [
        "Tỉnh Cà Mau",
        "Xóa mù chữ",
        "Phổ cập giáo dục",
        "Danh hiệu học tập",
        "Kỹ năng và đào tạo",
        "Chuyển đổi số",
        "Những nơi còn chậm",
    ]
    assert len(reader.pages) == len(titles)
    for page, title in zip(reader.pages, titles):
        assert title in page.extract_text(), (title, page.extract_text()[:200])


def test_auto_advance_moves_to_the_next_slide(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    # a deck that advances every 2 s, passed by name in the URL (saved where the server reads decks)
    from dashboard.present import deck_store

    deck_store.save("tu-dong-test", ["title", "behind"], advance_s=2)
    try:
        page.goto(f"{server}/?che_do=trinh_chieu&deck=tu-dong-test&lang=vi&unit=96&year=2024&slide=1")
        page.wait_for_selector(".slide", timeout=30_000)
        page.wait_for_url("**slide=2**", timeout=15_000)
        page.wait_for_function("document.body.innerText.includes('Trang 2/2')", timeout=15_000)
        page.wait_for_url("**slide=1**", timeout=15_000)  # and loops
    finally:
        (deck_store.decks_dir() / "tu-dong-test.json").unlink(missing_ok=True)
        page.close()


def test_pdf_button_on_the_deck_page(server, browser, tmp_path):  # noqa: F811
    from pypdf import PdfReader

    page = browser.new_page(viewport={"width": 1600, "height": 900}, accept_downloads=True)
    page.goto(f"{server}/trinh-chieu?lang=vi&unit=96&year=2024&deck=mac_dinh")
    page.get_by_role("button", name="Tải PDF (mỗi trang chiếu một trang giấy)").click()
    link = page.get_by_role("button", name="PDF", exact=True)
    link.wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as download:
        link.click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    page.close()
    assert target.name == "xhht_96_2024_mac_dinh.pdf"
    assert len(PdfReader(target).pages) == len(DEFAULT_SLIDES)
