"""The view a user is looking at (language, unit, year, indicator) lives in the URL, so that a link
reproduces it, and in the session, so that it survives moving between pages."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

KEYS = ("lang", "unit", "year", "indicator", "che_do", "deck")


def restore() -> None:
    """At the top of every run: the URL wins, then what the session had."""
    for k in KEYS:
        value = st.query_params.get(k)
        if value is not None:
            st.session_state[f"view_{k}"] = value


def get(k: str, default: str | None = None) -> str | None:
    return st.session_state.get(f"view_{k}", default)


def put(k: str, value) -> None:
    value = "" if value is None else str(value)
    st.session_state[f"view_{k}"] = value
    if value:
        st.query_params[k] = value
    elif k in st.query_params:
        del st.query_params[k]


def publish() -> None:
    """Write the whole view back into the URL (after a page switch Streamlit starts from a clean URL)."""
    for k in KEYS:
        value = get(k)
        if value:
            st.query_params[k] = value


@dataclass(frozen=True)
class View:
    key: str  # warehouse build key (cache key of every query)
    lang: str
    unit: str
    unit_name: str
    tier: str
    year: int


def view() -> View:
    return st.session_state["view"]
