"""Compact mode: a small always-on-top window for a corner of a second screen."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..keys import key_hint
from ..viewmodels import DeskApp
from .common import button, label, set_level

BUTTONS = {  # button (named as in `Buttons`) → text key of the short label
    "recall": "compact.recall",
    "start": "compact.start",
    "finish": "compact.finish",
    "no_show": "compact.no_show",
}


class CompactWindow(QWidget):
    def __init__(self, app: DeskApp) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("compact")
        self.app = app
        self.vm = app.desk
        self.setMinimumSize(430, 200)
        self.resize(440, 210)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 10, 12, 10)
        box.setSpacing(6)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.setSpacing(0)
        self.number = label("", "numberCompact")
        left.addWidget(self.number)
        self.line = label("", "muted")
        left.addWidget(self.line)
        top.addLayout(left, 1)
        self.timer = label("", "timer")
        top.addWidget(self.timer)
        box.addLayout(top)
        row = QHBoxLayout()
        self.call_next = button("", "primarySmall", focus=False)
        self.call_next.setMinimumHeight(40)
        self.call_next.clicked.connect(self.vm.callNext)
        row.addWidget(self.call_next, 3)
        self.expand = button("", focus=False)
        self.expand.setMinimumHeight(40)
        self.expand.clicked.connect(lambda: app.setCompact(False))
        row.addWidget(self.expand, 1)
        box.addLayout(row)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for i, name in enumerate(BUTTONS):
            b = button("", focus=False)
            self.buttons[name] = b
            grid.addWidget(b, 0, i)
        self.buttons["recall"].clicked.connect(self.vm.recall)
        self.buttons["start"].clicked.connect(self.vm.start)
        self.buttons["finish"].clicked.connect(self.vm.finish)
        self.buttons["no_show"].clicked.connect(self.vm.noShow)
        box.addLayout(grid)
        self.status = label("", "info")
        box.addWidget(self.status)
        self.vm.ticketChanged.connect(self.refresh)
        self.vm.actionsChanged.connect(self.refresh)
        self.vm.queueChanged.connect(self.refresh)
        self.vm.noticeChanged.connect(self.refresh)
        self.vm.tick.connect(lambda: self.timer.setText(self.vm.elapsedText))
        app.connectionChanged.connect(lambda _: self.refresh())
        app.languageChanged.connect(lambda _: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        tr = self.app.text
        vm = self.vm
        counter = self.app.counter_name(vm.counter_id) if vm.counter_id else ""
        self.setWindowTitle(f"DinTur · {counter}")
        t = vm.ticket
        self.number.setText(t.number if t else "—")
        waiting = sum(r.waiting for r in vm.overview() if r.mine)
        parts = [tr(f"state.{t.state}")] if t else []
        if t and t.recalls:
            parts.append(tr("desk.recalls", n=t.recalls))
        parts.append(tr("compact.waiting", n=waiting))
        self.line.setText(" · ".join(parts))
        self.timer.setText(vm.elapsedText)
        self.timer.setVisible(t is not None)
        space = tr("key.space")
        self.call_next.setText(f"{tr('action.call_next')}  ({key_hint('call_next', space)})")
        self.call_next.setEnabled(vm.canCallNext)
        self.expand.setText(f"⤢ {key_hint('compact', space)}")
        self.expand.setToolTip(tr("header.full"))
        enabled = asdict(vm.buttons())
        for name, b in self.buttons.items():
            b.setText(f"{tr(BUTTONS[name])} {key_hint(name, space)}")
            b.setEnabled(enabled[name])
        if self.app.connection in ("offline", "connecting"):
            self.status.setText(tr("banner.offline_short"))
            set_level(self.status, "error")
        elif vm.paused:
            self.status.setText(tr("counters.paused", reason=tr(f"pause.{vm.paused}")))
            set_level(self.status, "warn")
        else:
            self.status.setText(vm.noticeText)
            set_level(self.status, vm.notice_level)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the small window brings the full one back; quitting is done there."""
        if self.app.compact:
            event.ignore()
            self.app.setCompact(False)
            return
        super().closeEvent(event)
