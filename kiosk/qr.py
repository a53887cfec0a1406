"""QR codes for QML: `image://qr/<percent-encoded text>` renders a crisp black-on-white code."""

from __future__ import annotations

from urllib.parse import unquote

import qrcode
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def qr_image(text: str, size: int) -> QImage:
    """A square image of at most `size` pixels, whole pixels per module."""
    matrix = qr_matrix(text)
    modules = len(matrix) + 2 * QUIET_ZONE
    scale = max(1, size // modules)
    side = modules * scale
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(
                    (x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale, black
                )
    painter.end()
    return image


class QrProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requested: QSize) -> QImage:
        want = max(requested.width(), requested.height(), 0) or 400
        image = qr_image(unquote(id), want)
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image
