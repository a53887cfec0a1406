"""`dintur printer`: run the virtual printer, or print a test ticket to a real one.

dintur printer sim [--tcp HOST:PORT] [--pty] [--out DIR] [--state STATE] [--paper 80mm]
dintur printer test URI [--paper 80mm|58mm] [--codepage cp865[:TABLE]]
dintur printer status URI
dintur printer screenshots [DIR]
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import tempfile
import threading
from pathlib import Path

from printers.device import TicketPrinter
from printers.errors import InvalidPrinterUri
from printers.layout import render_ticket
from printers.profile import PROFILES, PaperProfile, paper
from printers.samples import printer_test_ticket
from printers.status import Status

STATES = ("ok", "paper_low", "paper_out", "cover_open", "offline", "slow", "silent")


def _address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, not {text!r}")
    return host.strip("[]") or "127.0.0.1", int(port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dintur printer", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    sim = sub.add_parser(
        "sim",
        help="run a virtual ESC/POS printer; without --tcp/--pty on 127.0.0.1:9100 and a pty",
    )
    sim.add_argument(
        "--tcp", type=_address, metavar="HOST:PORT", help="listen here (0: any free port)"
    )
    sim.add_argument("--pty", action="store_true", help="offer a serial pty")
    sim.add_argument(
        "--out",
        type=Path,
        default=Path(tempfile.gettempdir()) / "dintur-printer",
        help="folder for a PNG and a .txt per receipt (default: %(default)s)",
    )
    sim.add_argument("--state", choices=STATES, default="ok", help="start in this state")
    sim.add_argument("--paper", choices=sorted(PROFILES), default="80mm")
    sim.add_argument("--slow-bps", type=int, default=2000, help="bytes/s in the slow state")
    sim.add_argument("--duration", type=float, default=None, help="stop after S seconds")

    test = sub.add_parser("test", help="print a Danish test ticket and report the status")
    test.add_argument("uri", help="usb://VID:PID, serial:///dev/ttyUSB0, tcp://HOST:9100, …")
    test.add_argument("--paper", choices=sorted(PROFILES), default="80mm")
    test.add_argument("--codepage", default="cp865", help="codec[:ESC t table], e.g. cp1252:16")

    status = sub.add_parser("status", help="ask a printer for its status (DLE EOT)")
    status.add_argument("uri")

    shots = sub.add_parser("screenshots", help="regenerate docs/screenshots/printers")
    shots.add_argument("out", nargs="?", type=Path, default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "sim":
        return _sim(args)
    if args.command == "test":
        return _test(args)
    if args.command == "status":
        return _status(args)
    from printers.sim.screenshots import DEFAULT_OUT, make_screenshots

    for path in make_screenshots(args.out or DEFAULT_OUT):
        print(path)
    return 0


def _sim(args: argparse.Namespace) -> int:
    from printers.sim.printer import VirtualPrinter

    # force: this process logs to stderr, whatever an import set up
    logging.basicConfig(level=logging.INFO, format="%(message)s", force=True)
    profile = paper(args.paper)
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
    with VirtualPrinter(
        args.out, width_dots=profile.width_dots, state=args.state, slow_bps=args.slow_bps
    ) as sim:
        both = args.tcp is None and not args.pty  # no flags: TCP on 9100 and a pty
        if args.tcp is not None or both:
            address = args.tcp or ("127.0.0.1", 9100)
            try:
                host, port = sim.start_tcp(*address)
            except OSError as exc:
                print(f"dintur printer sim: can't listen on {address}: {exc}", file=sys.stderr)
                return 1
            shown = f"[{host}]" if ":" in host else host
            print(f"virtual printer: tcp://{shown}:{port}", flush=True)
        if args.pty or both:
            print(f"virtual printer: serial://{sim.start_pty()}", flush=True)
        print(
            f"paper {profile.name}, state {sim.state.value}, receipts in {args.out}; "
            f"type a state ({', '.join(STATES)}) and Enter to change it",
            flush=True,
        )

        def read_states() -> None:
            for line in sys.stdin:
                word = line.strip()
                if word in STATES:
                    sim.set_state(word)
                    print(f"state: {word}", flush=True)
                elif word:
                    print(f"unknown state {word!r}; one of {', '.join(STATES)}", flush=True)

        if sys.stdin is not None and not sys.stdin.closed:
            threading.Thread(target=read_states, name="sim-stdin", daemon=True).start()
        stop.wait(args.duration)
    return 0


def _profile(args: argparse.Namespace) -> PaperProfile:
    codec, _, table = args.codepage.partition(":")
    base = paper(args.paper)
    return base.with_codepage(codec, int(table) if table else None)


def _test(args: argparse.Namespace) -> int:
    try:
        profile = _profile(args)
        printer = TicketPrinter.from_uri(args.uri)
    except (InvalidPrinterUri, ValueError) as exc:
        print(f"dintur printer test: {exc}", file=sys.stderr)
        return 2
    job = render_ticket(printer_test_ticket(), profile)
    with printer:
        result = printer.print(job)
    verdict = "printed" if result.printed else "NOT printed"
    print(f"{verdict}: {len(job)} bytes to {printer.device} in {result.seconds:.2f} s")
    print(f"status: {result.status.value}")
    if result.error is not None:
        print(f"error: {result.error}")
    return 0 if result.printed else 1


def _status(args: argparse.Namespace) -> int:
    try:
        printer = TicketPrinter.from_uri(args.uri)
    except InvalidPrinterUri as exc:
        print(f"dintur printer status: {exc}", file=sys.stderr)
        return 2
    with printer:
        status = printer.poll()
    print(f"{printer.device}: {status.value}")
    if printer.last_error is not None:
        print(f"error: {printer.last_error}")
    return 0 if status is Status.OK else 1


if __name__ == "__main__":
    raise SystemExit(main())
