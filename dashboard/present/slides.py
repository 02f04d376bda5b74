"""Presentation mode (?che_do=trinh_chieu): the dashboard as full-screen slides for a projector.

Designed for 1920×1080 and 1280×720: no scrolling, no sidebar, no Streamlit chrome; sizes in viewport units
with pixel floors (body ≥ 24 px, headline numbers ≥ 64 px); dark text on white; status as symbol + word + colour.
Keys: → / space / PageDown next, ← / PageUp previous, Home / End first / last (a clicker sends page keys).
The slide number is in the URL (&slide=N, 1-based); dashboard/present/deck_pdf.py prints each slide as projected.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import build_info, q, table
from dashboard.present.deck_store import Deck
from dashboard.present.slide_charts import late_reach, slide_chart, until
from dashboard.ui import charts, fmt
from dashboard.ui import components as c
from dashboard.ui.i18n import OUTLOOK, STATUS, label, t, translator
from dashboard.ui.theme import OUTLOOK_COLOURS, STATUS_COLOURS

TEXT = {
    "programme": ("Xây dựng xã hội học tập 2021–2030", "Building a learning society 2021–2030"),
    "data_date": ("Dữ liệu cập nhật {date}", "Data as of {date}"),
    "illustrative": ("Dữ liệu minh họa", "Illustrative data"),
    "behind": ("Những nơi còn chậm", "Where we are behind"),
    "behind_sub": (
        "Các đơn vị xa mốc năm {year} nhất, mỗi đơn vị một chỉ tiêu, và phần mỗi nơi còn thiếu",
        "The units furthest behind the {year} milestone, one indicator each, and what each needs",
    ),
    "nothing_behind": ("Không có đơn vị nào chậm so với mốc năm.", "No unit is behind its milestone."),
    "needs": ("cần thêm {n}", "needs {n} more"),
    "of": ("mốc {m}", "milestone {m}"),
    "slide": ("Trang {n}/{total}", "Slide {n}/{total}"),
    "exit": ("Thoát", "Exit"),
    "first": ("Trang đầu", "First slide"),
    "prev": ("Trang trước", "Previous slide"),
    "next": ("Trang sau", "Next slide"),
    "last": ("Trang cuối", "Last slide"),
    "refresh": ("Tải lại số liệu", "Reload the data"),
    "legend": ("— thực hiện đến {year} · – – mốc năm", "— actual to {year} · – – milestones"),
    "legend_projection": (" · ··· dự báo ({method})", " · ··· projection ({method})"),
    "legend_target": (" · ★ mục tiêu 2030", " · ★ 2030 target"),
    "late": (
        " · theo đà hiện nay đạt mục tiêu năm {reached}, lộ trình cần năm {planned}",
        " · at the current pace the target is reached in {reached}; the plan needs it by {planned}",
    ),
}
# the deck's buttons: Streamlit's Material icons (a font the app serves), never glyphs the text font lacks
ICONS = {
    "first": ":material/first_page:",
    "prev": ":material/chevron_left:",
    "next": ":material/chevron_right:",
    "last": ":material/last_page:",
    "refresh": ":material/refresh:",
}


_t = translator(TEXT)


CSS = """<style>
[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer {display: none !important;}
[data-testid="stMain"] {overflow: hidden !important;}
[data-testid="stMainBlockContainer"], .block-container {padding: 2.5vh 4vw 0 4vw !important; max-width: 100% !important;}
html, body, [data-testid="stApp"] {background: #FFFFFF !important; color: #111111 !important; overflow: hidden !important;}
.slide {font-size: max(24px, 2.6vh); line-height: 1.25; color: #111111;}
.slide h1:not(.unit) {font-size: max(44px, 6vh) !important; line-height: 1.1; margin: 0 0 1.5vh 0; padding: 0; font-weight: 700; color: #111111;}
.slide .sub {font-size: max(24px, 3vh); color: #333333; margin-bottom: 2vh;}
.numbers {display: flex; flex-direction: column; gap: 3vh;}
.chart-title {font-weight: 700; font-size: max(26px, 3vh);}
.legend {color: #222222;}
.number .big {font-size: max(64px, 8.5vh); font-weight: 700; line-height: 1.0; color: #111111;}
.number .what {font-size: max(24px, 2.6vh); color: #222222; margin-top: 0.6vh;}
.badge {display: inline-block; font-size: max(24px, 2.5vh); font-weight: 600; padding: 0.2vh 0.8vw; margin-top: 0.8vh;
        border-left: 0.6vw solid; border-radius: 4px;}
.title-slide {display: flex; flex-direction: column; justify-content: center; height: 78vh;}
.title-slide .programme {font-size: max(32px, 4vh); color: #0072B2; font-weight: 600;}
.title-slide .unit {font-size: max(72px, 11vh) !important; font-weight: 800; line-height: 1.05; margin: 2vh 0;}
.title-slide .meta {font-size: max(28px, 3.4vh); color: #222222;}
.rows {display: flex; flex-direction: column; gap: 1.6vh;}
.rows .row {display: grid; grid-template-columns: 30% 38% 1fr; column-gap: 1.5vw; align-items: baseline; border-bottom: 2px solid #DDDDDD; padding-bottom: 1vh;}
.rows .unitname {font-weight: 700;}
.footer {position: fixed; left: 4vw; right: 4vw; bottom: 1.2vh; display: flex; justify-content: space-between;
         font-size: max(24px, 2.2vh); color: #333333;}
/* the presenter's buttons: dark on white when they do something (contrast above 4.5:1), pale when they do not
   (the first slide has no previous one), all of one height with their icon or word in the middle */
.st-key-deck_controls {position: fixed; left: 50%; transform: translateX(-50%); bottom: 0.4vh; width: auto !important;
                       z-index: 1000; align-items: center !important;}
.st-key-deck_controls button {height: 44px !important; min-height: 44px !important; padding: 0 12px !important;
                              color: #111111 !important; background: #FFFFFF !important; border: 2px solid #555555 !important;}
.st-key-deck_controls button:disabled {color: #C8C8C8 !important; border-color: #E6E6E6 !important;}
.st-key-deck_controls button p, .st-key-deck_controls button span {font-size: 24px !important; line-height: 1 !important;
                                                                    margin: 0 !important;}
/* the group slide fills the room down to the footer: the body is as tall as the screen above the footer, its
   columns take what the heading leaves, and the chart what its title and legend leave (each keyed container sits
   in a layout wrapper of Streamlit's, which follows it) */
.st-key-slide_body {height: calc(97.5vh - max(72px, 7vh)) !important; flex: none !important; flex-wrap: nowrap !important;}
.st-key-slide_body > div:has([data-testid="stHorizontalBlock"]) {flex: 1 1 0 !important; min-height: 0 !important;}
.st-key-slide_body [data-testid="stHorizontalBlock"] {height: 100% !important;}
.st-key-slide_body [data-testid="stColumn"] > div, div:has(> .st-key-slide_right), .st-key-slide_right
  {height: 100% !important; flex-wrap: nowrap !important;}
div:has(> .st-key-slide_chart) {flex: 1 1 0 !important; min-height: 0 !important;}
.st-key-slide_chart, .st-key-slide_chart > div, .st-key-slide_chart > div > div, .st-key-slide_chart .stPlotlyChart
  {height: 100% !important;}
.st-key-deck_keys {position: fixed; left: 0; bottom: 0; width: 1px; height: 1px; overflow: hidden; opacity: 0;}
</style>"""

# Clicks the hidden deck buttons from the keyboard. The script runs in a same-origin iframe that Streamlit
# replaces when the slide changes, and a listener or timer registered from a replaced iframe stops working;
# so the handler, its registration and the timers are all made in the app page's own realm
# (window.parent.Function). The iframe also forwards the keys it receives (it can hold the focus briefly).
KEYS_JS = """<script>
const P = window.parent;
if (!P.__xhhtKey) {
  // a click while the app is still running the previous one is dropped by Streamlit: wait until it is idle
  P.__xhhtPress = new P.Function('key', `
    if (document.querySelector('[data-testid="stStatusWidget"]') || document.querySelector('.stApp[data-test-script-state="running"]')) {
      setTimeout(() => window.__xhhtPress(key), 60); return;
    }
    const b = document.querySelector('.st-key-deck_' + key + ' button'); if (b) b.click();`);
  P.__xhhtKey = new P.Function('e', `
    const map = {ArrowRight: 'next', ' ': 'next', PageDown: 'next', ArrowDown: 'next',
                 ArrowLeft: 'prev', PageUp: 'prev', ArrowUp: 'prev', Home: 'first', End: 'last'};
    const key = map[e.key];
    if (key && !['INPUT', 'TEXTAREA'].includes((e.target.tagName || '').toUpperCase())) {
      e.preventDefault(); window.__xhhtPress(key);
    }`);
  new P.Function("window.addEventListener('keydown', window.__xhhtKey, true)")();
}
document.addEventListener('keydown', (e) => P.__xhhtKey(e));
// auto-advance / auto-refresh: one timer, re-armed by every slide, scheduled from the page's realm too
new P.Function('advance', 'refresh', `
  clearTimeout(window.__xhhtTimer);
  if (advance > 0) window.__xhhtTimer = setTimeout(() => window.__xhhtPress('next'), advance * 1000);
  else if (refresh > 0) window.__xhhtTimer = setTimeout(() => window.__xhhtPress('refresh'), refresh * 1000);
`)(%(advance)d, %(refresh)d);
</script><!-- slide %(slide)d -->"""


def _status_badge(status: str, lang: str) -> str:
    colour = STATUS_COLOURS.get(status, "#7F7F7F")
    return (
        f'<span class="badge" style="border-color:{colour};background:{colour}22">'
        f'{html.escape(label(STATUS, status, lang))}</span>'
    )


def _outlook_badge(category: str | None, lang: str) -> str:
    """The 2030 outlook as a badge; nothing where there is none (no value this year)."""
    if not isinstance(category, str):
        return ""
    colour = OUTLOOK_COLOURS.get(category, "#7F7F7F")
    return (
        f'<span class="badge" style="border-color:{colour};background:{colour}22">'
        f'{html.escape(label(OUTLOOK, category, lang))}</span>'
    )


def shown(deck: Deck) -> list[str]:
    """The deck's slides for the unit and year in view: a group with no targeted indicator there is skipped."""
    v = state.view()
    return [s for s in deck.slides if not s.startswith("group:") or not _card(v, s.split(":", 1)[1]).empty]


def _card(v, group: str) -> pd.DataFrame:
    return q(v.key, "group_scorecard", v.unit, v.year, group)


def slide_titles(slides: list[str], lang: str) -> list[str]:
    groups = table(state.view().key, "groups").set_index("id")[lang].to_dict()
    out = []
    for s in slides:
        if s == "title":
            out.append(state.view().unit_name)
        elif s == "behind":
            out.append(_t("behind", lang))
        else:
            out.append(groups.get(s.split(":", 1)[1], s))
    return out


def _title_slide(v, lang: str) -> None:
    built = f"{build_info(v.key)['finished_at']:%d/%m/%Y}"
    st.html(
        CSS + f'<div class="slide title-slide"><div class="programme">{_t("programme", lang)}</div>'
        f'<h1 class="unit">{html.escape(v.unit_name)}</h1>'
        f'<div class="meta">{t("year", lang)} {v.year} · {_t("data_date", lang, date=built)}'
        f' · {_t("illustrative", lang)}</div></div>'
    )


def _headline(r, lang: str) -> str:
    """A headline number that fits on one line: '100/101' for units at a level, else the value."""
    if r.kind == "units_at_level" and not pd.isna(r.numerator):
        return f"{fmt.number(r.numerator, lang)}/{fmt.number(r.denominator, lang)}"
    return c.fmt_actual(r, lang)


def _group_slide(v, group: str, title: str, lang: str, chart_key: str) -> None:
    top = _card(v, group).sort_values("attention").head(3)  # the three that most need attention (query's rank)
    body = st.container(key="slide_body")
    body.html(CSS + f'<div class="slide"><h1>{html.escape(title)}</h1></div>')
    left, right = body.columns([1, 2], gap="large")
    numbers = []
    for r in top.itertuples():
        milestone = "" if pd.isna(r.milestone) else f' · {_t("of", lang, m=c.fmt_value(r, r.milestone, lang))}'
        numbers.append(
            f'<div class="number"><div class="big">{html.escape(_headline(r, lang))}</div>'
            f'<div class="what">{html.escape(c.short_name(r, lang))}{html.escape(milestone)}</div>'
            f'{_status_badge(r.status, lang)}</div>'
        )
    left.html(CSS + f'<div class="slide numbers">{"".join(numbers)}</div>')
    lead = top.iloc[0]
    series = q(v.key, "series", v.unit, lead["indicator"])
    projection = c.projection_for(v.key, v.unit, lead)
    fig, projected = slide_chart(series, projection, lead["kind"], lead["measure"], lang, v.year, levels=lead["levels"])
    # the legend, in words over the chart (every text at 24 px or more): what is drawn and up to which year
    legend = _t("legend", lang, year=v.year)
    if projected:
        legend += _t("legend_projection", lang, method=charts.method_name(projection["method"].iloc[0], lang))
    if not pd.isna(lead["target_2030"]):
        legend += _t("legend_target", lang)
    late = late_reach(*until(series, projection, v.year), lead["target_2030"]) if projected else None
    if late:
        legend += _t("late", lang, reached=late[0], planned=late[1])
    with right.container(key="slide_right"):
        st.html(
            CSS + f'<div class="slide chart-title">{html.escape(c.short_name(lead, lang))}</div>'
            f'<div class="slide legend">{_outlook_badge(lead["outlook_category"], lang)} {html.escape(legend)}</div>'
        )
        with st.container(key=chart_key):
            st.plotly_chart(
                fig, width="stretch", height="stretch", theme=None, config={**charts.PLOTLY_CONFIG, "staticPlot": True}
            )


def _behind_slide(v, lang: str) -> None:
    gaps = q(v.key, "largest_gaps", v.unit, v.year)
    parts = [
        f'<div class="slide"><h1>{_t("behind", lang)}</h1><div class="sub">{_t("behind_sub", lang, year=v.year)}</div>'
    ]
    if gaps.empty:
        parts.append(f'<div class="sub">{_t("nothing_behind", lang)}</div>')
    else:
        rows = []
        for r in gaps.itertuples():
            need = c.fmt_to_close(r, lang)
            need_text = _t("needs", lang, n=need) if need else c.fmt_gap(r, lang)
            rows.append(
                f'<div class="row"><div class="unitname">✗ {html.escape(r.name)}</div>'
                f'<div>{html.escape(c.short_name(r, lang))}: {html.escape(c.fmt_actual(r, lang))}'
                f' / {html.escape(c.fmt_value(r, r.milestone, lang))}</div>'
                f'<div><b>{html.escape(need_text)}</b></div></div>'
            )
        parts.append(f'<div class="rows">{"".join(rows)}</div>')
    st.html(CSS + "".join(parts) + "</div>")


def render_slide(slides: list[str], index: int, lang: str, chart_key: str = "slide_chart") -> None:
    v = state.view()
    slide = slides[index]
    titles = slide_titles(slides, lang)
    if slide == "title":
        _title_slide(v, lang)
    elif slide == "behind":
        _behind_slide(v, lang)
    else:
        _group_slide(v, slide.split(":", 1)[1], titles[index], lang, chart_key)


def _go(index: int) -> None:
    """A button's move, made before the script runs again: the buttons are drawn for the slide they stand on."""
    st.session_state["deck_index"] = max(0, index)


def run(deck: Deck, lang: str) -> None:
    """One slide, with the presenter's buttons that the keyboard and clickers press."""
    st.html(CSS)
    slides = shown(deck)
    total = len(slides)
    # the slide lives in the session; the URL seeds it on load and shows it (a link reopens the same slide)
    if "deck_index" not in st.session_state:
        try:
            st.session_state["deck_index"] = int(st.query_params.get("slide", "1")) - 1
        except ValueError:
            st.session_state["deck_index"] = 0
    index = min(max(st.session_state["deck_index"], 0), total - 1)
    with st.container(key="deck_controls", horizontal=True):
        moves = {"first": 0, "prev": index - 1, "next": (index + 1) % total, "last": total - 1, "refresh": index}
        # a move that goes nowhere is disabled; "next" on the last slide goes to the first (auto-advance loops)
        for key, target in moves.items():
            idle = key != "refresh" and max(0, target) == index
            st.button(
                "", icon=ICONS[key], key=f"deck_{key}", help=_t(key, lang), disabled=idle, on_click=_go, args=(target,)
            )
        if st.button(_t("exit", lang), key="deck_exit"):
            state.put("che_do", None)
            st.query_params.pop("slide", None)
            st.session_state.pop("deck_index", None)
            st.rerun()
    st.session_state["deck_index"] = index
    st.query_params["slide"] = str(index + 1)
    render_slide(slides, index, lang)
    st.html(
        f'<div class="footer"><span>{html.escape(state.view().unit_name)} · {state.view().year}</span>'
        f'<span>{_t("slide", lang, n=index + 1, total=total)}</span></div>'
    )
    with st.container(key="deck_keys"):
        st.iframe(KEYS_JS % {"advance": deck.advance_s, "refresh": deck.refresh_s, "slide": index}, height=1)
