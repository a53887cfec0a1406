"""A virtual ESC/POS printer for tests and the demo (TCP and serial pty, PNG per cut)."""

from printers.sim.printer import Receipt, VirtualPrinter
from printers.sim.states import SimState

__all__ = ["Receipt", "SimState", "VirtualPrinter"]
