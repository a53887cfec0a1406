"""A device node (/dev/usb/lp0, a tty) or any file, written without blocking."""

from __future__ import annotations

import contextlib
import errno
import os
import select
import termios
import time
import tty

from printers.errors import PrinterTimeout, PrinterUnreachable
from printers.transports.base import Transport, timeout_ms


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
        return bool(poller.poll(timeout_ms(left) if left > 0 else 0))

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
