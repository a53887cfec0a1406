"""Printing benchmark: prints one JSON object.

  - render time (mean/p99 µs) and bytes per ticket: Danish 80 mm and 58 mm, Arabic and
    Polish 80 mm (labels in their own language: Arabic all raster, Polish partly)
  - what those bytes take on a serial line at 9600 and 115200 baud (8N1: 10 bits a byte)
  - time from `TicketPrinter.print()` to the last byte (the cut) decoded by the virtual
    printer, over TCP and over a serial pty, and the whole print() with its status
    confirmation (p50/p99 over a bounded number of runs)
Everything stays on 127.0.0.1 and a local pty.

    .venv/bin/python bench/printing.py [--renders 300] [--prints 60]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from printers.device import TicketPrinter  # noqa: E402
from printers.layout import compose_ticket  # noqa: E402
from printers.profile import PAPER_58MM, PAPER_80MM, PaperProfile  # noqa: E402
from printers.samples import sample_ticket  # noqa: E402
from printers.sim.printer import VirtualPrinter  # noqa: E402

CASES: dict[str, tuple[str, PaperProfile]] = {
    "da_80mm": ("da", PAPER_80MM),
    "da_58mm": ("da", PAPER_58MM),
    "ar_80mm": ("ar", PAPER_80MM),
    "pl_80mm": ("pl", PAPER_80MM),
}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def bench_render(runs: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name, (lang, profile) in CASES.items():
        ticket = sample_ticket(lang)
        compose_ticket(ticket, profile)  # warm caches (fonts, profiles)
        times: list[float] = []
        size = 0
        for _ in range(runs):
            t0 = time.perf_counter()
            job = compose_ticket(ticket, profile)
            times.append((time.perf_counter() - t0) * 1e6)
            size = len(job.data)
        out[name] = {
            "render_mean_us": round(statistics.fmean(times), 1),
            "render_p99_us": round(pct(times, 99), 1),
            "bytes": size,
            "raster_lines": len(job.raster_lines),
            "seconds_at_9600_baud": round(size * 10 / 9600, 3),
            "seconds_at_115200_baud": round(size * 10 / 115200, 4),
        }
    return out


def bench_transport(runs: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for lang in ("da", "ar"):
        job = compose_ticket(sample_ticket(lang), PAPER_80MM).data
        with tempfile.TemporaryDirectory() as tmp, VirtualPrinter(tmp, save_png=False) as sim:
            host, port = sim.start_tcp()
            pty = sim.start_pty()
            uris = {"tcp": f"tcp://{host}:{port}", "pty_serial": f"serial://{pty}?baudrate=115200"}
            for kind, uri in uris.items():
                to_last_byte: list[float] = []
                whole: list[float] = []
                with TicketPrinter.from_uri(uri) as printer:
                    printer.poll()  # connect once, as a kiosk does
                    for _ in range(runs):
                        seen = len(sim.tickets)
                        t0 = time.perf_counter()
                        result = printer.print(job)
                        t1 = time.perf_counter()
                        if not result.printed:
                            raise RuntimeError(f"{kind}: not printed: {result.error}")
                        receipt = sim.wait_for_tickets(seen + 1)[seen]
                        to_last_byte.append((receipt.received_at - t0) * 1000)
                        whole.append((t1 - t0) * 1000)
                out[f"{lang}_80mm_{kind}"] = {
                    "bytes": len(job),
                    "runs": runs,
                    "to_last_byte_p50_ms": round(pct(to_last_byte, 50), 3),
                    "to_last_byte_p99_ms": round(pct(to_last_byte, 99), 3),
                    "print_confirmed_p50_ms": round(pct(whole, 50), 3),
                    "print_confirmed_p99_ms": round(pct(whole, 99), 3),
                }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renders", type=int, default=300)
    parser.add_argument("--prints", type=int, default=60)
    args = parser.parse_args()
    report = {
        "render": bench_render(max(1, min(args.renders, 10_000))),
        "transport": bench_transport(max(1, min(args.prints, 1_000))),
        "notes": (
            "pty serial ignores the baud rate, so it measures the software path only; "
            "a real 9600/115200 line adds the seconds_at_* figures from 'render'"
        ),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
