"""A long shift must not wear out `True` (PySide6 6.12.0 drops a reference per emit)."""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import QObject, Signal

from desk import qtfix
from desk.viewmodels import DeskApp
from queue_server.client import BranchState
from queue_server.shared import wire


class Pinger(QObject):
    ping = Signal(str)


def test_emit_through_qtfix_keeps_trues_reference_count() -> None:
    p = Pinger()
    before = sys.getrefcount(True)
    for _ in range(300):
        qtfix.emit(p.ping, "x")
    # other threads (servers of earlier tests winding down) move it by a few either way;
    # a plain emit on 6.12.0 would have lost 300
    assert sys.getrefcount(True) >= before - 30


def test_an_hour_of_ticks_and_events_keeps_trues_reference_count() -> None:
    """3,600 timer ticks plus 500 pushed events: a plain `emit` on 6.12.0 would lose
    ~4,100 references to True, about all a desk process has."""
    now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
    app = DeskApp("http://127.0.0.1:9", clock=lambda: now)
    state = BranchState(branch="dokk1")
    event = wire.Event(type="ticket.issued", seq=1, branch="dokk1", at=now)
    before = sys.getrefcount(True)
    for _ in range(3600):
        app.desk._on_tick()
    for _ in range(500):
        app.apply_state(state, event)
    assert sys.getrefcount(True) >= before - 50  # unpatched: about -4,100
    app.worker.close()
