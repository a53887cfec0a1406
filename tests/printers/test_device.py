"""TicketPrinter against every fault the virtual printer can play, and some it can't."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from printers.device import TicketPrinter
from printers.errors import (
    InvalidPrinterUri,
    PrinterFault,
    PrinterTimeout,
    PrinterUnreachable,
)
from printers.layout import compose_ticket, render_ticket
from printers.samples import sample_ticket
from printers.sim import VirtualPrinter
from printers.status import Status

from .conftest import FAST

JOB = render_ticket(sample_ticket("da"))
QUERIES = 9  # three DLE EOT queries of three bytes


@pytest.mark.parametrize("where", ["tcp", "pty"])
def test_ok_prints_once_and_confirms(sim: VirtualPrinter, where: str) -> None:
    uri = _uri(sim, where)
    with TicketPrinter.from_uri(uri, **FAST) as printer:
        result = printer.print(JOB)
    assert result.printed and result.status is Status.OK and result.error is None
    assert result.bytes_sent == len(JOB)
    assert len(sim.wait_for_tickets(1)) == 1
    assert sim.bytes_received == QUERIES + len(JOB) + QUERIES  # before, job, after


def test_paper_low_still_prints_and_says_so(sim: VirtualPrinter, tcp_uri: str) -> None:
    sim.set_state("paper_low")
    with TicketPrinter.from_uri(tcp_uri, **FAST) as printer:
        result = printer.print(JOB)
    assert result.printed and result.status is Status.PAPER_LOW
    assert len(sim.wait_for_tickets(1)) == 1


@pytest.mark.parametrize(
    ("state", "status"),
    [
        ("paper_out", Status.PAPER_OUT),
        ("cover_open", Status.COVER_OPEN),
        ("offline", Status.OFFLINE),
    ],
)
@pytest.mark.parametrize("where", ["tcp", "pty"])
def test_faults_before_the_job_send_nothing(
    sim: VirtualPrinter, where: str, state: str, status: Status
) -> None:
    sim.set_state(state)
    with TicketPrinter.from_uri(_uri(sim, where), **FAST) as printer:
        result = printer.print(JOB)
    assert not result.printed and result.status is status
    assert isinstance(result.error, PrinterFault) and result.error.status is status
    assert sim.bytes_received == QUERIES  # the job itself was never sent
    assert sim.tickets == []


@pytest.mark.parametrize("state", ["paper_out", "cover_open", "offline"])
def test_a_fault_mid_job_is_not_printed_and_not_resent(sim: VirtualPrinter, state: str) -> None:
    host, port = sim.start_tcp()
    sim.set_state(state, after_bytes=QUERIES + 100)  # the paper runs out 100 bytes in
    with TicketPrinter.from_uri(f"tcp://{host}:{port}", **FAST) as printer:
        result = printer.print(JOB)
    assert not result.printed
    assert result.status is Status(state)
    assert sim.discarded > 0 and sim.tickets == []
    assert sim.bytes_received == QUERIES + len(JOB) + QUERIES  # sent once, never again


def test_a_fault_sim_discards_until_fixed_then_prints_again(
    sim: VirtualPrinter, tcp_uri: str
) -> None:
    with TicketPrinter.from_uri(tcp_uri, **FAST) as printer:
        sim.set_state("cover_open")
        assert not printer.print(JOB).printed
        sim.set_state("ok")
        assert printer.print(JOB).printed
    assert len(sim.wait_for_tickets(1)) == 1
    time.sleep(0.1)
    assert len(sim.tickets) == 1


def test_slow_printer_prints_within_the_size_based_allowance(sim: VirtualPrinter) -> None:
    host, port = sim.start_tcp()
    sim.set_state("slow")  # 4000 bytes/s
    job = compose_ticket(sample_ticket("ar")).data  # ~4 kB: about a second
    with TicketPrinter.from_uri(f"tcp://{host}:{port}", **FAST) as printer:
        started = time.monotonic()
        result = printer.print(job)
        elapsed = time.monotonic() - started
    assert result.printed and result.status is Status.OK
    assert elapsed >= 0.8 * len(job) / 4000
    assert len(sim.wait_for_tickets(1)) == 1


@pytest.mark.parametrize("where", ["tcp", "pty"])
def test_silent_printer_is_offline_within_seconds(sim: VirtualPrinter, where: str) -> None:
    sim.set_state("silent")
    with TicketPrinter.from_uri(_uri(sim, where), **FAST) as printer:
        started = time.monotonic()
        result = printer.print(JOB)
        assert time.monotonic() - started < 2
    assert not result.printed and result.status is Status.OFFLINE
    assert isinstance(result.error, PrinterTimeout)
    assert sim.tickets == []


@pytest.mark.parametrize("where", ["tcp", "pty"])
def test_printer_that_stops_answering_mid_job(sim: VirtualPrinter, where: str) -> None:
    uri = _uri(sim, where)
    sim.set_state("silent", after_bytes=QUERIES + 150)  # answers the check, hangs 150 bytes in
    with TicketPrinter.from_uri(uri, **FAST) as printer:
        started = time.monotonic()
        result = printer.print(JOB)
        elapsed = time.monotonic() - started
        assert printer.status is Status.OFFLINE
    assert not result.printed
    assert isinstance(result.error, PrinterTimeout)
    assert result.bytes_sent == len(JOB)
    assert elapsed < 3  # confirm_timeout 0.5 + size allowance ~0.35 s, never a hang
    assert sim.tickets == []


def test_big_job_to_a_printer_that_hangs_fails_on_the_write(sim: VirtualPrinter) -> None:
    """Over the pty the job no longer fits the line's buffer: the write itself times out."""
    pty = sim.start_pty()
    sim.set_state("silent", after_bytes=QUERIES + 100)
    big = render_ticket(sample_ticket("ar")) * 8  # ~35 kB
    with TicketPrinter.from_uri(f"serial://{pty}?timeout=0.5", **FAST) as printer:
        started = time.monotonic()
        result = printer.print(big)
        assert time.monotonic() - started < 3
    assert not result.printed and result.status is Status.OFFLINE
    assert isinstance(result.error, PrinterTimeout)
    assert result.bytes_sent == 0


