"""The desk page: the current ticket and its actions on the left, the queue on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from queue_server.shared.vocab import DeviceStatus

from .. import queue, texts
from ..keys import key_hint
from ..viewmodels import DeskApp
from . import style
from .common import button, card, label, set_level
from .dialogs import ConfirmCallDialog, PauseDialog, TransferDialog

#: action → (button text key, view-model can-property)
ACTIONS = {
    "recall": ("action.recall", "canRecall"),
    "start": ("action.start", "canStart"),
    "finish": ("action.finish", "canFinish"),
    "no_show": ("action.no_show", "canNoShow"),
    "transfer": ("action.transfer", "canTransfer"),
    "pause": ("action.pause", "canPause"),
}


def table(columns: int, stretch: int = 0) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    t.setAlternatingRowColors(False)
    t.horizontalHeader().setHighlightSections(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    t.verticalHeader().setDefaultSectionSize(26)
    return t


def cell(text: str, *, right: bool = False, bold: bool = False, data: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        f = item.font()
        f.setBold(True)
        item.setFont(f)
    if data:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


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

        # banners: offline, paused
        self.offline = QFrame()
        self.offline.setObjectName("bannerOffline")
        ob = QHBoxLayout(self.offline)
        ob.setContentsMargins(12, 6, 12, 6)
        self.offline_text = label("", wrap=True)
        ob.addWidget(self.offline_text)
        outer.addWidget(self.offline)
        # a kiosk's printer in trouble: desks see it, so someone goes to fix it
        self.printer_banner = QFrame()
        self.printer_banner.setObjectName("bannerOffline")
        prb = QHBoxLayout(self.printer_banner)
        prb.setContentsMargins(12, 6, 12, 6)
        self.printer_text = label("", wrap=True)
        prb.addWidget(self.printer_text)
        outer.addWidget(self.printer_banner)
        self.pause_banner = QFrame()
        self.pause_banner.setObjectName("bannerPause")
        pb = QHBoxLayout(self.pause_banner)
        pb.setContentsMargins(12, 6, 12, 6)
        self.pause_text = label("", wrap=True)
        pb.addWidget(self.pause_text, 1)
        self.resume_button = button("", focus=False)
        self.resume_button.clicked.connect(self.vm.resume)
        pb.addWidget(self.resume_button)
        outer.addWidget(self.pause_banner)

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
        self.queue_panel = QWidget()
        right = QVBoxLayout(self.queue_panel)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(8)
        body.addWidget(self.queue_panel, 7)
        self.overview_label = label("", "section")
        right.addWidget(self.overview_label)
        self.overview = table(4)
        self.overview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        right.addWidget(self.overview)
        lower = QHBoxLayout()
        lower.setSpacing(12)
        right.addLayout(lower, 1)
        wait_col = QVBoxLayout()
        self.waiting_label = label("", "section")
        wait_col.addWidget(self.waiting_label)
        self.waiting = table(3, stretch=1)
        self.waiting.itemDoubleClicked.connect(lambda _: self.ask_call_specific())
        self.waiting.itemSelectionChanged.connect(self._refresh_actions)
        wait_col.addWidget(self.waiting, 1)
        self.call_specific = button("", "action", focus=False)
        self.call_specific.clicked.connect(self.ask_call_specific)
        wait_col.addWidget(self.call_specific)
        lower.addLayout(wait_col, 1)
        col_col = QVBoxLayout()
        self.colleagues_label = label("", "section")
        col_col.addWidget(self.colleagues_label)
        self.colleagues = table(3, stretch=2)
        self.colleagues.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        col_col.addWidget(self.colleagues, 1)
        lower.addLayout(col_col, 1)

        self.notice = label("", "info", wrap=True)
        self.notice.setMinimumHeight(24)
        outer.addWidget(self.notice)

        self.vm.ticketChanged.connect(self._refresh_ticket)
        self.vm.tick.connect(self._refresh_timer)
        self.vm.queueChanged.connect(self._refresh_queue)
        self.vm.actionsChanged.connect(self._refresh_actions)
        self.vm.noticeChanged.connect(self._refresh_notice)
        app.connectionChanged.connect(lambda _: self._refresh_banners())
        app.languageChanged.connect(lambda _: self.retranslate())
        self.retranslate()

    # --- dialogs ----------------------------------------------------------------------

    def selected_waiting(self) -> str:
        rows = self.waiting.selectionModel().selectedRows()
        if not rows:
            return ""
        item = self.waiting.item(rows[0].row(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

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
            b.setText(f"{tr(ACTIONS[name][0])}\n{key_hint(name, space)}")
        self.resume_button.setText(f"{tr('action.resume')} ({key_hint('pause', space)})")
        self.call_specific.setText(
            f"{tr('action.call_specific')} ({key_hint('call_specific', space)})"
        )
        self.served_label.setText(tr("desk.served"))
        self.overview_label.setText(tr("desk.overview"))
        self.waiting_label.setText(tr("desk.waiting"))
        self.colleagues_label.setText(tr("desk.colleagues"))
        self.overview.setHorizontalHeaderLabels(
            [tr("col.service"), tr("col.waiting"), tr("col.longest"), tr("col.estimate")]
        )
        self.waiting.setHorizontalHeaderLabels(
            [tr("col.number"), tr("col.service"), tr("col.waited")]
        )
        self.colleagues.setHorizontalHeaderLabels(
            [tr("col.counter"), tr("col.staff"), tr("col.status")]
        )
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
        self._fill_overview()
        self._fill_waiting()
        self._fill_colleagues()
        self._refresh_banners()

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

    def _fill_overview(self) -> None:
        lang = self.app.language
        rows = self.vm.overview()
        self.overview.setRowCount(len(rows))
        for i, r in enumerate(rows):
            name = self.app.name(r.names, r.id)
            if not r.open_now:
                name += f" ({self.app.text('desk.closed')})"
            self.overview.setItem(i, 0, cell(f"{r.prefix}  {name}", bold=r.mine))
            self.overview.setItem(i, 1, cell(str(r.waiting), right=True, bold=r.mine))
            longest = texts.minutes_text(r.longest_s, lang) if r.waiting else "–"
            self.overview.setItem(i, 2, cell(longest, right=True))
            estimate = texts.estimate_text(r.estimate, lang) if r.open_now else "–"
            self.overview.setItem(i, 3, cell(estimate, right=True))
        rows_h = sum(self.overview.rowHeight(i) for i in range(len(rows)))
        self.overview.setFixedHeight(self.overview.horizontalHeader().height() + rows_h + 4)

    def _fill_waiting(self) -> None:
        keep = self.selected_waiting()
        tickets = self.vm.waiting()
        now = self.app.clock()
        self.waiting.blockSignals(True)
        self.waiting.setRowCount(len(tickets))
        for i, t in enumerate(tickets):
            self.waiting.setItem(i, 0, cell(t.number, bold=True, data=t.id))
            self.waiting.setItem(i, 1, cell(self.app.service_name(t.service)))
            waited = texts.minutes_text((now - queue.arrived(t)).total_seconds(), self.app.language)
            self.waiting.setItem(i, 2, cell(waited, right=True))
            if t.id == keep:
                self.waiting.selectRow(i)
        if keep and keep not in {t.id for t in tickets}:
            self.waiting.clearSelection()
        self.waiting.blockSignals(False)
        self._refresh_actions()

    def _fill_colleagues(self) -> None:
        tr = self.app.text
        rows = self.vm.colleagues()
        self.colleagues.setRowCount(len(rows))
        for i, r in enumerate(rows):
            mine = r.id == self.vm.counter_id
            self.colleagues.setItem(i, 0, cell(self.app.name(r.names, r.id), bold=mine))
            self.colleagues.setItem(i, 1, cell(r.held_by or "–", bold=mine))
            if r.paused:
                status = tr("counters.paused", reason=tr(f"pause.{r.paused}"))
            elif r.ticket is not None:
                status = tr(f"colleague.{r.ticket.state}", number=r.ticket.number)
            elif r.held_by:
                status = tr("colleague.ready")
            else:
                status = tr("colleague.closed")
            item = cell(status)
            if r.paused:
                item.setForeground(QColor(style.AMBER))
            self.colleagues.setItem(i, 2, item)

    def _refresh_actions(self) -> None:
        vm = self.vm
        self.call_next.setEnabled(vm.canCallNext)
        enabled = {
            "recall": vm.canRecall,
            "start": vm.canStart,
            "finish": vm.canFinish,
            "no_show": vm.canNoShow,
            "transfer": vm.canTransfer,
            "pause": vm.canPause,
        }
        for name, b in self.action_buttons.items():
            b.setEnabled(enabled[name])
        space = self.app.text("key.space")
        pause_word = self.app.text("action.resume" if vm.paused else "action.pause")
        self.action_buttons["pause"].setText(f"{pause_word}\n{key_hint('pause', space)}")
        self.call_specific.setEnabled(vm.canCallSpecific and bool(self.selected_waiting()))
        self.resume_button.setEnabled(vm.canPause)
        self._refresh_banners()

    def _refresh_banners(self) -> None:
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

    def _refresh_notice(self) -> None:
        self.notice.setText(self.vm.noticeText)
        set_level(self.notice, self.vm.notice_level)
