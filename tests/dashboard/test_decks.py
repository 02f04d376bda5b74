"""Shared decks (issue 16, findings 2 and 4): anonymous viewers present and export decks but never change them;
the PDF export prints from the server's own address, never from one the browser supplies."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.present import deck_pdf
from dashboard.staff.passwords import hash_password
from pipelines.build.runner import build

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PASSWORD = "mật-khẩu-đủ-dài-2026"


@pytest.fixture
def app(world, tmp_path, monkeypatch):
    monkeypatch.setenv("XHHT_DECKS", str(tmp_path / "decks"))
    build()
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["users"] = {
        "lan": {"name": "Nguyễn Thị Lan", "role": "analyst", "scope": "99", "password_hash": hash_password(PASSWORD)}
    }
    at.query_params.update({"unit": "99", "year": "2023"})
    at.run()
    return at


def deck_page(at):
    at.switch_page("views/deck_editor.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_anonymous_viewer_cannot_save_or_change_a_deck(app, tmp_path):
    at = deck_page(app)
    assert not at.multiselect and not at.number_input  # no deck form at all
    assert any("cán bộ đăng nhập mới thay đổi" in c.value for c in at.caption)
    assert not (tmp_path / "decks").exists() or not list((tmp_path / "decks").glob("*.json"))
    picker = at.selectbox(key="deck_pick")
    assert picker.value == "mac_dinh" and "Bộ mặc định" in picker.options and "mac_dinh" not in picker.options


def test_staff_save_a_deck(app, tmp_path):
    app.text_input[0].input("lan")
    app.text_input[1].input(PASSWORD)
    app.button[-1].click().run()
    at = deck_page(app)
    at.multiselect[0].set_value(["behind", "title"])
    name = next(t for t in at.text_input if "Lưu với tên" in t.label)
    name.input("hop-thang")
    next(b for b in at.button if "Lưu bộ trình chiếu" in b.label).click().run()
    assert not at.exception and (tmp_path / "decks" / "hop-thang.json").exists()


def test_the_pdf_is_printed_from_the_servers_own_address(app, monkeypatch):
    """The browser can rewrite st.context.url; the server's Chromium must not fetch an address it names."""
    asked = []
    monkeypatch.setattr(deck_pdf, "deck_pdf", lambda url, *a, **k: asked.append(url) or b"%PDF-1.4")
    at = deck_page(app)
    next(b for b in at.button if "PDF" in b.label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert asked and asked[0].startswith("http://127.0.0.1:")


def test_slide_urls_keep_the_servers_address_and_base_path():
    url = deck_pdf.slide_url("http://127.0.0.1:8501/xhht", "mac_dinh", "96", 2024, "vi", 2)
    assert url.startswith("http://127.0.0.1:8501/xhht/?") and "slide=2" in url and "deck=mac_dinh" in url


def test_one_pdf_at_a_time_and_a_failure_is_a_plain_message(app, monkeypatch):
    """Review: anyone could start any number of Chromiums, and a failure put the exception text on the page."""

    def broken(*a, **k):
        raise RuntimeError("/usr/lib/chromium: secret detail")

    monkeypatch.setattr(deck_pdf, "deck_pdf", broken)
    at = deck_page(app)
    next(b for b in at.button if "PDF" in b.label).click().run()
    shown = " ".join(e.value for e in at.error)
    assert "Không tạo được PDF lúc này" in shown and "secret detail" not in shown
    deck_pdf.PRINTING.acquire()
    try:
        next(b for b in at.button if "PDF" in b.label).click().run()
        assert any("đang tạo một PDF khác" in w.value for w in at.warning)
    finally:
        deck_pdf.PRINTING.release()
