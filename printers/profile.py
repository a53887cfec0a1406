"""Paper and printer profiles: paper width, font A columns, code page, sizes, logo."""

from __future__ import annotations

import codecs
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# Python codec -> the table number for `ESC t n` on Epson-compatible printers.
CODEPAGE_TABLES: dict[str, int] = {
    "cp437": 0,
    "cp850": 2,
    "cp860": 3,
    "cp863": 4,
    "cp865": 5,
    "cp1252": 16,
    "cp866": 17,
    "cp852": 18,
    "cp858": 19,
    "cp1251": 46,
}

QrErrorLevel = Literal["L", "M", "Q", "H"]
Cut = Literal["full", "partial"]


@dataclass(frozen=True)
class Logo:
    """A logo on top of each ticket: a PNG sent as raster, or an NV-stored one by key."""

    png: Path | None = None
    nv_key: str | None = None  # two printable ASCII characters (GS ( L fn 69)
    max_width_dots: int = 288

    def __post_init__(self) -> None:
        if (self.png is None) == (self.nv_key is None):
            raise ValueError("a Logo needs exactly one of png or nv_key")
        key = self.nv_key
        if key is not None and (len(key) != 2 or not all(32 <= ord(c) <= 126 for c in key)):
            raise ValueError(f"nv_key must be two printable ASCII characters, not {key!r}")
        if self.max_width_dots < 8:
            raise ValueError("max_width_dots must be at least 8")


@dataclass(frozen=True)
class PaperProfile:
    """What the layout needs to know about a printer and its paper."""

    name: str
    width_dots: int  # printable width: 576 on 80 mm, 384 on 58 mm
    columns: int  # font A characters per line: 48 / 32
    codepage: str = "cp865"  # Python codec used to encode every text line
    codepage_table: int | None = None  # ESC t n; None: looked up in CODEPAGE_TABLES
    number_scale: int = 6  # the ticket number's GS ! magnification, 1-8
    qr_module: int = 6  # dots per QR module, 1-16
    qr_error: QrErrorLevel = "M"
    cut: Cut = "full"
    raster_font: Path | None = None  # a TTF for lines the code page can't encode
    raster_pad: bool = False  # True: bake alignment into raster lines (ignore ESC a)
    logo: Logo | None = None

    def __post_init__(self) -> None:
        try:
            codecs.lookup(self.codepage)
        except LookupError:
            raise ValueError(f"unknown code page {self.codepage!r}") from None
        if self.codepage_table is None and self.codepage_key not in CODEPAGE_TABLES:
            raise ValueError(f"no ESC t table number known for {self.codepage!r}: give one")
        if self.codepage_table is not None and not 0 <= self.codepage_table <= 255:
            raise ValueError("codepage_table must be 0-255")
        if self.width_dots % 8 or not 64 <= self.width_dots <= 2048:
            raise ValueError("width_dots must be a multiple of 8 between 64 and 2048")
        if not self.columns >= 8 or self.width_dots // self.columns < 8:
            raise ValueError("columns don't fit the paper width")
        if not 1 <= self.number_scale <= 8:
            raise ValueError("number_scale must be 1-8")
        if not 1 <= self.qr_module <= 16:
            raise ValueError("qr_module must be 1-16")

    @property
    def codepage_key(self) -> str:
        return codecs.lookup(self.codepage).name.replace("-", "").replace("_", "")

    @property
    def table(self) -> int:
        """The `ESC t n` number for this profile's code page."""
        if self.codepage_table is not None:
            return self.codepage_table
        return CODEPAGE_TABLES[self.codepage_key]

    @property
    def char_width(self) -> int:
        """Dots per font A character."""
        return self.width_dots // self.columns

    def with_codepage(self, codepage: str, table: int | None = None) -> PaperProfile:
        return dataclasses.replace(self, codepage=codepage, codepage_table=table)


PAPER_80MM = PaperProfile(name="80mm", width_dots=576, columns=48, number_scale=6, qr_module=6)
PAPER_58MM = PaperProfile(name="58mm", width_dots=384, columns=32, number_scale=5, qr_module=5)
PROFILES: dict[str, PaperProfile] = {"80mm": PAPER_80MM, "58mm": PAPER_58MM}


def paper(name: str) -> PaperProfile:
    """The profile for "80mm" or "58mm"."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown paper {name!r}; known: {', '.join(PROFILES)}") from None
