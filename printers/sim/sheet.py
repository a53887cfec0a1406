"""What the virtual printer put on paper between two cuts: rows of text, images, gaps.

Text sits in a 12x24-dot cell (font A) or 9x17 (font B), magnified by GS !/ESC !.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from PIL import Image

Align = Literal["left", "center", "right"]
FONT_A = (12, 24)
FONT_B = (9, 17)


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool
    underline: int
    width: int
    height: int
    font_b: bool
    smooth: bool = False

    @property
    def cell(self) -> tuple[int, int]:
        w, h = FONT_B if self.font_b else FONT_A
        return w * self.width, h * self.height


@dataclass
class TextRow:
    spans: list[Span]
    align: Align
    spacing: int

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class ImageRow:
    image: Image.Image  # mode "1", black = 0
    align: Align
    label: str  # for the .txt: "[QR …]", "[raster 208x40]"


@dataclass
class Gap:
    dots: int


Row = TextRow | ImageRow | Gap


@dataclass
class Sheet:
    """What came out between two cuts."""

    rows: list[Row] = field(default_factory=list)
    qr_codes: list[str] = field(default_factory=list)
    images: list[tuple[int, int]] = field(default_factory=list)

    @property
    def text_lines(self) -> list[str]:
        return [r.text for r in self.rows if isinstance(r, TextRow) and r.text.strip()]

    @property
    def listing(self) -> list[str]:
        """Every row as a line: text as printed, images as [labels]."""
        out: list[str] = []
        for row in self.rows:
            if isinstance(row, TextRow):
                out.append(row.text)
            elif isinstance(row, ImageRow):
                out.append(row.label)
        return out

    @property
    def empty(self) -> bool:
        return not any(isinstance(r, TextRow | ImageRow) for r in self.rows)
