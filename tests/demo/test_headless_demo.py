"""`dintur demo --headless`: an hour of a working day in about a minute, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_an_hour_at_60x_serves_citizens_and_prints_tickets(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "dintur.cli",
            "demo",
            "--headless",
            "--minutes",
            "60",
            "--speed",
            "60",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    summary = json.loads(proc.stdout)
    assert summary == json.loads((tmp_path / "summary.json").read_text())
    # a busy Dokk1 morning plus the local libraries that are open
    assert "dokk1" in summary["branches"] and len(summary["branches"]) >= 2
    assert 40 <= summary["tickets_issued"] <= 200
    assert summary["served"] >= summary["tickets_issued"] // 2
    assert summary["no_shows"] < summary["tickets_issued"] * 0.2
    # every paper ticket reached the virtual printer and became a PNG
    assert summary["print_failures"] == 0
    assert summary["printed"] + summary["paperless"] == summary["tickets_issued"]
    assert summary["ticket_pngs"] == summary["printed"]
    assert len(list((tmp_path / "tickets").rglob("*.png"))) == summary["printed"]
    waits = summary["wait_min"]
    assert 0 <= waits["mean"] <= waits["p90"] <= waits["max"] < 60
    assert summary["prediction"]["tickets"] > 0
    assert summary["prediction"]["mean_abs_error_min"] is not None
    assert summary["errors"] == {}
    assert summary["simulated_minutes"] == 60 and summary["speed"] == 60
