"""Building blocks that pages arrange. Each reads from the cached warehouse queries; none computes methodology."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from . import fmt, warehouse
from .i18n import METHOD, OUTLOOK, STATUS, label, t


def lang() -> str:
    return st.session_state.get("lang", "vi")


def _param(name: str, default):
    value = st.query_params.get(name)
    return default if value is None else value


def year_picker(key: str, slot) -> int:
    years = sorted(warehouse.years(key), reverse=True)
    wanted = _param("year", str(years[0]))
    index = next((i for i, y in enumerate(years) if str(y) == wanted), 0)
    year = slot.selectbox(t("year", lang()), years, index=index, key="year_select")
    st.query_params["year"] = str(year)
    return year


def unit_picker(key: str, year: int, slots: list) -> tuple[str, str]:
    """Province → district → commune, one selectbox per slot, each optional below the province.
    Returns (code, name) of the deepest unit chosen."""
    lg = lang()
    chosen = set(warehouse.lineage(key, _param("unit", ""), year))
    parent, code, name = "VN", None, None
    for tier_key, slot in zip(("province", "district", "commune"), slots):
        options = warehouse.children(key, parent, year)
        if options.empty:
            break
        codes = list(options["code"])
        names = dict(zip(options["code"], options["name"]))
        allow_all = tier_key != "province"
        choices = ([""] if allow_all else []) + codes
        default = next((c for c in codes if c in chosen), "" if allow_all else codes[0])
        picked = slot.selectbox(t(tier_key, lg), choices, index=choices.index(default),
                                format_func=lambda c, n=names: t("all", lg) if c == "" else n[c], key=f"unit_{tier_key}")
        if not picked:
            break
        code, name, parent = picked, names[picked], picked
    st.query_params["unit"] = code
    return code, name


def _fmt_value(r: pd.Series, value, lg: str) -> str:
    if r.kind == "level":
        return "–" if pd.isna(value) else t("level", lg, n=int(value))
    if r.measure == "count":
        return fmt.number(value, lg)
    return fmt.percent(value, lg)


def _fmt_actual(r: pd.Series, lg: str) -> str:
    if r.kind == "units_at_level" and not pd.isna(r.numerator):
        counted = f"{fmt.number(r.numerator, lg)}/{fmt.number(r.denominator, lg)}"
        return counted if r.measure == "count" else f"{counted} ({fmt.percent(r.actual, lg)})"
    return _fmt_value(r, r.actual, lg)


def _fmt_gap(r: pd.Series, lg: str) -> str:
    if pd.isna(r.gap):
        return "–"
    if r.kind == "level":
        return fmt.signed(r.gap, lg) + (" mức" if lg == "vi" else " level(s)")
    if r.measure == "count":
        return fmt.signed(r.gap, lg)
    return fmt.points(r.gap, lg)


def _fmt_to_close(r: pd.Series, lg: str) -> str:
    if pd.isna(r.gap_entities) or r.gap_entities <= 0:
        return ""
    entity = r.entity_vi if lg == "vi" else r.entity_en
    if r.kind == "level":
        entity = "mức" if lg == "vi" else "level(s)"
    return f"{fmt.number(r.gap_entities, lg)} {entity or ''}".strip()


def scorecard_frame(df: pd.DataFrame, lg: str) -> pd.DataFrame:
    rows = []
    for _, r in df.iterrows():
        rows.append({
            t("indicator", lg): r.name_vi if lg == "vi" else r.name_en,
            t("actual", lg): _fmt_actual(r, lg),
            t("milestone", lg): _fmt_value(r, r.milestone, lg),
            t("target_2030", lg): _fmt_value(r, r.target_value, lg),
            t("gap", lg): _fmt_gap(r, lg),
            t("to_close", lg): _fmt_to_close(r, lg),
            t("status", lg): label(STATUS, r.status, lg),
            t("outlook", lg): label(OUTLOOK, r.outlook_category, lg),
            t("method", lg): label(METHOD, r.outlook_method, lg),
        })
    return pd.DataFrame(rows)


def status_counts(df: pd.DataFrame) -> None:
    lg = lang()
    met = int((df["status"] == "met").sum())
    behind = int((df["status"] == "behind").sum())
    cols = st.columns(3)
    cols[0].metric(label(STATUS, "met", lg), fmt.number(met, lg), help=t("n_met", lg))
    cols[1].metric(label(STATUS, "behind", lg), fmt.number(behind, lg), help=t("n_behind", lg))
    cols[2].metric(t("n_other", lg), fmt.number(len(df) - met - behind, lg))


def scorecard_table(df: pd.DataFrame, lg: str) -> None:
    frame = scorecard_frame(df, lg)
    widths = {"indicator": 310, "actual": 115, "milestone": 75, "target_2030": 90, "gap": 95, "to_close": 150,
              "status": 95, "outlook": 150, "method": 80}
    config = {t(k, lg): st.column_config.TextColumn(t(k, lg), width=w) for k, w in widths.items()}
    st.dataframe(frame, hide_index=True, width="stretch", row_height=35, height=min(35 * (len(frame) + 1) + 3, 760),
                 column_config=config)
