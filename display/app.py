"""The display's composition root: server client, live branch, view-model, announcer, view.

What the board shows comes with the live events: the snapshot, then each event with the
services' new state on it. `GET /branches/{b}` (names, counters, zones, time zone) is
read once at start and again only after a resync (a fresh snapshot), never per event.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QTimer, QUrl, Signal
from PySide6.QtQuick import QQuickView

from queue_server.client import ApiClient, ApiError, ClientError
from queue_server.client.qt import LiveBranch
from queue_server.client.tasks import Done, Tasks
from queue_server.shared import wire
from queue_server.shared.i18n import Catalogue
from queue_server.shared.state import BranchState

from .announcer import Announcer, ChimePlayer, SpeechEngine
from .sizing import sizes
from .viewmodel import FLASH_MS, DisplayViewModel

log = logging.getLogger("dintur.display")
QML = Path(__file__).resolve().parent / "qml" / "Display.qml"
RETRY_MS = (500, 10_000)
#: answers after which asking again with the same token is pointless
REFUSED = (401, 403, 404)


@dataclass(frozen=True)
class Options:
    server: str
    token: str
    branch: str
    zone: str | None = None
    language: str = "da"
    chime_only: bool = False
    portrait: bool = False
    diagonal_in: float = 55.0
    distance_m: float = 8.0


def refused(error: BaseException | None) -> bool:
    return isinstance(error, ApiError) and error.status in REFUSED


class InfoLoader(QObject):
    """GET /branches/{b} off the GUI thread when asked, retrying until it has an answer."""

    loaded = Signal(object)  # wire.BranchInfo
    failed = Signal(object)  # ClientError

    def __init__(self, client: ApiClient, branch: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client, self._branch = client, branch
        self._tasks = Tasks(self, name="dintur-info")
        self._in_flight = False
        self._again = False
        self._retry_ms = RETRY_MS[0]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fetch)
        self._closed = False

    def refresh(self, delay_ms: int = 0) -> None:
        if self._closed:
            return
        if not self._timer.isActive() or delay_ms < self._timer.remainingTime():
            self._timer.start(delay_ms)

    def close(self) -> None:
        self._closed = True
        self._timer.stop()
        self._tasks.close()

    def _fetch(self) -> None:
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        self._tasks.submit(lambda: self._client.branch(self._branch), self._finish)

    def _finish(self, done: Done[wire.BranchInfo]) -> None:
        self._in_flight = False
        if self._closed:
            return
        if done.value is not None:
            self._retry_ms = RETRY_MS[0]
            self.loaded.emit(done.value)
        else:
            error = done.error
            if not isinstance(error, ClientError):
                log.error("fetching the branch failed", exc_info=error)
                error = ClientError(str(error))
            self.failed.emit(error)
            if not refused(error):
                self.refresh(self._retry_ms)
                self._retry_ms = min(self._retry_ms * 2, RETRY_MS[1])
        if self._again:
            self._again = False
            self.refresh(0)


def join(vm: DisplayViewModel, announcer: Announcer) -> None:
    """Calls go to the announcer; each, as it is announced, flashes on the board."""
    vm.announce.connect(announcer.announce)
    announcer.playing.connect(vm.flash)


def make_view(vm: DisplayViewModel, size: QSize) -> QQuickView:
    view = QQuickView()
    view.setTitle("DinTur – skærm")
    view.setResizeMode(QQuickView.ResizeMode.SizeRootObjectToView)
    view.setColor("#0d2b4a")
    view.setInitialProperties({"vm": vm})
    view.setSource(QUrl.fromLocalFile(str(QML)))
    if view.status() == QQuickView.Status.Error:
        raise RuntimeError("; ".join(e.toString() for e in view.errors()))
    view.resize(size)
    return view


class DisplayApp(QObject):
    def __init__(
        self,
        options: Options,
        *,
        speech: SpeechEngine | None,
        chime: ChimePlayer | None,
        size: QSize,
        catalogue: Catalogue | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.options = options
        portrait_screen = size.height() > size.width()
        rotate = options.portrait and not portrait_screen
        self.vm = DisplayViewModel(
            branch=options.branch,
            zone=options.zone,
            language=options.language,
            catalogue=catalogue or Catalogue.load("display"),
            sizes=sizes(size.width(), size.height(), options.diagonal_in, options.distance_m),
            rotate=rotate,
            parent=self,
        )
        self.client = ApiClient(options.server, options.token)
        self.info = InfoLoader(self.client, options.branch, self)
        # a board lists calls, not the waiting: its snapshots come without them
        self.live = LiveBranch(options.server, options.token, options.branch, self, compact=True)
        self.announcer = Announcer(
            chime, speech, chime_only=options.chime_only, min_ms=FLASH_MS, parent=self
        )
        self._started_live = False
        self._snapshots = 0

        self.info.loaded.connect(self._on_info)
        self.info.failed.connect(self._on_info_failed)
        self.live.changed.connect(self._on_change)
        self.live.statusChanged.connect(self._on_status)
        join(self.vm, self.announcer)
        self.view = make_view(self.vm, size)

    def start(self) -> None:
        self.info.refresh(0)

    def stop(self) -> None:
        if self._started_live:
            self.live.stop()
        self.info.close()
        self.client.close()

    def _on_info(self, info: wire.BranchInfo) -> None:
        self.vm.set_info(info)
        if not self._started_live:
            self._started_live = True
            self.live.start()

    def _on_info_failed(self, error: ClientError) -> None:
        if isinstance(error, ApiError) and refused(error):
            self.vm.on_status("refused", error.detail)
        elif not self._started_live:
            self.vm.on_status("offline", str(error))

    def _on_change(self, state: BranchState, event: wire.Event | None) -> None:
        self.vm.on_change(state, event)
        if event is None:
            self._snapshots += 1
            if self._snapshots > 1:  # a resync: counters and names may have moved on too
                self.info.refresh(0)

    def _on_status(self, status: str, detail: str) -> None:
        self.vm.on_status(status, detail)
