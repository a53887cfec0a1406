"""ESC/POS framing: a byte stream in, whole commands out, across any chunking.

Garbled input never raises: an unknown command becomes an "unknown" Command of the bytes
skipped (the ESC/GS/FS/DLE byte and the one after it, or a lone control byte); a
length-prefixed command claiming more than MAX_PAYLOAD is treated as garbled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
MAX_PAYLOAD = 4 << 20


@dataclass(frozen=True)
class Command:
    name: str  # "text", "lf", "init", "qr", "raster", "status", "unknown", …
    raw: bytes  # every byte the command took
    arg: int = 0
    data: bytes = b""  # text bytes, QR/graphics payload, raster pixels
    x: int = 0  # raster: bytes per row
    y: int = 0  # raster: rows


def _fixed(table: dict[str, tuple[str, int]]) -> dict[int, tuple[str, int]]:
    return {ord(k): v for k, v in table.items()}


ESC_FIXED = _fixed(
    {
        "@": ("init", 0),
        "t": ("codepage", 1),
        "!": ("mode", 1),
        "a": ("align", 1),
        "E": ("bold", 1),
        "G": ("bold", 1),
        "-": ("underline", 1),
        "M": ("font", 1),
        "d": ("feed_lines", 1),
        "J": ("feed_dots", 1),
        "2": ("spacing_default", 0),
        "3": ("spacing", 1),
        "R": ("charset", 1),
        "{": ("ignored", 1),
        "V": ("ignored", 1),
        "p": ("ignored", 3),
        "U": ("ignored", 1),
        " ": ("ignored", 1),
        "$": ("ignored", 2),
        "\\": ("ignored", 2),
        "e": ("ignored", 1),
        "c": ("ignored", 2),
        "r": ("ignored", 1),
        "S": ("ignored", 0),
        "L": ("ignored", 0),
        "T": ("ignored", 1),
        "W": ("ignored", 8),
        "i": ("cut", 0),
        "m": ("cut", 0),
        "=": ("ignored", 1),
        "%": ("ignored", 1),
        "?": ("ignored", 1),
        "<": ("ignored", 0),
    }
)
GS_FIXED = _fixed(
    {
        "!": ("size", 1),
        "B": ("ignored", 1),
        "H": ("ignored", 1),
        "h": ("ignored", 1),
        "w": ("ignored", 1),
        "f": ("ignored", 1),
        "L": ("ignored", 2),
        "W": ("ignored", 2),
        "a": ("ignored", 1),
        "r": ("transmit_status", 1),
        "I": ("ignored", 1),
        "b": ("smooth", 1),
        "P": ("ignored", 2),
        "$": ("ignored", 2),
        "\\": ("ignored", 2),
        ":": ("ignored", 0),
        "^": ("ignored", 3),
        "T": ("ignored", 1),
        "Z": ("ignored", 1),
        "E": ("ignored", 1),
        "j": ("ignored", 1),
        "/": ("ignored", 1),
    }
)
FS_FIXED = _fixed(
    {
        "p": ("nv_image", 2),
        ".": ("ignored", 0),
        "&": ("ignored", 0),
        "!": ("ignored", 1),
        "-": ("ignored", 1),
        "C": ("ignored", 1),
        "S": ("ignored", 2),
        "W": ("ignored", 1),
    }
)
TEXT_RUN = re.compile(rb"[\x20-\xff]+")
SINGLE = {0x0A: "lf", 0x0D: "cr", 0x09: "ht", 0x0C: "ff", 0x18: "ignored", 0x00: "ignored"}


class Decoder:
    """Feed bytes, get commands; keeps an incomplete command until its rest arrives."""

    def __init__(self) -> None:
        self._buf = bytearray()

    @property
    def pending(self) -> int:
        return len(self._buf)

    def feed(self, data: bytes) -> list[Command]:
        self._buf += data
        out: list[Command] = []
        i = 0
        buf = self._buf
        while i < len(buf):
            cmd = _parse(buf, i)
            if cmd is None:
                break
            out.append(cmd)
            i += len(cmd.raw)
        del buf[:i]
        return out

    def flush(self) -> list[Command]:
        """The bytes of an unfinished command, as one "unknown" Command."""
        if not self._buf:
            return []
        rest, self._buf = bytes(self._buf), bytearray()
        return [Command("unknown", rest)]


def _u16(buf: bytearray, i: int) -> int:
    return buf[i] | buf[i + 1] << 8


def _take(buf: bytearray, i: int, size: int) -> bytes | None:
    return bytes(buf[i : i + size]) if i + size <= len(buf) else None


def _fixed_cmd(buf: bytearray, i: int, name: str, nargs: int) -> Command | None:
    raw = _take(buf, i, 2 + nargs)
    if raw is None:
        return None
    return Command(name, raw, arg=raw[2] if nargs else 0, data=raw[2:])


def _unknown(buf: bytearray, i: int, size: int = 2) -> Command:
    return Command("unknown", bytes(buf[i : i + size]))


def _parse(buf: bytearray, i: int) -> Command | None:
    b = buf[i]
    if b >= 0x20:
        run = TEXT_RUN.match(buf, i)
        assert run is not None
        chunk = bytes(run.group())
        return Command("text", chunk, data=chunk)
    if b in SINGLE:
        return Command(SINGLE[b], bytes((b,)))
    if b not in (ESC, GS, FS, DLE):
        return Command("unknown", bytes((b,)))
    if i + 1 >= len(buf):
        return None
    c = buf[i + 1]
    if b == ESC:
        if c in ESC_FIXED:
            return _fixed_cmd(buf, i, *ESC_FIXED[c])
        if c == ord("*"):  # ESC * m nL nH d…: column bit image
            head = _take(buf, i, 5)
            if head is None:
                return None
            size = _u16(buf, i + 3) * (1 if head[2] in (0, 1) else 3)
            raw = _take(buf, i, 5 + size)
            return None if raw is None else Command("ignored", raw)
        if c == ord("D"):  # ESC D n1 … NUL: tab stops
            end = buf.find(0, i + 2, i + 35)
            if end < 0:
                return None if len(buf) - i < 35 else _unknown(buf, i)
            return Command("ignored", bytes(buf[i : end + 1]))
        if c == ord("("):  # ESC ( fn pL pH …
            return _with_length(buf, i, "ignored")
        return _unknown(buf, i)
    if b == GS:
        if c in GS_FIXED:
            return _fixed_cmd(buf, i, *GS_FIXED[c])
        if c == ord("V"):
            if i + 2 >= len(buf):
                return None
            m = buf[i + 2]
            if m in (0, 1, 48, 49):
                return Command("cut", bytes(buf[i : i + 3]), arg=m)
            if m in (65, 66, 97, 98, 103, 104):
                raw = _take(buf, i, 4)
                return None if raw is None else Command("cut", raw, arg=m)
            return _unknown(buf, i, 3)
        if c == ord("("):
            if i + 2 >= len(buf):
                return None
            kind = buf[i + 2]
            name = {ord("k"): "code2d", ord("L"): "graphics"}.get(kind, "ignored")
            return _with_length(buf, i, name)
        if c == ord("8") and i + 2 < len(buf) and buf[i + 2] == ord("L"):
            head = _take(buf, i, 7)
            if head is None:
                return None
            size = int.from_bytes(head[3:7], "little")
            if size > MAX_PAYLOAD:
                return _unknown(buf, i, 3)
            raw = _take(buf, i, 7 + size)
            return None if raw is None else Command("graphics", raw, data=raw[7:])
        if c == ord("v"):  # GS v 0 m xL xH yL yH d…
            head = _take(buf, i, 8)
            if head is None:
                return None
            if head[2] != ord("0") or head[3] not in (0, 1, 2, 3, 48, 49, 50, 51):
                return _unknown(buf, i)
            x, y = _u16(buf, i + 4), _u16(buf, i + 6)
            if x * y > MAX_PAYLOAD or x > 1024:
                return _unknown(buf, i)
            raw = _take(buf, i, 8 + x * y)
            if raw is None:
                return None
            return Command("raster", raw, arg=head[3] & 3, data=raw[8:], x=x, y=y)
        if c == ord("k"):  # GS k m …: barcode
            if i + 2 >= len(buf):
                return None
            m = buf[i + 2]
            if m <= 6:
                end = buf.find(0, i + 3, i + 260)
                if end < 0:
                    return None if len(buf) - i < 260 else _unknown(buf, i)
                return Command("ignored", bytes(buf[i : end + 1]))
            if i + 3 >= len(buf):
                return None
            raw = _take(buf, i, 4 + buf[i + 3])
            return None if raw is None else Command("ignored", raw)
        return _unknown(buf, i)
    if b == FS:
        if c in FS_FIXED:
            return _fixed_cmd(buf, i, *FS_FIXED[c])
        if c == ord("("):
            return _with_length(buf, i, "ignored")
        return _unknown(buf, i)
    # DLE
    if c == 0x04:
        raw = _take(buf, i, 3)
        return None if raw is None else Command("status", raw, arg=raw[2])
    if c == 0x05:
        raw = _take(buf, i, 3)
        return None if raw is None else Command("ignored", raw)
    if c == 0x14:
        if i + 2 >= len(buf):
            return None
        raw = _take(buf, i, 10 if buf[i + 2] == 8 else 5)
        return None if raw is None else Command("ignored", raw)
    return _unknown(buf, i)


def _with_length(buf: bytearray, i: int, name: str) -> Command | None:
    """`X ( fn pL pH payload`: a command whose payload length is in pL pH."""
    head = _take(buf, i, 5)
    if head is None:
        return None
    size = _u16(buf, i + 3)
    raw = _take(buf, i, 5 + size)
    return None if raw is None else Command(name, raw, arg=head[2], data=raw[5:])
