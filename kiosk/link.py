"""The kiosk's hold on its branch: branch info and guides, the live queue, whether the
server and the printer work, and the requests of a visit (Qt: it runs the backend's calls
on the task runner and hands their answers back on the GUI thread).

Branch info and guides are fetched at start and again only after a resync (the event
stream was away and is back). Everything that changes during the day (open, waiting,
wait, full) arrives with the events, applied to `live` by `BranchState`.

    begin() ──fetch──▶ info, guides          stream live/offline ──▶ server_ok
    events ──────────▶ live (services)       printer poll / status ──▶ printer_status
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from queue_server.client.tasks import Done, Tasks
from queue_server.shared import wire
from queue_server.shared.state import BranchState
from queue_server.shared.vocab import DeviceStatus

from .backend import Fetched, KioskBackend
from .guides import KioskGuide
from .outcomes import Failed, GuidePrinted, Issued, IssueOutcome, Unreachable
from .output import can_print
from .snapshot import branch_now
from .visit import GuideEnded

log = logging.getLogger("dintur.kiosk")


class LiveSource(Protocol):
    """A `LiveBranch`: `changed(state, event or None)`, `statusChanged(status, detail)`."""

    @property
    def changed(self) -> SignalInstance: ...

    @property
    def statusChanged(self) -> SignalInstance: ...


class BranchLink(QObject):
    changed = Signal()  # info, guides, the live queue, server or printer status
    _printerFromWorker = Signal(object)

    def __init__(
        self,
        backend: KioskBackend,
        tasks: Tasks,
        *,
        printer_poll_s: int = 15,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.tasks = tasks
        self.info: wire.BranchInfo | None = backend.cached_branch()
        self.guides: list[KioskGuide] = backend.cached_guides()
        self.live: BranchState | None = None
        self.server_ok: bool | None = None  # None: not known yet
        self.printer_status: DeviceStatus = backend.output.status
        self._fetching = False
        self._fetched = False  # a fetch has reached the server
        self._stream_away = False

        self.printer_timer = QTimer(self)
        self.printer_timer.setInterval(printer_poll_s * 1000)
        self.printer_timer.timeout.connect(self.poll_printer)
        if backend.output.available:
            self.printer_timer.start()
        self._printerFromWorker.connect(self._on_printer_status)

    def attach(self, live: LiveSource) -> None:
        live.changed.connect(self._on_live)
        live.statusChanged.connect(self._on_stream_status)

    def begin(self) -> None:
        """The first fetch and the first printer poll."""
        self.refresh()
        self.poll_printer()

    def stop(self) -> None:
        self.printer_timer.stop()

    @property
    def printer(self) -> bool:
        """A printer is configured."""
        return self.backend.output.available

    @property
    def branch_id(self) -> str:
        return self.backend.branch_id

    @property
    def branch_names(self) -> Mapping[str, Mapping[str, str]]:
        """The branches' names from the site folder (a closed service: "open at …")."""
        return self.backend.local.branch_names

    def branch_now(self) -> wire.BranchInfo | None:
        """Branch info with the services as the live queue has them now."""
        return branch_now(self.info, self.live if self.server_ok else None)

    def printer_ready(self) -> bool:
        return self.backend.output.available and can_print(self.printer_status)

    # --- a visit's requests -------------------------------------------------------------

    def issue(
        self, service: str, language: str, paperless: bool, done: Callable[[IssueOutcome], None]
    ) -> None:
        """Take a number (on paper if asked and the printer can); `done` gets the outcome."""
        info, paper = self.branch_now(), not paperless and self.printer_ready()
        self.tasks.submit(
            lambda: self.backend.issue(service, language, paperless=not paper, branch_info=info),
            lambda answer: done(self._issued(answer)),
        )

    def _issued(self, answer: Done[IssueOutcome]) -> IssueOutcome:
        outcome = answer.value
        if outcome is None:
            log.error("a kiosk task failed: taking a number", exc_info=answer.error)
            return Failed(str(answer.error))
        if isinstance(outcome, Issued):
            self.set_printer_status(outcome.printer_status)
        self.mark_server(not isinstance(outcome, Unreachable))
        return outcome

    def print_guide(self, guide: KioskGuide, language: str, done: Callable[[bool], None]) -> None:
        """Print a guide; `done` gets whether paper came out."""

        def printed(answer: Done[GuidePrinted]) -> None:
            if answer.value is None:
                log.error("a kiosk task failed: printing a guide", exc_info=answer.error)
            else:
                self.set_printer_status(answer.value.printer_status)
            done(answer.value is not None and answer.value.printed)

        self.tasks.submit(lambda: self.backend.print_guide(guide, language), printed)

    def count(self, ended: GuideEnded) -> None:
        """How a guide's reading ended, for the statistics (kept while the server is away)."""
        self.tasks.submit(partial(self.backend.guide_outcome, ended.guide, ended.outcome))

    # --- the server ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch branch info and guides (one fetch at a time)."""
        if not self._fetching:
            self._fetching = True
            self.tasks.submit(self.backend.fetch, self._on_fetched)

    def _on_fetched(self, done: Done[Fetched]) -> None:
        self._fetching = False
        result = done.value
        if result is None:
            log.error("fetching branch info failed", exc_info=done.error)
            return
        if result.branch is not None:
            self.info = result.branch
        if result.guides:
            self.guides = result.guides
        if result.live:
            self._fetched = True
            self.mark_server(True)
        elif self.server_ok is not False:
            self.mark_server(False)
        self.changed.emit()

    def mark_server(self, ok: bool) -> None:
        if ok == self.server_ok:
            return
        was, self.server_ok = self.server_ok, ok
        if ok:
            self.tasks.submit(self.backend.flush)  # guide outcomes kept while it was away
            if was is False:
                log.info("the server is back")
                self.tasks.submit(lambda: self.backend.report_health(force=True))
        else:
            log.warning("the server is not answering")
        self.changed.emit()

    def _on_live(self, state: BranchState, event: wire.Event | None) -> None:
        self.live = state  # services' state included: nothing to fetch
        self.changed.emit()

    def _on_stream_status(self, status: str, detail: str) -> None:
        if status == "live":
            resync, self._stream_away = self._stream_away, False
            self.mark_server(True)
            if resync or not self._fetched:
                self.refresh()  # branch info may have changed while we were away
        elif status in ("offline", "refused"):
            self._stream_away = True
            self.live = None
            self.mark_server(False)
            self.changed.emit()

    # --- the printer --------------------------------------------------------------------

    def poll_printer(self) -> None:
        if self.backend.output.available:
            self.tasks.submit(self.backend.poll_printer, self._on_polled)

    def _on_polled(self, done: Done[DeviceStatus]) -> None:
        if done.value is not None:
            self.set_printer_status(done.value)

    def status_from_worker(self, status: DeviceStatus) -> None:
        """The printer's status changed (called on any thread)."""
        self._printerFromWorker.emit(status)

    def _on_printer_status(self, status: DeviceStatus) -> None:
        self.set_printer_status(status)
        self.tasks.submit(lambda: self.backend.report_health(status))

    def set_printer_status(self, status: DeviceStatus) -> None:
        if status != self.printer_status:
            self.printer_status = status
            self.changed.emit()
