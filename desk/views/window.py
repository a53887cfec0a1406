"""The desk's main window: a header, the three pages, the keyboard, and compact mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ..keys import SHORTCUTS, key_hint
from ..viewmodels import DeskApp
from .common import button, label
from .compact import CompactWindow
from .counters import CounterPage
from .desk import DeskPage
from .login import LoginPage

MIN_SIZE = QSize(1180, 700)  # fits 1366×768 with a taskbar


class MainWindow(QMainWindow):
    def __init__(self, app: DeskApp) -> None:
        super().__init__()
        self.app = app
        self.setMinimumSize(MIN_SIZE)
        self.resize(1366, 768)
        root = QWidget()
        root.setObjectName("page")
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = QFrame()
        self.header.setObjectName("header")
        hb = QHBoxLayout(self.header)
        hb.setContentsMargins(16, 8, 12, 8)
        hb.setSpacing(10)
        self.brand = label("DinTur")
        self.brand.setStyleSheet("font-size: 15pt; font-weight: 700;")
        hb.addWidget(self.brand)
        self.context = label("")
        self.context.setStyleSheet("font-size: 11pt;")
        hb.addWidget(self.context, 1)
        self.connection = label("")
        hb.addWidget(self.connection)
        self.language = button("", focus=False)
        self.language.clicked.connect(self._toggle_language)
        hb.addWidget(self.language)
        self.compact_button = button("", focus=False)
        self.compact_button.clicked.connect(lambda: app.setCompact(True))
        hb.addWidget(self.compact_button)
        self.leave = button("", focus=False)
        self.leave.clicked.connect(app.desk.leave)
        hb.addWidget(self.leave)
        self.logout = button("", focus=False)
        self.logout.clicked.connect(lambda: app.logout())
        hb.addWidget(self.logout)
        outer.addWidget(self.header)
        self.stack = QStackedWidget()
        self.login_page = LoginPage(app)
        self.counter_page = CounterPage(app)
        self.desk_page = DeskPage(app)
        for page in (self.login_page, self.counter_page, self.desk_page):
            self.stack.addWidget(page)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(root)
        self.compact = CompactWindow(app)

        self.shortcuts: list[QShortcut] = []
        for window in (self, self.compact):
            for action, keys in SHORTCUTS.items():
                for key in keys:
                    sc = QShortcut(QKeySequence(key), window)
                    sc.activated.connect(lambda action=action: self.shortcut(action))
                    self.shortcuts.append(sc)

        app.screenChanged.connect(lambda _: self._show_screen())
        app.compactChanged.connect(lambda _: self._show_screen())
        app.languageChanged.connect(lambda _: self.refresh_header())
        app.connectionChanged.connect(lambda _: self.refresh_header())
        app.desk.actionsChanged.connect(self.refresh_header)
        self._show_screen()

    def shortcut(self, action: str) -> None:
        """A key pressed: only the desk page has shortcuts."""
        if self.app.screen != "desk":
            return
        page, vm = self.desk_page, self.app.desk
        handlers: dict[str, Callable[[], None]] = {
            "call_next": vm.callNext,
            "recall": vm.recall,
            "start": vm.start,
            "finish": vm.finish,
            "no_show": vm.noShow,
            "transfer": page.ask_transfer,
            "pause": page.toggle_pause,
            "call_specific": page.ask_call_specific,
            "compact": lambda: self.app.setCompact(not self.app.compact),
        }
        if page.dialog is not None and action != "compact":
            return  # a dialog is open: keys go to it
        handlers[action]()

    def _toggle_language(self) -> None:
        self.app.setLanguage("en" if self.app.language == "da" else "da")

    def _show_screen(self) -> None:
        screen = self.app.screen
        page = {"login": self.login_page, "counters": self.counter_page, "desk": self.desk_page}
        self.stack.setCurrentWidget(page[screen])
        compact = self.app.compact and screen == "desk"
        if self.isVisible() or self.compact.isVisible():
            if compact:
                self.hide()
                self.compact.show()
                self.compact.activateWindow()  # its keys work at once
            else:
                self.compact.hide()
                self.show()
                self.activateWindow()
        self.refresh_header()

    def show_app(self) -> None:
        """Show the right window for the current screen and mode."""
        if self.app.compact and self.app.screen == "desk":
            self.compact.show()
        else:
            self.show()

    def refresh_header(self) -> None:
        app = self.app
        tr = app.text
        screen = app.screen
        branch = app.name(app.branch.names) if app.branch else ""
        counter = app.counter_name(app.desk.counter_id) if app.desk.counter_id else ""
        self.brand.setText(f"DinTur · {tr('app.name')}")
        self.context.setText("  ·  ".join(p for p in (branch, counter, app.username) if p))
        self.setWindowTitle(f"DinTur – {tr('app.name')}" + (f" – {counter}" if counter else ""))
        status = app.connection
        dot = {"live": "#7fe0a0", "connecting": "#ffd27a"}.get(status, "#ff9a92")
        self.connection.setText(f"● {tr(f'connection.{status}')}")
        self.connection.setStyleSheet(f"color: {dot}; font-weight: 600;")
        self.connection.setVisible(screen != "login")
        self.language.setText("English" if app.language == "da" else "Dansk")
        self.language.setVisible(screen != "login")  # the login card has its own
        self.compact_button.setText(
            f"{tr('header.compact')} ({key_hint('compact', tr('key.space'))})"
        )
        self.compact_button.setVisible(screen == "desk")
        self.leave.setText(tr("header.leave"))
        self.leave.setVisible(screen == "desk")
        self.leave.setEnabled(not app.busy)
        self.logout.setText(tr("header.logout"))
        self.logout.setVisible(screen != "login")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.compact.close()
        super().closeEvent(event)
