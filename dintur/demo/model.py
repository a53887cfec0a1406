"""What the headless demo keeps track of: its fast clock, the tickets it issued, the run."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter as Tally
from dataclasses import dataclass, field

from queue_server.shared import wire


@dataclass
class SimClock:
    """Simulated time: `start` plus real elapsed time times `speed`."""

    start: dt.datetime
    speed: float
    t0: float = field(default_factory=time.monotonic)

    def __call__(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=(time.monotonic() - self.t0) * self.speed)

    def wait(self, sim_seconds: float, stop: threading.Event) -> bool:
        """Sleep `sim_seconds` of simulated time; True if told to stop meanwhile."""
        return stop.wait(max(0.0, sim_seconds) / self.speed)


@dataclass
class Issued:
    ticket: wire.Ticket
    printed: bool | None  # None: paperless


@dataclass
class Run:
    issued: list[Issued] = field(default_factory=list)
    print_failures: int = 0
    errors: Tally[str] = field(default_factory=Tally)
    lock: threading.Lock = field(default_factory=threading.Lock)
