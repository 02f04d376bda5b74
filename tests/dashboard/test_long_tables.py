"""A long table (e.g. 95.100 communes that did not report, at national scale) is never sent whole as HTML: the page
shows its first rows and says how many there are; the download menu keeps them all."""

from __future__ import annotations

import pandas as pd

from dashboard.ui import tables


class _Slot:
    def __init__(self) -> None:
        self.captions: list[str] = []
        self.bodies: list[str] = []

    def caption(self, text: str) -> None:
        self.captions.append(text)

    def markdown(self, body: str, unsafe_allow_html: bool = False) -> None:
        self.bodies.append(body)


def test_a_long_table_shows_its_first_rows_and_says_how_many_there_are():
    slot = _Slot()
    tables.show(pd.DataFrame({"Xã": [f"Xã {i}" for i in range(1000)]}), slot=slot)
    (shown,) = tables.frames(slot.bodies)
    assert len(shown) == tables.ROWS_SHOWN and shown.iloc[0, 0] == "Xã 0"
    assert slot.captions == [f"{tables.ROWS_SHOWN} dòng đầu trong 1.000 dòng."]


def test_a_short_table_is_shown_whole_without_a_note():
    slot = _Slot()
    tables.show(pd.DataFrame({"Xã": ["Xã 1", "Xã 2"]}), slot=slot)
    assert len(tables.frames(slot.bodies)[0]) == 2 and slot.captions == []
