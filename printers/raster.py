"""Text the code page can't encode, drawn as a 1-bit image (shaped, right-to-left aware).

Pillow with libraqm shapes Arabic and orders bidirectional text; without it Arabic would
print as unjoined letters in the wrong order, so `check_shaping()` says so.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont, features

log = logging.getLogger(__name__)

Align = Literal["left", "center", "right"]

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
SANS = "DejaVuSans.ttf"
SANS_BOLD = "DejaVuSans-Bold.ttf"
MONO = "DejaVuSansMono.ttf"
MONO_BOLD = "DejaVuSansMono-Bold.ttf"
THRESHOLD = 110  # grey levels above this (on black-on-white) print as a dot


def find_font(name: str) -> Path:
    """A font file from the system's DejaVu folders; FileNotFoundError names the file."""
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"font {name} not found (apt-get install fonts-dejavu-core)")


@functools.lru_cache(maxsize=64)
def load_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if has_raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=layout)


@functools.lru_cache(maxsize=1)
def has_raqm() -> bool:
    return bool(features.check("raqm"))


def check_shaping() -> str | None:
    """None when complex scripts shape right, else why not."""
    if has_raqm():
        return None
    return "Pillow has no libraqm: Arabic is not shaped (apt-get install libraqm0)"


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _direction(text: str, rtl: bool | None = None) -> str | None:
    if not has_raqm():
        return None
    return "rtl" if (is_rtl(text) if rtl is None else rtl) else "ltr"


def text_width(text: str, font: ImageFont.FreeTypeFont, rtl: bool | None = None) -> float:
    return font.getlength(text, direction=_direction(text, rtl))


def wrap_pixels(
    text: str, font: ImageFont.FreeTypeFont, max_width: int, rtl: bool | None = None
) -> list[str]:
    """Word-wrap `text` so each line is at most `max_width` dots wide (in logical order).

    `rtl` is the paragraph's direction (None: from its first strong character).
    """
    rtl = is_rtl(text) if rtl is None else rtl
    words = text.split()
    if not words:
        return [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, font, rtl) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
        while text_width(current, font, rtl) > max_width and len(current) > 1:
            # one word wider than the paper: cut it where it stops fitting
            cut = len(current) - 1
            while cut > 1 and text_width(current[:cut], font, rtl) > max_width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    return lines


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text)


def font_for(
    height_dots: int, bold: bool, font_path: Path | None, text: str = ""
) -> ImageFont.FreeTypeFont:
    """The sans font sized so a line is about `height_dots` tall (24 per font A line).

    Arabic gets a quarter more: its letters sit small in the em and would look a size
    smaller than the Latin text around them.
    """
    path = font_path or find_font(SANS_BOLD if bold else SANS)
    scale = 0.84 * (1.25 if is_arabic(text) else 1.0)
    return load_font(path, max(8, round(height_dots * scale)))


def render_line(
    text: str,
    font: ImageFont.FreeTypeFont,
    *,
    paper_width: int,
    align: Align = "center",
    pad: bool = False,
    rtl: bool | None = None,
) -> Image.Image:
    """One line of text as a black-on-white mode "1" image, as narrow as the ink allows.

    With `pad`, the image is as wide as the paper and the alignment is drawn into it;
    without, it is cropped to the text and the printer aligns it (ESC a). Its width is a
    multiple of 8 dots. `rtl` is the paragraph's direction (None: from the text).
    """
    rtl = is_rtl(text) if rtl is None else rtl
    direction = _direction(text, rtl)
    ascent, descent = font.getmetrics()
    height = ascent + descent
    width = max(8, int(font.getlength(text, direction=direction)) + 4)
    canvas = Image.new("L", (min(width, 4 * paper_width), height), 255)
    ImageDraw.Draw(canvas).text((2, 0), text, font=font, fill=0, direction=direction)
    ink = Image.eval(canvas, lambda v: 255 if v > THRESHOLD else 0).convert("1")
    box = Image.eval(canvas, lambda v: 255 - v).getbbox()
    left, right = (box[0], box[2]) if box else (0, 1)
    ink = ink.crop((left, 0, right, height))
    if ink.width > paper_width:  # the caller wraps; this only guards the paper edge
        ink = (
            ink.crop((ink.width - paper_width, 0, ink.width, height))
            if rtl
            else ink.crop((0, 0, paper_width, height))
        )
    if pad:
        out = Image.new("1", (paper_width, height), 1)
        x = {"left": 0, "center": (paper_width - ink.width) // 2, "right": paper_width - ink.width}
        out.paste(ink, (x[align], 0))
        return out
    width8 = (ink.width + 7) // 8 * 8
    if align == "right":
        out = Image.new("1", (width8, height), 1)
        out.paste(ink, (width8 - ink.width, 0))
        return out
    if width8 != ink.width:
        out = Image.new("1", (width8, height), 1)
        out.paste(ink, ((width8 - ink.width) // 2 if align == "center" else 0, 0))
        return out
    return ink
