"""The counter page: every counter of the branch as a card; free ones can be taken."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..queue import CounterRow
from ..viewmodels import DeskApp
from . import style
from .common import label

COLUMNS = 4


class CounterCard(QPushButton):
    """A counter as a big button: its name, its services, who sits there."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("counter")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(250, 112)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(4)
        self.name = label("", "section")
        self.services = label("", "muted", wrap=True)
        self.status = label("")
        for w in (self.name, self.services, self.status):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.addWidget(w)
        box.addStretch(1)

    def show_row(self, name: str, services: str, status: str, colour: str) -> None:
        self.name.setText(name)
        self.services.setText(services)
        self.status.setText(status)
        self.status.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.setAccessibleName(f"{name}: {status}")

    def text(self) -> str:
        """Everything the card says, for tests and screen readers."""
        return "\n".join(w.text() for w in (self.name, self.services, self.status))


class CounterPage(QWidget):
    def __init__(self, app: DeskApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.app = app
        self.vm = app.counter_pick
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(12)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle", wrap=True)
        outer.addWidget(self.title)
        sub = QHBoxLayout()
        sub.addWidget(self.subtitle, 1)
        self.branch_choice = QComboBox()  # site admins only: which branch
        self.branch_choice.setMinimumWidth(260)
        self.branch_choice.activated.connect(self._branch_chosen)
        sub.addWidget(self.branch_choice)
        outer.addLayout(sub)
        self.error = label("", "error", wrap=True)
        outer.addWidget(self.error)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self.buttons: dict[str, CounterCard] = {}
        self.vm.changed.connect(self.refresh)
        app.busyChanged.connect(lambda _: self.refresh())
        app.languageChanged.connect(lambda _: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        tr = self.app.text
        branch = self.app.branch
        self.title.setText(tr("counters.title"))
        self.subtitle.setText(
            tr(
                "counters.subtitle",
                branch=self.app.name(branch.names) if branch else "",
                user=self.app.username,
            )
        )
        self.error.setText(self.vm.error)
        self.error.setVisible(bool(self.vm.error))
        self._fill_branches()
        rows = self.vm.rows()
        if [r.id for r in rows] != list(self.buttons):
            for b in self.buttons.values():
                self.grid.removeWidget(b)
                b.deleteLater()
            self.buttons = {}
            for i, row in enumerate(rows):
                b = CounterCard()
                b.clicked.connect(lambda _=False, cid=row.id: self.vm.claim(cid))
                self.grid.addWidget(b, i // COLUMNS, i % COLUMNS)
                self.buttons[row.id] = b
        for row in rows:
            b = self.buttons[row.id]
            free = self.vm.is_free(row)
            services = ", ".join(self.app.service_name(s) for s in self._services(row.id))
            colour = style.GREEN if free else (style.AMBER if row.paused else style.MUTED)
            b.show_row(self.app.name(row.names, row.id), services, self._status(row), colour)
            b.setEnabled(free and not self.app.busy)

    def _services(self, counter_id: str) -> list[str]:
        info = self.app.counters.get(counter_id)
        return list(info.services) if info else []

    def _status(self, row: CounterRow) -> str:
        tr = self.app.text
        if row.held_by is None:
            return "✓ " + tr("counters.free")
        if self.vm.is_mine(row):
            status = tr("counters.mine")
        else:
            status = tr("counters.taken_by", holder=row.held_by)
        if row.paused:
            status += " · " + tr("counters.paused", reason=tr(f"pause.{row.paused}"))
        return status

    def _fill_branches(self) -> None:
        branches = self.app.branches
        self.branch_choice.setVisible(len(branches) > 1)
        self.branch_choice.blockSignals(True)
        self.branch_choice.clear()
        for b in branches:
            self.branch_choice.addItem(self.app.name(b.names, b.id), b.id)
        current = self.app.branch.id if self.app.branch else ""
        self.branch_choice.setCurrentIndex(max(0, self.branch_choice.findData(current)))
        self.branch_choice.setEnabled(not self.app.busy)
        self.branch_choice.blockSignals(False)

    def _branch_chosen(self, index: int) -> None:
        branch_id = self.branch_choice.itemData(index)
        if branch_id:
            self.vm.chooseBranch(str(branch_id))
