"""The login page: server address, username, password, language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ..texts import LANGUAGES
from ..viewmodels import DeskApp
from .common import button, card, label, set_level


class LoginPage(QWidget):
    def __init__(self, app: DeskApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.app = app
        self.vm = app.login
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        frame, box = card(self)
        frame.setFixedWidth(460)
        row.addWidget(frame)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.title = label("", "title")
        self.subtitle = label("", "subtitle", wrap=True)
        box.addWidget(self.title)
        box.addWidget(self.subtitle)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setVerticalSpacing(10)
        self.server = QLineEdit(app.server_url)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_label, self.username_label, self.password_label = label(), label(), label()
        form.addRow(self.server_label, self.server)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        box.addLayout(form)
        self.error = label("", "error", wrap=True)
        box.addWidget(self.error)
        self.submit = button("", "primarySmall")
        self.submit.setMinimumHeight(40)
        box.addWidget(self.submit)
        langs = QHBoxLayout()
        langs.addStretch(1)
        self.lang_buttons = {}
        for lang in LANGUAGES:
            b = button("")
            b.clicked.connect(lambda _=False, lang=lang: app.setLanguage(lang))
            self.lang_buttons[lang] = b
            langs.addWidget(b)
        box.addLayout(langs)

        self.submit.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.vm.changed.connect(self._on_result)
        self.vm.serverFound.connect(self._found)
        app.busyChanged.connect(lambda _: self.refresh())
        app.languageChanged.connect(lambda _: self.retranslate())
        self.retranslate()

    def _submit(self) -> None:
        self.vm.submit(self.server.text(), self.username.text(), self.password.text())

    def retranslate(self) -> None:
        tr = self.app.text
        self.title.setText(tr("login.title"))
        self.subtitle.setText(tr("login.subtitle"))
        self.server_label.setText(tr("login.server"))
        self.username_label.setText(tr("login.username"))
        self.password_label.setText(tr("login.password"))
        self.lang_buttons["da"].setText("Dansk")
        self.lang_buttons["en"].setText("English")
        for lang, b in self.lang_buttons.items():
            b.setObjectName("langActive" if lang == self.app.language else "")
            b.style().unpolish(b)
            b.style().polish(b)
        self.refresh()

    def refresh(self) -> None:
        busy = self.app.busy
        self.submit.setEnabled(not busy)
        self.submit.setText(self.app.text("login.busy" if busy else "login.submit"))
        self.error.setText(self.vm.error)
        self.error.setVisible(bool(self.vm.error))
        set_level(self.error, self.vm.level)

    def _on_result(self) -> None:
        if self.vm.level == "error":  # a failed login: type the password again
            self.password.clear()
            self.password.setFocus()
        self.refresh()

    def _found(self, url: str) -> None:
        if not self.server.isModified():  # never overwrite what the caseworker typed
            self.server.setText(url)
