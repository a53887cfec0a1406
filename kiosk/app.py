"""The composition root: server client, printer, view-model and the QML window, wired up.

`build(config)` gives a running `Kiosk`; `main.py` parses the command line into a
`KioskConfig`, tests and the screenshot renderer build one directly.
"""

from __future__ import annotations

import logging
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QUrl
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtQuick import QQuickView

from queue_server.client import ApiClient
from queue_server.client.qt import LiveBranch

from .backend import KioskBackend
from .cache import JsonCache
from .geometry import Screen
from .local_site import load_local_site
from .options import FONT_FAMILY, Options
from .output import NoPrinter, PrinterOutput, TicketOutput
from .qr import QrProvider
from .speech import QtSpeech, Speech
from .texts import Texts
from .viewmodel import KioskViewModel

log = logging.getLogger("dintur.kiosk")
QML = Path(__file__).resolve().parent / "qml" / "Main.qml"


class KioskError(Exception):
    """The kiosk cannot start (bad QML, bad printer URI); the message says why, plainly."""


@dataclass
class KioskConfig:
    server: str
    token: str
    branch: str = "dokk1"
    printer: str | None = None
    paper_mm: int = 80
    diagonal_in: float = 21.5
    landscape: bool = False
    fullscreen: bool = False
    size: tuple[int, int] | None = None  # window size; default 1080x1920 (or the screen)
    device_id: str | None = None
    cache_dir: Path | None = None
    local_config: Path | None = None  # a site folder: guides and branch names, read offline
    options: Options = field(default_factory=Options)
    speech_engine: str | None = None
    printer_timeouts: tuple[float, float] = (1.0, 2.0)  # status, confirm


def default_device_id(branch: str) -> str:
    host = re.sub(r"[^A-Za-z0-9_-]", "-", socket.gethostname())[:40] or "kiosk"
    return f"kiosk-{branch}-{host}"[:64]


class _Activity(QObject):
    """Every press anywhere on the window counts as the citizen being there."""

    def __init__(self, vm: KioskViewModel) -> None:
        super().__init__(vm)
        self.vm = vm

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.KeyPress,
        ):
            self.vm.activity()
        return False


@dataclass
class Kiosk:
    config: KioskConfig
    api: ApiClient
    output: TicketOutput
    backend: KioskBackend
    vm: KioskViewModel
    live: LiveBranch
    view: QQuickView
    qml_warnings: list[str]
    _filter: _Activity

    def root(self) -> Any:
        return self.view.rootObject()

    def resize(self, width: int, height: int) -> None:
        self.view.resize(width, height)
        self.vm.set_screen(Screen(width, height, self.config.diagonal_in))

    def close(self) -> None:
        self.live.stop()
        self.vm.shutdown()
        self.view.close()
        self.view.setSource(QUrl())
        self.output.close()
        self.api.close()


def window_size(config: KioskConfig) -> tuple[int, int]:
    if config.size is not None:
        return config.size
    if config.fullscreen:
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            geometry = screen.geometry()
            return geometry.width(), geometry.height()
    return (1920, 1080) if config.landscape else (1080, 1920)


def build(
    config: KioskConfig, *, speech: Speech | None = None, api: ApiClient | None = None
) -> Kiosk:
    """Wire a kiosk and show its window; KioskError when it cannot start. `api`: a client
    of the tests' own (its transport counts requests), else one for `config.server`."""
    app = QGuiApplication.instance()
    if app is None:
        raise KioskError("a QGuiApplication must exist before the kiosk is built")
    QGuiApplication.setFont(QFont(config.options.font_family or FONT_FAMILY))

    api = api or ApiClient(config.server, config.token, timeout=3.0)
    output: TicketOutput
    if config.printer:
        try:
            output = PrinterOutput(
                config.printer,
                paper_mm=config.paper_mm,
                status_timeout=config.printer_timeouts[0],
                confirm_timeout=config.printer_timeouts[1],
            )
        except ValueError as exc:
            api.close()
            raise KioskError(f"the printer address is not valid: {exc}") from exc
    else:
        output = NoPrinter()
    backend = KioskBackend(
        api,
        config.branch,
        device_id=config.device_id or default_device_id(config.branch),
        output=output,
        cache=JsonCache(config.cache_dir),
        local=load_local_site(config.local_config),
    )
    width, height = window_size(config)
    vm = KioskViewModel(
        backend,
        Texts.load(),
        Screen(width, height, config.diagonal_in),
        speech=speech or QtSpeech(config.speech_engine),
        options=config.options,
    )
    if isinstance(output, PrinterOutput):
        output.on_status = vm.link.status_from_worker

    view = QQuickView()
    view.setTitle("DinTur")
    warnings: list[str] = []
    view.engine().warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    view.engine().addImageProvider("qr", QrProvider())
    view.setInitialProperties({"vm": vm})
    view.setResizeMode(QQuickView.ResizeMode.SizeRootObjectToView)
    view.resize(width, height)
    view.setSource(QUrl.fromLocalFile(str(QML)))
    if view.status() == QQuickView.Status.Error:
        problems = "; ".join(e.toString() for e in view.errors())
        vm.shutdown()
        output.close()
        api.close()
        raise KioskError(f"the kiosk's screens could not be loaded: {problems}")
    activity = _Activity(vm)
    view.installEventFilter(activity)

    # the tiles read the services' state, never the waiting list: the compact snapshot
    live = LiveBranch(config.server, config.token, config.branch, compact=True)
    vm.link.attach(live)
    live.start()
    vm.begin()
    if config.fullscreen:
        view.showFullScreen()
    else:
        view.show()
    return Kiosk(config, api, output, backend, vm, live, view, warnings, activity)
