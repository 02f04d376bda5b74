"""Nạp dữ liệu / Load data (analysts and admins): upload what units send (tidy CSV/Parquet, the app's Excel
template, or a district's own spreadsheet), see a preview (rows accepted and refused with reasons, how names
were matched to codes, values new / changed / unchanged, statuses that change), then commit with a reason.
Also: the Excel report template for the scope, and the history of every commit."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access import warehouse
from dashboard.staff import auth
from dashboard.staff.intake_history import history_tab
from dashboard.staff.intake_texts import SHOW_PROBLEMS, unit_label, unit_name, unit_names, words
from dashboard.ui import components as c
from dashboard.ui.i18n import STATUS, label
from pipelines.config.catalog import load_catalog
from pipelines.editing import targets_store as store
from pipelines.intake import service as intake
from pipelines.intake.report_template import template
from pipelines.problems import ProblemError


def render() -> None:
    v = state.view()
    user = auth.current()
    st.title(words("title", v.lang))
    if not user.can_edit:
        st.error(words("not_allowed", v.lang))
        return
    scope = user.scope if user.role != "admin" else None  # an admin loads anything, the country's rows included
    if user.role == "admin":
        st.caption(words("scope_all", v.lang, name=v.unit_name))
    else:
        st.caption(words("scope", v.lang, name=unit_name(v, scope), code=scope))
    upload, make, history = st.tabs(
        [words("tab_upload", v.lang), words("tab_template", v.lang), words("tab_history", v.lang)]
    )
    with upload:
        _upload(v, user, scope)
    with make:
        _template(v, scope if scope is not None else v.unit)
    with history:
        history_tab(v, user)


def _upload(v, user, scope: str | None) -> None:
    file = st.file_uploader(
        words("file", v.lang),
        type=["csv", "parquet", "xlsx", "xls", "ods"],
        help=words("file_help", v.lang),
        key="intake_file",
    )
    years = warehouse.table(v.key, "settings").iloc[0]
    year = st.number_input(
        words("year", v.lang),
        min_value=int(years["history_from"]),
        max_value=int(years["target_year"]),
        value=int(v.year),
        step=1,
        key="intake_year",
        help=words("year_help", v.lang, first=int(years["first_year"]), history=int(years["history_from"])),
    )
    if file is None:
        _drop_preview()
        return
    data = file.getvalue()
    within = v.unit if scope is None and v.unit != "VN" else None  # an admin's names: within the chosen unit
    cache_key = (hashlib.sha256(data).hexdigest(), int(year), scope, within, intake.state())
    if st.session_state.get("intake_preview_key") != cache_key:
        with st.spinner(words("working", v.lang)):
            try:
                fresh = intake.preview(data, file.name, year=int(year), scope=scope, match_within=within)
            except ProblemError as exc:
                c.show_problems(exc, v.lang, words("config_broken", v.lang))
                return
        _drop_preview()
        st.session_state["intake_preview"] = fresh
        st.session_state["intake_preview_key"] = cache_key
    p: intake.Preview = st.session_state["intake_preview"]
    if p.committed:
        st.info(words("already", v.lang, when=p.committed["when"][:16].replace("T", " "), who=p.committed["who"]))
    counts = p.counts()
    keys = ("rows_read", "rows_accepted", "rows_rejected", "new", "changed", "unchanged", "status_changes")
    if counts["rows_skipped"]:
        keys = keys[:3] + ("rows_skipped",) + keys[3:]
    for col, key in zip(st.columns(len(keys)), keys):
        col.metric(words(key, v.lang), f"{counts[key]:,}".replace(",", "."))
    if p.problems:
        st.subheader(words("problems", v.lang))
        shown = p.problems[:SHOW_PROBLEMS]  # a static table wraps long reasons; st.table escapes the file's text
        st.table(
            pd.DataFrame(
                {
                    words("where", v.lang): [x.location(v.lang) for x in shown],
                    words("problem", v.lang): [x.text(v.lang) for x in shown],
                }
            ).set_index(words("where", v.lang))
        )
        if len(p.problems) > SHOW_PROBLEMS:
            st.caption(words("more_problems", v.lang, n=len(p.problems) - SHOW_PROBLEMS))
    if p.series:
        _declare(v, user, p)
    if p.notes:
        with st.expander(f"{words('notes', v.lang)} ({len(p.notes)})"):
            st.dataframe(
                pd.DataFrame(
                    {
                        words("where", v.lang): [n.location(v.lang) for n in p.notes],
                        words("problem", v.lang): [n.text(v.lang) for n in p.notes],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
    if len(p.matches):
        with st.expander(
            f"{words('matches', v.lang)} ({len(p.matches)})", expanded=bool((p.matches["code"] == "").any())
        ):
            st.dataframe(
                p.matches.rename(
                    columns={
                        "written": words("written", v.lang),
                        "code": words("code", v.lang),
                        "registered": words("registered", v.lang),
                    }
                )
                .assign(**{words("how", v.lang): p.matches[f"how_{v.lang}"]})
                .drop(columns=["how_vi", "how_en"]),
                hide_index=True,
                width="stretch",
            )
    value_changes(v, p)
    _commit(v, user, p)


def _drop_preview() -> None:
    """The session's last preview goes with the warehouse it computed for its commit (a file beside the warehouse)."""
    old = st.session_state.pop("intake_preview", None)
    st.session_state.pop("intake_preview_key", None)
    if old is not None:
        old.discard()


