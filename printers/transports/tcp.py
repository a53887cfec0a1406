"""A network printer's raw port (JetDirect, usually 9100)."""

from __future__ import annotations

import select
import socket

from printers.errors import PrinterTimeout, PrinterUnreachable
from printers.transports.base import CONNECT_TIMEOUT, Transport


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
