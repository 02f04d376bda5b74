"""Roles and the targets editor in the app (AppTest): viewers see no editor, staff sign in with argon2-hashed
passwords from secrets, a district analyst only edits inside their district, saves are attributed."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth
from pipelines import targets_store as store
from pipelines.build import build

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PASSWORD = "mật-khẩu-đủ-dài-2026"


@pytest.fixture(scope="module")
def hashed():
    return auth.hash_password(PASSWORD)


@pytest.fixture
def app(world, hashed):
    build()
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["users"] = {
        "lan": {"name": "Nguyễn Thị Lan", "role": "analyst", "scope": "99", "password_hash": hashed},
        "minh": {"name": "Trần Văn Minh", "role": "analyst", "scope": "991", "password_hash": hashed},
    }
    at.query_params["unit"], at.query_params["year"] = "99", "2023"
    at.run()
    return at


def sign_in(at, login, password=PASSWORD):
    at.text_input[0].input(login)
    at.text_input[1].input(password)
    at.button[-1].click().run()  # the form's submit button
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_viewers_see_no_editor_and_a_wrong_password_is_refused(app):
    assert "targets_editor" not in app.session_state["pages"]
    sign_in(app, "lan", "sai")
    assert "Sai tên đăng nhập hoặc mật khẩu." in [e.value for e in app.error]
    assert "targets_editor" not in app.session_state["pages"]


def test_passwords_are_stored_as_argon2_hashes_only(app, hashed):
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    sign_in(app, "lan")
    assert "targets_editor" in app.session_state["pages"]
    # the form is cleared on submit: the password is not kept in the session
    held = app.session_state._state.filtered_state  # every value the session holds, widgets included
    assert held and all(PASSWORD not in str(value) for value in held.values())


def test_a_province_analyst_edits_and_the_save_is_attributed(app, world):
    sign_in(app, "lan")
    app.switch_page("views/targets_editor.py").run()
    assert app.selectbox(key="editor_target").options == ["t_gd", "t_xa", "➕ Mục tiêu mới"]
    app.selectbox(key="editor_target").select("t_gd").run()
    app.number_input(key="editor_2030_t_gd").set_value(75.0).run()
    assert "+    target_2030: 75" in app.code[0].value
    app.text_input(key="editor_why").input("điều chỉnh theo nghị quyết 2026").run()
    app.button(key="editor_save").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("Đã lưu" in s.value for s in app.success)
    assert "target_2030: 75" in world.targets.read_text(encoding="utf-8")
    assert store.history()[-1]["who"] == "lan (Nguyễn Thị Lan)"
    assert store.history()[-1]["why"] == "điều chỉnh theo nghị quyết 2026"


def test_a_district_analyst_cannot_touch_the_province_or_another_district(app, world):
    sign_in(app, "minh")
    app.switch_page("views/targets_editor.py").run()
    assert app.selectbox(key="editor_target").options == ["➕ Mục tiêu mới"]  # t_gd, t_xa belong to the province
    app.text_input(key="editor_new_id").input("t_gd_992").run()
    app.text_input(key="editor_unit___new__").input("992").run()
    assert "Đơn vị 992 nằm ngoài phạm vi của bạn (991)." in [e.value for e in app.error]
    assert app.button(key="editor_save").disabled  # a browser user cannot save it
    assert store.history() == []
