"""python-escpos, imported without its side effect on logging.

`escpos.capabilities` calls `logging.basicConfig()` when imported, which would give the
kiosk's root logger a stderr handler it never asked for; we take that handler away again.
"""

from __future__ import annotations

import logging

_root = logging.getLogger()
_before = list(_root.handlers)

from escpos.capabilities import Profile as EscposProfile  # noqa: E402
from escpos.capabilities import get_profile_class  # noqa: E402
from escpos.constants import QR_ECLEVEL_H, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q  # noqa: E402
from escpos.printer import Dummy  # noqa: E402

for _handler in list(_root.handlers):
    if _handler not in _before:
        _root.removeHandler(_handler)

__all__ = [
    "QR_ECLEVEL_H",
    "QR_ECLEVEL_L",
    "QR_ECLEVEL_M",
    "QR_ECLEVEL_Q",
    "Dummy",
    "EscposProfile",
    "get_profile_class",
]
