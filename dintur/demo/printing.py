"""The headless demo's printers: one virtual printer per kiosk, PNGs of every ticket."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Any

from queue_server.domain.site import Site
from queue_server.shared import wire
from queue_server.shared.i18n import pick_name


class Printers:
    """One virtual printer per branch on loopback, each writing a PNG per ticket."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._printers: dict[str, Any] = {}
        self._devices: dict[str, Any] = {}
        self._lock = threading.Lock()
        self.available = True
        try:
            import printers  # noqa: F401
        except ImportError:  # pragma: no cover - printers/ is part of the repo
            self.available = False

    def print_ticket(self, site: Site, ticket: wire.Ticket) -> bool:
        if not self.available:
            return False
        from kiosk.printing import ticket_print_from_wire
        from printers.device import TicketPrinter
        from printers.layout import render_ticket
        from printers.sim import VirtualPrinter

        branch = site.branches[ticket.branch]
        service = site.services[ticket.service]
        with self._lock:
            if ticket.branch not in self._devices:
                sim = VirtualPrinter(self.folder / ticket.branch)
                host, port = sim.start_tcp()
                self._printers[ticket.branch] = sim
                self._devices[ticket.branch] = TicketPrinter.from_uri(f"tcp://{host}:{port}")
            device = self._devices[ticket.branch]
        job = render_ticket(
            ticket_print_from_wire(
                ticket,
                pick_name(branch.names, ticket.language),
                service.names,
                pick_name(service.note, ticket.language) if service.note else None,
                timezone=branch.timezone,
            )
        )
        return bool(device.print(job).printed)

    def png_count(self) -> int:
        return sum(1 for _ in self.folder.rglob("*.png")) if self.folder.exists() else 0

    def close(self) -> None:
        for device in self._devices.values():
            device.close()
        for sim in self._printers.values():
            sim.stop()


def default_out_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="dintur-demo-"))