def _declare(v, user, p: intake.Preview) -> None:
    """Series the file carries that no indicator declares (a table's title, columns the reader ignored, ids a tidy
    file names): an admin declares one here, through the targets store (validation, history, concurrency; the
    warehouse rebuilt), then the file is previewed again. Open when rows wait for it, folded for ignored columns."""
    waiting = any(s.origin != "column" for s in p.series)
    with st.expander(words("declare", v.lang, n=len(p.series)), expanded=waiting):
        if user.role != "admin":
            st.info(words("declare_ask_admin", v.lang, titles="; ".join(f"'{s.written}'" for s in p.series)))
            return
        by_key = {s.key(): s for s in p.series}
        chosen = p.series[0]
        if len(p.series) > 1:
            chosen = by_key[
                st.selectbox(
                    words("declare_series", v.lang),
                    list(by_key),
                    format_func=lambda k: f"{by_key[k].written} ({by_key[k].location(v.lang)})",
                    key="declare_series",
                )
            ]
        _declare_form(v, user, chosen)


def _declare_form(v, user, series) -> None:
    proposed = series.proposal()
    now = store.current()
    catalog = load_catalog()
    i = series.key()  # each series its own form and fields, which start from its proposal (never another's values)
    with st.form(f"intake_declare_{i}"):
        st.caption(words("declare_help", v.lang, title=series.written))
        ident = st.text_input(words("declare_id", v.lang), proposed["id"], key=f"declare_id_{i}")
        name_vi = st.text_input(words("declare_name_vi", v.lang), proposed["name_vi"], key=f"declare_name_vi_{i}")
        name_en = st.text_input(words("declare_name_en", v.lang), proposed["name_en"], key=f"declare_name_en_{i}")
        groups = list(catalog.groups)
        group = st.selectbox(words("declare_group", v.lang), groups, key=f"declare_group_{i}")
        sources = list(catalog.sources)
        source = st.selectbox(
            words("declare_source", v.lang),
            sources,
            index=sources.index(proposed["source"]) if proposed["source"] in sources else 0,
            key=f"declare_source_{i}",
        )
        why = st.text_input(words("why", v.lang), key=f"declare_why_{i}")
        if not st.form_submit_button(words("declare_button", v.lang), key=f"declare_submit_{i}"):
            return
    fields = {**proposed, "id": ident.strip(), "name_vi": name_vi.strip(), "name_en": name_en.strip()}
    fields = {**fields, "group": group, "source": source}
    order = ["id", "name_vi", "name_en", "group", "kind", "display", "source", "aliases"]
    try:
        text = store.add_indicator(now.text, {k: fields[k] for k in order})
        store.publish(store.save, text, now.sha256, f"{user.login} ({user.name})", why)
    except ProblemError as exc:  # refused (nothing written) or saved but the rebuild failed
        c.show_problems(exc, v.lang, words("config_broken", v.lang) if "saved" in exc.context else None)
        return
    st.session_state.pop("intake_preview_key", None)
    warehouse.forget()
    st.success(words("declared", v.lang, id=fields["id"]))
    st.rerun()


