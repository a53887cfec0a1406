"""A kiosk without its server: the last good answers from disk, or the guides from the
local site folder; and whatever goes wrong, a plain message, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk_driver import KioskFactory

from queue_server.api.thread import free_port
from tests.support.servers import LiveServer


def test_first_start_with_no_server_still_offers_the_guides(
    tmp_path: Path, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(url=f"http://127.0.0.1:{free_port()}", wait_online=False)
    k.wait(lambda: not k.vm.serverOk)
    assert "Vi kan ikke give numre lige nu" in k.item("bannerText").property("text")
    k.tap("lang_en")
    k.screen("menu")
    assert [t["id"] for t in k.vm.tiles] == ["guides"]  # no services known yet
    k.tap("tile_guides")
    k.tap("tile_guide_pas")  # from config/demo/guides on this machine
    k.screen("guide")
    assert "Bring your old passport if you have one." in k.all_text()


def test_a_restarted_kiosk_remembers_the_last_good_answers(
    app_server: LiveServer, tmp_path: Path, make_kiosk: KioskFactory
) -> None:
    cache = tmp_path / "cache"
    first = make_kiosk(app_server, cache=cache, local=None)
    assert (cache / "branch.json").exists() and (cache / "guides.json").exists()
    first.kiosk.close()
    app_server.stop()

    k = make_kiosk(app_server, cache=cache, local=None, wait_online=False)
    k.wait(lambda: not k.vm.serverOk)
    k.tap("lang_da")
    k.tap("tile_group_borgerservice")
    k.screen("group")
    assert "Pas" in k.all_text() and "Kan ikke tage numre lige nu" in k.all_text()
    k.tap("btn_back")
    k.tap("tile_guides")
    k.tap("tile_guide_pas")
    k.screen("guide")
    assert "Nyt pas" in k.all_text()


def test_an_unexpected_failure_is_a_plain_message(
    app_server: LiveServer, make_kiosk: KioskFactory, monkeypatch: Any, caplog: Any
) -> None:
    k = make_kiosk(app_server)

    def broken(*args: object, **kw: object) -> None:
        raise RuntimeError("a bug somewhere")

    monkeypatch.setattr(k.kiosk.backend, "issue", broken)
    k.tap("lang_da")
    k.tap("tile_group_borgerservice")
    k.tap("tile_service_korekort")
    k.tap("btn_paperless")
    k.screen("error")
    text = k.all_text()
    assert "Det lykkedes ikke" in text and "Spørg personalet" in text
    assert "Traceback" not in text and "RuntimeError" not in text
    assert "a kiosk task failed" in caplog.text  # the details go to the log
    k.tap("btn_home")
    k.screen("start")


def test_the_server_saying_no_is_a_plain_message(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    display = app_server.token("display")  # may read, may not issue
    k = make_kiosk(app_server, token=display)
    k.tap("lang_en")
    k.tap("tile_group_borgerservice")
    k.tap("tile_service_korekort")
    k.tap("btn_paperless")
    k.screen("error")
    assert "That didn't work" in k.all_text()
    assert "forbidden" not in k.all_text()
