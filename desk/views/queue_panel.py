"""The right half of the desk page: the services' queues, the waiting tickets, colleagues."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QVBoxLayout, QWidget

from queue_server.shared.vocab import Priority

from .. import queue, texts
from ..keys import key_hint
from ..viewmodels import DeskApp
from . import style
from .common import button, cell, label, table

#: the call policy's classes ahead of walk-ins, and the word the list marks them with
CLASS_KEYS: dict[int, str] = {
    Priority.APPOINTMENT: "desk.class.appointment",
    Priority.TRANSFERRED: "desk.class.transferred",
}


class QueuePanel(QWidget):
    """Draws `DeskViewModel.overview()`, `waiting()` (in the order they are called) and
    `colleagues()`; the page opens the out-of-turn dialog for `call_specific`."""

    def __init__(self, app: DeskApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.vm = app.desk
        right = QVBoxLayout(self)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(8)
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
        self.waiting.itemSelectionChanged.connect(self.refresh_actions)
        wait_col.addWidget(self.waiting, 1)
        self.call_specific = button("", "action", focus=False)
        wait_col.addWidget(self.call_specific)
        lower.addLayout(wait_col, 1)
        col_col = QVBoxLayout()
        self.colleagues_label = label("", "section")
        col_col.addWidget(self.colleagues_label)
        self.colleagues = table(3, stretch=2)
        self.colleagues.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        col_col.addWidget(self.colleagues, 1)
        lower.addLayout(col_col, 1)
        self.vm.actionsChanged.connect(self.refresh_actions)

    def selected_waiting(self) -> str:
        """The id of the waiting ticket selected, '' if none."""
        rows = self.waiting.selectionModel().selectedRows()
        if not rows:
            return ""
        item = self.waiting.item(rows[0].row(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def retranslate(self) -> None:
        tr = self.app.text
        self.call_specific.setText(
            f"{tr('action.call_specific')} ({key_hint('call_specific', tr('key.space'))})"
        )
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
        self.refresh()

    def refresh(self) -> None:
        self._fill_overview()
        self._fill_waiting()
        self._fill_colleagues()

    def refresh_actions(self) -> None:
        self.call_specific.setEnabled(self.vm.canCallSpecific and bool(self.selected_waiting()))

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
            service = self.app.service_name(t.service)
            mark = CLASS_KEYS.get(t.priority)  # why it comes before those who waited longer
            if mark:
                service += f" ({self.app.text(mark)})"
            self.waiting.setItem(i, 1, cell(service))
            waited = texts.minutes_text((now - queue.arrived(t)).total_seconds(), self.app.language)
            self.waiting.setItem(i, 2, cell(waited, right=True))
            if t.id == keep:
                self.waiting.selectRow(i)
        if keep and keep not in {t.id for t in tickets}:
            self.waiting.clearSelection()
        self.waiting.blockSignals(False)
        self.refresh_actions()

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
