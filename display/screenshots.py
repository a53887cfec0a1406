"""`dintur display --screenshots DIR`: the board offscreen as PNGs, from sample data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize

from queue_server.shared.i18n import Catalogue

from . import samples
from .announcer import Announcer
from .app import join, make_view
from .sizing import sizes
from .viewmodel import FLASH_MS, DisplayViewModel

#: (file name, size, language, zone, flash phase, status)
SHOTS = [
    ("landscape-da.png", QSize(1920, 1080), "da", None, False, "live"),
    ("landscape-en.png", QSize(1920, 1080), "en", None, False, "live"),
    ("portrait-da.png", QSize(1080, 1920), "da", None, False, "live"),
    ("portrait-en.png", QSize(1080, 1920), "en", None, False, "live"),
    ("landscape-da-flash.png", QSize(1920, 1080), "da", None, True, "live"),
    ("landscape-da-offline.png", QSize(1920, 1080), "da", None, False, "offline"),
    ("landscape-da-zone-bibliotek.png", QSize(1920, 1080), "da", "bibliotek", False, "live"),
    ("landscape-ar.png", QSize(1920, 1080), "ar", None, False, "live"),
    ("portrait-ar.png", QSize(1080, 1920), "ar", None, False, "live"),
]


def render(
    path: Path, size: QSize, language: str, zone: str | None, flash: bool, status: str
) -> Path:
    vm = DisplayViewModel(
        branch="dokk1",
        zone=zone,
        language=language,
        catalogue=Catalogue.load("display"),
        sizes=sizes(size.width(), size.height()),
        now=lambda: samples.NOW,
    )
    if flash:  # the newest call as it is announced (silently: the flash alone)
        join(vm, Announcer(None, None, min_ms=FLASH_MS, parent=vm))
    vm.set_info(samples.branch_info())
    vm.on_change(samples.branch_state(), samples.call_event())
    vm.on_status(status, "")
    view = make_view(vm, size)
    view.show()
    loop = QEventLoop()  # not QCoreApplication.processEvents: it leaks in PySide6 6.12
    for _ in range(5):  # let bindings and layout settle
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    image = view.grabWindow()
    image.save(str(path))
    view.close()
    view.deleteLater()
    vm.deleteLater()
    return path


def render_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        render(folder / name, size, language, zone, flash, status)
        for name, size, language, zone, flash, status in SHOTS
    ]
