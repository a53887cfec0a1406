"""How a kiosk behaves: idle times, the tap guard, the printer poll and the UI font."""

from __future__ import annotations

from dataclasses import dataclass

FONT_FAMILY = "DejaVu Sans"


@dataclass(frozen=True)
class Options:
    idle_after_s: int = 60
    idle_warn_s: int = 20
    tap_guard_s: float = 0.4  # a commit (ticket, print) right after a screen change is a bounce
    printer_poll_s: int = 15
    font_family: str = FONT_FAMILY
