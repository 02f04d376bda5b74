"""The history tab of the Nạp dữ liệu page: every commit with who, when, why and counts, the values it replaced,
its state (in use / withdrawn), and the withdraw control."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data_access import warehouse
from dashboard.staff import auth
from dashboard.staff.intake_texts import words
from dashboard.ui import components as c
from pipelines.intake import service as intake
from pipelines.problems import ProblemError
from pipelines.vn_text import observation_text


def _visible(v, user, entry: dict) -> bool:
    """An analyst sees the commits made within their scope; an admin, every commit."""
    if user.role == "admin":
        return True
    scope = entry.get("scope")
    if not scope:
        return False  # an admin's commit over everything
    year = int(entry.get("year") or v.year)
    return auth.in_scope(user, warehouse.lineage(v.key, str(scope), year) or [str(scope)])


def history_tab(v, user) -> None:
    log = intake.log()
    entries = [e for e in log if e.get("action", "committed") == "committed" and _visible(v, user, e)]
    if not entries:
        st.caption(words("history_empty", v.lang))
        return
    gone = intake.withdrawn_batches(log)
    frame = pd.DataFrame(entries[::-1])
    state_text = [
        words("withdrawn_by", v.lang, when=gone[b]["when"][:16].replace("T", " "), who=gone[b]["who"])
        if b in gone
        else words("in_use", v.lang)
        for b in frame["batch"]
    ]
    st.dataframe(
        pd.DataFrame(
            {
                words("when", v.lang): frame["when"].str[:19].str.replace("T", " "),
                words("who", v.lang): frame["who"],
                words("file_name", v.lang): frame["file"],
                words("year_col", v.lang): frame["year"].astype(str),
                words("values", v.lang): frame["values"],
                words("new", v.lang): frame["new"],
                words("changed", v.lang): frame["changed"],
                words("rows_rejected", v.lang): frame["rows_rejected"],
                words("reason", v.lang): frame["why"],
                words("state", v.lang): state_text,
            }
        ),
        hide_index=True,
        width="stretch",
    )
    pick = st.selectbox(
        words("pick_batch", v.lang),
        list(range(len(frame))),
        key="intake_batch",
        format_func=lambda i: f"{frame['when'][i][:19].replace('T', ' ')} · {frame['file'][i]} · {frame['who'][i]}",
    )
    batch = frame["batch"][pick]
    replaced = warehouse.q(v.key, "superseded_by", batch)
    st.caption(words("superseded", v.lang))
    if replaced.empty:
        st.caption(words("none_superseded", v.lang))
    else:
        shown = [
            observation_text(*r, lang=v.lang)
            for r in replaced[["numerator", "denominator", "value", "level"]].itertuples(index=False)
        ]
        replaced = replaced.assign(
            indicator=replaced[f"indicator_{v.lang}"], year=replaced["year"].astype(str), value=shown
        )[["unit", "indicator", "year", "value", "file"]]
        st.dataframe(
            replaced.rename(
                columns={
                    "unit": words("unit", v.lang),
                    "indicator": words("indicator", v.lang),
                    "year": words("year_col", v.lang),
                    "value": words("before", v.lang),
                    "file": words("old_source", v.lang),
                }
            ),
            hide_index=True,
            width="stretch",
        )
    scope = frame["scope"][pick]
    allowed = user.role == "admin" or (
        scope is not None and auth.in_scope(user, warehouse.lineage(v.key, scope, v.year))
    )
    if batch in gone or not allowed:
        return
    why = st.text_input(words("withdraw_why", v.lang), key="intake_withdraw_why")
    if st.button(words("withdraw", v.lang), key="intake_withdraw"):
        if not why.strip():
            st.error(words("need_why", v.lang))
            return
        try:
            intake.withdraw(batch, f"{user.login} ({user.name})", why)
        except ProblemError as exc:  # withdrawn meanwhile by someone else, or the rebuild failed
            c.show_problems(exc, v.lang, None if exc.code in intake.REFUSALS else words("failed", v.lang))
            return
        warehouse.forget()
        st.session_state.pop("intake_preview_key", None)
        st.rerun()
