"""An RS-232 or USB-serial printer through pyserial."""

from __future__ import annotations

import os
from typing import Any

from printers.errors import PrinterTimeout, PrinterUnreachable
from printers.transports.base import Transport

SERIAL_CHUNK = 512  # bytes per serial write, each with its own timeout


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
