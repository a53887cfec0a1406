"""Regenerate docs/screenshots/printers/: sample tickets printed on the virtual printer.

    .venv/bin/python -m printers.sim.screenshots [OUT_DIR]

Every PNG comes from the real bytes: render_ticket -> TicketPrinter over TCP -> the
virtual printer decodes the stream and draws the paper.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from printers.device import TicketPrinter
from printers.layout import render_guide, render_ticket
from printers.profile import PAPER_58MM, PAPER_80MM
from printers.samples import sample_guide, sample_ticket
from printers.sim.printer import VirtualPrinter

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "docs" / "screenshots" / "printers"
LANGUAGES = ("da", "en", "ar", "uk", "pl")


def make_screenshots(out_dir: Path = DEFAULT_OUT) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    for profile in (PAPER_80MM, PAPER_58MM):
        jobs = [
            (f"ticket-{profile.name}-{lang}", render_ticket(sample_ticket(lang), profile))
            for lang in LANGUAGES
        ]
        jobs.append((f"guide-{profile.name}-da", render_guide(sample_guide("da"), "da", profile)))
        with (
            tempfile.TemporaryDirectory() as tmp,
            VirtualPrinter(tmp, width_dots=profile.width_dots) as sim,
        ):
            host, port = sim.start_tcp()
            with TicketPrinter.from_uri(f"tcp://{host}:{port}") as printer:
                for name, job in jobs:
                    result = printer.print(job)
                    if not result.printed:
                        raise RuntimeError(f"{name}: not printed: {result.error}")
            receipts = sim.wait_for_tickets(len(jobs))
            for (name, _), receipt in zip(jobs, receipts, strict=True):
                target = out_dir / f"{name}.png"
                shutil.copyfile(receipt.png, target)
                made.append(target)
    return made


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    for path in make_screenshots(out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
