"""The pages, in the order of the sidebar. Titles follow the language; url paths stay fixed for links.
Each page is a file in dashboard/views/ (public) or dashboard/staff/ (staff) that arranges components and calls
its own render()."""

from __future__ import annotations

import streamlit as st

from dashboard.ui.i18n import t

PAGES = [
    ("overview", "views/overview.py", ":material/dashboard:", "tong-quan"),
    ("indicator_detail", "views/indicator.py", ":material/show_chart:", "chi-tieu"),
    ("gaps_by_unit", "views/units.py", ":material/map:", "don-vi"),
    ("literacy", "views/literacy.py", ":material/menu_book:", "xoa-mu-chu"),
    ("universalisation", "views/universalisation.py", ":material/school:", "pho-cap"),
    ("titles", "views/titles.py", ":material/military_tech:", "danh-hieu"),
    ("week", "views/week.py", ":material/event:", "tuan-le"),
    ("reports", "views/reports.py", ":material/description:", "bao-cao"),
    ("data_quality", "views/data_quality.py", ":material/fact_check:", "chat-luong-du-lieu"),
    ("methodology", "views/methodology.py", ":material/functions:", "phuong-phap"),
    ("presentation", "views/deck_editor.py", ":material/slideshow:", "trinh-chieu"),
]
EDITING = [
    ("targets_editor", "staff/targets_editor.py", ":material/edit_note:", "sua-muc-tieu"),
    ("data_intake", "staff/data_intake.py", ":material/upload_file:", "nap-du-lieu"),
]
ADMIN = [("users", "staff/users.py", ":material/manage_accounts:", "nguoi-dung")]


def pages(lang: str, user=None) -> list:
    """Every page; the editing pages only for a signed-in analyst or admin, user management for admins."""
    listed = (
        PAGES
        + (EDITING if user is not None and user.can_edit else [])
        + (ADMIN if user is not None and user.role == "admin" else [])
    )
    built = [
        st.Page(path, title=t(name, lang), icon=icon, url_path=url, default=(i == 0))
        for i, (name, path, icon, url) in enumerate(listed)
    ]
    st.session_state["pages"] = {name: page for (name, *_), page in zip(listed, built)}
    return built


def go(name: str) -> None:
    st.switch_page(st.session_state["pages"][name])
