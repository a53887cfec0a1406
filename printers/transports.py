"""Byte pipes to a printer: USB, serial, TCP (port 9100) and device files.

Each transport only opens, writes, reads and closes, with a timeout on every step; any
failure is a `PrinterError` naming the device. A failed write closes the transport: the
printer may hold half a command, so the next use starts over with a fresh connection.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import socket
import termios
import time
import tty
from abc import ABC, abstractmethod
from types import TracebackType
from typing import Any

from printers.errors import PrinterError, PrinterTimeout, PrinterUnreachable

CONNECT_TIMEOUT = 3.0
SERIAL_CHUNK = 512  # bytes per serial write, each with its own timeout
DRAIN_LIMIT = 64  # reads of stale input before a status query; bounds a babbling device


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))  # pyusb: 0 means "wait forever"


class Transport(ABC):
    """A connection to one printer.

    `timeout` bounds opening, and a write that makes no progress for that long fails.
    """

    def __init__(self, device: str, *, timeout: float = 5.0) -> None:
        self.device = device
        self.timeout = timeout

    @property
    @abstractmethod
    def is_open(self) -> bool: ...

    @abstractmethod
    def open(self) -> None:
        """Connect; PrinterUnreachable or PrinterTimeout when the device isn't there."""

    @abstractmethod
    def write(self, data: bytes) -> None:
        """Send all of `data` or raise (the transport is then closed)."""

    @abstractmethod
    def read(self, n: int, timeout: float) -> bytes:
        """1 to `n` bytes; PrinterTimeout when none arrive within `timeout` seconds."""

    @abstractmethod
    def close(self) -> None:
        """Disconnect; safe to call twice."""

    def drain(self) -> bytes:
        """Read and return whatever the device already sent (late or unasked replies)."""
        stale = b""
        for _ in range(DRAIN_LIMIT):
            try:
                stale += self.read(4096, 0.0)
            except PrinterTimeout:
                break
        return stale

    def _closed(self) -> PrinterUnreachable:
        return PrinterUnreachable("not connected", self.device)

    def __enter__(self) -> Transport:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.device} {'open' if self.is_open else 'closed'}>"


class TcpTransport(Transport):
    """A network printer's raw port (JetDirect, usually 9100)."""

    def __init__(
        self,
        host: str,
        port: int = 9100,
        *,
        timeout: float = 5.0,
        connect_timeout: float = CONNECT_TIMEOUT,
    ) -> None:
        shown = f"[{host}]" if ":" in host else host
        super().__init__(f"tcp://{shown}:{port}", timeout=timeout)
        self.host = host
        self.port = port
        self.connect_timeout = min(connect_timeout, timeout)
        self._sock: socket.socket | None = None

    @property
    def is_open(self) -> bool:
        return self._sock is not None

    def open(self) -> None:
        if self._sock is not None:
            return
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except ConnectionRefusedError:
            raise PrinterUnreachable("connection refused", self.device) from None
        except TimeoutError:
            raise PrinterUnreachable(
                f"no answer to connect within {self.connect_timeout:g} s", self.device
            ) from None
        except socket.gaierror as exc:
            raise PrinterUnreachable(f"unknown host: {exc.strerror}", self.device) from exc
        except OSError as exc:
            raise PrinterUnreachable(f"can't connect: {exc.strerror or exc}", self.device) from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        self._sock = sock

    def write(self, data: bytes) -> None:
        sock = self._sock
        if sock is None:
            raise self._closed()
        view = memoryview(data)
        sent = 0
        try:
            sock.settimeout(self.timeout)  # a stall: no byte taken for `timeout` seconds
            while sent < len(data):
                sent += sock.send(view[sent:])
        except TimeoutError:
            self.close()
            raise PrinterTimeout(
                f"printer stopped taking data after {sent} of {len(data)} bytes", self.device
            ) from None
        except OSError as exc:
            self.close()
            raise PrinterUnreachable(
                f"connection lost after {sent} of {len(data)} bytes: {exc.strerror or exc}",
                self.device,
            ) from exc

    def read(self, n: int, timeout: float) -> bytes:
        sock = self._sock
        if sock is None:
            raise self._closed()
        try:
            ready, _, _ = select.select([sock], [], [], max(0.0, timeout))
            if not ready:
                raise PrinterTimeout(f"no reply within {timeout:g} s", self.device)
            sock.settimeout(0.5)
            data = sock.recv(n)
        except OSError as exc:
            self.close()
            why = exc.strerror or exc
            raise PrinterUnreachable(f"connection lost: {why}", self.device) from exc
        if not data:
            self.close()
            raise PrinterUnreachable("connection closed by the printer", self.device)
        return data

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()


