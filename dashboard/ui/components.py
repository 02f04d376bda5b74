"""Building blocks that pages arrange. Each reads from the cached warehouse queries; none computes methodology."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access import warehouse
from dashboard.ui import fmt
from dashboard.ui.i18n import OUTLOOK, STATUS, label, t
from dashboard.ui.theme import OUTLOOK_COLOURS, STATUS_COLOURS
from pipelines.problems import ProblemError


def lang() -> str:
    return state.get("lang", "vi") or "vi"


# ------------------------------------------------------------------ pickers (in the sidebar, shared by all pages)
def year_picker(key: str, slot) -> int:
    years = sorted(warehouse.years(key), reverse=True)
    wanted = state.get("year") or str(years[0])
    index = next((i for i, y in enumerate(years) if str(y) == wanted), 0)
    year = slot.selectbox(t("year", lang()), years, index=index, key="pick_year")
    state.put("year", year)
    return year


def unit_picker(key: str, year: int, slot) -> tuple[str, str, str]:
    """Province → district → commune (province → commune from 2025, when there are no districts), each optional
    below the province. Returns (code, name, tier)."""
    lg = lang()
    chosen = set(warehouse.lineage(key, state.get("unit") or "", year))
    parent, code, name, tier = "VN", None, None, None
    for _ in range(3):
        options = warehouse.children(key, parent, year)
        if options.empty:
            break
        tier_key = options["tier"].iloc[0]
        codes = list(options["code"])
        names = dict(zip(options["code"], options["name"]))
        allow_all = tier_key != "province"
        choices = ([""] if allow_all else []) + codes
        default = next((c for c in codes if c in chosen), "" if allow_all else codes[0])
        picked = slot.selectbox(
            t(tier_key, lg),
            choices,
            index=choices.index(default),
            format_func=lambda c, n=names: t("all", lg) if c == "" else n[c],
            key=f"unit_{tier_key}",
        )
        if not picked:
            break
        code, name, parent, tier = picked, names[picked], picked, tier_key
    state.put("unit", code)
    return code, name, tier


def indicator_picker(options: pd.DataFrame, slot=st) -> str | None:
    """Pick among `options` (columns indicator, name_vi, name_en); remembered in the URL."""
    if options.empty:
        return None
    lg = lang()
    ids = list(options["indicator"])
    names = dict(zip(ids, options["name_vi" if lg == "vi" else "name_en"]))
    wanted = state.get("indicator")
    index = ids.index(wanted) if wanted in ids else 0
    picked = slot.selectbox(t("indicator", lg), ids, index=index, format_func=lambda i: names[i], key="pick_indicator")
    state.put("indicator", picked)
    return picked


# ------------------------------------------------------------------ formatting a progress row
def fmt_value(r, value, lg: str) -> str:
    if r.kind == "level":
        return "–" if pd.isna(value) else t("level", lg, n=int(value))
    if r.measure == "count":
        return fmt.number(value, lg)
    return fmt.percent(value, lg)


def fmt_actual(r, lg: str) -> str:
    if r.kind == "units_at_level" and not pd.isna(r.numerator):
        counted = f"{fmt.number(r.numerator, lg)}/{fmt.number(r.denominator, lg)}"
        return counted if r.measure == "count" else f"{counted} ({fmt.percent(r.actual, lg)})"
    return fmt_value(r, r.actual, lg)


def fmt_gap(r, lg: str) -> str:
    if pd.isna(r.gap):
        return "–"
    if r.kind == "level":
        return fmt.signed(r.gap, lg) + (" mức" if lg == "vi" else " level(s)")
    if r.measure == "count":
        return fmt.signed(r.gap, lg)
    return fmt.points(r.gap, lg)


def fmt_to_close(r, lg: str) -> str:
    if pd.isna(r.to_close) or r.to_close <= 0:
        return ""
    entity = r.entity_vi if lg == "vi" else r.entity_en
    if r.kind == "level":
        entity = "mức" if lg == "vi" else "level(s)"
    if not isinstance(entity, str):
        entity = ""
    return f"{fmt.number(r.to_close, lg)} {entity}".strip()


def fmt_change(r, lg: str) -> str:
    """Change since the previous year with an arrow (↑ better, ↓ worse in the indicator's direction)."""
    if pd.isna(r.actual) or pd.isna(r.previous):
        return ""
    diff = r.actual - r.previous
    better = diff if r.direction == "higher_is_better" else -diff
    arrow = "↑" if better > 1e-9 else "↓" if better < -1e-9 else "→"
    if r.kind == "level" or r.measure == "count":
        return f"{arrow} {fmt.signed(diff, lg)}"
    return f"{arrow} {fmt.points(diff, lg)}"


def indicator_name(r, lg: str) -> str:
    return r.name_vi if lg == "vi" else r.name_en


def short_name(r, lg: str) -> str:
    """For a ratio, what it counts ('Gia đình học tập' rather than 'Tỷ lệ gia đình đạt danh hiệu …'); else the name."""
    entity = r.entity_vi if lg == "vi" else r.entity_en
    name = entity if isinstance(entity, str) and entity and r.kind == "ratio" else indicator_name(r, lg)
    return name[:1].upper() + name[1:]


# ------------------------------------------------------------------ scorecard
def scorecard_frame(df: pd.DataFrame, lg: str) -> pd.DataFrame:
    rows = []
    for r in df.itertuples():
        rows.append(
            {
                t("indicator", lg): indicator_name(r, lg),
                t("actual", lg): fmt_actual(r, lg),
                t("change", lg): fmt_change(r, lg),
                t("milestone", lg): fmt_value(r, r.milestone, lg),
                t("target_2030", lg): fmt_value(r, r.target_2030, lg),
                t("gap", lg): fmt_gap(r, lg),
                t("to_close", lg): fmt_to_close(r, lg),
                t("status", lg): label(STATUS, r.status, lg),
                t("outlook", lg): label(OUTLOOK, r.outlook_category, lg),
            }
        )
    return pd.DataFrame(rows)


def _colour_cells(frame: pd.DataFrame, df: pd.DataFrame, lg: str):
    status_col, outlook_col = t("status", lg), t("outlook", lg)
    status = list(df["status"])
    outlook = list(df["outlook_category"])

    def paint(col: pd.Series):
        if col.name == status_col:
            return [f"background-color: {STATUS_COLOURS.get(s, '#FFFFFF')}33" for s in status]
        if col.name == outlook_col:
            return [f"background-color: {OUTLOOK_COLOURS.get(o, '#FFFFFF')}33" for o in outlook]
        return [""] * len(col)

    return frame.style.apply(paint)


def scorecard_table(df: pd.DataFrame, lg: str, key: str = "scorecard"):
    """The scorecard; returns the indicator id of a clicked row, if any."""
    frame = scorecard_frame(df, lg)
    widths = {
        "indicator": 290,
        "actual": 110,
        "change": 100,
        "milestone": 70,
        "target_2030": 85,
        "gap": 95,
        "to_close": 150,
        "status": 95,
        "outlook": 150,
    }
    config = {t(k, lg): st.column_config.TextColumn(t(k, lg), width=w) for k, w in widths.items()}
    event = st.dataframe(
        _colour_cells(frame, df, lg),
        hide_index=True,
        width="stretch",
        row_height=35,
        height=min(35 * (len(frame) + 1) + 3, 900),
        column_config=config,
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    rows = event.selection.rows if event is not None else []
    return df.iloc[rows[0]]["indicator"] if rows else None


def status_counts(df: pd.DataFrame) -> None:
    lg = lang()
    met = int((df["status"] == "met").sum())
    behind = int((df["status"] == "behind").sum())
    cols = st.columns(4)
    cols[0].metric(label(STATUS, "met", lg), fmt.number(met, lg), help=t("n_met", lg))
    cols[1].metric(label(STATUS, "behind", lg), fmt.number(behind, lg), help=t("n_behind", lg))
    cols[2].metric(t("n_other", lg), fmt.number(len(df) - met - behind, lg))
    off_track = int(df["outlook_category"].isin(["limited_progress", "stagnation", "moving_away"]).sum())
    cols[3].metric(t("n_off_track", lg), fmt.number(off_track, lg), help=t("n_off_track_help", lg))


def delta(text: str | None) -> str | None:
    """st.metric reads the direction of a delta from an ASCII minus; we print the typographic one."""
    return None if not text or text == "–" else text.replace("−", "-")


def badge(text: str, colour: str) -> str:
    """An inline label: text on a tinted background with a solid left border (never colour alone)."""
    return (
        f'<span style="background:{colour}26;border-left:4px solid {colour};padding:2px 8px;'
        f'border-radius:3px;white-space:nowrap">{html.escape(text)}</span>'
    )


def show_problems(exc: ProblemError, lg: str, heading: str | None = None) -> None:
    """The one place a refusal is shown: every problem located and worded in the reader's language; under a heading
    as a list, or alone as its sentence."""
    messages = exc.messages(lg)
    if heading is None and len(messages) == 1:
        st.error(messages[0])
        return
    lines = "\n".join(f"- {m}" for m in messages)
    st.error(f"{heading}\n\n{lines}" if heading else lines)
