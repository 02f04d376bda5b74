"""An analyst of Huyện U Minh loads the district's own spreadsheet in headless Chromium: signs in, uploads a sheet
with title rows, merged headings, a total row, a 'Hoà' spelling and an unknown commune, reads the preview (rows
refused with reasons, names matched, values changed, statuses), commits, and the warehouse serves the new values.
Screenshots of the preview and of the result go to the screenshots folder."""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import pytest

from dashboard.staff.passwords import hash_password
from tests.browser.test_pages_in_chromium import WAREHOUSE, _shots_dir, browser, serve  # noqa: F401, F811  (shared fixtures)

PASSWORD = "mật-khẩu-thử-nghiệm-2026"


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("staff")
    secrets = root / "secrets.toml"
    secrets.write_text(
        f'[users.thu]\nname = "Phạm Thị Thu"\nrole = "analyst"\nscope = "966"\n'
        f'password_hash = "{hash_password(PASSWORD)}"\n',
        encoding="utf-8",
    )
    env = {
        "XHHT_INTAKE": str(root / "intake"),
        "XHHT_HISTORY": str(root / "history"),
        "XHHT_USERS": str(root / "users.json"),
    }
    yield from serve(tmp_path_factory, env, ["--secrets.files", str(secrets)])


def _district_sheet(warehouse: Path) -> tuple[bytes, dict]:
    """Huyện U Minh's 2024 learning-family figures as a district would type them, every numerator +20."""
    from openpyxl import Workbook

    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("""
            select u.code, u.name, o.numerator, o.denominator from observations o
            join unit_years u on u.code = o.unit_code and u.year = o.year
            where u.parent_code = '966' and o.year = 2024 and o.indicator = 'gia_dinh_hoc_tap'
            order by u.name collate vi""").fetchall()
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 1"
    for line in (
        "UBND HUYỆN U MINH",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        None,
        "BÁO CÁO KẾT QUẢ CÔNG NHẬN DANH HIỆU NĂM 2024",
        None,
    ):
        ws.append([line])
    ws.append(["STT", "Tên xã, thị trấn", "Gia đình học tập", None, None])
    ws.append([None, None, "Số hộ đạt", "Tổng số hộ", "Tỷ lệ (%)"])
    for rng in ("A6:A7", "B6:B7", "C6:E6"):
        ws.merge_cells(rng)
    expected = {}
    for n, (code, name, num, den) in enumerate(rows, start=1):
        written = name.replace("Hòa", "Hoà").replace("Thị trấn", "TT.")
        new = int(num) + 20
        ws.append(
            [
                n,
                written,
                f"{new:,}".replace(",", "."),
                f"{int(den):,}".replace(",", "."),
                f"{100 * new / den:.1f}%".replace(".", ","),
            ]
        )
        expected[code] = new
    ws.append([len(rows) + 1, "Xã Khánh Bình Đông", 100, 200, "50,0%"])
    ws.append([None, "Tổng cộng", sum(expected.values()), None, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), expected


def test_an_analyst_previews_and_commits_a_district_spreadsheet(staff_server, browser, tmp_path):  # noqa: F811
    data, expected = _district_sheet(WAREHOUSE["path"])
    upload = tmp_path / "u_minh_2024.xlsx"
    upload.write_bytes(data)
    page = browser.new_page(viewport={"width": 1600, "height": 2400})  # tall: the whole preview in one screenshot
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{staff_server}/?lang=vi&unit=966&year=2024")
    page.wait_for_selector("h1", timeout=30_000)
    page.get_by_text("Cán bộ đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("thu")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("text=Phạm Thị Thu · cán bộ phân tích", timeout=30_000)
    more = page.get_by_text(re.compile(r"^View \d+ more$"))
    if more.count():
        more.click()  # the sidebar folds long page lists
    page.get_by_role("link", name="Nạp dữ liệu").click()
    page.wait_for_selector("text=Phạm vi: Huyện U Minh (966)", timeout=30_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.wait_for_selector("text=Dòng bị từ chối", timeout=60_000)
    page.wait_for_timeout(1_500)
    page.screenshot(path=str(_shots_dir() / "nap-du-lieu_xem-truoc_1600x2400.png"), full_page=True)
    body = page.inner_text("body")  # the tables are canvas grids: their text is looked at in the screenshot
    assert f"Nạp {len(expected)} dòng hợp lệ; 1 dòng bị từ chối sẽ không được nạp" in body
    page.get_by_label("Lý do nạp / nội dung (bắt buộc)").fill("Phòng GD&ĐT U Minh gửi số liệu 2024 đã rà soát")
    page.get_by_text(f"Nạp {len(expected)} dòng hợp lệ").click()
    page.get_by_role("button", name="Nạp vào kho dữ liệu").click()
    page.wait_for_selector("text=và xây dựng lại kho dữ liệu", timeout=120_000)
    page.screenshot(path=str(_shots_dir() / "nap-du-lieu_da-nap_1600x2400.png"), full_page=True)
    # the same server now serves the new figures to everyone (a new session reads the rebuilt warehouse)
    with duckdb.connect(str(WAREHOUSE["path"]), read_only=True) as con:
        value = con.execute(
            "select value from actuals where unit_code = '966' and year = 2024 and indicator = 'gia_dinh_hoc_tap'"
        ).fetchone()[0]
    viewer = browser.new_page(viewport={"width": 1600, "height": 1000})
    viewer.goto(f"{staff_server}/chi-tieu?lang=vi&unit=966&year=2024&indicator=gia_dinh_hoc_tap")
    viewer.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    shown = viewer.locator('[data-testid="stMetricValue"]').first.inner_text()
    viewer.close()
    assert shown == f"{value:.1f}%".replace(".", ","), (shown, value)
    page.close()
    assert not errors, errors
    with duckdb.connect(str(WAREHOUSE["path"]), read_only=True) as con:
        loaded = dict(
            con.execute(
                "select unit_code, numerator from observations where year = 2024 and "
                "indicator = 'gia_dinh_hoc_tap' and unit_code in ?",
                [list(expected)],
            ).fetchall()
        )
    assert loaded == {k: float(v) for k, v in expected.items()}


def test_a_staff_session_survives_a_reload_and_a_sign_out_ends_it(staff_server, browser):  # noqa: F811
    """Issue 16: every reload or shared link signed staff out. The session cookie is signed and HttpOnly-free
    (set by the page), so a reload signs the analyst back in; signing out revokes it."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    page = context.new_page()
    page.goto(f"{staff_server}/?lang=vi&unit=966&year=2024")
    page.wait_for_selector("h1", timeout=30_000)
    page.get_by_text("Cán bộ đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("thu")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("text=Phạm Thị Thu · cán bộ phân tích", timeout=30_000)
    page.wait_for_function("document.cookie.includes('xhht_session=')", timeout=15_000)
    cookie = next(c for c in context.cookies() if c["name"] == "xhht_session")
    assert cookie["sameSite"] == "Strict" and cookie["expires"] > 0
    page.reload()
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_selector("text=Phạm Thị Thu · cán bộ phân tích", state="attached", timeout=30_000)
    if not page.get_by_role("button", name="Đăng xuất").is_visible():
        page.get_by_text("Cán bộ đăng nhập").click()
    # the page's run after the reload has finished (a click during a run can be lost on a busy machine)
    page.wait_for_function(
        "document.querySelector('.stApp')?.getAttribute('data-test-script-state') === 'notRunning'", timeout=30_000
    )
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_function(
        "!document.cookie.split('; ').some(c => c.startsWith('xhht_session=') && c.length > 13)", timeout=30_000
    )
    page.reload()
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_selector("text=Tên đăng nhập", state="attached", timeout=30_000)
    assert page.get_by_text("Phạm Thị Thu · cán bộ phân tích").count() == 0
    # a copy of the revoked cookie signs nobody in
    other = browser.new_context()
    other.add_cookies([{**cookie, "sameSite": "Strict"}])
    stolen = other.new_page()
    stolen.goto(f"{staff_server}/?lang=vi&unit=966&year=2024")
    stolen.wait_for_selector("h1", timeout=30_000)
    stolen.wait_for_selector("text=Tên đăng nhập", state="attached", timeout=30_000)
    assert stolen.get_by_text("Phạm Thị Thu · cán bộ phân tích").count() == 0
    context.close()
    other.close()
