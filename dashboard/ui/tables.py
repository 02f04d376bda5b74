"""Tables as HTML, so that no text is ever cut and nothing scrolls sideways: a cell wraps its text (a long file path
too); below 640 px (a phone) a table given cards shows one card per row instead, and a table of STACKED or more
columns shows each row as a block of "column: value" lines. Links open the linked page in the same tab."""

from __future__ import annotations

import html
import re

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.ui import fmt

PHONE = 640  # px: below this width a table with cards shows the cards
LONG_WORD = 24  # characters: a longer unbroken run (a file path) may break anywhere, shorter ones never
STACKED = 6  # columns: a table this wide cannot fit a phone's 360 px, its rows are stacked there

CSS = (
    "<style>"
    ".xh-wrap{overflow-x:auto;max-width:100%}"
    "table.xh-table{border-collapse:collapse;width:100%;font-size:.9rem;line-height:1.35}"
    "table.xh-table th,table.xh-table td{padding:5px 8px;border-bottom:1px solid #e3e3e3;text-align:left;"
    "vertical-align:top;overflow-wrap:break-word;white-space:normal}"
    "table.xh-table th{font-weight:600;background:#f5f5f5;color:#333}"
    "table.xh-table td.num{white-space:nowrap;text-align:right}"
    "table.xh-table td.n{white-space:nowrap;overflow-wrap:normal}"
    "table.xh-table td.w{overflow-wrap:anywhere}"
    "table.xh-table a,.xh-card a{color:inherit;text-decoration:underline;text-decoration-color:#aaa}"
    ".xh-cards{display:none}"
    f"@media (max-width:{PHONE}px){{.xh-has-cards .xh-wrap{{display:none}}.xh-has-cards .xh-cards{{display:block}}"
    ".xh-stacked thead{display:none}.xh-stacked tr{display:block;border-bottom:1px solid #ccc;padding:4px 0}"
    ".xh-stacked td,table.xh-table.xh-stacked td.num{display:block;border:0;padding:1px 8px;text-align:left}"
    ".xh-stacked td:empty{display:none}.xh-stacked td::before{content:attr(data-l) ': ';font-weight:600;color:#333}}"
    ".xh-card{border:1px solid #ddd;border-left:6px solid var(--c);border-radius:4px;padding:6px 10px;"
    "margin:0 0 8px 0;overflow-wrap:break-word}"
    ".xh-card .t{font-weight:600}.xh-card .s{font-weight:600;color:#222}.xh-card .l{color:#444;font-size:.9rem}"
    "</style>"
)


def _text(value) -> str:
    """A cell's text: numbers the reader's way (1.234; 2,5), nothing for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return fmt.number(value, state.get("lang", "vi") or "vi", 0 if float(value).is_integer() else 1)


def _cell(value, style: str = "", link: str | None = None, title: str | None = None, column: str = "") -> str:
    text = html.escape(_text(value))
    if link:
        text = f'<a href="{html.escape(link)}" target="_self">{text}</a>'
    attrs = f' data-l="{html.escape(column)}"' if column else ""  # the column's name, for a row stacked on a phone
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        attrs += ' class="n"'  # "1.111" never breaks into "1.1" and "11"
    elif any(len(word) > LONG_WORD for word in _text(value).split()):
        attrs += ' class="w"'  # a file path may break anywhere; words and "55,7%" break only between words
    attrs += f' style="{style}"' if style else ""
    attrs += f' title="{html.escape(title)}"' if title else ""
    return f"<td{attrs}>{text}</td>"


def table_html(frame: pd.DataFrame, styles: dict[str, list[str]] | None = None, links: list | None = None) -> str:
    """The frame as an HTML table; `styles` gives a column's cell styles (e.g. a background), `links` the target
    of each row's first cell."""
    styles = styles or {}
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = [
            _cell(v, styles.get(col, [""] * len(frame))[i], links[i] if links and j == 0 else None, column=str(col))
            for j, (col, v) in enumerate(zip(frame.columns, row))
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    stacked = " xh-stacked" if len(frame.columns) >= STACKED else ""
    return f'<div class="xh-wrap"><table class="xh-table{stacked}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def card_html(title: str, status: str, colour: str, lines: list[str], link: str | None = None) -> str:
    """One row as a card: the name (a link), the status word in bold beside its colour, then short lines."""
    name = html.escape(title)
    if link:
        name = f'<a href="{html.escape(link)}" target="_self">{name}</a>'
    body = "".join(f'<div class="l">{html.escape(x)}</div>' for x in lines if x)
    return (
        f'<div class="xh-card" style="--c:{colour}"><div class="t">{name}</div>'
        f'<div class="s">{html.escape(status)}</div>{body}</div>'
    )


ROWS_SHOWN = 300  # an HTML table of 95.100 rows takes the browser and the server tens of seconds


def show(frame: pd.DataFrame | dict, styles=None, links=None, cards: list[str] | None = None, slot=st) -> None:
    """The table (and, on a phone, its cards instead); a long table shows its first ROWS_SHOWN rows and says how
    many there are (the page's download menu has them all)."""
    frame = pd.DataFrame(frame)
    if len(frame) > ROWS_SHOWN:
        lg = state.get("lang", "vi") or "vi"
        shown, total = fmt.number(ROWS_SHOWN, lg), fmt.number(len(frame), lg)
        slot.caption(f"{shown} dòng đầu trong {total} dòng." if lg == "vi" else f"The first {shown} of {total} rows.")
        frame = frame.head(ROWS_SHOWN)
        styles = {k: list(v)[:ROWS_SHOWN] for k, v in (styles or {}).items()}
        links = list(links)[:ROWS_SHOWN] if links else links
        cards = cards[:ROWS_SHOWN] if cards is not None else None
    table = table_html(frame, styles, links)
    if cards is None:
        slot.markdown(CSS + table, unsafe_allow_html=True)
        return
    slot.markdown(
        f'{CSS}<div class="xh-has-cards">{table}<div class="xh-cards">{"".join(cards)}</div></div>',
        unsafe_allow_html=True,
    )


def frames(markdown_bodies: list[str]) -> list[pd.DataFrame]:
    """The tables of rendered markdown bodies back as frames of the texts shown (for tests)."""
    from xml.etree import ElementTree

    out = []
    for body in markdown_bodies:
        for found in re.finditer(r'<table class="xh-table[^"]*">.*?</table>', body, re.S):
            root = ElementTree.fromstring(found.group(0))
            head = ["".join(th.itertext()) for th in root.iter("th")]
            rows = [["".join(td.itertext()) for td in tr.iter("td")] for tr in root.find("tbody")]
            out.append(pd.DataFrame(rows, columns=head))
    return out
