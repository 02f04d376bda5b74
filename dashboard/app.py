"""XHHT 2030 dashboard: the frame every page shares (language, illustrative-data notice, navigation).

Run: streamlit run dashboard/app.py   (after `python -m pipelines build`; ./scripts/run does both)
"""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run` puts only dashboard/ on the path

from dashboard import warehouse  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.pages import overview  # noqa: E402

st.set_page_config(page_title="XHHT 2030", page_icon="📚", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "vi"
with st.sidebar:
    st.radio(t("language", st.session_state["lang"]), ["vi", "en"], key="lang", horizontal=True,
             format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code])
lang = st.session_state["lang"]
st.query_params["lang"] = lang

st.caption(t("app_title", lang))
st.info(t("illustrative", lang), icon="ℹ️")

key = warehouse.build_key()
if key is None:
    st.error(t("no_warehouse", lang))
    st.stop()

page = st.navigation([st.Page(overview.render, title=t("overview", lang), icon="📊", url_path="tong-quan", default=True)])
page.run()

info = warehouse.build_info(key)
st.caption(t("built_at", lang, at=f"{info['finished_at']:%d/%m/%Y %H:%M}", build_id=info["build_id"]))
