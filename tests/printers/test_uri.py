"""Printer URIs: what parses, and clear ValueErrors for what doesn't."""

from __future__ import annotations

import pytest

from printers.errors import InvalidPrinterUri, PrinterError
from printers.transports import FileTransport, SerialTransport, TcpTransport, UsbTransport
from printers.uri import parse_uri, transport_for


def test_tcp_with_and_without_port() -> None:
    assert parse_uri("tcp://192.168.1.50:9100").target == "192.168.1.50:9100"
    assert parse_uri("tcp://printer.local").target == "printer.local:9100"
    assert parse_uri("tcp://[::1]:9101").target == "[::1]:9101"
    transport = transport_for("tcp://127.0.0.1:9101?timeout=2")
    assert isinstance(transport, TcpTransport)
    assert (transport.host, transport.port, transport.timeout) == ("127.0.0.1", 9101, 2.0)
    assert transport.device == "tcp://127.0.0.1:9101"


def test_serial_file_and_usb() -> None:
    serial = transport_for("serial:///dev/ttyUSB0?baudrate=9600&rtscts=1")
    assert isinstance(serial, SerialTransport)
    assert (serial.port, serial.baudrate, serial.rtscts) == ("/dev/ttyUSB0", 9600, True)
    assert transport_for("serial:///dev/ttyS0").baudrate == 38400  # type: ignore[attr-defined]
    file = transport_for("file:///dev/usb/lp0")
    assert isinstance(file, FileTransport) and file.path == "/dev/usb/lp0"
    usb = transport_for("usb://04B8:e15?out_ep=0x01")
    assert isinstance(usb, UsbTransport)
    assert (usb.vid, usb.pid, usb.out_ep, usb.in_ep) == (0x04B8, 0x0E15, 1, None)
    assert parse_uri("usb://04B8:e15").target == "04b8:0e15"


def test_status_option() -> None:
    assert parse_uri("file:///tmp/out.bin?status=off").status_queries is False
    assert parse_uri("tcp://h").status_queries is True


@pytest.mark.parametrize(
    ("uri", "why"),
    [
        ("", "empty"),
        ("lpt://x", "unknown scheme"),
        ("/dev/usb/lp0", "scheme://"),
        ("tcp://", "needs a host"),
        ("tcp://host:notaport", "port"),
        ("tcp://host:0", "port"),
        ("tcp://host:70000", "port"),
        ("tcp://host:9100?bogus=1", "unknown option"),
        ("tcp://host?timeout=abc", "timeout"),
        ("tcp://host?timeout=0", "timeout"),
        ("usb://zz:yy", "VID:PID"),
        ("usb://04b8", "VID:PID"),
        ("usb://04b8:12345", "VID:PID"),
        ("serial://", "absolute device path"),
        ("serial://dev/ttyUSB0", "three slashes"),
        ("serial:///dev/ttyUSB0?baudrate=fast", "baudrate"),
        ("serial:///dev/ttyUSB0?baudrate=1", "baudrate"),
        ("file:///", "absolute device path"),
        ("file:///dev/lp0?status=maybe", "status"),
        ("tcp://host#x", "fragment"),
    ],
)
def test_bad_uris_say_what_is_wrong(uri: str, why: str) -> None:
    with pytest.raises(InvalidPrinterUri, match=why) as caught:
        parse_uri(uri)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, PrinterError)
    assert repr(uri) in str(caught.value) or uri == ""
