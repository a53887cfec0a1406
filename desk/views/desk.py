"""The desk page: the current ticket and its actions on the left, the queue on the right."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .. import texts
from ..keys import key_hint
from ..viewmodels import DeskApp
from .banners import Banners
from .common import button, card, label, set_level
from .dialogs import ConfirmCallDialog, PauseDialog, TransferDialog
from .queue_panel import QueuePanel

#: the buttons under the ticket (named as in `Buttons`) → the text key of each
ACTIONS = {
    "recall": "action.recall",
    "start": "action.start",
    "finish": "action.finish",
    "no_show": "action.no_show",
    "transfer": "action.transfer",
    "pause": "action.pause",
}


class DeskPage(QWidget):
    def __init__(self, app: DeskApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.app = app
        self.vm = app.desk
        self.dialog: QWidget | None = None  # the open dialog, if any (tests reach it here)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 10)
        outer.setSpacing(10)

        self.banners = Banners(app)
        outer.addWidget(self.banners)
        strips = self.banners  # the tests and the screenshots reach them from the page
        self.offline, self.offline_text = strips.offline, strips.offline_text
        self.printer_banner, self.printer_text = strips.printer_banner, strips.printer_text
        self.pause_banner, self.pause_text = strips.pause_banner, strips.pause_text
        self.resume_button = strips.resume_button

        body = QHBoxLayout()
        body.setSpacing(14)
        outer.addLayout(body, 1)

        # left: the ticket and the actions
        left_frame, left = card()
        left_frame.setMinimumWidth(470)
        left_frame.setMaximumWidth(560)
        body.addWidget(left_frame, 5)
        self.now_label = label("", "section")
        left.addWidget(self.now_label)
        self.number = label("", "number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setMinimumHeight(110)
        left.addWidget(self.number)
        self.ticket_line = label("", "subtitle", wrap=True)
        self.ticket_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.ticket_line)
        timer_row = QHBoxLayout()
        timer_row.addStretch(1)
        self.timer = label("", "timer")
        timer_row.addWidget(self.timer)
        self.recalls = label("", "muted")
        timer_row.addWidget(self.recalls)
        timer_row.addStretch(1)
        left.addLayout(timer_row)
        self.reason = label("", "muted", wrap=True)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.reason)
        left.addSpacing(4)

        self.call_next = button("", "primary", focus=False)
        self.call_next.setMinimumHeight(96)
        self.call_next.clicked.connect(self.vm.callNext)
        left.addWidget(self.call_next)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.action_buttons: dict[str, QPushButton] = {}
        for i, name in enumerate(ACTIONS):
            b = button("", "action", focus=False)
            b.setMinimumHeight(58)
            self.action_buttons[name] = b
            grid.addWidget(b, i // 3, i % 3)
        self.action_buttons["recall"].clicked.connect(self.vm.recall)
        self.action_buttons["start"].clicked.connect(self.vm.start)
        self.action_buttons["finish"].clicked.connect(self.vm.finish)
        self.action_buttons["no_show"].clicked.connect(self.vm.noShow)
        self.action_buttons["transfer"].clicked.connect(self.ask_transfer)
        self.action_buttons["pause"].clicked.connect(self.toggle_pause)
        left.addLayout(grid)
        left.addStretch(1)
        self.served_label = label("", "section")
        left.addWidget(self.served_label)
        self.served_box = QHBoxLayout()
        self.served_box.setSpacing(14)
        left.addLayout(self.served_box)
        self.served: dict[str, QCheckBox] = {}

        # right: overview, waiting tickets, colleagues
        self.queue_panel = QueuePanel(app)
        body.addWidget(self.queue_panel, 7)
        q = self.queue_panel
        self.overview, self.waiting, self.colleagues = q.overview, q.waiting, q.colleagues
        self.call_specific = q.call_specific
        self.waiting.itemDoubleClicked.connect(lambda _: self.ask_call_specific())
        self.call_specific.clicked.connect(self.ask_call_specific)

        self.notice = label("", "info", wrap=True)
        self.notice.setMinimumHeight(24)
        outer.addWidget(self.notice)

        self.vm.ticketChanged.connect(self._refresh_ticket)
        self.vm.tick.connect(self._refresh_timer)
        self.vm.queueChanged.connect(self._refresh_queue)
        self.vm.actionsChanged.connect(self._refresh_actions)
        self.vm.noticeChanged.connect(self._refresh_notice)
        app.connectionChanged.connect(lambda _: self.banners.refresh())
        app.languageChanged.connect(lambda _: self.retranslate())
        self.retranslate()

    # --- dialogs ----------------------------------------------------------------------

    def selected_waiting(self) -> str:
        return self.queue_panel.selected_waiting()

    def ask_call_specific(self) -> None:
        ticket_id = self.selected_waiting()
        if not ticket_id:
            if self.waiting.rowCount():
                self.waiting.selectRow(0)
                self.waiting.setFocus()
            return
        if not self.vm.canCallSpecific:
            return
        dlg = ConfirmCallDialog(self.app, ticket_id, self)
        dlg.accepted.connect(lambda: self.vm.callTicket(ticket_id))
        self._open(dlg)

    def ask_transfer(self) -> None:
        if not self.vm.canTransfer:
            return
        dlg = TransferDialog(self.app, self)
        dlg.chosen.connect(self._transfer)
        self._open(dlg)

    def _transfer(self, kind: str, target: str) -> None:
        if kind == "service":
            self.vm.transferToService(target)
        else:
            self.vm.transferToCounter(target)

    def toggle_pause(self) -> None:
        if not self.vm.canPause:
            return
        if self.vm.paused:
            self.vm.resume()
            return
        dlg = PauseDialog(self.app, self)
        dlg.chosen.connect(self.vm.pause)
        self._open(dlg)

    def _open(self, dlg: QWidget) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dlg
        dlg.finished.connect(lambda _: self._closed(dlg))  # type: ignore[attr-defined]
        dlg.open()  # type: ignore[attr-defined]

    def _closed(self, dlg: QWidget) -> None:
        if self.dialog is dlg:
            self.dialog = None
        dlg.deleteLater()
        self.window().activateWindow()  # the desk's keys work again at once

    # --- drawing ----------------------------------------------------------------------

    def retranslate(self) -> None:
        tr = self.app.text
        space = tr("key.space")
        self.now_label.setText(tr("desk.now"))
        self.call_next.setText(f"{tr('action.call_next')}\n{key_hint('call_next', space)}")
        for name, b in self.action_buttons.items():
            b.setText(f"{tr(ACTIONS[name])}\n{key_hint(name, space)}")
        self.served_label.setText(tr("desk.served"))
        self.queue_panel.retranslate()
        self._refresh_ticket()
        self._refresh_queue()
        self._refresh_actions()
        self._refresh_notice()

    def _refresh_ticket(self) -> None:
        tr = self.app.text
        t = self.vm.ticket
        if t is None:
            self.number.setText("—")
            self.ticket_line.setText(tr("desk.no_ticket"))
            self.recalls.setText("")
            self.reason.setText("")
        else:
            self.number.setText(t.number)
            state = tr(f"state.{t.state}")
            since = self.vm.since()
            at = tr("desk.since", time=self.app.local_time(since)) if since else ""
            self.ticket_line.setText(
                " · ".join(p for p in (self.app.service_name(t.service), state, at) if p)
            )
            self.recalls.setText(tr("desk.recalls", n=t.recalls) if t.recalls else "")
            self.reason.setText(texts.reason_text(t.reason, self.app.language))
        self._refresh_timer()

    def _refresh_timer(self) -> None:
        self.timer.setText(self.vm.elapsedText)
        self.timer.setVisible(self.vm.ticket is not None)

    def _refresh_queue(self) -> None:
        self._refresh_served()
        self.queue_panel.refresh()
        self.banners.refresh()

    def _refresh_served(self) -> None:
        counter = self.vm.counter
        wanted = list(counter.services) if counter else []
        if wanted != list(self.served):
            for box in self.served.values():
                self.served_box.removeWidget(box)
                box.deleteLater()
            self.served = {}
            for sid in wanted:
                box = QCheckBox()
                box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                box.toggled.connect(self._served_toggled)
                self.served_box.addWidget(box)
                self.served[sid] = box
            self.served_box.addStretch(1)
        chosen = set(self.vm.served())
        for sid, box in self.served.items():
            box.blockSignals(True)
            box.setText(self.app.service_name(sid))
            box.setChecked(sid in chosen)
            box.blockSignals(False)

    def _served_toggled(self) -> None:
        chosen = [sid for sid, box in self.served.items() if box.isChecked()]
        if not chosen:  # at least one: undo the last untick
            self._refresh_served()
            return
        self.vm.setServed(chosen)

    def _refresh_actions(self) -> None:
        vm = self.vm
        enabled = asdict(vm.buttons())
        self.call_next.setEnabled(enabled["call_next"])
        for name, b in self.action_buttons.items():
            b.setEnabled(enabled[name])
        space = self.app.text("key.space")
        pause_word = self.app.text("action.resume" if vm.paused else "action.pause")
        self.action_buttons["pause"].setText(f"{pause_word}\n{key_hint('pause', space)}")
        self.banners.refresh()

    def _refresh_notice(self) -> None:
        self.notice.setText(self.vm.noticeText)
        set_level(self.notice, self.vm.notice_level)
