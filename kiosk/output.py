"""Where a ticket goes on paper: a small interface over `printers`, and the real one.

`TicketOutput` is all the kiosk knows of printing: print a ticket or a guide, poll the
printer's health, close. `PrinterOutput` is the ESC/POS printer a URI names;
`NoPrinter` is a kiosk without one (paperless only).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from printers import (
    PAPER_58MM,
    PAPER_80MM,
    PaperProfile,
    PrinterError,
    PrintResult,
    Status,
    TicketPrint,
    TicketPrinter,
    render_guide,
    render_ticket,
)
from queue_server.shared.vocab import DeviceStatus

from .guides import KioskGuide
from .printing import guide_print

log = logging.getLogger("dintur.kiosk.output")

StatusListener = Callable[[DeviceStatus], None]  # the printer's new status


class TicketOutput(Protocol):
    @property
    def available(self) -> bool:
        """A printer is configured at all."""
        ...

    @property
    def status(self) -> DeviceStatus:
        """The last known status."""
        ...

    def print_ticket(self, ticket: TicketPrint) -> PrintResult: ...

    def print_guide(self, guide: KioskGuide, language: str) -> PrintResult: ...

    def poll(self) -> DeviceStatus: ...

    def close(self) -> None: ...


def can_print(status: DeviceStatus) -> bool:
    """Worth trying: a fault we know of is the only reason not to."""
    return status in (DeviceStatus.OK, DeviceStatus.PAPER_LOW, DeviceStatus.UNKNOWN)


class PrinterOutput:
    """An ESC/POS printer behind a URI (tcp://, serial://, usb://, file://)."""

    def __init__(
        self,
        uri: str,
        *,
        paper_mm: int = 80,
        on_status: StatusListener | None = None,
        status_timeout: float = 1.0,
        confirm_timeout: float = 2.0,
    ) -> None:
        self.uri = uri
        self.profile: PaperProfile = PAPER_58MM if paper_mm == 58 else PAPER_80MM
        self.on_status = on_status
        self.printer = TicketPrinter.from_uri(
            uri,
            status_timeout=status_timeout,
            confirm_timeout=confirm_timeout,
            on_status_change=self._changed,
        )

    def _changed(self, old: Status, new: Status) -> None:
        if self.on_status is not None:
            self.on_status(DeviceStatus(new))

    @property
    def available(self) -> bool:
        return True

    @property
    def status(self) -> DeviceStatus:
        return DeviceStatus(self.printer.status)

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        return self._print(lambda: render_ticket(ticket, self.profile))

    def print_guide(self, guide: KioskGuide, language: str) -> PrintResult:
        printed = guide_print(guide, language)  # its texts picked in the shared order
        return self._print(lambda: render_guide(printed, language, self.profile))

    def _print(self, render: Callable[[], bytes]) -> PrintResult:
        try:
            job = render()
        except (ValueError, OSError) as exc:  # a layout that can't be made: not printed
            log.warning("could not lay out the print job: %s", exc)
            return PrintResult(False, self.printer.status, PrinterError(str(exc)))
        return self.printer.print(job)

    def poll(self) -> DeviceStatus:
        return DeviceStatus(self.printer.poll())

    def close(self) -> None:
        self.printer.close()


class NoPrinter:
    """No printer configured: every ticket is paperless."""

    @property
    def available(self) -> bool:
        return False

    @property
    def status(self) -> DeviceStatus:
        return DeviceStatus.UNKNOWN

    def print_ticket(self, ticket: TicketPrint) -> PrintResult:
        return PrintResult(False, Status.UNKNOWN, PrinterError("no printer configured"))

    def print_guide(self, guide: KioskGuide, language: str) -> PrintResult:
        return PrintResult(False, Status.UNKNOWN, PrinterError("no printer configured"))

    def poll(self) -> DeviceStatus:
        return DeviceStatus.UNKNOWN

    def close(self) -> None:
        pass
