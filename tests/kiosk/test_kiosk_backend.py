"""The kiosk's Qt-free side of the server against a real one: outcomes, guide statistics
kept while the server is away, printer health, the tap guard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk_driver import KioskFactory, admin

from kiosk.backend import KioskBackend
from kiosk.cache import JsonCache
from kiosk.local_site import load_local_site
from kiosk.options import Options
from kiosk.outcomes import Closed, Full, Issued, Refused, Unreachable
from kiosk.output import NoPrinter, PrinterOutput
from printers.sim import VirtualPrinter
from queue_server.api.thread import free_port
from queue_server.client import ApiClient
from queue_server.shared.vocab import GuideOutcomeKind
from tests.support.servers import DEMO_CONFIG, LiveServer


def backend(url: str, token: str, tmp_path: Path, output: Any = None) -> KioskBackend:
    return KioskBackend(
        ApiClient(url, token, timeout=2),
        "dokk1",
        device_id="kiosk-unit",
        output=output or NoPrinter(),
        cache=JsonCache(tmp_path / "cache"),
        local=load_local_site(DEMO_CONFIG),
    )


def test_issue_outcomes(full_site: tuple[LiveServer, Path], tmp_path: Path) -> None:
    server, _ = full_site
    b = backend(server.url, server.token("kiosk"), tmp_path)
    info = b.fetch().branch
    assert info is not None

    issued = b.issue("pas", "en", paperless=True, branch_info=info)
    assert isinstance(issued, Issued) and issued.ticket.number == "P001" and issued.paperless

    closed = b.issue("bibliotek", "da", paperless=True, branch_info=info)
    assert isinstance(closed, Closed)
    assert closed.opens_at is not None and closed.open_elsewhere == ["gellerup"]

    for _ in range(2):
        assert isinstance(b.issue("sundhedskort", "da", paperless=True, branch_info=info), Issued)
    assert isinstance(b.issue("sundhedskort", "da", paperless=True, branch_info=info), Full)

    refused = b.issue("no-such", "da", paperless=True, branch_info=info)
    assert isinstance(refused, Refused) and refused.code == "unknown_service"
    b.api.close()

    gone = backend(f"http://127.0.0.1:{free_port()}", "x", tmp_path)
    assert isinstance(gone.issue("pas", "da", paperless=True, branch_info=None), Unreachable)
    gone.api.close()


def test_guide_outcomes_wait_for_the_server(app_server: LiveServer, tmp_path: Path) -> None:
    away = backend(f"http://127.0.0.1:{free_port()}", app_server.token("kiosk"), tmp_path)
    away.guide_outcome("pas", GuideOutcomeKind.SELF_SERVED)
    away.guide_outcome("pas", GuideOutcomeKind.PRINTED)
    assert away.pending_outcomes == 2
    away.api.close()

    away.api = ApiClient(app_server.url, app_server.token("kiosk"))  # the server is back
    away.flush()
    assert away.pending_outcomes == 0
    with admin(app_server) as c:
        stats = c.get("/api/v1/stats/guides", params={"branch": "dokk1"}).json()
    assert stats == {"pas": {"self_served": 1, "printed": 1}}
    away.api.close()


def test_printer_health_is_reported_when_it_changes(
    app_server: LiveServer, tmp_path: Path, sim: VirtualPrinter, printer_uri: str
) -> None:
    output = PrinterOutput(printer_uri, status_timeout=0.3, confirm_timeout=0.6)
    b = backend(app_server.url, app_server.token("kiosk"), tmp_path, output)
    try:
        assert b.poll_printer() == "ok"
        sim.set_state("cover_open")
        assert b.poll_printer() == "cover_open"
        assert b.printer_ready() is False
        with admin(app_server) as c:
            [device] = c.get("/api/v1/branches/dokk1/devices").json()
        assert device["device"] == "kiosk-unit" and device["status"] == "cover_open"
        assert device["detail"] == "printer cover open"
    finally:
        output.close()
        b.api.close()


def test_a_bounce_right_after_a_screen_change_takes_no_ticket(
    app_server: LiveServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(app_server, options=Options(tap_guard_s=30.0))
    k.vm.chooseLanguage("da")
    k.vm.openTile("group:borgerservice")
    k.vm.openTile("service:korekort")
    assert k.vm.screen == "confirm"
    k.vm.takeTicket(True)  # the finger that opened this screen, still bouncing
    assert not k.vm.busy and k.vm.screen == "confirm"
    with admin(app_server) as c:
        assert c.get("/api/v1/branches/dokk1/queue").json()["tickets"] == []
