"""Trình chiếu / Presentation: choose the slides and their order, save them as a named deck, start it, or
export it as a PDF for the meeting file."""

from __future__ import annotations

import logging

import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import table
from dashboard.present import deck_store, slides
from dashboard.staff import auth
from dashboard.ui import components as c
from dashboard.ui.i18n import translator
from pipelines.problems import ProblemError

TEXT = {
    "title": ("Trình chiếu", "Presentation"),
    "intro": (
        "Chế độ trình chiếu cho máy chiếu: toàn màn hình, chữ lớn, không cuộn. Phím → / ← / cách, Home / End; bút trình chiếu dùng được.",
        "Presentation mode for a projector: full screen, large type, no scrolling. Keys → / ← / space, Home / End; clickers work.",
    ),
    "deck": ("Bộ trình chiếu", "Deck"),
    "slides": ("Các trang, theo thứ tự", "Slides, in order"),
    "advance": ("Tự chuyển trang sau (giây, 0 = tắt)", "Auto-advance after (seconds, 0 = off)"),
    "refresh": ("Tự cập nhật dữ liệu sau (giây, 0 = tắt)", "Reload the data every (seconds, 0 = off)"),
    "name": ("Lưu với tên (chữ thường, số, -, _)", "Save as (lowercase letters, digits, -, _)"),
    "save": ("Lưu bộ trình chiếu", "Save deck"),
    "saved": ("Đã lưu {path}.", "Saved {path}."),
    "invalid": ("Không lưu được:", "Not saved:"),
    "start": ("Bắt đầu trình chiếu", "Start presenting"),
    "pdf": ("Tải PDF (mỗi trang chiếu một trang giấy)", "Download PDF (one slide per page)"),
    "default_deck": ("Bộ mặc định", "Default deck"),
    "making_pdf": ("Đang tạo PDF…", "Making the PDF…"),
    "no_pdf": (
        "Không tạo được PDF lúc này (máy chủ ghi lại nguyên nhân). Hãy thử lại sau.",
        "The PDF could not be made now (the server logged the cause). Try again later.",
    ),
    "pdf_busy": (
        "Máy chủ đang tạo một PDF khác; hãy thử lại sau ít phút.",
        "The server is making another PDF; try again in a few minutes.",
    ),
    "order": ("Thứ tự các trang:", "Slide order:"),
    "title_slide": ("Trang tiêu đề", "Title slide"),
    "behind": ("Những nơi còn chậm", "Where we are behind"),
    "staff_only": (
        "Các bộ trình chiếu dùng chung: cán bộ đăng nhập mới thay đổi hoặc lưu được.",
        "Decks are shared: only signed-in staff change or save them.",
    ),
}


_t = translator(TEXT)


def render() -> None:
    v = state.view()
    lg = v.lang
    st.title(_t("title", lg))
    st.caption(_t("intro", lg))
    names = deck_store.list_decks()
    current = state.get("deck") if state.get("deck") in names else names[0]
    chosen = st.selectbox(
        _t("deck", lg),
        names,
        index=names.index(current),
        key="deck_pick",
        format_func=lambda name: _t("default_deck", lg) if name == deck_store.default_deck().name else name,
    )
    state.put("deck", chosen)
    deck = deck_store.load(chosen)
    groups = table(v.key, "groups").set_index("id")[lg].to_dict()
    labels = {"title": _t("title_slide", lg), "behind": _t("behind", lg)}
    labels.update({f"group:{g}": groups.get(g, g) for g in deck_store.GROUP_ORDER})
    if not auth.current().can_edit:  # decks are shared: only staff change them (checked here, on the server)
        st.caption(_t("staff_only", lg))
    else:
        _deck_form(deck, labels, lg)
    left, right = st.columns(2)
    if left.button(_t("start", lg), type="primary", icon=":material/slideshow:"):
        state.put("che_do", "trinh_chieu")
        st.query_params["slide"] = "1"
        st.rerun()
    if right.button(_t("pdf", lg), icon=":material/picture_as_pdf:"):
        from dashboard.present import deck_pdf

        data = None
        if not deck_pdf.PRINTING.acquire(blocking=False):  # one headless Chromium at a time, whoever asks
            st.warning(_t("pdf_busy", lg))
        else:
            try:
                with st.spinner(_t("making_pdf", lg)):
                    data = deck_pdf.deck_pdf(deck_pdf.own_url(), chosen, v.unit, v.year, lg)
            except Exception as exc:  # Chromium missing or failing: a plain message, the cause in the server log
                logging.getLogger(__name__).error("the deck PDF failed: %s", exc)
                st.error(_t("no_pdf", lg))
            finally:
                deck_pdf.PRINTING.release()
        if data:
            right.download_button("PDF", data, file_name=f"xhht_{v.unit}_{v.year}_{chosen}.pdf", mime="application/pdf")
    st.caption(_t("order", lg) + " " + " → ".join(slides.slide_titles(deck.slides, lg)))


def _deck_form(deck, labels: dict, lg: str) -> None:
    with st.form("deck_form"):
        chosen_slides = st.multiselect(
            _t("slides", lg), deck_store.DEFAULT_SLIDES, default=deck.slides, format_func=lambda s: labels.get(s, s)
        )
        cols = st.columns(3)
        advance = cols[0].number_input(_t("advance", lg), 0, 3600, deck.advance_s, step=5)
        refresh = cols[1].number_input(_t("refresh", lg), 0, 3600, deck.refresh_s, step=30)
        name = cols[2].text_input(_t("name", lg), value=deck.name)
        if st.form_submit_button(_t("save", lg)):
            try:
                saved = deck_store.save(name.strip(), chosen_slides, advance, refresh)
                state.put("deck", name.strip())
                st.success(_t("saved", lg, path=saved.name))
            except ProblemError as exc:
                c.show_problems(exc, lg, _t("invalid", lg))


render()
