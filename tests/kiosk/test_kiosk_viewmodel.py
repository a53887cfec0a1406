"""The view-model as QML sees it: a registered type handed to the window, whose properties
signal only when their value changed."""

from __future__ import annotations

from typing import Any

from kiosk_driver import KioskFactory
from PySide6.QtQml import qmlTypeId

from kiosk.presented import Presented
from tests.support.servers import LiveServer

SIGNALS = (
    "screenChanged",
    "headingChanged",
    "tilesChanged",
    "detailChanged",
    "themeChanged",
    "tChanged",
    "bannerChanged",
    "idleWarningChanged",
    "idleTextChanged",
)


def recorder(vm: Any) -> list[str]:
    fired: list[str] = []
    for name in SIGNALS:
        getattr(vm, name).connect(lambda name=name: fired.append(name))
    return fired


def registered(name: str) -> bool:
    """A type of the DinTur.Kiosk 1.0 QML module (PySide6 takes str, its stub says bytes)."""
    return int(qmlTypeId("DinTur.Kiosk", 1, 0, name)) >= 0  # type: ignore[arg-type]


def test_a_property_signals_only_when_its_value_changes(qtbot: Any) -> None:
    shown = Presented({"welcomeAll": "Velkommen"})
    fired = recorder(shown)
    values = {"screen": "menu", "heading": "Hvad skal du have hjælp til?", "tiles": [{"id": "a"}]}
    assert sorted(shown.present(values)) == ["heading", "screen", "tiles"]
    assert sorted(fired) == ["headingChanged", "screenChanged", "tilesChanged"]
    fired.clear()
    assert shown.present(dict(values)) == [] and fired == []  # equal values: no signal
    assert shown.present({**values, "tiles": [{"id": "b"}]}) == ["tiles"]
    assert fired == ["tilesChanged"]
    assert shown.property("welcomeAll") == "Velkommen"  # a constant, read like the others


def test_the_window_gets_the_registered_view_model(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    assert registered("KioskViewModel") and not registered("NoSuchType")
    k = make_kiosk(app_server)  # Main.qml: `required property KioskViewModel vm`
    k.tap("lang_en")
    assert k.item("heading").property("text") == k.vm.heading == "What do you need help with?"


def test_quiet_seconds_and_live_events_redraw_only_what_changed(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(app_server)
    k.tap("lang_da")
    k.tap("tile_group_borgerservice")
    k.screen("group")
    fired = recorder(k.vm)
    k.idle_ticks(5)  # five quiet seconds: nothing on screen changes
    assert fired == []

    with app_server.client("kiosk") as other:  # a number taken at another kiosk
        other.post("/api/v1/tickets", json={"branch": "dokk1", "service": "pas"})
    k.wait(lambda: "tilesChanged" in fired)
    assert set(fired) <= {"tilesChanged"}, fired  # the tile's count, nothing else

    fired.clear()
    k.idle_ticks(25)  # the warning: its overlay and text, not the screen under it
    assert set(fired) == {"idleWarningChanged", "idleTextChanged"}
