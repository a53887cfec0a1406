"""Whole visits at the kiosk: real QML taps, a real server on loopback, the virtual printer."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk_driver import KioskFactory, admin, qr_ticket, server_tickets

from kiosk.screenshots import demo_site
from printers.sim import VirtualPrinter
from tests.support.servers import LiveServer, start_server


def test_a_printed_ticket(
    app_server: LiveServer, make_kiosk: KioskFactory, sim: VirtualPrinter, printer_uri: str
) -> None:
    k = make_kiosk(app_server, printer=printer_uri)
    k.tap("lang_en")
    k.screen("menu")
    k.tap("tile_group_borgerservice")
    k.screen("group")
    k.tap("tile_service_korekort")  # no guide: straight to the choice of paper or phone
    k.screen("confirm")
    assert "Driving licence" in k.all_text()
    k.tap("btn_print")
    k.screen("ticket")

    number = k.item("ticketNumber").property("text")
    assert number == "K001"
    receipt = sim.wait_for_tickets(1)[0]
    assert any("K001" in line for line in receipt.text_lines)
    assert receipt.qr_codes and receipt.qr_codes[0].startswith(app_server.url + "/t/")
    assert "Take your ticket from the printer below." in k.all_text()
    [ticket] = server_tickets(app_server)
    assert ticket["number"] == "K001" and ticket["paperless"] is False
    assert ticket["language"] == "en"
    k.tap("btn_done")
    k.screen("start")
    assert k.vm.language == "da"


def test_paperless_shows_the_code_and_prints_nothing(
    app_server: LiveServer, make_kiosk: KioskFactory, sim: VirtualPrinter, printer_uri: str
) -> None:
    k = make_kiosk(app_server, printer=printer_uri)
    k.tap("lang_da")
    k.tap("tile_group_bibliotek")
    k.tap("tile_service_digital-hjaelp")
    k.screen("confirm")
    k.tap("btn_paperless")
    k.screen("ticket")

    [ticket] = server_tickets(app_server)
    assert ticket["paperless"] is True and ticket["number"] == "D001"
    qr = k.item("qrImage")
    assert qr_ticket(app_server, qr.property("source").toString())["id"] == ticket["id"]
    assert "Intet papir" in k.all_text()
    assert sim.tickets == []


def test_a_guide_first_then_still_a_ticket(
    app_server: LiveServer, make_kiosk: KioskFactory, sim: VirtualPrinter, printer_uri: str
) -> None:
    k = make_kiosk(app_server, printer=printer_uri)
    k.tap("lang_da")
    k.tap("tile_group_borgerservice")
    k.tap("tile_service_pas")
    k.screen("offer")  # "Du kan gøre det selv – eller tage et nummer"
    assert "Du kan gøre det selv" in k.all_text()
    k.tap("btn_guide")
    k.screen("guide")
    steps = k.item("guideSteps")
    assert steps is not None and "Tag dit gamle pas med" in k.all_text()

    k.tap("btn_print_guide")
    k.wait(lambda: "Vejledningen er udskrevet" in k.vm.notice)
    guide_receipt = sim.wait_for_tickets(1)[0]
    assert any("Nyt pas" in line for line in guide_receipt.text_lines)
    assert guide_receipt.qr_codes == ("https://www.borger.dk/internationalt/pas-og-id",)

    k.tap("btn_help")  # "Jeg har stadig brug for hjælp"
    k.screen("confirm")
    k.tap("btn_print")
    k.screen("ticket")
    assert k.item("ticketNumber").property("text") == "P001"
    sim.wait_for_tickets(2)

    with admin(app_server) as c:
        k.wait(lambda: c.get("/api/v1/stats/guides", params={"branch": "dokk1"}).json() != {})
        stats = c.get("/api/v1/stats/guides", params={"branch": "dokk1"}).json()
    assert stats == {"pas": {"ticket": 1}}


def test_a_guide_read_without_a_ticket_counts_as_self_served(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(app_server)
    k.tap("lang_en")
    k.tap("tile_guides")
    k.screen("guides")
    k.tap("tile_guide_pas")
    k.screen("guide")
    assert "New passport" in k.all_text()
    k.tap("btn_home")
    k.screen("start")
    with admin(app_server) as c:
        k.wait(lambda: c.get("/api/v1/stats/guides", params={"branch": "dokk1"}).json() != {})
        stats = c.get("/api/v1/stats/guides", params={"branch": "dokk1"}).json()
    assert stats == {"pas": {"self_served": 1}}
    assert server_tickets(app_server) == []


def test_a_closed_service_says_when_and_where(
    full_site: tuple[LiveServer, Path], make_kiosk: KioskFactory, printer_uri: str
) -> None:
    server, site = full_site  # a copy of config/demo: bibliotek opens only tomorrow at Dokk1
    k = make_kiosk(server, printer=printer_uri, local=site)
    k.tap("lang_da")
    k.tap("tile_group_bibliotek")
    k.screen("group")
    assert "✕ Lukket nu" in k.all_text()  # a mark and a word, never colour alone
    k.tap("tile_service_bibliotek")
    k.screen("closed")
    text = k.all_text()
    assert "Bibliotekshjælp har lukket nu" in text
    assert "Åbner igen i morgen kl. 10.00." in text
    assert "Åbent nu: Gellerup Bibliotek (demo)." in text
    assert server_tickets(server) == []


def test_a_full_queue_is_said_plainly(
    full_site: tuple[LiveServer, Path], make_kiosk: KioskFactory
) -> None:
    server, site = full_site  # sundhedskort takes two waiting tickets
    k = make_kiosk(server, local=site)
    for _ in range(2):
        k.kiosk.api.issue("dokk1", "sundhedskort", "da", paperless=True)
    # no refresh: "full" comes with the events
    k.tap("lang_en")
    k.tap("tile_group_borgerservice")
    k.wait(lambda: "✕ No more numbers today" in k.all_text())
    k.tap("tile_service_sundhedskort")
    k.screen("full")
    assert "Health insurance card: no more numbers today" in k.all_text()
    assert len(server_tickets(server)) == 2


def test_idle_warns_then_goes_back_to_a_fresh_start(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(app_server)
    k.tap("toggle_large")
    k.tap("lang_uk")
    k.tap("tile_group_borgerservice")
    k.screen("group")
    assert k.vm.largeText

    k.idle_ticks(29)
    assert not k.vm.idleWarning
    k.idle_ticks(1)  # 30 s without a touch: the warning, seen and heard
    k.item("idle")
    assert k.speech.chimes == 1
    assert "Ви ще тут?" in k.all_text()
    k.tap("btn_more_time")
    k.wait(lambda: not k.vm.idleWarning)
    assert k.vm.screen == "group"

    k.idle_ticks(35)
    assert k.vm.idleWarning
    assert "5" in k.item("idleText").property("text")
    k.idle_ticks(5)
    k.screen("start")
    assert k.vm.language == "da" and not k.vm.largeText and not k.vm.idleWarning


def test_server_down_guides_still_work_and_it_recovers_by_itself(
    app_server: LiveServer, make_kiosk: KioskFactory, sim: VirtualPrinter, printer_uri: str
) -> None:
    k = make_kiosk(app_server, printer=printer_uri)
    port = int(app_server.url.rsplit(":", 1)[1])
    app_server.stop()
    k.wait(lambda: not k.vm.serverOk, 15)

    k.tap("lang_en")
    k.screen("menu")
    assert "We can't give out numbers right now" in k.item("bannerText").property("text")
    k.tap("tile_group_borgerservice")
    assert "Can't take numbers right now" in k.all_text()
    k.tap("btn_back")
    k.tap("tile_guides")  # self-service help needs no server
    k.screen("guides")
    k.tap("tile_guide_pas")
    k.screen("guide")
    assert "Bring your old passport if you have one." in k.all_text()
    k.tap("btn_home")

    again = start_server(app_server.settings, port)
    try:
        k.wait(lambda: k.vm.serverOk, 30)
        k.tap("lang_en")
        k.tap("tile_group_borgerservice")
        k.tap("tile_service_korekort")
        k.screen("confirm")
        k.tap("btn_print")
        k.screen("ticket")
        assert k.item("ticketNumber").property("text") == "K001"
        sim.wait_for_tickets(1)
        k.tap("btn_done")
        k.screen("start")
        # the guide read while the server was away is counted now it is back
        with admin(again) as c:
            k.wait(lambda: c.get("/api/v1/stats/guides", params={"branch": "dokk1"}).json() != {})
            stats = c.get("/api/v1/stats/guides", params={"branch": "dokk1"}).json()
        assert stats == {"pas": {"self_served": 1}}
    finally:
        again.stop()


def test_printer_out_shows_the_ticket_and_warns_the_next_citizen(
    app_server: LiveServer, make_kiosk: KioskFactory, sim: VirtualPrinter, printer_uri: str
) -> None:
    k = make_kiosk(app_server, printer=printer_uri)
    k.wait(lambda: k.vm.printerStatus == "ok")
    k.tap("lang_da")
    k.tap("tile_group_borgerservice")
    k.tap("tile_service_korekort")
    k.screen("confirm")
    sim.set_state("paper_out")  # runs out just as this citizen prints
    k.tap("btn_print")
    k.screen("ticket")
    assert k.item("ticketNumber").property("text") == "K001"
    assert "Printeren kunne ikke udskrive" in k.item("ticketHow").property("text") or (
        "Printeren kunne ikke udskrive" in k.all_text()
    )
    [ticket] = server_tickets(app_server)
    qr = k.item("qrImage").property("source").toString()
    assert qr_ticket(app_server, qr)["id"] == ticket["id"]
    assert sim.tickets == []

    with admin(app_server) as c:

        def reported() -> bool:
            devices = c.get("/api/v1/branches/dokk1/devices").json()
            return any(d["device"] == "kiosk-test" and d["status"] == "paper_out" for d in devices)

        k.wait(reported)

    k.tap("btn_done")
    k.screen("start")
    # the next citizen is told before choosing
    assert "Printeren mangler papir" in k.item("bannerText").property("text")
    k.tap("lang_en")
    assert "The printer is out of paper" in k.item("bannerText").property("text")
    k.tap("tile_group_borgerservice")
    k.tap("tile_service_korekort")
    k.screen("confirm")
    assert k.find("btn_print") is None
    assert "The printer is not working right now" in k.all_text()
    k.tap("btn_paperless")  # "Show my number on the screen"
    k.screen("ticket")
    assert k.item("ticketNumber").property("text") == "K002"

    sim.set_state("ok")  # paper in: the warning goes by itself
    k.vm.pollPrinter()
    k.wait(lambda: k.vm.printerStatus == "ok")
    with admin(app_server) as c:
        k.wait(
            lambda: any(d["status"] == "ok" for d in c.get("/api/v1/branches/dokk1/devices").json())
        )
    k.tap("btn_done")
    k.screen("start")
    assert k.find("banner") is None


def test_copy_of_demo_site_is_valid(tmp_path: Path) -> None:
    from queue_server.config import load_site

    site = load_site(demo_site(tmp_path))
    assert len(site.guides) >= 12
    assert site.services["sundhedskort"].cap == 2
    shutil.rmtree(tmp_path / "site")
