"""XHHT 2030 dashboard: the frame every page shares (language, unit and year, illustrative-data notice,
navigation). Each page only arranges components.

Run: streamlit run dashboard/server.py   (the same app with security headers, dashboard/server.py; after
`python -m pipelines build`; ./scripts/run does both)
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import streamlit as st

from dashboard import nav, state
from dashboard.data_access import warehouse
from dashboard.present import deck_store, slides
from dashboard.staff import auth
from dashboard.staff.sign_in import sign_in_box
from dashboard.ui import components as c
from dashboard.ui.i18n import t
from dashboard.ui.theme import PAGE_CSS

st.set_page_config(page_title="XHHT 2030", page_icon=str(Path(__file__).parent / "static" / "icon.png"), layout="wide")
st.sidebar.markdown(PAGE_CSS, unsafe_allow_html=True)  # global CSS, from the sidebar: no gap above a slide
state.restore()
# the language a widget change asked for is already in the session when this run starts
lang = st.session_state.get("pick_lang") or ("en" if state.get("lang") == "en" else "vi")
presenting = state.get("che_do") == "trinh_chieu"
# first, so that a link to any page resolves before anything is drawn
user = auth.current()
page = st.navigation(nav.pages(lang, user), position="hidden" if presenting else "sidebar")

with st.sidebar:
    st.radio(
        t("language", lang),
        ["vi", "en"],
        index=["vi", "en"].index(lang),
        horizontal=True,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key="pick_lang",
    )
    state.put("lang", lang)

if not presenting:
    st.caption(t("app_title", lang))
    banner = st.empty()  # where this view's figures come from, once the unit and year are known

key = warehouse.build_key()
if key is None:
    st.error(t("no_warehouse", lang))
    st.stop()
if not warehouse.readable(key):  # the cause is in the server log, never on the page
    st.error(t("unreadable", lang))
    st.stop()

with st.sidebar:
    year = c.year_picker(key, st)
    unit, unit_name, tier = c.unit_picker(key, year, st)
    if st.button(t("present", lang), icon=":material/slideshow:", key="start_presenting"):
        state.put("che_do", "trinh_chieu")
        st.rerun()
    info = warehouse.build_info(key)
    st.caption(t("built_at", lang, at=f"{info['finished_at']:%d/%m/%Y %H:%M}"))  # the run's id: data-quality page
    if not presenting:
        sign_in_box(user, lang)

st.session_state["view"] = state.View(key, lang, unit, unit_name, tier, year)
if not presenting:
    c.data_note(key, unit, unit_name, year, banner.container())
state.publish()
try:
    if presenting:
        slides.run(deck_store.load(state.get("deck")), lang)
    else:
        page.run()
except (duckdb.Error, OSError) as exc:  # the warehouse failed mid-page: a plain message here, the cause in the log
    logging.getLogger("dashboard").error("a page could not read the warehouse: %s", exc)
    st.error(t("unreadable", lang))