def value_changes(v, p: intake.Preview) -> None:
    if len(p.changes):
        st.subheader(words("changes", v.lang))
        names = unit_names(v, p.changes["unit_code"])
        ind = warehouse.table(v.key, "indicators").set_index("id")[f"name_{v.lang}"].to_dict()
        order = {"changed": 0, "new": 1, "unchanged": 2}
        ch = p.changes.sort_values(by="change", key=lambda s: s.map(order), kind="stable")
        st.dataframe(
            pd.DataFrame(
                {
                    words("unit", v.lang): [unit_label(names, c, y) for c, y in zip(ch["unit_code"], ch["year"])],
                    words("indicator", v.lang): [ind.get(i, i) for i in ch["indicator"]],
                    "year": ch["year"].astype(str),
                    words("before", v.lang): ch["before"],
                    words("after", v.lang): ch["after"],
                    words("change", v.lang): [words(f"change_{x}", v.lang) for x in ch["change"]],
                }
            ).rename(columns={"year": words("year_col", v.lang)}),
            hide_index=True,
            width="stretch",
        )
    st.subheader(words("effect", v.lang))
    if p.status_changes.empty:
        st.caption(words("no_effect", v.lang))
        return
    sc = p.status_changes
    names = unit_names(v, sc["unit_code"])
    st.dataframe(
        pd.DataFrame(
            {
                words("target", v.lang): sc["target_id"],
                words("unit", v.lang): [unit_label(names, c, y) for c, y in zip(sc["unit_code"], sc["year"])],
                words("year_col", v.lang): sc["year"].astype(str),
                words("before", v.lang): [label(STATUS, s, v.lang) for s in sc["before"]],
                words("after", v.lang): [label(STATUS, s, v.lang) for s in sc["after"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _commit(v, user, p: intake.Preview) -> None:
    if p.accepted.empty:
        st.warning(words("nothing", v.lang))
        return
    why = st.text_input(words("why", v.lang), key="intake_why")
    partial = p.rows_rejected > 0
    agreed = (
        st.checkbox(words("partial_ok", v.lang, ok=p.rows_accepted, bad=p.rows_rejected), key="intake_partial")
        if partial
        else True
    )
    if not st.button(words("commit", v.lang), type="primary", disabled=not agreed, key="intake_commit"):
        return
    if not why.strip():
        st.error(words("need_why", v.lang))
        return
    try:
        entry, new = intake.commit(p, f"{user.login} ({user.name})", why)
    except ProblemError as exc:  # a stale preview, nothing to load, or a build that failed (nothing changed)
        refused = exc.code in intake.REFUSALS
        c.show_problems(exc, v.lang, None if refused else words("failed", v.lang))
        if refused:
            st.session_state.pop("intake_preview_key", None)
        return
    st.session_state.pop("intake_preview_key", None)
    warehouse.forget()
    if new:
        st.success(words("committed", v.lang, values=entry["values"], new=entry["new"], changed=entry["changed"]))
    else:
        st.info(words("noop", v.lang))


def _template(v, scope: str | None) -> None:
    st.caption(words("template_intro", v.lang))
    year = st.number_input(
        words("template_year", v.lang), min_value=2020, max_value=2030, value=int(v.year), step=1, key="template_year"
    )
    communes = warehouse.q(v.key, "communes_in_scope", scope or "VN", int(year))
    if communes.empty:
        st.info(words("no_communes", v.lang, year=year))
        return
    name = unit_name(v, scope) if scope else "Việt Nam"
    st.download_button(
        words("template_download", v.lang, n=len(communes)),  # the file is made only when pressed
        data=lambda: template(load_catalog(), communes, int(year), name, scope or "VN"),
        file_name=f"mau_bao_cao_{scope or 'VN'}_{int(year)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="template_download",
    )


render()