class FileTransport(Transport):
    """A device node (/dev/usb/lp0, a tty) or any file, opened without blocking."""

    def __init__(self, path: str, *, timeout: float = 5.0) -> None:
        super().__init__(f"file://{path}", timeout=timeout)
        self.path = path
        self._fd: int | None = None
        self._readable = False

    @property
    def is_open(self) -> bool:
        return self._fd is not None

    def open(self) -> None:
        if self._fd is not None:
            return
        flags = os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                try:
                    fd = os.open(self.path, os.O_RDWR | flags)
                    self._readable = True
                except PermissionError:
                    fd = os.open(self.path, os.O_WRONLY | flags)  # write-only device
                    self._readable = False
                break
            except FileNotFoundError:
                raise PrinterUnreachable("no such device", self.device) from None
            except PermissionError:
                raise PrinterUnreachable("permission denied", self.device) from None
            except IsADirectoryError:
                raise PrinterUnreachable("is a directory, not a device", self.device) from None
            except OSError as exc:
                busy = exc.errno in (errno.EBUSY, errno.EAGAIN, errno.ENXIO, errno.EINTR)
                if not busy:
                    raise PrinterUnreachable(f"can't open: {exc.strerror}", self.device) from exc
                if time.monotonic() >= deadline:
                    raise PrinterTimeout(
                        f"device stayed busy for {self.timeout:g} s ({exc.strerror})", self.device
                    ) from exc
                time.sleep(0.05)
        if os.isatty(fd):
            with contextlib.suppress(termios.error):
                tty.setraw(fd)  # bytes as they are: no echo, no CR/LF translation
        self._fd = fd

    def _wait(self, fd: int, event: int, deadline: float) -> bool:
        poller = select.poll()
        poller.register(fd, event)
        left = max(0.0, deadline - time.monotonic())
        return bool(poller.poll(_ms(left) if left > 0 else 0))

    def write(self, data: bytes) -> None:
        fd = self._fd
        if fd is None:
            raise self._closed()
        deadline = time.monotonic() + self.timeout
        sent = 0
        try:
            while sent < len(data):
                if time.monotonic() >= deadline:
                    raise TimeoutError  # no byte taken for `timeout` seconds
                if not self._wait(fd, select.POLLOUT, deadline):
                    continue
                try:
                    sent += os.write(fd, data[sent:])
                except BlockingIOError:
                    continue
                deadline = time.monotonic() + self.timeout
        except TimeoutError:
            self.close()
            raise PrinterTimeout(
                f"device stopped taking data after {sent} of {len(data)} bytes", self.device
            ) from None
        except OSError as exc:
            self.close()
            raise PrinterUnreachable(
                f"write failed after {sent} of {len(data)} bytes: {exc.strerror}", self.device
            ) from exc

    def read(self, n: int, timeout: float) -> bytes:
        fd = self._fd
        if fd is None:
            raise self._closed()
        if not self._readable:
            raise PrinterTimeout("device is write-only: no replies", self.device)
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            if not self._wait(fd, select.POLLIN, deadline):
                raise PrinterTimeout(f"no reply within {timeout:g} s", self.device)
            try:
                data = os.read(fd, n)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PrinterTimeout(f"no reply within {timeout:g} s", self.device) from None
                continue
            except OSError as exc:
                self.close()
                raise PrinterUnreachable(f"read failed: {exc.strerror}", self.device) from exc
            if not data:
                raise PrinterTimeout("no reply (end of file)", self.device)
            return data

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


class SerialTransport(Transport):
    """An RS-232 or USB-serial printer through pyserial (8N1, no DSR/DTR handshake)."""

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = 38400,
        rtscts: bool = False,
        timeout: float = 5.0,
    ) -> None:
        super().__init__(f"serial://{port}?baudrate={baudrate}", timeout=timeout)
        self.port = port
        self.baudrate = baudrate
        self.rtscts = rtscts
        self._serial: Any = None

    @property
    def is_open(self) -> bool:
        return self._serial is not None

    def _chunk_timeout(self) -> float:
        # 8N1: 10 bits a byte; a chunk that takes longer than its time on the line plus
        # `timeout` means the printer stopped taking data (handshake held, port hung)
        return self.timeout + SERIAL_CHUNK * 10 / self.baudrate * 1.5

    def open(self) -> None:
        if self._serial is not None:
            return
        import serial  # pyserial; imported here so TCP-only kiosks never need it

        if not os.path.exists(self.port):
            raise PrinterUnreachable("no such serial port", self.device)
        port = serial.Serial()
        port.port = self.port
        port.baudrate = self.baudrate
        port.rtscts = self.rtscts
        port.dsrdtr = False
        port.timeout = 0
        port.write_timeout = self._chunk_timeout()
        port.exclusive = True
        try:
            port.open()
        except serial.SerialException as exc:
            raise PrinterUnreachable(f"can't open serial port: {exc}", self.device) from exc
        except (OSError, ValueError) as exc:
            raise PrinterUnreachable(f"can't open serial port: {exc}", self.device) from exc
        self._serial = port

    def write(self, data: bytes) -> None:
        import serial

        port = self._serial
        if port is None:
            raise self._closed()
        sent = 0
        try:
            for start in range(0, len(data), SERIAL_CHUNK):
                chunk = data[start : start + SERIAL_CHUNK]
                port.write(chunk)
                sent += len(chunk)
        except serial.SerialTimeoutException:
            self.close()
            raise PrinterTimeout(
                f"printer stopped taking data after {sent} of {len(data)} bytes", self.device
            ) from None
        except (serial.SerialException, OSError) as exc:
            self.close()
            raise PrinterUnreachable(f"write failed: {exc}", self.device) from exc

    def read(self, n: int, timeout: float) -> bytes:
        import serial

        port = self._serial
        if port is None:
            raise self._closed()
        try:
            port.timeout = max(0.0, timeout)
            data: bytes = port.read(1)
            if not data:
                raise PrinterTimeout(f"no reply within {timeout:g} s", self.device)
            if n > 1 and port.in_waiting:
                port.timeout = 0
                data += port.read(min(n - 1, port.in_waiting))
        except (serial.SerialException, OSError) as exc:
            self.close()
            raise PrinterUnreachable(f"read failed: {exc}", self.device) from exc
        return data

    def close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            port.close()


