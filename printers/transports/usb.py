"""A USB printer-class device through pyusb and libusb."""

from __future__ import annotations

import time
from typing import Any

from printers.errors import PrinterError, PrinterTimeout, PrinterUnreachable
from printers.transports.base import Transport, timeout_ms


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
            written = self._dev.write(
                self._out, data, timeout_ms(self.timeout + len(data) / 10_000)
            )
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
                chunk = self._dev.read(self._in, self._in.wMaxPacketSize, timeout_ms(left))
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
