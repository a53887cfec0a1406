"""Physical sizes on the configured screen: pixels per millimetre from its diagonal."""

from __future__ import annotations

import math
from dataclasses import dataclass

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Screen:
    width_px: int
    height_px: int
    diagonal_in: float = 21.5

    def __post_init__(self) -> None:
        if self.width_px <= 0 or self.height_px <= 0 or self.diagonal_in <= 0:
            raise ValueError("a screen needs a positive size and diagonal")

    @property
    def px_per_mm(self) -> float:
        """Pixels per millimetre (square pixels assumed)."""
        return math.hypot(self.width_px, self.height_px) / (self.diagonal_in * MM_PER_INCH)

    @property
    def portrait(self) -> bool:
        return self.height_px > self.width_px

    def px(self, mm: float) -> float:
        return mm * self.px_per_mm

    def mm(self, px: float) -> float:
        return px / self.px_per_mm

    @property
    def width_mm(self) -> float:
        return self.mm(self.width_px)

    @property
    def height_mm(self) -> float:
        return self.mm(self.height_px)


PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


def kiosk_screen(landscape: bool = False, diagonal_in: float = 21.5) -> Screen:
    w, h = LANDSCAPE if landscape else PORTRAIT
    return Screen(w, h, diagonal_in)
