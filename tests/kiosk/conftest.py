"""Kiosk fixtures: the real kiosk (QML + view-model) on a real server and the virtual printer.

A `Driver` taps QML items by objectName like a citizen would and waits for screens; the
idle clock is driven by hand (the kiosk's own one-second timer is stopped), speech goes
to a recording fake.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kiosk_driver import Driver, KioskFactory

from kiosk.app import Kiosk, KioskConfig, build
from kiosk.options import Options
from kiosk.screenshots import demo_site
from kiosk.speech import FakeSpeech
from printers.sim import VirtualPrinter
from queue_server.api.thread import free_port
from queue_server.client import ApiClient
from queue_server.settings import Settings
from tests.support.servers import DEMO_CONFIG, LiveServer, start_server

FAST_PRINTER = (0.3, 0.6)  # status and confirm timeouts for the virtual printer


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(tmp_path / "printer", save_png=False) as printer:
        yield printer


@pytest.fixture
def printer_uri(sim: VirtualPrinter) -> str:
    host, port = sim.start_tcp()
    return f"tcp://{host}:{port}"


@pytest.fixture
def make_kiosk(qtbot: Any, tmp_path: Path) -> Iterator[KioskFactory]:
    made: list[Kiosk] = []

    def make(
        server: LiveServer | None = None,
        *,
        url: str | None = None,
        token: str | None = None,
        printer: str | None = None,
        landscape: bool = False,
        cache: Path | None = None,
        local: Path | None = DEMO_CONFIG,
        speech: FakeSpeech | None = None,
        options: Options | None = None,
        wait_online: bool = True,
        api: ApiClient | None = None,
    ) -> Driver:
        url = url or (server.url if server else "http://127.0.0.1:9")
        token = token or (server.token("kiosk") if server else "no-token")
        speech = speech or FakeSpeech()
        config = KioskConfig(
            server=url,
            token=token,
            branch="dokk1",
            printer=printer,
            landscape=landscape,
            cache_dir=cache or tmp_path / "kiosk-cache",
            local_config=local,
            device_id="kiosk-test",
            options=options or Options(tap_guard_s=0.0, idle_after_s=30, idle_warn_s=10),
            printer_timeouts=FAST_PRINTER,
        )
        kiosk = build(config, speech=speech, api=api)
        made.append(kiosk)
        kiosk.vm.idle_timer.stop()  # the test is the clock
        driver = Driver(kiosk, qtbot, speech, server)
        qtbot.waitExposed(kiosk.view)
        if wait_online:
            driver.wait(lambda: kiosk.vm.serverOk and bool(kiosk.vm.link.info), 15)
            driver.wait(lambda: kiosk.live.status == "live", 15)
        return driver

    yield make
    for kiosk in made:
        warnings = list(kiosk.qml_warnings)
        kiosk.close()
        assert not warnings, f"QML warnings: {warnings}"


@pytest.fixture
def full_site(tmp_path: Path) -> Iterator[tuple[LiveServer, Path]]:
    """The demo site with every Aarhus guide, `bibliotek` closed today at Dokk1 (open at
    Gellerup) and `sundhedskort` capped at two waiting: a real server on it."""
    site = demo_site(tmp_path)
    port = free_port()
    server = start_server(
        Settings(
            config_dir=site,
            database_url=f"sqlite:///{tmp_path / 'site.db'}",
            public_url=f"http://127.0.0.1:{port}",
        ),
        port,
    )
    yield server, site
    server.stop()
