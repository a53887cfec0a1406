"""One ticket printer: status before a job, the job, confirmation after; never a retry.

    printer = TicketPrinter.from_uri("tcp://10.0.0.7:9100", on_status_change=report)
    result = printer.print(render_ticket(ticket, PAPER_80MM))
    if not result.printed: show "take a photo of the screen instead"

A job counts as printed only when the printer answers a status query sent after it (the
printer answers in order, so it has taken in every byte of the job) and that answer is a
printable state. Anything else is `printed=False`; the job is never sent again by us, so
nothing is printed twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from printers.errors import PrinterError, PrinterFault, PrinterTimeout, PrinterUnreachable
from printers.status import Status, StatusReading, read_status
from printers.transports import Transport
from printers.uri import PrinterUri, parse_uri, transport_for

log = logging.getLogger(__name__)

StatusCallback = Callable[[Status, Status], None]  # (old, new)


@dataclass(frozen=True)
class PrintResult:
    printed: bool
    status: Status
    error: PrinterError | None = None
    bytes_sent: int = 0
    seconds: float = 0.0


class TicketPrinter:
    """A printer behind a transport; thread-safe, one job or poll at a time.

    `on_status_change(old, new)` runs in the thread that polled or printed, after each
    change of status (never for an unchanged one); its exceptions are logged, not raised.
    """

    def __init__(
        self,
        transport: Transport,
        *,
        status_timeout: float = 1.0,
        confirm_timeout: float = 2.0,
        min_bytes_per_s: float = 960.0,
        status_queries: bool = True,
        on_status_change: StatusCallback | None = None,
    ) -> None:
        self.transport = transport
        self.status_timeout = status_timeout
        self.confirm_timeout = confirm_timeout
        self.min_bytes_per_s = min_bytes_per_s  # 9600 baud; bounds the wait for a big job
        self.status_queries = status_queries
        self.on_status_change = on_status_change
        self._status = Status.UNKNOWN
        self._last_error: PrinterError | None = None
        self._lock = threading.RLock()

    @classmethod
    def from_uri(
        cls,
        uri: str | PrinterUri,
        *,
        status_timeout: float = 1.0,
        confirm_timeout: float = 2.0,
        min_bytes_per_s: float = 960.0,
        on_status_change: StatusCallback | None = None,
    ) -> TicketPrinter:
        """The printer a URI names (`status=off` in it turns status queries off)."""
        parsed = parse_uri(uri) if isinstance(uri, str) else uri
        return cls(
            transport_for(parsed),
            status_timeout=status_timeout,
            confirm_timeout=confirm_timeout,
            min_bytes_per_s=min_bytes_per_s,
            status_queries=parsed.status_queries,
            on_status_change=on_status_change,
        )

    @property
    def device(self) -> str:
        return self.transport.device

    @property
    def status(self) -> Status:
        """The last status seen (UNKNOWN before the first poll)."""
        return self._status

    @property
    def last_error(self) -> PrinterError | None:
        return self._last_error

    def poll(self) -> Status:
        """Query the printer now; reconnects when needed; calls on_status_change."""
        with self._lock:
            was_open = self.transport.is_open
            try:
                self.transport.open()
            except PrinterError as exc:
                return self._set(Status.OFFLINE, exc)
            if not self.status_queries:
                return self._set(Status.UNKNOWN, None)
            reading = self._check(was_open)
            return self._set(reading.status, reading.error)

    def print(self, job: bytes) -> PrintResult:
        """Send one job; `printed` only when the printer confirmed it after the last byte."""
        with self._lock:
            started = time.monotonic()

            def result(printed: bool, error: PrinterError | None, sent: int = 0) -> PrintResult:
                return PrintResult(
                    printed, self._status, error, sent, round(time.monotonic() - started, 4)
                )

            was_open = self.transport.is_open
            try:
                self.transport.open()
            except PrinterError as exc:
                self._set(Status.OFFLINE, exc)
                return result(False, exc)
            if self.status_queries:
                before = self._check(was_open)
                self._set(before.status, before.error)
                if not before.status.can_print:
                    self._drop_link(before)
                    return result(False, before.error or PrinterFault(before.status, self.device))
            try:
                self.transport.write(job)
            except PrinterError as exc:
                self.transport.close()
                self._set(Status.OFFLINE, exc)
                log.warning("job of %d bytes not printed: %s", len(job), exc)
                return result(False, exc)
            if not self.status_queries:
                self._set(Status.UNKNOWN, None)
                return result(True, None, len(job))
            after = self._read(self.confirm_timeout + len(job) / self.min_bytes_per_s)
            self._set(after.status, after.error)
            if not after.status.can_print:
                self._drop_link(after)
                error = after.error or PrinterFault(after.status, self.device)
                log.warning("job of %d bytes not confirmed: %s", len(job), error)
                return result(False, error, len(job))
            return result(True, None, len(job))

    def _check(self, was_open: bool) -> StatusReading:
        """A status reading; a connection the printer dropped while idle is reopened once.

        Only the status query is repeated, never a job: nothing has been sent yet.
        """
        reading = self._read(None)
        if was_open and isinstance(reading.error, PrinterUnreachable):
            try:
                self.transport.open()
            except PrinterError as exc:
                return StatusReading(Status.OFFLINE, (), exc)
            reading = self._read(None)
        return reading

    def _read(self, first_timeout: float | None) -> StatusReading:
        try:
            return read_status(self.transport, self.status_timeout, first_timeout=first_timeout)
        except PrinterError as exc:  # the query itself could not be sent
            self.transport.close()
            return StatusReading(Status.OFFLINE, (), exc)

    def _drop_link(self, reading: StatusReading) -> None:
        # after a silent reply the link may hold half a job or a late answer: start over
        if isinstance(reading.error, PrinterTimeout | PrinterUnreachable):
            self.transport.close()

    def _set(self, status: Status, error: PrinterError | None) -> Status:
        old, self._status = self._status, status
        self._last_error = error
        if old != status:
            log.info("printer %s: %s -> %s", self.device, old.value, status.value)
            if self.on_status_change is not None:
                try:
                    self.on_status_change(old, status)
                except Exception:  # a reporting bug must not break printing
                    log.exception("on_status_change callback failed")
        return status

    def close(self) -> None:
        with self._lock:
            self.transport.close()

    def __enter__(self) -> TicketPrinter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
