"""The scorecard: status and outlook first, the worst first (behind and moving away at the top), the catalogue order
one click away; one card per target on a phone. The same for child units ranked by gap."""

from __future__ import annotations

import urllib.parse

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.ui import components as c
from dashboard.ui import tables
from dashboard.ui.i18n import STATUS, label, t
from dashboard.ui.theme import OUTLOOK_COLOURS, STATUS_COLOURS, UNKNOWN

# worst first: a verdict of behind, then reasons there is no verdict, then met; within each, the worst outlook
STATUS_SEVERITY = ["behind", "incomplete", "no_rule", "no_data", "no_milestone", "met", "not_applicable"]
OUTLOOK_SEVERITY = [
    "moving_away",
    "stagnation",
    "limited_progress",
    "acceleration_needed",
    "insufficient_data",
    "on_track",
    "met",
]


def by_severity(df: pd.DataFrame) -> pd.DataFrame:
    """Behind first, and among them moving away first; then the largest gap; catalogue order breaks ties."""
    status = df["status"].map({s: i for i, s in enumerate(STATUS_SEVERITY)}).fillna(len(STATUS_SEVERITY))
    outlook = df["outlook_category"].map({s: i for i, s in enumerate(OUTLOOK_SEVERITY)}).fillna(len(OUTLOOK_SEVERITY))
    order = pd.DataFrame({"s": status, "o": outlook, "g": df["gap"].fillna(0), "p": range(len(df))}, index=df.index)
    return df.loc[order.sort_values(["s", "o", "g", "p"]).index]


def frame(df: pd.DataFrame, lg: str) -> pd.DataFrame:
    """The table's text: what it is, its status and outlook, then the figures behind them."""
    rows = []
    for r in df.itertuples():
        rows.append(
            {
                t("indicator", lg): ("* " if c.carried_over(r) else "") + c.indicator_name(r, lg),
                t("status", lg): label(STATUS, r.status, lg),
                t("outlook", lg): c.outlook_text(r, lg),
                t("actual", lg): c.fmt_actual(r, lg),
                t("milestone", lg): c.fmt_value(r, r.milestone, lg),
                t("gap", lg): c.fmt_gap(r, lg),
                t("to_close", lg): _need(r, lg),
                t("change", lg): c.fmt_change(r, lg),
                t("target_2030", lg): c.fmt_value(r, r.target_2030, lg),
            }
        )
    return pd.DataFrame(rows, columns=[t(k, lg) for k in COLUMNS])


def _unknown_need(r) -> bool:
    """Behind a percentage milestone with no denominator (only the percentage reported): how many are still needed
    cannot be counted."""
    return r.status == "behind" and r.kind != "level" and pd.isna(r.to_close)


def _need(r, lg: str) -> str:
    return "—" if _unknown_need(r) else c.fmt_to_close(r, lg)


COLUMNS = ("indicator", "status", "outlook", "actual", "milestone", "gap", "to_close", "change", "target_2030")


def detail_link(indicator: str) -> str:
    """The indicator page of the same unit, year and language (relative: the app may live under a path)."""
    v = state.view()
    query = {"indicator": indicator, "unit": v.unit, "year": v.year, "lang": v.lang}
    return "chi-tieu?" + urllib.parse.urlencode(query)


def _card(r, lg: str, year: int) -> str:
    figures = f"{t('actual', lg)}: {c.fmt_actual(r, lg)} · {t('milestone', lg).lower()} {year}: "
    figures += c.fmt_value(r, r.milestone, lg)
    lines = [figures]
    if isinstance(r.outlook_category, str) or c.replacement_name(r, lg):
        lines.append(f"{t('outlook', lg)}: {c.outlook_text(r, lg)}")
    need = c.fmt_to_close(r, lg)
    if need:
        lines.append(f"cần thêm {need}" if lg == "vi" else f"needs {need} more")
    change = c.fmt_change(r, lg)  # the arrows the page's note explains
    if change:
        lines.append(f"{t('change', lg)}: {change}")
    name = ("* " if c.carried_over(r) else "") + c.indicator_name(r, lg)
    status = c.status_text(r, lg, year)
    return tables.card_html(name, status, STATUS_COLOURS.get(r.status, UNKNOWN), lines, detail_link(r.indicator))


def table(df: pd.DataFrame, lg: str, key: str = "scorecard") -> None:
    """The scorecard (worst first unless the reader asks for the catalogue order), its notes, cards on a phone."""
    order = st.segmented_control(
        t("sort_by", lg),
        ["severity", "catalogue"],
        default="severity",
        format_func=lambda k: t(f"sort_{k}", lg),
        key=f"{key}_order",
        label_visibility="collapsed",
    )
    shown = df if order == "catalogue" else by_severity(df)
    year = state.view().year
    text = frame(shown, lg)
    styles = {
        t("status", lg): [f"background-color:{STATUS_COLOURS.get(s, '#FFFFFF')}33" for s in shown["status"]],
        t("outlook", lg): [
            f"background-color:{OUTLOOK_COLOURS.get(o, '#FFFFFF')}33" for o in shown["outlook_category"]
        ],
    }
    links = [detail_link(i) for i in shown["indicator"]]
    tables.show(text, styles, links, cards=[_card(r, lg, year) for r in shown.itertuples()])
    for note in c.scorecard_notes(df, lg):
        st.caption(note)
    if any(_unknown_need(r) for r in df.itertuples()):
        st.caption(t("to_close_unknown", lg))


def ranking_table(ranking: pd.DataFrame, r, lg: str) -> None:
    """Child units for one indicator, the furthest behind first: a table, or one card per unit on a phone."""
    ranking = ranking.assign(
        kind=r.kind, entity_vi=r.entity_vi, entity_en=r.entity_en, levels=[r.levels] * len(ranking)
    )
    ranking = ranking.assign(outlook_category=None)
    ranking = by_severity(ranking)
    rows = list(ranking.itertuples())
    text = {
        t("unit", lg): ranking["name"],
        t("status", lg): [label(STATUS, x.status, lg) for x in rows],
        t("actual", lg): [c.fmt_actual(x, lg) for x in rows],
        t("gap", lg): [c.fmt_gap(x, lg) for x in rows],
        t("to_close", lg): [c.fmt_to_close(x, lg) for x in rows],
    }
    styles = {t("status", lg): [f"background-color:{STATUS_COLOURS.get(x.status, '#FFFFFF')}33" for x in rows]}
    cards = []
    for x in rows:
        need = c.fmt_to_close(x, lg)
        lines = [f"{c.fmt_actual(x, lg)} · {t('gap', lg).lower()} {c.fmt_gap(x, lg)}"]
        lines.append((f"cần thêm {need}" if lg == "vi" else f"needs {need} more") if need else "")
        cards.append(
            tables.card_html(x.name, label(STATUS, x.status, lg), STATUS_COLOURS.get(x.status, UNKNOWN), lines)
        )
    tables.show(pd.DataFrame(text), styles, cards=cards)


def all_on_milestone(ranking: pd.DataFrame) -> bool:
    """Every judged child unit exactly on its milestone: said in words, not drawn as bars of length 0."""
    gaps = ranking["gap"].dropna() if not ranking.empty else ranking.get("gap", pd.Series(dtype=float))
    return not gaps.empty and bool((gaps.abs() < 1e-9).all())
