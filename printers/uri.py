"""Printer URIs: which transport, which device, which options.

    usb://04b8:0e15[?interface=0&in_ep=0x82&out_ep=0x01]
    serial:///dev/ttyUSB0?baudrate=38400[&rtscts=1]
    tcp://192.168.1.50[:9100]
    file:///dev/usb/lp0

Every scheme takes `timeout` (seconds for connect/open and writes, default 5) and
`status=off` for write-only devices that never answer DLE EOT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from printers.errors import InvalidPrinterUri
from printers.transports import (
    FileTransport,
    SerialTransport,
    TcpTransport,
    Transport,
    UsbTransport,
)

COMMON = {"timeout", "status"}
OPTIONS: dict[str, set[str]] = {
    "usb": COMMON | {"interface", "in_ep", "out_ep"},
    "serial": COMMON | {"baudrate", "rtscts"},
    "tcp": COMMON,
    "file": COMMON,
}
DEFAULT_PORT = 9100


@dataclass(frozen=True)
class PrinterUri:
    """A parsed printer URI; `target` is "VID:PID", a path or "host:port"."""

    raw: str
    scheme: str
    target: str
    options: dict[str, str] = field(default_factory=dict)

    @property
    def status_queries(self) -> bool:
        return self.options.get("status", "on") not in ("off", "0", "no", "false")

    @property
    def timeout(self) -> float:
        return _float(self, "timeout", 5.0, 0.05, 120.0)


def _fail(raw: str, why: str) -> InvalidPrinterUri:
    return InvalidPrinterUri(f"bad printer URI {raw!r}: {why}")


def _int(uri: PrinterUri, key: str, default: int, low: int, high: int) -> int:
    value = uri.options.get(key)
    if value is None:
        return default
    try:
        number = int(value, 0)
    except ValueError:
        raise _fail(uri.raw, f"{key} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise _fail(uri.raw, f"{key} must be {low}-{high}, not {number}")
    return number


def _float(uri: PrinterUri, key: str, default: float, low: float, high: float) -> float:
    value = uri.options.get(key)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise _fail(uri.raw, f"{key} must be a number of seconds, not {value!r}") from None
    if not low <= number <= high:
        raise _fail(uri.raw, f"{key} must be between {low} and {high} seconds")
    return number


def parse_uri(raw: str) -> PrinterUri:
    """Parse and check a printer URI; InvalidPrinterUri (a ValueError) says what is wrong."""
    if not isinstance(raw, str) or not raw.strip():
        raise _fail(str(raw), "empty")
    raw = raw.strip()
    if "://" not in raw:
        raise _fail(raw, "expected scheme://…, e.g. tcp://192.168.1.50:9100")
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in OPTIONS:
        raise _fail(raw, f"unknown scheme {scheme!r}; use one of {', '.join(OPTIONS)}")
    try:
        query = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    except ValueError:
        raise _fail(raw, f"can't parse options {parts.query!r}") from None
    options = dict(query)
    unknown = sorted(set(options) - OPTIONS[scheme])
    if unknown:
        allowed = ", ".join(sorted(OPTIONS[scheme]))
        raise _fail(raw, f"unknown option(s) {', '.join(unknown)}; {scheme} takes {allowed}")
    if parts.fragment:
        raise _fail(raw, "no #fragment allowed")
    if scheme == "usb":
        target = _usb_target(raw, parts.netloc or parts.path.strip("/"))
    elif scheme == "tcp":
        target = _tcp_target(raw, parts.netloc)
    else:
        if parts.netloc:
            raise _fail(raw, f"{scheme} URIs name a path: {scheme}:///dev/…, three slashes")
        target = unquote(parts.path)
        if not target.startswith("/") or target == "/":
            raise _fail(raw, "needs an absolute device path")
    if options.get("status", "on") not in ("on", "off", "0", "1", "yes", "no"):
        raise _fail(raw, "status must be on or off")
    uri = PrinterUri(raw=raw, scheme=scheme, target=target, options=options)
    transport_for(uri)  # checks the numeric options now, not at first use; opens nothing
    return uri


def _usb_target(raw: str, text: str) -> str:
    vid, sep, pid = text.partition(":")
    if not sep or not _is_hex16(vid) or not _is_hex16(pid):
        raise _fail(raw, "usb needs VID:PID in hex, e.g. usb://04b8:0e15")
    return f"{int(vid, 16):04x}:{int(pid, 16):04x}"


def _is_hex16(text: str) -> bool:
    try:
        return 1 <= len(text) <= 4 and 0 <= int(text, 16) <= 0xFFFF
    except ValueError:
        return False


def _tcp_target(raw: str, netloc: str) -> str:
    parts = urlsplit(f"//{netloc}")
    try:
        port = parts.port
    except ValueError:
        raise _fail(raw, "the port must be a number 1-65535") from None
    host = parts.hostname
    if not host or "@" in netloc:
        raise _fail(raw, "tcp needs a host, e.g. tcp://192.168.1.50:9100")
    if port == 0:
        raise _fail(raw, "the port must be a number 1-65535")
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port or DEFAULT_PORT}"


def transport_for(uri: str | PrinterUri) -> Transport:
    """The (not yet opened) transport a URI names."""
    parsed = parse_uri(uri) if isinstance(uri, str) else uri
    timeout = parsed.timeout
    if parsed.scheme == "tcp":
        host, _, port = parsed.target.rpartition(":")
        return TcpTransport(host.strip("[]"), int(port), timeout=timeout)
    if parsed.scheme == "serial":
        baudrate = _int(parsed, "baudrate", 38400, 50, 4_000_000)
        rtscts = bool(_int(parsed, "rtscts", 0, 0, 1))
        return SerialTransport(parsed.target, baudrate=baudrate, rtscts=rtscts, timeout=timeout)
    if parsed.scheme == "file":
        return FileTransport(parsed.target, timeout=timeout)
    vid, pid = (int(x, 16) for x in parsed.target.split(":"))
    return UsbTransport(
        vid,
        pid,
        interface=_int(parsed, "interface", 0, 0, 255),
        in_ep=_int(parsed, "in_ep", 0, 0, 0xFF) or None,
        out_ep=_int(parsed, "out_ep", 0, 0, 0xFF) or None,
        timeout=timeout,
    )
