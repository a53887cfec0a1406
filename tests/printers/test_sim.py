"""The virtual printer: decoding, rendering, fault answers, garbage, and its CLI."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from printers.cli import main as cli_main
from printers.device import TicketPrinter
from printers.layout import compose_ticket, render_ticket
from printers.profile import PAPER_80MM
from printers.samples import sample_ticket
from printers.sim import VirtualPrinter
from printers.sim.decoder import Command, Decoder
from printers.sim.paper import Paper
from printers.sim.render import render
from printers.transports import TcpTransport

from .conftest import FAST

ROOT = Path(__file__).resolve().parents[2]
JOB = render_ticket(sample_ticket("da"))


def decode_all(data: bytes, chunk: int) -> list[Command]:
    decoder = Decoder()
    out: list[Command] = []
    for i in range(0, len(data), chunk):
        out += decoder.feed(data[i : i + chunk])
    return out + decoder.flush()


def test_decoder_frames_every_command_of_a_ticket() -> None:
    commands = decode_all(render_ticket(sample_ticket("ar")), 1 << 20)
    names = [c.name for c in commands]
    assert names[:3] == ["init", "codepage", "charset"]
    assert names.count("raster") == 7  # the service name, the note and five labels
    assert names.count("code2d") == 5  # model, size, level, store, print
    assert names[-2:] == ["feed_lines", "cut"]
    assert "unknown" not in names
    assert b"".join(c.raw for c in commands) == render_ticket(sample_ticket("ar"))


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
def test_decoding_does_not_depend_on_how_bytes_arrive(chunk: int) -> None:
    data = render_ticket(sample_ticket("ar"))
    whole = decode_all(data, len(data))

    def merged(commands: list[Command]) -> list[tuple[str, bytes]]:
        out: list[tuple[str, bytes]] = []
        for c in commands:  # text runs may split across chunks: join them back
            if out and c.name == "text" and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + c.raw)
            else:
                out.append((c.name, c.raw))
        return out

    assert merged(decode_all(data, chunk)) == merged(whole)


# command heads, so random data also hits the length-prefixed and image paths
HEADS = [b"\x1d(k", b"\x1d(L", b"\x1dv0", b"\x1d8L", b"\x1b*", b"\x1dV", b"\x1dk", b"\x1bD"]
HEADS += [b"\x10\x04", b"\x10\x14", b"\x1b!", b"\x1d!", b"\x1bt", b"\x1c(", b"\x1b@", b"\n"]
garbage = st.lists(st.one_of(st.binary(max_size=12), st.sampled_from(HEADS)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(garbage.map(b"".join))
def test_garbage_never_crashes_the_decoder_or_the_paper(data: bytes) -> None:
    commands = decode_all(data, 17)
    assert b"".join(c.raw for c in commands) == data  # every byte accounted for, once
    paper = Paper(384)
    for cmd in commands:
        paper.apply(cmd)
    sheet = paper.cut()
    render(sheet, 384)


def test_garbled_bytes_between_tickets_are_skipped(sim: VirtualPrinter, tcp_uri: str) -> None:
    garbage = b"\x1b\xff\x07\x1d\xfe\x1c\xf0\x10\x99\x01\x02"
    host, port = tcp_uri.removeprefix("tcp://").split(":")
    with TcpTransport(host, int(port)) as transport:
        transport.write(garbage + JOB + garbage + JOB)
    receipts = sim.wait_for_tickets(2)
    assert sim.garbled >= 4
    assert receipts[1].text_lines == compose_ticket(sample_ticket("da")).text_lines


@pytest.mark.parametrize(
    ("state", "replies"),
    [
        ("ok", b"\x12\x12\x12"),
        ("paper_low", b"\x12\x12\x1e"),
        ("paper_out", b"\x1a\x32\x72"),
        ("cover_open", b"\x1a\x16\x12"),
        ("offline", b"\x1a\x12\x12"),
        ("slow", b"\x12\x12\x12"),
    ],
)
def test_dle_eot_replies_per_state(sim: VirtualPrinter, state: str, replies: bytes) -> None:
    sim.set_state(state)
    host, port = sim.start_tcp()
    with TcpTransport(host, port) as transport:
        got = b""
        for n in (1, 2, 4):
            transport.write(b"\x10\x04" + bytes((n,)))
            got += transport.read(1, 1.0)
    assert got == replies


def test_gs_r_paper_sensor_reply(sim: VirtualPrinter) -> None:
    host, port = sim.start_tcp()
    sim.set_state("paper_out")
    with TcpTransport(host, port) as transport:
        transport.write(b"\x1dr\x01")
        assert transport.read(1, 1.0) == b"\x0c"


def test_png_is_the_paper_width_with_ink_and_txt_lists_every_row(
    sim: VirtualPrinter, tcp_uri: str
) -> None:
    with TicketPrinter.from_uri(tcp_uri, **FAST) as printer:
        assert printer.print(render_ticket(sample_ticket("ar"), PAPER_80MM)).printed
    (receipt,) = sim.wait_for_tickets(1)
    with Image.open(receipt.png) as png:
        assert png.width == 576
        assert 700 < png.height < 1400
        gray = png.convert("L")
        assert gray.getextrema() == (0, 255)
        # the number is big: a row in its band is mostly black in the middle
        assert sum(1 for x in range(576) if gray.getpixel((x, 180)) == 0) > 60
    listing = receipt.txt.read_text(encoding="utf-8").splitlines()
    assert "Borgerservice Ørestad" in listing
    assert any(line.startswith("[raster ") for line in listing)
    assert "[QR https://dintur.aarhus.dk/t/3f9c2a7e]" in listing


def test_receipt_numbers_continue_in_an_existing_folder(tmp_path: Path) -> None:
    for expected in (1, 2):
        with VirtualPrinter(tmp_path) as sim:
            host, port = sim.start_tcp()
            with TcpTransport(host, port) as transport:
                transport.write(JOB)
            assert sim.wait_for_tickets(1)[0].index == expected
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "receipt-0001.png",
        "receipt-0002.png",
    ]


def test_wait_for_tickets_times_out(sim: VirtualPrinter) -> None:
    with pytest.raises(TimeoutError, match="0 of 1"):
        sim.wait_for_tickets(1, timeout=0.1)


def test_cli_test_prints_the_danish_sample(
    sim: VirtualPrinter, tcp_uri: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["test", tcp_uri]) == 0
    (receipt,) = sim.wait_for_tickets(1)
    assert receipt.text_lines[0] == "Æbleskiver på Ørestad Å"
    assert "Testudskrift æøå ÆØÅ" in receipt.text_lines
    assert receipt.qr_codes == ("https://dintur.example.dk/printer-test",)
    out = capsys.readouterr().out
    assert "printed:" in out and "status: ok" in out


def test_cli_test_reports_failures(refused_port: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["test", f"tcp://127.0.0.1:{refused_port}"]) == 1
    assert "NOT printed" in capsys.readouterr().out
    assert cli_main(["test", "lpt://x"]) == 2
    assert "unknown scheme" in capsys.readouterr().err


def test_cli_status(sim: VirtualPrinter, tcp_uri: str, capsys: pytest.CaptureFixture[str]) -> None:
    sim.set_state("cover_open")
    assert cli_main(["status", tcp_uri]) == 1
    assert "cover_open" in capsys.readouterr().out


@pytest.mark.slow
def test_cli_sim_runs_tcp_and_pty_and_stops_on_sigterm(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "printers.cli",
            "sim",
            "--tcp",
            "127.0.0.1:0",
            "--pty",
            "--out",
            str(tmp_path),
            "--state",
            "paper_low",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None and proc.stdin is not None
        tcp = proc.stdout.readline().split()[-1]
        serial = proc.stdout.readline().split()[-1]
        assert tcp.startswith("tcp://127.0.0.1:") and serial.startswith("serial:///dev/")
        with TicketPrinter.from_uri(tcp, **FAST) as printer:
            result = printer.print(JOB)
            assert result.printed and result.status.value == "paper_low"
            proc.stdin.write("paper_out\n")
            proc.stdin.flush()
            deadline = time.monotonic() + 5
            while printer.poll().value != "paper_out" and time.monotonic() < deadline:
                time.sleep(0.05)
            assert printer.status.value == "paper_out"
        with TicketPrinter.from_uri(serial, **FAST) as printer:
            assert printer.poll().value == "paper_out"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
    assert (tmp_path / "receipt-0001.png").is_file()
    assert "Borgerservice Ørestad" in (tmp_path / "receipt-0001.txt").read_text(encoding="utf-8")


def test_cli_sim_reports_a_busy_port(
    sim: VirtualPrinter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    host, port = sim.start_tcp()
    argv = ["sim", "--tcp", f"{host}:{port}", "--out", str(tmp_path), "--duration", "0"]
    assert cli_main(argv) == 1
    assert "can't listen" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (apt zbar-tools) missing")
@pytest.mark.parametrize(("width", "paper"), [(576, "80mm"), (384, "58mm")])
def test_printed_qr_code_scans(tmp_path: Path, width: int, paper: str) -> None:
    from printers.profile import paper as profile_for

    with VirtualPrinter(tmp_path, width_dots=width) as sim:
        host, port = sim.start_tcp()
        with TicketPrinter.from_uri(f"tcp://{host}:{port}", **FAST) as printer:
            assert printer.print(render_ticket(sample_ticket("ar"), profile_for(paper))).printed
        (receipt,) = sim.wait_for_tickets(1)
    out = subprocess.run(
        ["zbarimg", "-q", "--raw", str(receipt.png)], capture_output=True, text=True, timeout=30
    )
    assert out.stdout.strip() == "https://dintur.aarhus.dk/t/3f9c2a7e"
