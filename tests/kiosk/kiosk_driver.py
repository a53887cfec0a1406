"""Drive the kiosk like a citizen: tap QML items by objectName, wait for screens, read text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import httpx
from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem

from kiosk.app import Kiosk
from kiosk.speech import FakeSpeech
from tests.support.servers import LiveServer


def items(root: QQuickItem) -> Iterator[QQuickItem]:
    """The visual tree under `root`, depth first."""
    stack = [root]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(reversed(item.childItems()))


def shown(item: QQuickItem) -> bool:
    """Visible and not faded out (an invisible Back button keeps its slot)."""
    node: QQuickItem | None = item
    while node is not None:
        if not node.isVisible() or node.opacity() == 0:
            return False
        node = node.parentItem()
    return True


@dataclass
class Driver:
    kiosk: Kiosk
    qtbot: Any
    speech: FakeSpeech
    server: LiveServer | None = None
    taps: list[str] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.kiosk.vm.screenEntered.connect(self.screens.append)

    @property
    def vm(self) -> Any:
        return self.kiosk.vm

    @property
    def root(self) -> QQuickItem:
        root = self.kiosk.view.rootObject()
        assert root is not None
        return root

    def find(self, name: str) -> QQuickItem | None:
        for item in items(self.root):
            if item.objectName() == name and shown(item):
                return item
        return None

    def item(self, name: str, timeout: float = 5.0) -> QQuickItem:
        found: list[QQuickItem] = []

        def there() -> bool:
            item = self.find(name)
            if item is not None:
                found[:] = [item]
            return item is not None

        self.qtbot.waitUntil(there, timeout=int(timeout * 1000))
        return found[0]

    def settle(self) -> None:
        """Let the window lay out and draw a frame: positioners place new items then."""
        with self.qtbot.waitSignal(self.kiosk.view.frameSwapped, timeout=3000):
            self.kiosk.view.update()

    def tap(self, name: str) -> None:
        self.item(name)
        self.settle()
        item = self.item(name)
        assert item.isEnabled(), f"{name} is disabled"
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        self.qtbot.mouseClick(
            self.kiosk.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
        )
        self.taps.append(name)

    def wait(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        self.qtbot.waitUntil(predicate, timeout=int(timeout * 1000))

    def screen(self, name: str, timeout: float = 10.0) -> None:
        try:
            self.wait(lambda: self.vm.screen == name and not self.vm.busy, timeout)
        except Exception as exc:
            raise AssertionError(
                f"screen {self.vm.screen!r} (busy={self.vm.busy}), not {name!r}; "
                f"taps {self.taps}, screens {self.screens}"
            ) from exc

    def texts(self) -> list[str]:
        """Every visible text on the window, top to bottom."""
        out = []
        for item in items(self.root):
            if item.metaObject().className().startswith("QQuickText") and shown(item):
                text = item.property("text")
                if text:
                    out.append(str(text))
        return out

    def all_text(self) -> str:
        return "\n".join(self.texts())

    def idle_ticks(self, n: int) -> None:
        for _ in range(n):
            self.vm.idleTick()


KioskFactory = Callable[..., Driver]


def admin(server: LiveServer) -> httpx.Client:
    return server.client("admin", branch=None)


def qr_ticket(server: LiveServer, qr_source: str) -> dict[str, Any]:
    """The ticket a citizen reaches by the link in a QR image's source (`image://qr/…`):
    staff reads never carry the link, so the test follows it as the citizen would."""
    link = unquote(qr_source.removeprefix("image://qr/"))
    token = link.split("/t/")[1]
    with httpx.Client(base_url=server.url) as citizen:
        r = citizen.get(f"/api/v1/status/{token}")
    r.raise_for_status()
    return dict(r.json())


def server_tickets(server: LiveServer) -> list[dict[str, Any]]:
    with admin(server) as c:
        r = c.get("/api/v1/branches/dokk1/queue")
        r.raise_for_status()
        return list(r.json()["tickets"])
