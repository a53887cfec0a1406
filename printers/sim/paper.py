"""The virtual printer's print engine: commands in, rows on a `Sheet`, one sheet per cut.

Keeps the printer's mode state (code page, alignment, bold, size, font, line spacing,
QR and graphics buffers) the way ESC @ resets it, and wraps text at the paper's edge.
"""

from __future__ import annotations

import logging

import qrcode
from PIL import Image
from qrcode.image.pil import PilImage

from printers.sim.decoder import Command
from printers.sim.render import placeholder
from printers.sim.sheet import Align, Gap, ImageRow, Sheet, Span, TextRow

log = logging.getLogger(__name__)

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
LINE_SPACING = 30  # dots: 1/6 inch at 180 dpi, the usual default
QR_EC = {48: qrcode.constants.ERROR_CORRECT_L, 49: qrcode.constants.ERROR_CORRECT_M}
QR_EC |= {50: qrcode.constants.ERROR_CORRECT_Q, 51: qrcode.constants.ERROR_CORRECT_H}
ALIGNS: dict[int, Align] = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center"}
ALIGNS |= {50: "right"}


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
            self._image(placeholder(f"NV logo {key}", 256, 64), f"[NV logo {key}]")
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
        self._image(placeholder(f"NV image {number}", 256, 64), f"[NV image {number}]")

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
