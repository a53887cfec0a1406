"""Printer errors: one root, each naming the device it is about.

PrinterError                 anything a printer or its configuration did wrong
 ├── InvalidPrinterUri       a URI we can't use (also a ValueError)
 ├── PrinterUnreachable      no such device, refused, closed, libusb missing
 ├── PrinterTimeout          the device stopped taking data or never answered
 └── PrinterFault            it answered: paper out, cover open, offline…
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from printers.status import Status


class PrinterError(Exception):
    """A printer problem; `device` names the printer (a URI or a path)."""

    def __init__(self, message: str, device: str = "") -> None:
        super().__init__(f"{message} ({device})" if device else message)
        self.device = device


class InvalidPrinterUri(PrinterError, ValueError):
    """The printer URI can't be parsed or names an unknown transport or option."""


class PrinterUnreachable(PrinterError):
    """The device isn't there: missing path, refused connection, closed link."""


class PrinterTimeout(PrinterError):
    """The device didn't take our data or didn't answer within the timeout."""


class PrinterFault(PrinterError):
    """The printer answered with a state it can't print in."""

    def __init__(self, status: Status, device: str = "") -> None:
        super().__init__(f"printer reports {status.value}", device)
        self.status = status
