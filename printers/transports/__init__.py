"""Byte pipes to a printer: USB, serial, TCP (port 9100) and device files.

One module per transport, all behind `Transport` (base): open, write, read and close,
each with a timeout; any failure is a `PrinterError` naming the device.
"""

from printers.transports.base import CONNECT_TIMEOUT, Transport
from printers.transports.file import FileTransport
from printers.transports.serial import SerialTransport
from printers.transports.tcp import TcpTransport
from printers.transports.usb import UsbTransport

__all__ = [
    "CONNECT_TIMEOUT",
    "FileTransport",
    "SerialTransport",
    "TcpTransport",
    "Transport",
    "UsbTransport",
]
