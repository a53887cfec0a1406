"""Colours and sizes of the kiosk: a calm theme and a high-contrast one, sized in millimetres.

Every colour pair the QML draws text with is listed in `TEXT_PAIRS` (a test checks each
against WCAG 2.1's 4.5:1); borders and focus lines in `UI_PAIRS` (3:1). Sizes are given in
millimetres on the real screen and turned into pixels with `geometry.Screen`, so a capital
letter is at least 7 mm tall in large-text mode whatever the screen's resolution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .geometry import Screen

Palette = dict[str, str]

CALM: Palette = {
    "bg": "#F4F2ED",  # warm paper
    "surface": "#FFFFFF",  # tiles, cards
    "text": "#1A1A1A",
    "muted": "#474747",
    "primary": "#00457A",  # main action
    "onPrimary": "#FFFFFF",
    "secondary": "#DDE8F2",
    "onSecondary": "#0B2E4A",
    "open": "#1C6631",  # status text on surface, always with a ✓ and a word
    "closed": "#A3262C",  # status text on surface, always with a ✕ and a word
    "disabled": "#E7E4DD",
    "onDisabled": "#4F4F4F",
    "warnBg": "#FFF0BF",
    "onWarn": "#4D3500",
    "errorBg": "#FBE2E3",
    "onError": "#6E1218",
    "header": "#00457A",
    "onHeader": "#FFFFFF",
    "overlay": "#CC1A1A1A",  # dims the screen under a dialog (not text)
    "border": "#6B6B6B",
    "toggleOn": "#00457A",
    "onToggleOn": "#FFFFFF",
}

HIGH_CONTRAST: Palette = {
    "bg": "#000000",
    "surface": "#000000",
    "text": "#FFFFFF",
    "muted": "#FFFFFF",
    "primary": "#FFE600",
    "onPrimary": "#000000",
    "secondary": "#000000",
    "onSecondary": "#FFFFFF",
    "open": "#7DFF9A",
    "closed": "#FF9E9E",
    "disabled": "#000000",
    "onDisabled": "#C8C8C8",
    "warnBg": "#FFE600",
    "onWarn": "#000000",
    "errorBg": "#FFFFFF",
    "onError": "#000000",
    "header": "#000000",
    "onHeader": "#FFE600",
    "overlay": "#E6000000",
    "border": "#FFFFFF",
    "toggleOn": "#FFE600",
    "onToggleOn": "#000000",
}

PALETTES = {"calm": CALM, "high_contrast": HIGH_CONTRAST}

# (text colour, background colour): every combination the QML uses for text
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "bg"),
    ("muted", "bg"),
    ("text", "surface"),
    ("muted", "surface"),
    ("onPrimary", "primary"),
    ("onSecondary", "secondary"),
    ("open", "surface"),
    ("closed", "surface"),
    ("onDisabled", "disabled"),
    ("onWarn", "warnBg"),
    ("onError", "errorBg"),
    ("onHeader", "header"),
    ("onToggleOn", "toggleOn"),
    ("text", "surface"),
)
# (line colour, background): outlines that tell a button from its background
UI_PAIRS: tuple[tuple[str, str], ...] = (("border", "bg"), ("border", "surface"))

TEXT_MIN, UI_MIN = 4.5, 3.0


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of "#RRGGBB" (or "#AARRGGBB": alpha ignored)."""
    hex_ = colour.lstrip("#")
    if len(hex_) == 8:
        hex_ = hex_[2:]
    if len(hex_) != 6:
        raise ValueError(f"not a colour: {colour!r}")
    r, g, b = (int(hex_[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --- sizes -------------------------------------------------------------------------------

# capital-letter heights in millimetres, (normal, large text)
CAPS_MM: dict[str, tuple[float, float]] = {
    "small": (4.2, 7.0),
    "body": (5.0, 7.2),
    "heading": (7.0, 8.5),
    "title": (9.0, 10.5),
    "number": (28.0, 28.0),
}
TARGET_MIN_MM = 17.0  # a button's smaller side
TARGET_PITCH_MM = 20.0  # centres of two touch targets at least this far apart
GAP_MM = 6.0  # between two targets; with TARGET_MIN_MM the pitch is 23 mm
MARGIN_MM = 10.0
DEFAULT_CAP_RATIO = 0.729  # DejaVu Sans: cap height / pixel size


@dataclass(frozen=True)
class Sizes:
    px_per_mm: float
    fonts: dict[str, int]  # pixel sizes by role
    button_h: int
    gap: int
    margin: int
    radius: int
    border: int

    def as_map(self) -> dict[str, int | float]:
        out: dict[str, int | float] = {f"f_{k}": v for k, v in self.fonts.items()}
        out.update(
            px_per_mm=self.px_per_mm,
            button_h=self.button_h,
            gap=self.gap,
            margin=self.margin,
            radius=self.radius,
            border_w=self.border,
        )
        return out


def font_px_for_caps(caps_mm: float, px_per_mm: float, cap_ratio: float) -> int:
    """The smallest whole pixel size whose capital letters are at least `caps_mm` tall."""
    want = caps_mm * px_per_mm
    px = int(want / cap_ratio)
    while px * cap_ratio < want:
        px += 1
    return px


def sizes(screen: Screen, large_text: bool, cap_ratio: float = DEFAULT_CAP_RATIO) -> Sizes:
    ppm = screen.px_per_mm
    pick = 1 if large_text else 0
    fonts = {role: font_px_for_caps(mm[pick], ppm, cap_ratio) for role, mm in CAPS_MM.items()}
    return Sizes(
        px_per_mm=ppm,
        fonts=fonts,
        button_h=round(TARGET_MIN_MM * ppm + (4 * ppm if large_text else 0)),
        gap=round(GAP_MM * ppm),
        margin=round(MARGIN_MM * ppm),
        radius=round(2.5 * ppm),
        border=max(2, round(0.6 * ppm)),
    )


LINE = 1.2  # line height / pixel size, a little above the font's own (DejaVu: 1.164)


def line_px(font_px: int, lines: int = 1) -> int:
    return math.ceil(font_px * LINE * lines)


@dataclass(frozen=True)
class Layout:
    """Fixed bands of the screen (pixels) and how many menu tiles fit between them."""

    header_h: int  # title and subtitle; the top of a portrait screen holds no buttons
    banner_h: int  # server/printer message, when shown
    nav_h: int  # Back / Start over / Read aloud
    tile_h: int  # the least a tile needs: two lines of title, two of status
    tile_max_h: int  # tiles grow to this when a page has few of them
    tile_area: int  # height for tiles (no page buttons, banner counted)
    columns: int
    rows: int  # tile rows on a page without page buttons

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def as_map(self) -> dict[str, int]:
        return {
            "header_h": self.header_h,
            "banner_h": self.banner_h,
            "nav_h": self.nav_h,
            "tile_h": self.tile_h,
            "tile_max_h": self.tile_max_h,
            "tile_area": self.tile_area,
            "columns": self.columns,
            "rows": self.rows,
        }


def layout(screen: Screen, s: Sizes, *, banner: bool = False) -> Layout:
    f = s.fonts
    pad = s.gap // 2
    header_h = round(screen.height_px * (0.21 if screen.portrait else 0.24))
    banner_h = line_px(f["body"], 3) + 2 * pad
    nav_h = s.button_h + 2 * s.gap
    # a title of up to three lines over two of status (a long Polish or Somali name fits)
    tile_h = 2 * pad + line_px(f["heading"], 3) + line_px(f["small"], 2) + pad
    area = screen.height_px - header_h - nav_h - 2 * s.gap - (banner_h + s.gap if banner else 0)
    rows = max(1, int((area + s.gap) // (tile_h + s.gap)))
    return Layout(
        header_h=header_h,
        banner_h=banner_h,
        nav_h=nav_h,
        tile_h=tile_h,
        tile_max_h=max(tile_h, round(s.px_per_mm * 75)),
        tile_area=int(area),
        columns=2 if screen.portrait else 3,
        rows=rows,
    )


def text_lines(text: str, width_px: float, font_px: int, char_em: float = 0.62) -> int:
    """About how many lines `text` takes wrapped at `width_px` (on the generous side)."""
    per_line = max(8, int(width_px / (font_px * char_em)))
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        col = 0
        for word in paragraph.split():
            n = len(word)
            if col == 0:
                col = n
            elif col + 1 + n <= per_line:
                col += 1 + n
            else:
                lines += 1
                col = n
            while col > per_line:
                lines += 1
                col -= per_line
    return max(1, lines)


def pack(heights: list[int], first_budget: int, budget: int) -> list[tuple[int, int]]:
    """Split items of `heights` into pages: (start, end) ranges, at least one item each."""
    pages: list[tuple[int, int]] = []
    start, used, room = 0, 0, first_budget
    for i, h in enumerate(heights):
        if i > start and used + h > room:
            pages.append((start, i))
            start, used, room = i, 0, budget
        used += h
    pages.append((start, len(heights)))
    return pages


def theme_map(
    screen: Screen, s: Sizes, lay: Layout, *, large: bool, contrast: bool, font: str
) -> dict[str, Any]:
    """Everything the QML reads as `th.…`: colours, sizes, bands and the screen's shape."""
    out: dict[str, Any] = dict(HIGH_CONTRAST if contrast else CALM)
    out.update(s.as_map())
    out.update(lay.as_map())
    out.update(
        portrait=screen.portrait,
        width=screen.width_px,
        height=screen.height_px,
        font=font,
        large=large,
        contrast=contrast,
    )
    return out
