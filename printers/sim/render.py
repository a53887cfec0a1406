"""A `Sheet` drawn as the paper looks: a 1-bit image, `width` dots wide.

Text is drawn with DejaVu Sans Mono in its font cell, magnified like a thermal printer's
bitmap font (or from the outline after GS b 1) and placed per ESC a.
"""

from __future__ import annotations

import functools

from PIL import Image, ImageDraw, ImageFont

from printers.raster import MONO, MONO_BOLD, find_font
from printers.sim.sheet import FONT_A, FONT_B, Align, Gap, ImageRow, Sheet, Span


def placeholder(text: str, width: int, height: int) -> Image.Image:
    """A framed box with `text`: stands in for a logo stored in the printer."""
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width - 1, height - 1), outline=0, width=2)
    draw.text((10, height // 2 - 12), text, font=_mono(False, 20), fill=0)
    return image


@functools.lru_cache(maxsize=32)
def _mono(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(find_font(MONO_BOLD if bold else MONO)), size)


@functools.lru_cache(maxsize=2048)
def _glyph(ch: str, bold: bool, font_b: bool) -> Image.Image:
    """One character in its cell, thresholded to dots (mode "L", 0 = black)."""
    w, h = FONT_B if font_b else FONT_A
    font = _mono(bold, 15 if font_b else 20)
    cell = Image.new("L", (w, h), 255)
    ImageDraw.Draw(cell).text((0, 0), ch, font=font, fill=0, anchor="la")
    return cell.point(lambda v: 0 if v < 128 else 255)


@functools.lru_cache(maxsize=512)
def _smooth_glyph(ch: str, bold: bool, font_b: bool, width: int, height: int) -> Image.Image:
    """A magnified character drawn from the outline, as printers do after GS b 1."""
    w, h = FONT_B if font_b else FONT_A
    font = _mono(bold, (15 if font_b else 20) * height)
    cell = Image.new("L", (w * height, h * height), 255)
    ImageDraw.Draw(cell).text((0, 0), ch, font=font, fill=0, anchor="la")
    if width != height:
        cell = cell.resize((w * width, h * height), Image.Resampling.BICUBIC)
    return cell.point(lambda v: 0 if v < 128 else 255)


def _span_image(span: Span) -> Image.Image:
    w, h = FONT_B if span.font_b else FONT_A
    if span.smooth and (span.width > 1 or span.height > 1):
        cw, ch_ = span.cell
        strip = Image.new("L", (cw * len(span.text), ch_), 255)
        for i, ch in enumerate(span.text):
            glyph = _smooth_glyph(ch, span.bold, span.font_b, span.width, span.height)
            strip.paste(glyph, (i * cw, 0))
        return _underline(strip, span.underline)
    strip = Image.new("L", (w * len(span.text), h), 255)
    for i, ch in enumerate(span.text):
        strip.paste(_glyph(ch, span.bold, span.font_b), (i * w, 0))
    if span.width != 1 or span.height != 1:
        strip = strip.resize((strip.width * span.width, h * span.height), Image.Resampling.NEAREST)
    return _underline(strip, span.underline)


def _underline(strip: Image.Image, dots: int) -> Image.Image:
    if dots:
        ImageDraw.Draw(strip).rectangle((0, strip.height - dots, strip.width, strip.height), fill=0)
    return strip


def _x(align: Align, width: int, paper: int) -> int:
    if align == "center":
        return max(0, (paper - width) // 2)
    if align == "right":
        return max(0, paper - width)
    return 0


def render(sheet: Sheet, width: int) -> Image.Image:
    """The sheet as a mode "1" image `width` dots wide."""
    placed: list[tuple[Image.Image, int, int]] = []
    y = 0
    for row in sheet.rows:
        if isinstance(row, Gap):
            y += row.dots
        elif isinstance(row, ImageRow):
            placed.append((row.image.convert("L"), _x(row.align, row.image.width, width), y))
            y += row.image.height
        else:
            images = [_span_image(s) for s in row.spans]
            line_h = max(i.height for i in images)
            x = _x(row.align, sum(i.width for i in images), width)
            for image in images:
                placed.append((image, x, y + line_h - image.height))
                x += image.width
            y += max(row.spacing, line_h + 6)
    canvas = Image.new("L", (width, max(1, y)), 255)
    for image, x, top in placed:
        canvas.paste(image, (x, top))
    return canvas.convert("1", dither=Image.Dither.NONE)
