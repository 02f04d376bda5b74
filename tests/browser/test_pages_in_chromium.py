"""The dashboard in a real browser: headless Debian Chromium driven by Playwright opens every page on the
demo data, waits for its charts, checks that nothing failed, and saves a screenshot per page at 1600×900
(in $XHHT_SCREENSHOTS, default tests/browser/screenshots/, not committed).

Skipped on a developer machine without Chromium; never skipped in CI (CI=true), where .ci/run installs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.exports.headless_chromium import ARGS as HEADLESS_ARGS
from pipelines.config import paths
from pipelines.config.settings import settings
from tests.app_server import serve_app

CHROMIUM = settings().browser_path or "/usr/bin/chromium"  # the one the exports use (settings.browser)
WAREHOUSE: dict[str, Path] = {}
PAGES = [  # (url path, needs a Plotly chart)
    ("", False),
    ("chi-tieu", True),
    ("don-vi", True),
    ("xoa-mu-chu", False),
    ("pho-cap", True),
    ("danh-hieu", False),
    ("tuan-le", True),
    ("bao-cao", False),
    ("chat-luong-du-lieu", False),
    ("phuong-phap", False),
    ("trinh-chieu", False),
]
ARGS = HEADLESS_ARGS


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install -y chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def serve(tmp_path_factory, extra_env: dict | None = None, extra_args: list[str] | None = None):
    """Build the demo warehouse into a temporary file and serve the app on a free port; yields the base URL."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {reason}")
        pytest.skip(reason)
    warehouse = tmp_path_factory.mktemp("browser") / "xhht.duckdb"
    WAREHOUSE["path"] = warehouse
    env = {**os.environ, "XHHT_WAREHOUSE": str(warehouse), **(extra_env or {})}
    subprocess.run(
        [sys.executable, "-m", "pipelines", "build"], env=env, cwd=paths.REPO, check=True, capture_output=True
    )
    yield from serve_app(env, extra_args)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serve(tmp_path_factory)


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _shots_dir() -> Path:
    out = Path(os.environ.get("XHHT_SCREENSHOTS", paths.REPO / "tests" / "browser" / "screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.mark.parametrize("path, has_chart", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_renders_in_chromium(server, browser, path, has_chart, lang):
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/{path}?lang={lang}&unit=96&year=2024&indicator=gia_dinh_hoc_tap")
    page.wait_for_selector("h1", timeout=30_000)
    if has_chart:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_timeout(1_500)
    body = page.inner_text("body")
    assert "Page not found" not in body
    assert page.locator('[data-testid="stException"]').count() == 0
    assert ("Dữ liệu minh họa" if lang == "vi" else "Illustrative data") in body
    if path == "don-vi":
        # the map drew its 101 communes (an SVG path per commune) without any internet
        assert page.locator(".choroplethlocation").count() >= 100
    page.screenshot(path=str(_shots_dir() / f"{path or 'tong-quan'}_{lang}_1600x900.png"))
    page.close()
    assert not errors, errors


def test_a_scorecard_row_opens_the_indicator_detail(server, browser):
    """The indicator's name in the scorecard is a link to its detail, in the same tab, for the same unit and year."""
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    page.goto(f"{server}/?lang=vi&unit=96&year=2024")
    name = "Tỷ lệ gia đình đạt danh hiệu “Gia đình học tập”"
    page.wait_for_selector("table.xh-table", timeout=30_000)
    page.locator("table.xh-table").get_by_role("link", name=name).click()
    page.wait_for_url("**/chi-tieu**", timeout=15_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    assert "indicator=gia_dinh_hoc_tap" in page.url and "unit=96" in page.url and "year=2024" in page.url
    assert page.locator("h1").first.inner_text() == name
    page.close()


def test_a_chart_downloads_as_png_and_its_table_as_excel(server, browser):
    """Through the menu under the Week chart: the PNG is drawn by kaleido on the server, the Excel opens."""
    import io

    from openpyxl import load_workbook

    page = browser.new_page(viewport={"width": 1600, "height": 900}, accept_downloads=True)
    page.goto(f"{server}/tuan-le?lang=vi&unit=96&year=2024")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.get_by_text("Tải xuống").first.click()
    with page.expect_download(timeout=60_000) as png:
        page.get_by_text("Biểu đồ (PNG)").first.click()
    data = Path(png.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and png.value.suggested_filename.endswith("_96_2024.png")
    (_shots_dir() / "download_week_chart.png").write_bytes(data)
    with page.expect_download(timeout=60_000) as xlsx:
        page.get_by_text("Bảng (Excel)").first.click()
    ws = load_workbook(io.BytesIO(Path(xlsx.value.path()).read_bytes()))["Dữ liệu"]
    assert ws.freeze_panes == "A2" and ws.max_row >= 7  # header + one row per kind of activity
    page.close()


def test_the_periodic_report_downloads_as_pdf(server, browser):
    from pypdf import PdfReader

    page = browser.new_page(viewport={"width": 1600, "height": 900}, accept_downloads=True)
    page.goto(f"{server}/bao-cao?lang=vi&unit=96&year=2024")
    page.get_by_text("Tạo báo cáo").click()
    page.wait_for_selector("text=Xem trước nội dung", timeout=120_000)
    with page.expect_download(timeout=60_000) as pdf:
        page.get_by_role("button", name="PDF").click()
    path = Path(pdf.value.path())
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 3
    (_shots_dir() / "bao-cao_96_2024.pdf").write_bytes(path.read_bytes())
    page.close()


def test_the_new_map_after_the_reform(server, browser):
    """2025 on the new map: the new Cà Mau's communes drawn from dissolved polygons; the province series on current
    boundaries before 2025 beside the values as reported."""
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    page.goto(f"{server}/don-vi?lang=vi&unit=96&year=2025&indicator=gia_dinh_hoc_tap")
    page.wait_for_selector(".choroplethlocation", timeout=30_000)
    assert page.locator(".choroplethlocation").count() >= 39  # new communes with polygons (old Cà Mau part)
    assert "ranh giới gần đúng" in page.inner_text("body") or "Bản đồ xã mới" in page.inner_text("body")
    page.screenshot(path=str(_shots_dir() / "don-vi_2025_new_map.png"))
    page.goto(f"{server}/chi-tieu?lang=vi&unit=96&year=2026&indicator=gia_dinh_hoc_tap")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_timeout(1_000)
    body = page.inner_text("body")
    assert "Theo địa giới mới (quy đổi)" in body and "Đơn vị hành chính mới" in body and "từ 1/7/2025" in body
    page.screenshot(path=str(_shots_dir() / "chi-tieu_2026_reform.png"))
    page.close()
