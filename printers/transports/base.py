"""The transport interface: open, write, read, close, each step with a timeout.

Any failure is a `PrinterError` naming the device. A failed write closes the transport:
the printer may hold half a command, so the next use starts over with a fresh connection.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType

from printers.errors import PrinterTimeout, PrinterUnreachable

CONNECT_TIMEOUT = 3.0
DRAIN_LIMIT = 64  # reads of stale input before a status query; bounds a babbling device


def timeout_ms(seconds: float) -> int:
    """`seconds` as milliseconds, at least 1: pyusb takes 0 as "wait forever"."""
    return max(1, round(seconds * 1000))


class Transport(ABC):
    """A connection to one printer.

    `timeout` bounds opening, and a write that makes no progress for that long fails.
    """

    def __init__(self, device: str, *, timeout: float = 5.0) -> None:
        self.device = device
        self.timeout = timeout

    @property
    @abstractmethod
    def is_open(self) -> bool: ...

    @abstractmethod
    def open(self) -> None:
        """Connect; PrinterUnreachable or PrinterTimeout when the device isn't there."""

    @abstractmethod
    def write(self, data: bytes) -> None:
        """Send all of `data` or raise (the transport is then closed)."""

    @abstractmethod
    def read(self, n: int, timeout: float) -> bytes:
        """1 to `n` bytes; PrinterTimeout when none arrive within `timeout` seconds."""

    @abstractmethod
    def close(self) -> None:
        """Disconnect; safe to call twice."""

    def drain(self) -> bytes:
        """Read and return whatever the device already sent (late or unasked replies)."""
        stale = b""
        for _ in range(DRAIN_LIMIT):
            try:
                stale += self.read(4096, 0.0)
            except PrinterTimeout:
                break
        return stale

    def _closed(self) -> PrinterUnreachable:
        return PrinterUnreachable("not connected", self.device)

    def __enter__(self) -> Transport:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.device} {'open' if self.is_open else 'closed'}>"
