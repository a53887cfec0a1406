"""Work around PySide6 6.12.0 dropping a reference to `True` on every Python-side emit.

`SignalInstance.emit()` returns `True` without taking a reference for it, so each
`signal.emit(...)` from Python lowers `True`'s reference count by one. A desk process
starts with about 4,000; the one-second timer alone would abort the interpreter
("bool_dealloc: deallocating True or False") within about an hour. `emit()` here gives
the reference back, only when the running PySide6 is found to need it (a probe at
import), so a fixed PySide6 costs nothing. Over-counting `True` is harmless (it is never
freed); under-counting is fatal.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _probe(rounds: int = 16) -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(rounds):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):  # give back what the probe itself took
        _incref(True)
    return lost >= rounds


EMIT_DROPS_TRUE = _probe()


def give_back(n: int = 1) -> None:
    """Return `n` references to True lost by emits this module did not make (a library's)."""
    if EMIT_DROPS_TRUE:
        for _ in range(n):
            _incref(True)


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, safe on PySide6 6.12.0."""
    result = signal.emit(*args)
    if EMIT_DROPS_TRUE and result is True:
        _incref(True)
