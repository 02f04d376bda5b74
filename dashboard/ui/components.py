"""Building blocks that pages arrange. Each reads from the cached warehouse queries; none computes methodology."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access import warehouse
from dashboard.ui import fmt
from dashboard.ui.i18n import (
    JUDGEMENT,
    NEW_MAP_YEAR,
    OFF_TRACK,
    OUTLOOK,
    REFORM_DAY,
    STATUS,
    VERDICTS,
    label,
    level_label,
    name_in_text,
    pass_fail,
    t,
)
from dashboard.ui.i18n import translator as _translator
from dashboard.ui.theme import STATUS_COLOURS
from pipelines.problems import ProblemError


def lang() -> str:
    return state.get("lang", "vi") or "vi"


# ------------------------------------------------------------------ pickers (in the sidebar, shared by all pages)
def year_picker(key: str, slot) -> int:
    years = sorted(warehouse.years(key), reverse=True)
    latest = warehouse.q(key, "latest_year", state.get("unit") or "VN")["year"].iloc[0]
    wanted = state.get("year") or str(int(latest) if latest == latest and latest is not None else years[0])
    index = next((i for i, y in enumerate(years) if str(y) == wanted), 0)
    year = slot.selectbox(t("year", lang()), years, index=index, key="pick_year")
    state.put("year", year)
    return year


def unit_picker(key: str, year: int, slot) -> tuple[str, str, str]:
    """The country ("Toàn quốc", above the provinces), a province, then district → commune (province → commune from
    2025, when there are no districts), each optional below the province. Every unit of the year is listed, with
    data or not. Returns (code, name, tier)."""
    lg = lang()
    wanted = state.get("unit") or ""
    chosen = set(warehouse.lineage(key, wanted, year))
    parent, code, name, tier = "VN", "VN", t("country", lg), "country"
    for _ in range(3):
        options = warehouse.q(key, "child_units", parent, year)
        if options.empty:
            break
        tier_key = options["tier"].iloc[0]
        codes = list(options["code"])
        names = dict(zip(options["code"], options["name"]))
        top = tier_key == "province"
        choices = ([""] if not top else ["VN"]) + codes
        names["VN"] = t("country", lg)
        default = next((c for c in codes if c in chosen), "VN" if top and wanted in ("VN", "") else "")
        if top and default == "" and not codes:
            break
        heading = "commune_new" if tier_key == "commune" and year >= NEW_MAP_YEAR else tier_key
        picked = slot.selectbox(
            t(heading, lg),
            choices,
            index=choices.index(default) if default in choices else 0,
            format_func=lambda c, n=names: t("all", lg) if c == "" else n[c],
            key=f"unit_{tier_key}",
        )
        if not picked or picked == "VN":
            break
        code, name, parent, tier = picked, names[picked], picked, tier_key
    state.put("unit", code)
    return code, name, tier


def indicator_picker(options: pd.DataFrame, slot=st, prefer: list[str] | None = None) -> str | None:
    """Pick among `options` (columns indicator, name_vi, name_en); remembered in the URL; without one asked for,
    the first of `prefer` (e.g. those with data), else the first option."""
    if options.empty:
        return None
    lg = lang()
    ids = list(options["indicator"])
    names = dict(zip(ids, options["name_vi" if lg == "vi" else "name_en"]))
    wanted = state.get("indicator")
    if wanted not in ids and prefer:
        wanted = prefer[0]
    index = ids.index(wanted) if wanted in ids else 0
    picked = slot.selectbox(t("indicator", lg), ids, index=index, format_func=lambda i: names[i], key="pick_indicator")
    state.put("indicator", picked)
    return picked


# ------------------------------------------------------------------ formatting a progress row
_j = _translator(JUDGEMENT)


def _levels(r):
    """The levels of a level indicator's row (query column `levels`), None when the row does not carry them."""
    return getattr(r, "levels", None)


def fmt_value(r, value, lg: str) -> str:
    if r.kind == "level":
        return level_label(_levels(r), value, lg)
    if r.measure == "count":
        return fmt.number(value, lg)
    return fmt.percent(value, lg)


def fmt_actual(r, lg: str) -> str:
    if r.kind == "units_at_level" and not pd.isna(r.numerator):
        counted = f"{fmt.number(r.numerator, lg)}/{fmt.number(r.denominator, lg)}"
        return counted if r.measure == "count" else f"{counted} ({fmt.percent(r.actual, lg)})"
    return fmt_value(r, r.actual, lg)


def fmt_gap(r, lg: str) -> str:
    """The gap to this year's milestone, signed, without an arrow (arrows mean the change since last year)."""
    if pd.isna(r.gap):
        return "–"
    if r.kind == "level":
        if pass_fail(_levels(r)):  # met or not met: the status says it, a "−1" would read as a level
            return "–"
        return fmt.signed(r.gap, lg) + (" mức độ" if lg == "vi" else " level" if abs(r.gap) == 1 else " levels")
    if r.measure == "count":
        return fmt.signed(r.gap, lg)
    return fmt.points(r.gap, lg)


