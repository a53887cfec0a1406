"""The desk's dialogs: confirm an out-of-order call, transfer a ticket, pause with a reason.

Each opens window-modal with `open()` (never a blocking `exec()`), so the event stream
keeps flowing behind it, and says what it chose with a signal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from queue_server.shared.vocab import PauseReason

from ..viewmodels import DeskApp
from .common import button, label


class _Dialog(QDialog):
    def __init__(self, app: DeskApp, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.app = app
        self.setObjectName("page")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(22, 18, 22, 18)
        self.box.setSpacing(12)

    def buttons(self, ok_text: str) -> tuple[QPushButton, QPushButton]:
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = button(self.app.text("dialog.cancel"))
        ok = button(ok_text, "primarySmall")
        ok.setDefault(True)
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        row.addWidget(ok)
        self.box.addLayout(row)
        return ok, cancel


class ConfirmCallDialog(_Dialog):
    """'Call P017 out of order?': the caseworker confirms before skipping the line."""

    def __init__(self, app: DeskApp, ticket_id: str, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.setWindowTitle(app.text("confirm.title"))
        number = next((t.number for t in app.tickets if t.id == ticket_id), "")
        self.box.addWidget(label(app.text("confirm.title"), "section"))
        self.text = label(app.desk.confirm_text(ticket_id), wrap=True)
        self.text.setMinimumWidth(380)
        self.box.addWidget(self.text)
        self.ok, self.cancel = self.buttons(app.text("confirm.ok", number=number))
        self.ok.clicked.connect(self.accept)


class TransferDialog(_Dialog):
    """Pick another service or another counter; `chosen(kind, id)` with kind service|counter."""

    chosen = Signal(str, str)

    def __init__(self, app: DeskApp, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        t = app.desk.ticket
        self.setWindowTitle(app.text("transfer.title"))
        self.box.addWidget(label(app.text("transfer.title"), "section"))
        self.box.addWidget(
            label(app.text("transfer.intro", number=t.number if t else ""), "muted", wrap=True)
        )
        self.group = QButtonGroup(self)
        self.options: dict[tuple[str, str], QRadioButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.addWidget(label(app.text("transfer.to_service"), "section"), 0, 0)
        grid.addWidget(label(app.text("transfer.to_counter"), "section"), 0, 1)
        for i, s in enumerate(app.desk.transfer_services(), start=1):
            r = QRadioButton(f"{s.prefix}  {app.name(s.names, s.id)}")
            if not s.open_now:
                r.setText(r.text() + f" ({app.text('desk.closed')})")
            self._add(r, ("service", s.id))
            grid.addWidget(r, i, 0)
        for i, c in enumerate(app.desk.transfer_counters(), start=1):
            who = c.held_by or app.text("colleague.closed")
            if c.paused:
                who = app.text("counters.paused", reason=app.text(f"pause.{c.paused}"))
            r = QRadioButton(f"{app.name(c.names, c.id)} – {who}")
            # nobody there: the citizen would wait for a closed counter (the server says no)
            r.setEnabled(c.held_by is not None)
            self._add(r, ("counter", c.id))
            grid.addWidget(r, i, 1)
        self.box.addLayout(grid)
        self.ok, self.cancel = self.buttons(app.text("transfer.ok"))
        self.ok.setEnabled(False)
        self.group.buttonToggled.connect(lambda *_: self.ok.setEnabled(self.choice() is not None))
        self.ok.clicked.connect(self._ok)

    def _add(self, r: QRadioButton, key: tuple[str, str]) -> None:
        self.group.addButton(r)
        self.options[key] = r

    def choose(self, kind: str, target: str) -> None:
        self.options[(kind, target)].setChecked(True)

    def choice(self) -> tuple[str, str] | None:
        return next((k for k, r in self.options.items() if r.isChecked()), None)

    def _ok(self) -> None:
        choice = self.choice()
        if choice is not None:
            self.accept()
            self.chosen.emit(*choice)


class PauseDialog(_Dialog):
    """One big button per reason; colleagues see the reason at once."""

    chosen = Signal(str)

    def __init__(self, app: DeskApp, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.setWindowTitle(app.text("pause.title"))
        self.box.addWidget(label(app.text("pause.title"), "section"))
        self.box.addWidget(label(app.text("pause.intro"), "muted", wrap=True))
        grid = QGridLayout()
        grid.setSpacing(10)
        self.reasons: dict[str, QPushButton] = {}
        for i, reason in enumerate(PauseReason):
            b = button(app.text(f"pause.{reason}"), "action")
            b.setMinimumSize(180, 56)
            b.clicked.connect(lambda _=False, reason=reason: self._pick(reason))
            self.reasons[reason] = b
            grid.addWidget(b, i // 2, i % 2)
        self.box.addLayout(grid)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = button(app.text("dialog.cancel"))
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        self.box.addLayout(row)

    def _pick(self, reason: str) -> None:
        self.accept()
        self.chosen.emit(reason)
