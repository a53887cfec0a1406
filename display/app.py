"""The display's composition root: server client, live branch, view-model, announcer, view."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtQuick import QQuickView

from queue_server.client import ApiClient, ApiError, ClientError
from queue_server.client.qt import LiveBranch
from queue_server.shared import wire
from queue_server.shared.i18n import Catalogue
from queue_server.shared.state import BranchState

from .announcer import Announcer, ChimePlayer, SpeechEngine
from .sizing import sizes
from .viewmodel import DisplayViewModel

log = logging.getLogger("dintur.display")
QML = Path(__file__).resolve().parent / "qml" / "Display.qml"
#: after a change, fetch fresh wait estimates this much later (coalescing a burst)
INFO_AFTER_CHANGE_MS = 1500
#: opening hours change with the clock: refresh names, hours and estimates this often too
INFO_EVERY_MS = 60_000
RETRY_MS = (500, 10_000)
#: events after which the wait estimates are worth fetching again
QUEUE_EVENTS = frozenset(
    {
        "ticket.issued",
        "ticket.called",
        "ticket.finished",
        "ticket.cancelled",
        "ticket.transferred",
        "ticket.no_show",
        "ticket.expired",
    }
)


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


class InfoLoader(QObject):
    """GET /branches/{b} on a worker thread: at start (retrying), after changes, each minute."""

    loaded = Signal(object)  # wire.BranchInfo
    failed = Signal(object)  # ClientError
    _done = Signal(object, object)

    def __init__(self, client: ApiClient, branch: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client, self._branch = client, branch
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dintur-info")
        self._in_flight = False
        self._again = False
        self._retry_ms = RETRY_MS[0]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fetch)
        self._done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._every = QTimer(self)
        self._every.setInterval(INFO_EVERY_MS)
        self._every.timeout.connect(lambda: self.refresh(0))
        self._closed = False

    def refresh(self, delay_ms: int = 0) -> None:
        if self._closed:
            return
        if not self._timer.isActive() or delay_ms < self._timer.remainingTime():
            self._timer.start(delay_ms)

    def close(self) -> None:
        self._closed = True
        self._timer.stop()
        self._every.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _fetch(self) -> None:
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        self._pool.submit(self._work)

    def _work(self) -> None:
        try:
            self._done.emit(self._client.branch(self._branch), None)
        except ClientError as exc:
            self._done.emit(None, exc)
        except Exception as exc:  # never let a worker die silently
            log.exception("fetching the branch failed")
            self._done.emit(None, ClientError(str(exc)))

    def _finish(self, info: wire.BranchInfo | None, error: ClientError | None) -> None:
        self._in_flight = False
        if self._closed:
            return
        if info is not None:
            self._retry_ms = RETRY_MS[0]
            self._every.start()
            self.loaded.emit(info)
        else:
            self.failed.emit(error)
            refused = isinstance(error, ApiError) and error.status in (401, 403, 404)
            if not refused:
                self.refresh(self._retry_ms)
                self._retry_ms = min(self._retry_ms * 2, RETRY_MS[1])
        if self._again:
            self._again = False
            self.refresh(0)


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
        self.live = LiveBranch(options.server, options.token, options.branch, self)
        self.announcer = Announcer(chime, speech, chime_only=options.chime_only, parent=self)
        self._started_live = False

        self.info.loaded.connect(self._on_info)
        self.info.failed.connect(self._on_info_failed)
        self.live.changed.connect(self._on_change)
        self.live.statusChanged.connect(self._on_status)
        self.vm.announce.connect(self.announcer.announce)
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
        if isinstance(error, ApiError) and error.status in (401, 403, 404):
            self.vm.on_status("refused", error.detail)
        elif not self._started_live:
            self.vm.on_status("offline", str(error))

    def _on_change(self, state: BranchState, event: wire.Event | None) -> None:
        self.vm.on_change(state, event)
        if event is not None and event.type in QUEUE_EVENTS:
            self.info.refresh(INFO_AFTER_CHANGE_MS)

    def _on_status(self, status: str, detail: str) -> None:
        self.vm.on_status(status, detail)
        if status == "live":
            self.info.refresh(0)  # back after a drop: names and estimates may have moved on