def test_refused_connection(refused_port: int) -> None:
    with TicketPrinter.from_uri(f"tcp://127.0.0.1:{refused_port}", **FAST) as printer:
        started = time.monotonic()
        result = printer.print(JOB)
        assert time.monotonic() - started < 1
    assert not result.printed and result.status is Status.OFFLINE
    assert isinstance(result.error, PrinterUnreachable)
    assert f"127.0.0.1:{refused_port}" in str(result.error)


@pytest.mark.parametrize(
    "uri", ["file:///dev/dintur-no-printer", "serial:///dev/ttyDINTUR9", "usb://04b8:0e15"]
)
def test_missing_device(uri: str) -> None:
    with TicketPrinter.from_uri(uri, **FAST) as printer:
        result = printer.print(JOB)
        assert printer.poll() is Status.OFFLINE
    assert not result.printed and result.status is Status.OFFLINE
    assert isinstance(result.error, PrinterUnreachable)
    assert uri.split("?")[0][:14] in str(result.error)


def test_bad_uri_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown scheme") as caught:
        TicketPrinter.from_uri("lpt1://printer")
    assert isinstance(caught.value, InvalidPrinterUri)


@contextmanager
def fake_printer(answer: Callable[[int], bytes]) -> Iterator[str]:
    """A raw TCP device answering each DLE EOT n with answer(n) (b"": nothing)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(0.05)
                buf = b""
                while not stop.is_set():
                    try:
                        data = conn.recv(4096)
                        if not data:
                            break
                        buf += data
                        while (i := buf.find(b"\x10\x04")) >= 0 and len(buf) >= i + 3:
                            conn.sendall(answer(buf[i + 2]))
                            buf = buf[i + 3 :]
                    except TimeoutError:
                        continue
                    except OSError:  # the client hung up with our reply unread
                        break

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


@pytest.mark.parametrize(
    "answer",
    [
        lambda n: b"\xff",  # not a status byte
        lambda n: b"OK\r\n",  # chatty
        lambda n: b"\x12" if n == 1 else b"",  # answers only the first query
        lambda n: b"\x00\x12",  # a junk byte first
    ],
    ids=["ff", "text", "partial", "junk-first"],
)
def test_garbage_status_replies_never_print(answer: Callable[[int], bytes]) -> None:
    with fake_printer(answer) as uri, TicketPrinter.from_uri(uri, **FAST) as printer:
        status = printer.poll()
        result = printer.print(JOB)
    assert status is Status.UNKNOWN
    assert not result.printed and result.status is Status.UNKNOWN


def test_on_status_change_reports_each_change_once(sim: VirtualPrinter, tcp_uri: str) -> None:
    changes: list[tuple[Status, Status]] = []
    printer = TicketPrinter.from_uri(
        tcp_uri, **FAST, on_status_change=lambda old, new: changes.append((old, new))
    )
    with printer:
        assert printer.poll() is Status.OK
        assert printer.poll() is Status.OK
        sim.set_state("paper_low")
        assert printer.print(JOB).printed
        sim.set_state("paper_out")
        assert printer.poll() is Status.PAPER_OUT
        sim.set_state("ok")
        assert printer.poll() is Status.OK
    assert changes == [
        (Status.UNKNOWN, Status.OK),
        (Status.OK, Status.PAPER_LOW),
        (Status.PAPER_LOW, Status.PAPER_OUT),
        (Status.PAPER_OUT, Status.OK),
    ]


def test_a_failing_callback_does_not_break_printing(sim: VirtualPrinter, tcp_uri: str) -> None:
    def broken(old: Status, new: Status) -> None:
        raise RuntimeError("reporting is down")

    with TicketPrinter.from_uri(tcp_uri, **FAST, on_status_change=broken) as printer:
        assert printer.print(JOB).printed


def test_poll_reconnects_after_the_printer_comes_back(tmp_path: Path) -> None:
    first = VirtualPrinter(tmp_path / "a")
    host, port = first.start_tcp()
    printer = TicketPrinter.from_uri(f"tcp://{host}:{port}", **FAST)
    assert printer.poll() is Status.OK
    first.stop()
    assert printer.poll() is Status.OFFLINE
    with VirtualPrinter(tmp_path / "b") as second:
        second.start_tcp(host, port)
        assert printer.poll() is Status.OK
        assert printer.print(JOB).printed
    printer.close()


def test_status_off_for_write_only_devices(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    target.write_bytes(b"")
    with TicketPrinter.from_uri(f"file://{target}?status=off", **FAST) as printer:
        result = printer.print(JOB)
    assert result.printed and result.status is Status.UNKNOWN
    assert target.read_bytes() == JOB


def _uri(sim: VirtualPrinter, where: str) -> str:
    if where == "tcp":
        host, port = sim.start_tcp()
        return f"tcp://{host}:{port}"
    return f"serial://{sim.start_pty()}?baudrate=115200"


def test_print_reconnects_when_the_printer_dropped_an_idle_connection(tmp_path: Path) -> None:
    first = VirtualPrinter(tmp_path / "a")
    host, port = first.start_tcp()
    printer = TicketPrinter.from_uri(f"tcp://{host}:{port}", **FAST)
    assert printer.print(JOB).printed
    first.stop()  # the printer restarts; our connection is dead but we don't know yet
    with VirtualPrinter(tmp_path / "b") as second:
        second.start_tcp(host, port)
        result = printer.print(JOB)
        assert result.printed, result.error
        assert len(second.wait_for_tickets(1)) == 1
    printer.close()
