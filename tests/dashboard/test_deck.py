"""Named slide decks: validated, saved atomically, loaded back; a broken or unknown deck falls back to the default."""
import json

import pytest
from pydantic import ValidationError

from dashboard import deck as decks


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XHHT_DECKS", str(tmp_path))
    return tmp_path


def test_save_and_load_keep_order_and_timers(folder):
    d = decks.Deck(name="hop-quy-4", slides=["behind", "title", "group:danh_hieu"], advance_s=30)
    decks.save(d)
    assert decks.load("hop-quy-4") == d
    assert "hop-quy-4" in decks.list_decks() and "mac_dinh" in decks.list_decks()


@pytest.mark.parametrize("kwargs", [
    dict(name="../etc", slides=["title"]),
    dict(name="Họp", slides=["title"]),
    dict(name="ok", slides=[]),
    dict(name="ok", slides=["title", "title"]),
    dict(name="ok", slides=["group:unknown"]),
    dict(name="ok", slides=["title"], advance_s=-1),
])
def test_invalid_decks_are_refused(folder, kwargs):
    with pytest.raises(ValidationError):
        decks.Deck(**kwargs)


def test_a_failed_save_leaves_the_previous_deck(folder, monkeypatch):
    decks.save(decks.Deck(name="x", slides=["title"]))
    before = (folder / "x.json").read_text(encoding="utf-8")

    def broken(*_):
        raise OSError("disk full")

    monkeypatch.setattr(decks.os, "replace", broken)
    with pytest.raises(OSError):
        decks.save(decks.Deck(name="x", slides=["behind"]))
    assert (folder / "x.json").read_text(encoding="utf-8") == before
    assert [p.name for p in folder.iterdir()] == ["x.json"]


def test_unknown_or_corrupt_deck_gives_the_default(folder):
    (folder / "hong.json").write_text("{not json", encoding="utf-8")
    assert decks.load("hong").slides == decks.DEFAULT_SLIDES
    assert decks.load("khong-co").name == "mac_dinh"
    assert decks.load("../x").name == "mac_dinh"


def test_shipped_default_deck_is_valid():
    shipped = decks.REPO_DECKS / "mac_dinh.json"
    assert decks.Deck.model_validate(json.loads(shipped.read_text(encoding="utf-8"))).slides == decks.DEFAULT_SLIDES