class UsbTransport(Transport):
    """A USB printer-class device through pyusb/libusb (bulk OUT, and bulk IN for status)."""

    def __init__(
        self,
        vid: int,
        pid: int,
        *,
        interface: int = 0,
        in_ep: int | None = None,
        out_ep: int | None = None,
        timeout: float = 5.0,
    ) -> None:
        super().__init__(f"usb://{vid:04x}:{pid:04x}", timeout=timeout)
        self.vid = vid
        self.pid = pid
        self.interface = interface
        self.in_ep = in_ep
        self.out_ep = out_ep
        self._dev: Any = None
        self._out: Any = None
        self._in: Any = None
        self._pending = b""

    @property
    def is_open(self) -> bool:
        return self._dev is not None

    def open(self) -> None:
        if self._dev is not None:
            return
        try:
            import usb.core
            import usb.util
        except ImportError:
            raise PrinterUnreachable("pyusb is not installed", self.device) from None
        try:
            dev = usb.core.find(idVendor=self.vid, idProduct=self.pid)
        except usb.core.NoBackendError:
            raise PrinterUnreachable(
                "libusb is not available (apt-get install libusb-1.0-0)", self.device
            ) from None
        if dev is None:
            raise PrinterUnreachable("no such USB device", self.device)
        try:
            self._claim(dev)
        except usb.core.USBError as exc:
            usb.util.dispose_resources(dev)
            raise PrinterUnreachable(f"can't use the USB device: {exc}", self.device) from exc
        except PrinterError:
            usb.util.dispose_resources(dev)
            raise

    def _claim(self, dev: Any) -> None:
        import usb.core
        import usb.util

        try:
            if dev.is_kernel_driver_active(self.interface):
                dev.detach_kernel_driver(self.interface)  # usblp holds printers otherwise
        except (NotImplementedError, usb.core.USBError):
            pass
        try:
            config = dev.get_active_configuration()
        except usb.core.USBError:
            config = None
        if config is None:
            dev.set_configuration()
            config = dev.get_active_configuration()
        intf = config[(self.interface, 0)]

        def endpoint(address: int | None, direction: int) -> Any:
            def match(ep: Any) -> bool:
                if address is not None:
                    return bool(ep.bEndpointAddress == address)
                return bool(usb.util.endpoint_direction(ep.bEndpointAddress) == direction)

            return usb.util.find_descriptor(intf, custom_match=match)

        out_ep = endpoint(self.out_ep, usb.util.ENDPOINT_OUT)
        if out_ep is None:
            raise PrinterUnreachable("the USB device has no bulk OUT endpoint", self.device)
        self._dev, self._out = dev, out_ep
        self._in = endpoint(self.in_ep, usb.util.ENDPOINT_IN)

    def write(self, data: bytes) -> None:
        import usb.core

        if self._dev is None:
            raise self._closed()
        try:
            written = self._dev.write(self._out, data, _ms(self.timeout + len(data) / 10_000))
        except usb.core.USBTimeoutError:
            self.close()
            raise PrinterTimeout("printer stopped taking data", self.device) from None
        except usb.core.USBError as exc:
            self.close()
            raise PrinterUnreachable(f"write failed: {exc}", self.device) from exc
        if written != len(data):
            self.close()
            raise PrinterTimeout(f"wrote {written} of {len(data)} bytes", self.device)

    def read(self, n: int, timeout: float) -> bytes:
        import usb.core

        if self._dev is None:
            raise self._closed()
        if self._in is None:
            raise PrinterTimeout("the USB device has no IN endpoint: no replies", self.device)
        deadline = time.monotonic() + max(0.0, timeout)
        while not self._pending:
            left = deadline - time.monotonic()
            if left <= 0:
                raise PrinterTimeout(f"no reply within {timeout:g} s", self.device)
            try:
                chunk = self._dev.read(self._in, self._in.wMaxPacketSize, _ms(left))
            except usb.core.USBTimeoutError:
                continue
            except usb.core.USBError as exc:
                self.close()
                raise PrinterUnreachable(f"read failed: {exc}", self.device) from exc
            self._pending += bytes(chunk)
        data, self._pending = self._pending[:n], self._pending[n:]
        return data

    def close(self) -> None:
        dev, self._dev = self._dev, None
        self._pending = b""
        if dev is not None:
            import usb.util

            usb.util.dispose_resources(dev)
