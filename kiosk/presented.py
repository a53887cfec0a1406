"""The view-model's read side: every property the kiosk's QML binds to, each with its own
change signal, emitted only when the property's value changed.

`present(values)` takes all new values (kiosk/shown.py works them out) and then signals
the ones that differ, so a binding that reacts to one signal already reads every other
value new, and a screen that did not change is not redrawn.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtGui import QFont, QFontMetricsF

from . import theme as look
from .options import FONT_FAMILY

QVARIANT_MAP: Any = "QVariantMap"  # QML sees a JS object
QVARIANT_LIST: Any = "QVariantList"  # QML sees a JS array


def cap_ratio(family: str = FONT_FAMILY) -> float:
    """Capital height / pixel size of the UI font (for sizes in millimetres)."""
    font = QFont(family)
    font.setPixelSize(100)
    ratio = QFontMetricsF(font).capHeight() / 100
    return ratio if 0.4 < ratio < 1.0 else look.DEFAULT_CAP_RATIO


def _shown(kind: Any, name: str, notify: Signal | None = None) -> Any:
    """A property that reads what `present` took in; constant without `notify`."""

    def get(self: Presented) -> Any:
        return self._shown[name]

    if notify is None:
        return Property(kind, get, constant=True)
    return Property(kind, get, notify=notify)


class Presented(QObject):
    screenChanged, languageChanged, rtlChanged, tChanged = Signal(), Signal(), Signal(), Signal()
    largeTextChanged, highContrastChanged = Signal(), Signal()
    speechOnChanged, themeChanged, busyChanged = Signal(), Signal(), Signal()
    serverOkChanged, printerStatusChanged, bannerChanged = Signal(), Signal(), Signal()
    branchNameChanged, branchInfoChanged, nowChanged = Signal(), Signal(), Signal()
    headingChanged, subheadingChanged, tilesChanged = Signal(), Signal(), Signal()
    pagingChanged, detailChanged, noticeChanged = Signal(), Signal(), Signal()
    canGoBackChanged, canGoHomeChanged = Signal(), Signal()
    idleWarningChanged, idleTextChanged = Signal(), Signal()

    screen = _shown(str, "screen", screenChanged)
    language = _shown(str, "language", languageChanged)
    rtl = _shown(bool, "rtl", rtlChanged)
    t = _shown(QVARIANT_MAP, "t", tChanged)  # the catalogue in the citizen's language
    largeText = _shown(bool, "largeText", largeTextChanged)
    highContrast = _shown(bool, "highContrast", highContrastChanged)
    speechOn = _shown(bool, "speechOn", speechOnChanged)
    theme = _shown(QVARIANT_MAP, "theme", themeChanged)
    busy = _shown(bool, "busy", busyChanged)
    serverOk = _shown(bool, "serverOk", serverOkChanged)
    printerStatus = _shown(str, "printerStatus", printerStatusChanged)
    banner = _shown(QVARIANT_MAP, "banner", bannerChanged)
    branchName = _shown(str, "branchName", branchNameChanged)
    branchInfo = _shown(str, "branchInfo", branchInfoChanged)
    now = _shown(str, "now", nowChanged)
    heading = _shown(str, "heading", headingChanged)
    subheading = _shown(str, "subheading", subheadingChanged)
    tiles = _shown(QVARIANT_LIST, "tiles", tilesChanged)
    paging = _shown(QVARIANT_MAP, "paging", pagingChanged)
    detail = _shown(QVARIANT_MAP, "detail", detailChanged)
    notice = _shown(str, "notice", noticeChanged)
    canGoBack = _shown(bool, "canGoBack", canGoBackChanged)
    canGoHome = _shown(bool, "canGoHome", canGoHomeChanged)
    idleWarning = _shown(bool, "idleWarning", idleWarningChanged)
    idleText = _shown(str, "idleText", idleTextChanged)
    # the same for every citizen
    languages = _shown(QVARIANT_LIST, "languages")
    speechAvailable = _shown(bool, "speechAvailable")
    welcomeAll = _shown(str, "welcomeAll")

    def __init__(self, constants: dict[str, Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: dict[str, Any] = dict(constants)

    def present(self, values: dict[str, Any]) -> list[str]:
        """Show these values; the names of those that changed (each one signalled)."""
        changed = [k for k, x in values.items() if k not in self._shown or self._shown[k] != x]
        self._shown.update(values)
        for name in changed:
            getattr(self, f"{name}Changed").emit()
        return changed