def fmt_to_close(r, lg: str) -> str:
    if pd.isna(r.to_close) or r.to_close <= 0:
        return ""
    entity = r.entity_vi if lg == "vi" else r.entity_en
    if r.kind == "level":
        if pass_fail(_levels(r)):
            return ""
        entity = "mức độ" if lg == "vi" else "levels"
    if not isinstance(entity, str):
        entity = ""
    if lg == "en" and r.to_close == 1:
        entity = singular(entity)
    return f"{fmt.number(r.to_close, lg)} {entity}".strip()


def singular(noun: str) -> str:
    """An English plural for one ("1 institution", "1 learning family", "1 level"): the first plural word made
    singular; Vietnamese nouns do not inflect."""
    words = noun.split(" ")
    for i, w in enumerate(words):
        if w.endswith("ies") or (w.endswith("s") and not w.endswith("ss") and len(w) > 3):
            words[i] = w[:-3] + "y" if w.endswith("ies") else w[:-1]
            break
    return " ".join(words)


def change_text(r, lg: str) -> str:
    """Change since the previous year, signed, in the indicator's terms ('' without both values)."""
    if pd.isna(r.actual) or pd.isna(r.previous):
        return ""
    diff = r.actual - r.previous
    return fmt.signed(diff, lg) if r.kind == "level" or r.measure == "count" else fmt.points(diff, lg)


def fmt_change(r, lg: str) -> str:
    """Change since the previous year: ↑ rose, ↓ fell, → unchanged. The one meaning of an arrow on every page."""
    text = change_text(r, lg)
    if not text:
        return ""
    diff = r.actual - r.previous
    return ("↑ " if diff > 1e-9 else "↓ " if diff < -1e-9 else "→ ") + text


def change_metric(col, r, lg: str, value: str, label_text: str, **kw) -> None:
    """st.metric whose delta (and so its arrow) is the change since last year, said so under it; green when the
    change is for the better in the indicator's direction."""
    change = change_text(r, lg)
    col.metric(
        label_text,
        value,
        delta=delta(change),
        delta_description=t("since_last", lg) if change else None,
        delta_color="inverse" if getattr(r, "direction", "") == "lower_is_better" else "normal",
        **kw,
    )


def fmt_gap_words(r, year: int, lg: str) -> str:
    """The distance to this year's milestone in words, never with an arrow: 'còn thiếu 10,0 điểm % so với mốc 2026
    ; cần thêm 312 gia đình học tập', 'vượt mốc 2026: 2,7 điểm %'; the status when there is no verdict."""
    if r.status not in VERDICTS or pd.isna(r.gap):
        return status_text(r, lg, year)
    gap = fmt_gap(r, lg).lstrip("+−-")
    vi = lg == "vi"
    if r.status == "behind":
        if gap == "–":
            text = f"chưa đạt mốc {year}" if vi else f"behind the {year} milestone"
        else:
            text = f"còn thiếu {gap} so với mốc {year}" if vi else f"{gap} short of the {year} milestone"
        need = fmt_to_close(r, lg)
        return text + (f"; cần thêm {need}" if vi else f"; needs {need} more") if need else text
    if gap == "–" or abs(r.gap) < 1e-9:
        return f"đạt mốc {year}" if vi else f"{year} milestone met"
    return f"vượt mốc {year}: {gap}" if vi else f"{gap} above the {year} milestone"


def status_text(r, lg: str, year: int | None = None) -> str:
    """The status label; '– Chưa có số liệu năm 2026' when a year is given and there is no value."""
    if r.status == "no_data" and year is not None:
        return "– " + _j("no_verdict", lg, year=year)
    return label(STATUS, r.status, lg)


def replacement_name(r, lg: str) -> str | None:
    """The indicator of the target that re-expresses a not-applicable one on the new map (query column
    replaced_vi / replaced_en), if any."""
    name = getattr(r, "replaced_vi" if lg == "vi" else "replaced_en", None)
    return name if r.status == "not_applicable" and isinstance(name, str) and name else None


def outlook_text(r, lg: str) -> str:
    """The 2030 outlook, only where there is one (a value this year); a not-applicable target says what replaced
    it; every other row shows no outlook word."""
    if isinstance(r.outlook_category, str) and r.outlook_category:
        return label(OUTLOOK, r.outlook_category, lg)
    name = replacement_name(r, lg)
    return _j("replaced_by", lg, name=name) if name else "–"


def projection_for(key: str, unit: str, r) -> pd.DataFrame:
    """The projected path behind the row's outlook; none where the row has no outlook (no value this year: no
    verdict, so no projection either)."""
    if not isinstance(r.outlook_category, str):
        return pd.DataFrame(columns=["year", "projected", "method"])
    return warehouse.q(key, "projection", unit, r.target_id)


