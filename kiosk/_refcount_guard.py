"""A guard against a reference-count bug in PySide6 6.12.0 on Python 3.11.

In that build every call of a Qt method that returns nothing (or a bool) gives back one
reference to None (or True/False) that it never took: `app.processEvents()` called 200
times lowers None's count by 200. None starts near 5,000, so a kiosk that runs all day
would end with "Fatal Python error: none_dealloc". These three objects are never freed
anyway; giving them a very large count (what Python 3.12 calls immortal) makes the lost
references harmless. Remove this when PySide6 is fixed (the test in
tests/kiosk/test_kiosk_runtime.py measures the leak and says when it is gone).
"""

from __future__ import annotations

import ctypes
import sys

BOOST = 1 << 40
_applied = False


def apply() -> None:
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += BOOST  # ob_refcnt is the first field
    _applied = True
