"""ESC/POS jobs from blocks (text, QR codes, feeds, logos), built on python-escpos's `Dummy`.

Every text line is encoded by us with the profile's code page, selected once with
`ESC t n` (never python-escpos's "magic" encoder, which switches pages mid-word). A line
the code page can't encode, even after folding typographic characters ("–" → "-"), is
drawn as a `GS v 0` raster image instead, shaped and right-to-left where needed; all
other lines stay text, so a ticket stays small.
"""

from __future__ import annotations

import copy
import functools
import logging
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from PIL import Image

from printers import raster
from printers._escpos import (
    QR_ECLEVEL_H,
    QR_ECLEVEL_L,
    QR_ECLEVEL_M,
    QR_ECLEVEL_Q,
    Dummy,
    EscposProfile,
    get_profile_class,
)
from printers.profile import PAPER_80MM, Logo, PaperProfile

log = logging.getLogger(__name__)

ESC = b"\x1b"
GS = b"\x1d"
INIT = ESC + b"@"
CHARSET_USA = ESC + b"R\x00"  # plain ASCII in 0x20-0x7F, whatever the memory switches say

Align = Literal["left", "center", "right"]

# typographic characters most code pages lack, and what to print instead
FOLD = {
    "–": "-",
    "—": "-",
    "−": "-",
    "‐": "-",
    "‘": "'",
    "’": "'",
    "‚": ",",
    "“": '"',
    "”": '"',
    "„": '"',
    "…": "...",
    "\u00a0": " ",
    "\u202f": " ",
    "€": "EUR",
    "•": "*",
    "×": "x",
    "»": "''",
    "«": '"',
}
QR_LEVELS = {"L": QR_ECLEVEL_L, "M": QR_ECLEVEL_M, "Q": QR_ECLEVEL_Q, "H": QR_ECLEVEL_H}


@dataclass(frozen=True)
class Text:
    text: str
    align: Align = "center"
    bold: bool = False
    width: int = 1  # GS ! magnification
    height: int = 1
    hang: int = 0  # indent of wrapped lines, in characters
    smooth: bool = False  # GS b: smoothed outlines for big characters


@dataclass(frozen=True)
class Qr:
    data: str


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class LogoBlock:
    logo: Logo


Block = Text | Qr | Feed | LogoBlock


@dataclass(frozen=True)
class Job:
    """An encoded print job and what it will show."""

    data: bytes
    text_lines: tuple[str, ...]  # printed as text, exactly as the printer gets them
    raster_lines: tuple[str, ...]  # printed as images
    qr: tuple[str, ...]

    def seconds_at(self, baud: int) -> float:
        """Time on a serial line at `baud` (8N1: 10 bits a byte)."""
        return len(self.data) * 10 / baud


def printable(text: str, codepage: str) -> str | None:
    """`text` folded to what `codepage` can encode, or None when it can't be."""
    try:
        text.encode(codepage)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for ch in text:
        try:
            ch.encode(codepage)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(FOLD.get(ch, ch))
    folded = "".join(out)
    try:
        folded.encode(codepage)
    except UnicodeEncodeError:
        return None
    return folded


@functools.lru_cache(maxsize=16)
def _escpos_profile(width_dots: int, columns: int) -> Any:
    """python-escpos's default profile, told our paper width (for image checks)."""
    data = copy.deepcopy(get_profile_class("default").profile_data)
    data["media"] = {"dpi": 203, "width": {"mm": "Unknown", "pixels": width_dots}}
    profile = EscposProfile(columns=columns, features=data["features"])
    profile.profile_data = data
    return profile


