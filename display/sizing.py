"""Letter sizes for reading at a distance, from the screen's size: pure arithmetic.

A letter is read comfortably when its cap height is about 1/250 of the distance (the
DIN 1450 range for signage): 32 mm at 8 m; no text goes below 1/300 (27 mm), the
threshold a long name may shrink to before it is cut. Calls are larger (1/160), the
newest call larger still (1/100). Pixels per millimetre come from the screen's diagonal in inches
(a TV's EDID is often wrong, so it is configured: 55" by default), and a font's pixel size
from its cap height (0.73 em for DejaVu Sans). `queue_server/web/static/common.js` uses
the same rule for the web board.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CAP_RATIO = 0.73
BODY_DIVISOR = 250
MIN_DIVISOR = 300
CALL_DIVISOR = 160
HERO_DIVISOR = 100
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Sizes:
    px_per_mm: float
    body: int  # ordinary text (px)
    minimum: int  # no text on the board is smaller (a long name shrinks down to this)
    call: int  # the list of recent calls
    hero: int  # the newest call

    def cap_mm(self, pixel_size: int) -> float:
        """The cap height in millimetres of a font of `pixel_size` on this screen."""
        return pixel_size * CAP_RATIO / self.px_per_mm


def sizes(
    width_px: int, height_px: int, diagonal_in: float = 55.0, distance_m: float = 8.0
) -> Sizes:
    px_per_mm = math.hypot(width_px, height_px) / (diagonal_in * MM_PER_INCH)
    distance_mm = distance_m * 1000

    def font_px(divisor: int) -> int:
        return math.ceil(distance_mm / divisor * px_per_mm / CAP_RATIO)

    return Sizes(
        px_per_mm=px_per_mm,
        body=font_px(BODY_DIVISOR),
        minimum=font_px(MIN_DIVISOR),
        call=font_px(CALL_DIVISOR),
        hero=font_px(HERO_DIVISOR),
    )
