"""Named slide decks: validated, saved atomically, loaded back; a broken or unknown deck falls back to the default."""

import json
import os

import pytest

from dashboard.present import deck_store
from pipelines.config.settings import REPO
from pipelines.problems import ProblemError


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XHHT_DECKS", str(tmp_path))
    return tmp_path


def test_save_and_load_keep_order_and_timers(folder):
    deck_store.save("hop-quy-4", ["behind", "title", "group:danh_hieu"], advance_s=30)
    assert deck_store.load("hop-quy-4") == deck_store.Deck(
        name="hop-quy-4", slides=["behind", "title", "group:danh_hieu"], advance_s=30
    )
    assert "hop-quy-4" in deck_store.list_decks() and "mac_dinh" in deck_store.list_decks()


@pytest.mark.parametrize(
    "kwargs, code",
    [
        (dict(name="../etc", slides=["title"]), "deck_name"),
        (dict(name="Họp", slides=["title"]), "deck_name"),
        (dict(name="ok", slides=[]), "deck_slides"),
        (dict(name="ok", slides=["title", "title"]), "deck_slides"),
        (dict(name="ok", slides=["group:unknown"]), "deck_slides"),
        (dict(name="ok", slides=["title"], advance_s=-1), "deck_timer"),
    ],
)
def test_invalid_decks_are_refused(folder, kwargs, code):
    with pytest.raises(ProblemError) as exc:
        deck_store.save(**kwargs)
    assert exc.value.code == code
    assert list(folder.iterdir()) == []  # nothing written


def test_a_failed_save_leaves_the_previous_deck(folder, monkeypatch):
    deck_store.save("x", ["title"])
    before = (folder / "x.json").read_text(encoding="utf-8")

    def broken(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        deck_store.save("x", ["behind"])
    assert (folder / "x.json").read_text(encoding="utf-8") == before
    assert [p.name for p in folder.iterdir()] == ["x.json"]


def test_unknown_or_corrupt_deck_gives_the_default(folder):
    (folder / "hong.json").write_text("{not json", encoding="utf-8")
    assert deck_store.load("hong").slides == deck_store.DEFAULT_SLIDES
    assert deck_store.load("khong-co").name == "mac_dinh"
    assert deck_store.load("../x").name == "mac_dinh"


def test_shipped_default_deck_is_valid():
    shipped = REPO / "data" / "decks" / "mac_dinh.json"
    assert (
        deck_store.Deck.model_validate(json.loads(shipped.read_text(encoding="utf-8"))).slides
        == deck_store.DEFAULT_SLIDES
    )