class _Encoder:
    def __init__(self, profile: PaperProfile) -> None:
        self.profile = profile
        self.p: Any = Dummy(profile=_escpos_profile(profile.width_dots, profile.columns))
        self.align: Align = "left"
        self.bold = False
        self.size = (1, 1)
        self.text_lines: list[str] = []
        self.raster_lines: list[str] = []
        self.qr_data: list[str] = []
        self.p._raw(INIT + ESC + b"t" + bytes((profile.table,)) + CHARSET_USA)

    def style(
        self, align: Align, bold: bool | None = None, size: tuple[int, int] | None = None
    ) -> None:
        if align != self.align:
            self.p.set(align=align)
            self.align = align
        if bold is not None and bold != self.bold:
            self.p.set(bold=bold)
            self.bold = bold
        if size is not None and size != self.size:
            self.p.set(custom_size=True, width=size[0], height=size[1])
            self.size = size

    def block(self, block: Block) -> None:
        if isinstance(block, Text):
            self.text(block)
        elif isinstance(block, Qr):
            self.qr(block.data)
        elif isinstance(block, Feed):
            self.p.print_and_feed(block.lines)
        else:
            self.logo(block.logo)

    def text(self, block: Text) -> None:
        folded = printable(block.text, self.profile.codepage)
        if folded is None:
            self.raster_text(block)
            return
        self.style(block.align, block.bold, (block.width, block.height))
        if block.smooth:
            self.p.set(smooth=True)
        chars = max(1, self.profile.columns // block.width)
        lines = textwrap.wrap(
            folded,
            chars,
            subsequent_indent=" " * block.hang,
            break_on_hyphens=False,
        ) or [""]
        for line in lines:
            self.p._raw(line.encode(self.profile.codepage) + b"\n")
            self.text_lines.append(line)
        if block.smooth:
            self.p.set(smooth=False)

    def raster_text(self, block: Text) -> None:
        try:
            font = raster.font_for(
                round(24 * math.sqrt(block.width * block.height)),
                block.bold,
                self.profile.raster_font,
                block.text,
            )
        except FileNotFoundError as exc:
            # better a ticket with "?" than no ticket
            log.warning("%s; printing %r with replacement characters", exc, block.text)
            self.style(block.align, block.bold, (block.width, block.height))
            replaced = block.text.encode(self.profile.codepage, errors="replace")
            self.p._raw(replaced + b"\n")
            self.text_lines.append(replaced.decode(self.profile.codepage))
            return
        rtl = raster.is_rtl(block.text)  # one direction for the paragraph's lines
        align: Align = "right" if rtl and block.align == "left" else block.align
        pad = self.profile.raster_pad
        width = self.profile.width_dots
        for line in raster.wrap_pixels(block.text, font, width, rtl):
            image = raster.render_line(line, font, paper_width=width, align=align, pad=pad, rtl=rtl)
            self.style("left" if pad else align)
            self.image(image)
            self.raster_lines.append(line)

    def image(self, image: Image.Image) -> None:
        self.p.image(image, impl="bitImageRaster", center=False)

    def qr(self, data: str) -> None:
        self.style("center")
        level = QR_LEVELS[self.profile.qr_error]
        self.p.qr(data, ec=level, size=self.profile.qr_module, native=True)
        # ESC J: a quiet zone of 4 modules under the code before the next line
        self.p._raw(ESC + b"J" + bytes((min(255, 4 * self.profile.qr_module),)))
        self.qr_data.append(data)

    def logo(self, logo: Logo) -> None:
        self.style("center")
        if logo.nv_key is not None:
            # GS ( L fn 69: print the NV graphic stored under key kc1 kc2, scale 1x1
            self.p._image_send_graphics_data(b"0", b"E", logo.nv_key.encode("ascii") + b"\1\1")
            return
        assert logo.png is not None
        self.image(logo_image(logo, self.profile.width_dots))

    def finish(self) -> Job:
        self.style("left", False, (1, 1))
        self.p.cut(mode="FULL" if self.profile.cut == "full" else "PART")
        return Job(
            data=self.p.output,
            text_lines=tuple(self.text_lines),
            raster_lines=tuple(self.raster_lines),
            qr=tuple(self.qr_data),
        )


@functools.lru_cache(maxsize=8)
def _load_logo(path: str, mtime: float, max_width: int) -> Image.Image:
    with Image.open(path) as img:
        img.load()
        rgba = img.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    if flat.width > max_width:
        flat = flat.resize((max_width, max(1, round(flat.height * max_width / flat.width))))
    return flat.convert("L").convert("1")  # Floyd-Steinberg dithering


def logo_image(logo: Logo, paper_width: int) -> Image.Image:
    """The logo PNG as a dithered 1-bit image no wider than the logo limit and the paper."""
    assert logo.png is not None
    max_width = min(logo.max_width_dots, paper_width)
    return _load_logo(str(logo.png), logo.png.stat().st_mtime, max_width)


def encode(blocks: Sequence[Block], profile: PaperProfile = PAPER_80MM) -> Job:
    """The blocks as one ESC/POS job: init, code page, the blocks, feed and cut."""
    encoder = _Encoder(profile)
    for block in blocks:
        encoder.block(block)
    return encoder.finish()
