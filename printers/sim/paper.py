"""The virtual printer's print engine: commands in, rows on paper, a PNG per cut.

Text is drawn with DejaVu Sans Mono in a 12x24-dot cell (font A) or 9x17 (font B),
magnified by GS !/ESC ! and placed per ESC a, like a thermal printer's bitmap font.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from typing import Literal

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.image.pil import PilImage

from printers.raster import MONO, MONO_BOLD, find_font
from printers.sim.decoder import Command

log = logging.getLogger(__name__)

Align = Literal["left", "center", "right"]
CODEPAGES = {
    0: "cp437",
    2: "cp850",
    3: "cp860",
    4: "cp863",
    5: "cp865",
    16: "cp1252",
    17: "cp866",
    18: "cp852",
    19: "cp858",
    46: "cp1251",
}
FONT_A = (12, 24)
FONT_B = (9, 17)
LINE_SPACING = 30  # dots: 1/6 inch at 180 dpi, the usual default
QR_EC = {48: qrcode.constants.ERROR_CORRECT_L, 49: qrcode.constants.ERROR_CORRECT_M}
QR_EC |= {50: qrcode.constants.ERROR_CORRECT_Q, 51: qrcode.constants.ERROR_CORRECT_H}
ALIGNS: dict[int, Align] = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center"}
ALIGNS |= {50: "right"}


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


class Paper:
    """The printer's mode state and the sheet being printed."""

    def __init__(self, width_dots: int = 576) -> None:
        self.width = width_dots
        self.sheet = Sheet()
        self.unknown = 0  # commands skipped as garbled
        self._reset()

    def _reset(self) -> None:
        self.codec = "cp437"
        self.align: Align = "left"
        self.bold = False
        self.underline = 0
        self.size = (1, 1)
        self.font_b = False
        self.smooth = False
        self.spacing = LINE_SPACING
        self.line: list[Span] = []
        self.line_align: Align = "left"
        self.qr_data = b""
        self.qr_module = 3
        self.qr_ec = 48
        self.graphic: Image.Image | None = None

    # --- state ------------------------------------------------------------------------

    def apply(self, cmd: Command) -> None:
        handler = getattr(self, f"_cmd_{cmd.name}", None)
        if handler is None:
            if cmd.name == "unknown":
                self.unknown += 1
                log.debug("skipped garbled bytes %s", cmd.raw[:16].hex(" "))
            return
        try:
            handler(cmd)
        except Exception:  # a malformed payload must never stop the printer
            self.unknown += 1
            log.warning("could not apply %s (%s)", cmd.name, cmd.raw[:16].hex(" "), exc_info=True)

    def _cmd_init(self, cmd: Command) -> None:
        self._reset()

    def _cmd_codepage(self, cmd: Command) -> None:
        codec = CODEPAGES.get(cmd.arg)
        if codec is None:
            log.info("code page table %d unknown to the simulator: using cp437", cmd.arg)
        self.codec = codec or "cp437"

    def _cmd_mode(self, cmd: Command) -> None:
        n = cmd.arg
        self.font_b = bool(n & 0x01)
        self.bold = bool(n & 0x08)
        self.size = (2 if n & 0x20 else 1, 2 if n & 0x10 else 1)
        self.underline = 1 if n & 0x80 else 0

    def _cmd_size(self, cmd: Command) -> None:
        self.size = ((cmd.arg >> 4 & 7) + 1, (cmd.arg & 7) + 1)

    def _cmd_align(self, cmd: Command) -> None:
        self.align = ALIGNS.get(cmd.arg, self.align)

    def _cmd_bold(self, cmd: Command) -> None:
        self.bold = bool(cmd.arg & 1)

    def _cmd_underline(self, cmd: Command) -> None:
        self.underline = {0: 0, 1: 1, 2: 2, 48: 0, 49: 1, 50: 2}.get(cmd.arg, self.underline)

    def _cmd_smooth(self, cmd: Command) -> None:
        self.smooth = bool(cmd.arg & 1)

    def _cmd_font(self, cmd: Command) -> None:
        self.font_b = cmd.arg in (1, 49)

    def _cmd_spacing(self, cmd: Command) -> None:
        self.spacing = cmd.arg

    def _cmd_spacing_default(self, cmd: Command) -> None:
        self.spacing = LINE_SPACING

    # --- text -------------------------------------------------------------------------

    def _cmd_text(self, cmd: Command) -> None:
        for ch in cmd.data.decode(self.codec, errors="replace"):
            self._char(ch)

    def _char(self, ch: str) -> None:
        span = Span(ch, *self._style())
        if not self.line:
            self.line_align = self.align
        used = sum(s.cell[0] * len(s.text) for s in self.line)
        if used + span.cell[0] > self.width:
            self._print_line()  # the printer wraps a full line by itself
            self.line_align = self.align
        last = self.line[-1] if self.line else None
        if last is not None and _style(last) == self._style():
            self.line[-1] = Span(last.text + ch, *_style(last))
        else:
            self.line.append(span)

    def _style(self) -> tuple[bool, int, int, int, bool, bool]:
        return self.bold, self.underline, *self.size, self.font_b, self.smooth

    def _cmd_ht(self, cmd: Command) -> None:
        used = sum(len(s.text) for s in self.line)
        for _ in range(8 - used % 8):
            self._char(" ")

    def _cmd_lf(self, cmd: Command) -> None:
        self._print_line(blank_ok=True)

    def _cmd_ff(self, cmd: Command) -> None:
        self._print_line()

    def _print_line(self, blank_ok: bool = False) -> None:
        if self.line:
            self.sheet.rows.append(TextRow(self.line, self.line_align, self.spacing))
            self.line = []
        elif blank_ok:
            self.sheet.rows.append(Gap(self.spacing))

    def _cmd_feed_lines(self, cmd: Command) -> None:
        self._print_line()
        self.sheet.rows.append(Gap(cmd.arg * self.spacing))

    def _cmd_feed_dots(self, cmd: Command) -> None:
        self._print_line()
        self.sheet.rows.append(Gap(cmd.arg))

    # --- images -----------------------------------------------------------------------

    def _image(self, image: Image.Image, label: str) -> None:
        self._print_line()
        if image.width > self.width:
            image = image.crop((0, 0, self.width, image.height))
        self.sheet.rows.append(ImageRow(image, self.align, label))
        self.sheet.images.append(image.size)

    def _cmd_raster(self, cmd: Command) -> None:
        width, height = cmd.x * 8, cmd.y
        if not width or not height:
            return
        image = Image.frombytes("1", (width, height), cmd.data, "raw", "1;I")
        if cmd.arg & 1:
            image = image.resize((width * 2, height), Image.Resampling.NEAREST)
        if cmd.arg & 2:
            image = image.resize((image.width, height * 2), Image.Resampling.NEAREST)
        self._image(image, f"[raster {image.width}x{image.height}]")

    def _cmd_code2d(self, cmd: Command) -> None:
        payload = cmd.data
        if len(payload) < 2 or payload[0] != 49:  # cn 49: QR code
            return
        fn = payload[1]
        if fn == 67 and len(payload) >= 3:
            self.qr_module = max(1, min(16, payload[2]))
        elif fn == 69 and len(payload) >= 3:
            self.qr_ec = payload[2] if payload[2] in QR_EC else 48
        elif fn == 80 and len(payload) >= 3:
            self.qr_data = payload[3:]
        elif fn == 81 and self.qr_data:
            text = self.qr_data.decode("utf-8", errors="replace")
            code = qrcode.QRCode(error_correction=QR_EC[self.qr_ec], box_size=1, border=0)
            code.add_data(self.qr_data)
            code.make(fit=True)
            matrix = code.make_image(image_factory=PilImage).get_image().convert("1")
            size = matrix.width * self.qr_module
            image = matrix.resize((size, size), Image.Resampling.NEAREST)
            self.sheet.qr_codes.append(text)
            self._image(image, f"[QR {text}]")

    def _cmd_graphics(self, cmd: Command) -> None:
        payload = cmd.data
        if len(payload) < 2:
            return
        fn = payload[1]
        if fn == 69 and len(payload) >= 4:  # print NV graphics kc1 kc2
            key = payload[2:4].decode("ascii", errors="replace")
            self._image(_placeholder(f"NV logo {key}", 256, 64), f"[NV logo {key}]")
        elif fn == 112 and len(payload) >= 10:  # store raster graphics in the print buffer
            width, height = payload[6] | payload[7] << 8, payload[8] | payload[9] << 8
            data = payload[10:]
            row = (width + 7) // 8
            if width and height and len(data) >= row * height:
                raw = data[: row * height]
                image = Image.frombytes("1", (row * 8, height), raw, "raw", "1;I")
                self.graphic = image.crop((0, 0, width, height))
        elif fn == 50 and self.graphic is not None:  # print the buffered graphics
            image, self.graphic = self.graphic, None
            self._image(image, f"[graphics {image.width}x{image.height}]")

    def _cmd_nv_image(self, cmd: Command) -> None:
        number = cmd.raw[2] if len(cmd.raw) > 2 else 0
        self._image(_placeholder(f"NV image {number}", 256, 64), f"[NV image {number}]")

    # --- cut --------------------------------------------------------------------------

    def cut(self) -> Sheet:
        """End the sheet (print what's pending) and start a new one."""
        self._print_line()
        sheet, self.sheet = self.sheet, Sheet()
        return sheet

    def discard(self) -> None:
        """Lose the sheet in progress (paper ran out, cover opened)."""
        self.line = []
        self.sheet = Sheet()


def _style(span: Span) -> tuple[bool, int, int, int, bool, bool]:
    return span.bold, span.underline, span.width, span.height, span.font_b, span.smooth


def _placeholder(text: str, width: int, height: int) -> Image.Image:
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width - 1, height - 1), outline=0, width=2)
    draw.text((10, height // 2 - 12), text, font=_mono(False, 20), fill=0)
    return image


# --- rendering ------------------------------------------------------------------------


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
