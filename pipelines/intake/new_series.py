"""Series an upload carries that no indicator declares, and the indicator the preview offers to declare for each:
a statistics office table's title, a spreadsheet column's heading, a tidy file's indicator id. Declaring goes
through the targets store (pipelines/editing/targets_store.py); this module only proposes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

from pipelines.problems import location
from pipelines.vn_text import ascii_key, clean

Origin = Literal["title", "column", "id"]
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")  # as targets.yaml's ids (pipelines/config/catalog.py)
_ID_LENGTH = 40


@dataclass(frozen=True)
class NewSeries:
    written: str  # as the file writes it: the table's title, the column's heading (field words dropped), the id
    origin: Origin
    file: str  # where it was found: the file (› sheet) and the column
    column: str | None = None

    def location(self, lang: str = "vi") -> str:
        return location(self.file, lang, column=self.column)

    def key(self) -> str:
        """A short name that is this series' and no other's (for a form's fields: the same series, the same key)."""
        return hashlib.sha256(repr((self.origin, self.written, self.file, self.column)).encode()).hexdigest()[:12]

    def proposal(self) -> dict:
        """The indicator offered: a percentage that may be reported as a value or as numerator and denominator,
        named and aliased by what the file writes, so that the same file then loads."""
        if self.origin == "title":
            series = clean(
                re.sub(r"\s+(by|phân theo|chia theo)\s.*$", "", clean(self.written.replace("(*)", " ")), flags=re.I)
            )
            return _indicator(_identifier(series, "gso"), series, series if series.isascii() else "", "gso", [series])
        if self.origin == "column":
            return _indicator(_identifier(self.written, ""), self.written, "", None, [self.written])
        return _indicator(self.written, self.written, "", None, [])  # a tidy file's id: the admin names it


def _indicator(ident: str, name_vi: str, name_en: str, source: str | None, aliases: list[str]) -> dict:
    # an English title: the admin gives the Vietnamese name; a Vietnamese one: the English name
    return dict(
        id=ident, name_vi=name_vi, name_en=name_en, kind="ratio", display="percent", source=source, aliases=aliases
    )


def _identifier(text: str, prefix: str) -> str:
    """An id from a name's words without diacritics: 'Tủ sách cộng đồng' -> 'tu_sach_cong_dong' (at most 40
    characters, starting with a letter)."""
    ident = prefix
    for word in re.sub(r"[^a-z0-9]+", " ", ascii_key(text)).split():
        if len(ident) + len(word) + 1 > _ID_LENGTH:
            break
        ident = f"{ident}_{word}" if ident else word
    if not ident or not ident[0].isalpha():
        ident = f"ct_{ident}".rstrip("_")
    return ident
