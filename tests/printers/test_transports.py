"""Transports against the virtual printer (TCP, a real pty) and against missing devices."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from printers.device import TicketPrinter
from printers.errors import PrinterTimeout, PrinterUnreachable
from printers.layout import compose_ticket
from printers.profile import PAPER_58MM, PAPER_80MM
from printers.samples import STATUS_URL, sample_ticket
from printers.sim import VirtualPrinter
from printers.transports import FileTransport, SerialTransport, TcpTransport, UsbTransport
from printers.uri import transport_for

from .conftest import FAST


def uris(sim: VirtualPrinter) -> dict[str, str]:
    host, port = sim.start_tcp()
    pty = sim.start_pty()
    return {
        "tcp": f"tcp://{host}:{port}",
        "serial": f"serial://{pty}?baudrate=115200",
        "file": f"file://{pty}",
    }


@pytest.mark.parametrize("kind", ["tcp", "serial", "file"])
def test_status_round_trip(sim: VirtualPrinter, kind: str) -> None:
    with transport_for(uris(sim)[kind]) as transport:
        transport.write(b"\x10\x04\x01")
        assert transport.read(1, 1.0) == b"\x12"
        transport.write(b"\x10\x04\x04")
        assert transport.read(1, 1.0) == b"\x12"


@pytest.mark.parametrize("kind", ["tcp", "serial", "file"])
def test_round_trip_text_equals_layout_with_danish_letters(sim: VirtualPrinter, kind: str) -> None:
    """render -> send -> the simulator decodes -> the same lines, æøå intact."""
    uri = uris(sim)[kind]
    jobs = [compose_ticket(sample_ticket(lang), PAPER_80MM) for lang in ("da", "en", "ar")]
    with TicketPrinter.from_uri(uri, **FAST) as printer:
        for job in jobs:
            assert printer.print(job.data).printed
    receipts = sim.wait_for_tickets(3)
    for job, receipt in zip(jobs, receipts, strict=True):
        assert receipt.text_lines == job.text_lines
        assert receipt.qr_codes == (STATUS_URL,)
        # raster images: one per raster line, plus the QR code
        assert len(receipt.images) == len(job.raster_lines) + 1
        assert receipt.png.is_file() and receipt.txt.is_file()
    assert "Pas og kørekort" in receipts[0].text_lines
    assert "Foran dig i køen: 3" in receipts[0].text_lines
    assert receipts[0].source.startswith("tcp" if kind == "tcp" else "pty")


def test_58mm_round_trip(tmp_path: Path) -> None:
    with VirtualPrinter(tmp_path, width_dots=384) as sim:
        host, port = sim.start_tcp()
        job = compose_ticket(sample_ticket("da"), PAPER_58MM)
        with TicketPrinter.from_uri(f"tcp://{host}:{port}", **FAST) as printer:
            assert printer.print(job.data).printed
        (receipt,) = sim.wait_for_tickets(1)
        assert receipt.text_lines == job.text_lines
        from PIL import Image

        with Image.open(receipt.png) as png:
            assert png.width == 384
            assert png.height > 600


def test_tcp_refused_is_unreachable_at_once(refused_port: int) -> None:
    transport = TcpTransport("127.0.0.1", refused_port)
    started = time.monotonic()
    with pytest.raises(PrinterUnreachable, match="refused") as caught:
        transport.open()
    assert time.monotonic() - started < 1
    assert f"tcp://127.0.0.1:{refused_port}" in str(caught.value)


def test_tcp_read_times_out_on_a_printer_that_never_answers(sim: VirtualPrinter) -> None:
    sim.set_state("silent")
    host, port = sim.start_tcp()
    with TcpTransport(host, port) as transport:
        transport.write(b"\x10\x04\x01")
        started = time.monotonic()
        with pytest.raises(PrinterTimeout, match="no reply"):
            transport.read(1, 0.3)
        assert 0.25 < time.monotonic() - started < 1.5


def test_tcp_peer_that_hangs_up_is_unreachable() -> None:
    server = socket.create_server(("127.0.0.1", 0))

    def accept_and_close() -> None:
        conn, _ = server.accept()
        conn.close()

    thread = threading.Thread(target=accept_and_close)
    thread.start()
    try:
        with TcpTransport("127.0.0.1", server.getsockname()[1]) as transport:
            thread.join(timeout=5)
            with pytest.raises(PrinterUnreachable, match="closed"):
                transport.read(1, 2.0)
            assert not transport.is_open
    finally:
        server.close()
        thread.join(timeout=5)


def test_tcp_write_times_out_when_the_printer_stops_reading(sim: VirtualPrinter) -> None:
    sim.set_state("silent")
    host, port = sim.start_tcp()
    transport = TcpTransport(host, port, timeout=0.3)
    transport.open()
    started = time.monotonic()
    with pytest.raises(PrinterTimeout, match="stopped taking data"):
        transport.write(b"\x00" * (16 << 20))  # more than loopback socket buffers hold
    assert time.monotonic() - started < 5
    assert not transport.is_open  # a half-sent job is never continued


def test_serial_pty_write_times_out_when_the_printer_stops_reading(sim: VirtualPrinter) -> None:
    sim.set_state("silent")
    transport = SerialTransport(sim.start_pty(), baudrate=115200, timeout=0.3)
    transport.open()
    started = time.monotonic()
    with pytest.raises(PrinterTimeout):
        transport.write(b"\x00" * 65536)  # a pty holds a few kB
    assert time.monotonic() - started < 3
    assert not transport.is_open


def test_missing_serial_port_and_device_file(tmp_path: Path) -> None:
    with pytest.raises(PrinterUnreachable, match="no such serial port") as caught:
        SerialTransport("/dev/ttyDINTUR-missing").open()
    assert "/dev/ttyDINTUR-missing" in str(caught.value)
    with pytest.raises(PrinterUnreachable, match="no such device"):
        FileTransport(str(tmp_path / "lp0")).open()
    with pytest.raises(PrinterUnreachable, match="directory"):
        FileTransport(str(tmp_path)).open()


def test_usb_without_such_a_device_is_unreachable() -> None:
    started = time.monotonic()
    with pytest.raises(PrinterUnreachable) as caught:
        UsbTransport(0x04B8, 0x0E15).open()
    assert time.monotonic() - started < 5
    assert "usb://04b8:0e15" in str(caught.value)
    assert "no such USB device" in str(caught.value) or "libusb" in str(caught.value)


def test_file_transport_writes_a_plain_file_and_reports_no_reply(tmp_path: Path) -> None:
    target = tmp_path / "spool.bin"
    target.write_bytes(b"")
    with FileTransport(str(target)) as transport:
        transport.write(b"\x1b@hello")
        with pytest.raises(PrinterTimeout, match="end of file"):
            transport.read(1, 0.1)
    assert target.read_bytes() == b"\x1b@hello"


def test_file_transport_write_times_out_on_a_device_that_never_reads(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    transport = FileTransport(str(fifo), timeout=0.3)
    transport.open()
    started = time.monotonic()
    with pytest.raises(PrinterTimeout, match="stopped taking data"):
        transport.write(b"\x00" * (1 << 20))  # a pipe holds 64 kB
    assert time.monotonic() - started < 3
    assert not transport.is_open


def test_transport_is_a_context_manager_and_closes_twice_safely(sim: VirtualPrinter) -> None:
    host, port = sim.start_tcp()
    transport = TcpTransport(host, port)
    with transport as opened:
        assert opened.is_open
    assert not transport.is_open
    transport.close()
    with pytest.raises(PrinterUnreachable, match="not connected"):
        transport.write(b"x")
