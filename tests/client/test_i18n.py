"""The translation catalogue: complete in Danish and English, safe fallbacks, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from queue_server.shared.i18n import CATALOGUES, Catalogue, CatalogueError, is_rtl


@pytest.mark.parametrize("path", sorted(CATALOGUES.glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_catalogue_is_complete_in_danish_and_english(path: Path) -> None:
    cat = Catalogue.load(path.stem)
    assert cat.texts, f"{path.name} is empty"
    assert {"da", "en"} <= cat.languages()


def test_fallback_goes_to_english_then_danish(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(
        '[start.title]\nda = "Velkommen til {branch}"\nen = "Welcome to {branch}"\n'
        'ar = "مرحبا {branch}"\n'
    )
    cat = Catalogue.load("x", tmp_path)
    assert cat.tr("start.title", "da", branch="Dokk1") == "Velkommen til Dokk1"
    assert cat.tr("start.title", "ar", branch="Dokk1") == "مرحبا Dokk1"
    assert cat.tr("start.title", "pl", branch="Dokk1") == "Welcome to Dokk1"
    with pytest.raises(KeyError, match=r"start\.titel"):
        cat.tr("start.titel", "da")
    assert is_rtl("ar") and not is_rtl("da")


def test_missing_english_and_mixed_tables_are_named(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[a]\nda = "Hej"\n[b]\nda = "x"\nen = "x"\n[b.c]\nda = "y"\nen = "y"\n'
    )
    with pytest.raises(CatalogueError) as info:
        Catalogue.load("bad", tmp_path)
    message = str(info.value)
    assert "a: missing 'en'" in message and "b: mixes texts" in message
