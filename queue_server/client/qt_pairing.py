"""A kiosk's or display's first start: find the server, pair, and show the code meanwhile.

Runs before the app's own screens: a plain full-screen page says what is happening
("looking for the server", "pairing code KX3-7PA"), the work happens on a thread, and it
keeps trying by itself, so a screen installed before the server is up recovers alone.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import Property, QCoreApplication, QEventLoop, QObject, QTimer, QUrl, Signal
from PySide6.QtQml import QQmlComponent
from PySide6.QtQuick import QQuickView

from ..shared.i18n import Catalogue
from .connect import DiscoveryError, resolve_server, resolve_token
from .errors import ClientError

RETRY_S = 10.0
log = logging.getLogger("dintur.pairing")
PAGE = b"""
import QtQuick
Rectangle {
    color: "#0d2a4a"
    Column {
        anchors.centerIn: parent
        width: parent.width * 0.8
        spacing: parent.height * 0.04
        Text { width: parent.width; wrapMode: Text.Wrap; horizontalAlignment: Text.AlignHCenter
               color: "white"; font.pixelSize: 56; font.bold: true; text: page.heading }
        Text { width: parent.width; horizontalAlignment: Text.AlignHCenter; visible: page.code
               color: "#ffd447"; font.pixelSize: 160; font.bold: true; text: page.code
               font.letterSpacing: 8 }
        Text { width: parent.width; wrapMode: Text.Wrap; horizontalAlignment: Text.AlignHCenter
               color: "#dbe6f3"; font.pixelSize: 36; text: page.detail }
    }
}
"""


class _Page(QObject):
    changed = Signal()
    _post = Signal(str, str, str)

    def __init__(self) -> None:
        super().__init__()
        self._heading = self._code = self._detail = ""
        self._post.connect(self._set)  # queued: workers post from their thread

    def _set(self, heading: str, code: str, detail: str) -> None:
        self._heading, self._code, self._detail = heading, code, detail
        self.changed.emit()

    def show(self, heading: str, code: str = "", detail: str = "") -> None:
        self._post.emit(heading, code, detail)

    heading = Property(str, lambda self: self._heading, notify=changed)
    code = Property(str, lambda self: self._code, notify=changed)
    detail = Property(str, lambda self: self._detail, notify=changed)


def obtain_device(
    app: QCoreApplication,
    *,
    role: str,
    branch: str,
    server: str | None,
    token: str | None,
    windowed: bool = False,
    language: str = "da",
    stop: Callable[[], bool] = lambda: False,
    on_page: Callable[[QQuickView, str], None] | None = None,
) -> tuple[str, str] | None:
    """(server URL, token) for this device, showing progress on screen; None if closed."""
    texts = Catalogue.load("pairing")
    if server and token:
        return server.rstrip("/"), token
    view = QQuickView()
    page = _Page()
    page.setParent(view)  # lives exactly as long as the page that binds to it
    view.rootContext().setContextProperty("page", page)
    component = QQmlComponent(view.engine())
    component.setData(PAGE, QUrl())
    view.setContent(QUrl(), component, component.create(view.rootContext()))
    view.setResizeMode(QQuickView.ResizeMode.SizeRootObjectToView)
    view.resize(1280, 800)
    view.showNormal() if windowed else view.showFullScreen()
    if on_page is not None:  # screenshots and tests see each page as it is shown
        page.changed.connect(lambda: on_page(view, page._code or page._heading))

    result: list[tuple[str, str]] = []
    closed = threading.Event()
    done = threading.Event()

    def work() -> None:
        while not closed.is_set() and not stop():
            try:
                page.show(texts.tr("pairing.searching", language))
                url = resolve_server(server, branch)
                page.show(texts.tr("pairing.connecting", language, server=url))

                def show_code(code: str) -> None:
                    page.show(
                        texts.tr("pairing.code_heading", language),
                        code,
                        texts.tr("pairing.code_detail", language, code=code, branch=branch),
                    )

                got = resolve_token(url, role, branch, token, show_code, poll_s=2.0)
                result.append((url, got))
                break
            except (ClientError, DiscoveryError) as exc:
                # the technical reason goes to the log; the screen says it plainly
                log.warning("no server yet, trying again in %.0f s: %s", RETRY_S, exc)
                page.show(
                    texts.tr("pairing.trouble", language),
                    "",
                    texts.tr("pairing.retrying", language),
                )
                closed.wait(RETRY_S)
        done.set()

    worker = threading.Thread(target=work, name="dintur-pairing", daemon=True)
    worker.start()
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if done.is_set() or not view.isVisible() else None)
    timer.start(100)
    loop.exec()
    closed.set()
    timer.stop()
    view.close()
    view.rootContext().setContextProperty("page", None)  # unbind before the page goes
    view.deleteLater()
    return result[0] if result else None
