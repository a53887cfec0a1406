"""Printer fixtures: a virtual printer on 127.0.0.1 and a pty, a refused port, no leaks."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from printers.sim import VirtualPrinter

FAST: dict[str, Any] = {"status_timeout": 0.3, "confirm_timeout": 0.5}  # TicketPrinter timeouts


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(tmp_path / "sim", slow_bps=4000) as printer:
        yield printer


@pytest.fixture
def tcp_uri(sim: VirtualPrinter) -> str:
    host, port = sim.start_tcp()
    return f"tcp://{host}:{port}"


@pytest.fixture
def pty_path(sim: VirtualPrinter) -> str:
    return sim.start_pty()


@pytest.fixture
def refused_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
