"""The strips above the desk page: no connection, a kiosk's printer in trouble, paused."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from queue_server.shared.vocab import DeviceStatus

from ..keys import key_hint
from ..viewmodels import DeskApp
from .common import button, label


def _strip(name: str) -> tuple[QFrame, QLabel, QHBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    row = QHBoxLayout(frame)
    row.setContentsMargins(12, 6, 12, 6)
    text = label("", wrap=True)
    row.addWidget(text, 1)
    return frame, text, row


class Banners(QWidget):
    """Each strip shows only while its condition holds; the pause strip can resume."""

    def __init__(self, app: DeskApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.vm = app.desk
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(10)
        self.offline, self.offline_text, _ = _strip("bannerOffline")
        # a kiosk's printer in trouble: desks see it, so someone goes to fix it
        self.printer_banner, self.printer_text, _ = _strip("bannerOffline")
        self.pause_banner, self.pause_text, pause_row = _strip("bannerPause")
        self.resume_button = button("", focus=False)
        self.resume_button.clicked.connect(self.vm.resume)
        pause_row.addWidget(self.resume_button)
        for strip in (self.offline, self.printer_banner, self.pause_banner):
            box.addWidget(strip)

    def refresh(self) -> None:
        tr = self.app.text
        status = self.app.connection
        self.offline.setVisible(status in ("offline", "connecting") and self.vm.counter is not None)
        self.offline_text.setText(
            tr("banner.connecting") if status == "connecting" else tr("banner.offline")
        )
        faults = [
            tr("banner.printer", device=d.device, status=tr(f"printer.{d.status}"))
            for d in self.app.devices.values()
            if d.status != DeviceStatus.OK
        ]
        self.printer_banner.setVisible(bool(faults))
        self.printer_text.setText("  ·  ".join(faults))
        paused = self.vm.paused
        self.pause_banner.setVisible(bool(paused))
        if paused:
            self.pause_text.setText(tr("banner.paused", reason=tr(f"pause.{paused}")))
        self.resume_button.setText(f"{tr('action.resume')} ({key_hint('pause', tr('key.space'))})")
        self.resume_button.setEnabled(self.vm.canPause)
        # a hidden strip takes no room: the layout's spacing goes with it
        self.setVisible(any(s.isVisibleTo(self) for s in self._strips()))

    def _strips(self) -> tuple[QFrame, ...]:
        return (self.offline, self.printer_banner, self.pause_banner)