def carried_over(r) -> bool:
    """The row judges a unit re-drawn by the reform against a target its predecessor declared."""
    value = getattr(r, "carried_over", None)
    return False if value is None or pd.isna(value) else bool(value)


def indicator_name(r, lg: str) -> str:
    return r.name_vi if lg == "vi" else r.name_en


def short_name(r, lg: str) -> str:
    """For a ratio, what it counts ('Gia đình học tập' rather than 'Tỷ lệ gia đình đạt danh hiệu …'); else the name."""
    entity = r.entity_vi if lg == "vi" else r.entity_en
    name = entity if isinstance(entity, str) and entity and r.kind == "ratio" else indicator_name(r, lg)
    return name[:1].upper() + name[1:]


def no_rule_note(lg: str) -> str:
    """'§ Chưa có quy định xác định mức độ của tỉnh sau sắp xếp đơn vị hành chính.' (the symbol of the status)."""
    why = _j("no_rule_why", lg)
    return f"{label(STATUS, 'no_rule', lg).split(' ', 1)[0]} {why[:1].upper()}{why[1:]}."


def scorecard_notes(df: pd.DataFrame, lg: str) -> list[str]:
    """What the marks of a scorecard mean, only those that occur: arrows, *, no rule yet."""
    notes = [t("change_legend", lg)] if df["previous"].notna().any() else []
    if any(carried_over(r) for r in df.itertuples()):
        notes.append("\\* " + _j("carried_over_note", lg))  # the mark of the table (escaped: not a list item)
    if (df["status"] == "no_rule").any():
        notes.append(no_rule_note(lg))
    for r in df[df["status"] == "not_applicable"].itertuples():
        name = replacement_name(r, lg)
        if name:
            notes.append(
                f"{label(STATUS, 'not_applicable', lg)}: {indicator_name(r, lg)} — {_j('replaced_by', lg, name=name)}."
            )
    return notes


def status_counts(df: pd.DataFrame) -> None:
    """Targets on and behind this year's milestone, those without a verdict, and 2030 outlooks at risk (counted
    only where there is an outlook); targets that no longer apply are counted apart."""
    lg = lang()
    applicable = df[df["status"] != "not_applicable"]
    met = int((applicable["status"] == "met").sum())
    behind = int((applicable["status"] == "behind").sum())
    cols = st.columns(4)
    cols[0].metric(label(STATUS, "met", lg), fmt.number(met, lg), help=t("n_met", lg))
    cols[1].metric(label(STATUS, "behind", lg), fmt.number(behind, lg), help=t("n_behind", lg))
    cols[2].metric(t("n_other", lg), fmt.number(len(applicable) - met - behind, lg))
    judged = applicable[applicable["status"].isin(VERDICTS)]
    off_track = int(judged["outlook_category"].isin(OFF_TRACK).sum())
    cols[3].metric(t("n_off_track", lg), fmt.number(off_track, lg), help=t("n_off_track_help", lg))
    n_na = len(df) - len(applicable)
    if n_na:
        st.caption(_j("n_not_applicable", lg, n=fmt.number(n_na, lg), day=REFORM_DAY))


def status_legend(statuses, lg: str) -> str:
    """'✓ Đạt mốc · ✗ Chưa đạt mốc · – Chưa có số liệu': the statuses that occur, for cells that show only the symbol."""
    present = [s for s in STATUS if s in set(statuses)]
    return " · ".join(label(STATUS, s, lg) for s in present)


def data_note(key: str, unit: str, unit_name: str, year: int, slot=st) -> None:
    """Where this unit's figures of the year come from: a notice only when some are illustrative (demo files), else
    the sources in a caption; nothing when the year has no figures."""
    lg = lang()
    sources = warehouse.q(key, "figure_sources", unit, year)
    if sources.empty:
        return
    if sources["illustrative"].any():  # the demo's source is only a marker ("MINH HỌA (illustrative)"): not named
        slot.info(t("illustrative_here", lg, unit=name_in_text(unit, unit_name, lg), year=year), icon=":material/info:")
    real = sources[~sources["illustrative"]]
    if not real.empty:
        slot.caption(
            t("real_sources", lg, year=year, sources="; ".join(_source_words(r, lg) for r in real.itertuples()))
        )


def _source_words(r, lg: str) -> str:
    """'Tổng cục Thống kê (…) (phát hành 2018; có số liệu sơ bộ)': a real source with its release and status."""
    notes = [t("released_in", lg, year=int(r.released))] if not pd.isna(r.released) else []
    if r.provisional:
        notes.append(t("has_provisional", lg))
    return r.source + (f" ({'; '.join(notes)})" if notes else "")


def status_key(statuses, lg: str) -> str:
    """The legend of a status chart: a swatch of each status's colour beside its symbol and words (HTML)."""
    present = [s for s in STATUS if s in set(statuses)]
    return " ".join(badge(label(STATUS, s, lg), STATUS_COLOURS[s]) for s in present)


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
