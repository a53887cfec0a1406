"""A virtual ESC/POS printer on a TCP port and a serial pty, with settable faults.

    with VirtualPrinter(tmp_path) as sim:
        host, port = sim.start_tcp()
        path = sim.start_pty()
        sim.set_state("paper_out")               # now, or after N more bytes:
        sim.set_state("silent", after_bytes=200)  # a printer that hangs mid-job
        receipt = sim.wait_for_tickets(1)[0]     # text lines, QR data, PNG path

Each cut becomes one PNG (the paper as printed, `width_dots` wide) and one .txt.
The states and their status replies are in `states`.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import select
import socket
import threading
import time
import tty
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from printers.sim.decoder import Command, Decoder
from printers.sim.paper import Paper
from printers.sim.render import render
from printers.sim.sheet import Sheet
from printers.sim.states import DISCARDING, SimState, status_reply

log = logging.getLogger(__name__)

POLL_S = 0.05  # how often idle loops look at the stop flag


@dataclass(frozen=True)
class Receipt:
    """One cut's worth of paper."""

    index: int
    text_lines: tuple[str, ...]  # rows of text, as decoded with the selected code page
    listing: tuple[str, ...]  # every row; images as "[QR …]", "[raster WxH]"
    qr_codes: tuple[str, ...]
    images: tuple[tuple[int, int], ...]  # raster images (width, height), QR codes included
    png: Path
    txt: Path
    source: str  # "tcp 127.0.0.1:40123" or "pty /dev/pts/4"
    received_at: float  # time.perf_counter() when the bytes with the cut arrived


class _Session:
    """One stream of bytes (a TCP connection or the pty) and its print engine."""

    def __init__(self, source: str, width: int, reply: Callable[[bytes], None]) -> None:
        self.source = source
        self.decoder = Decoder()
        self.paper = Paper(width)
        self.reply = reply
        self.damaged = False  # data was discarded since the last cut
        self.chunk_at = 0.0  # perf_counter() when the chunk being decoded arrived
        self.silent_budget = 0


class VirtualPrinter:
    def __init__(
        self,
        out_dir: Path | str,
        *,
        width_dots: int = 576,
        state: SimState | str = SimState.OK,
        slow_bps: int = 2000,
        silent_after: int = 64,
        save_png: bool = True,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.width_dots = width_dots
        self.slow_bps = max(1, slow_bps)
        self.silent_after = silent_after
        self.save_png = save_png
        self.bytes_received = 0
        self.discarded = 0  # print commands dropped in a fault state
        self.garbled = 0  # unknown commands skipped
        self.status_queries = 0
        self._state = SimState(state)
        self._scheduled: tuple[SimState, int] | None = None
        self._tickets: list[Receipt] = []
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._pty: tuple[int, int] | None = None
        self._live: set[_Session] = set()
        self._index = self._first_index()
        self._entered(self._state)

    # --- public -----------------------------------------------------------------------

    @property
    def state(self) -> SimState:
        return self._state

    def set_state(self, state: SimState | str, *, after_bytes: int | None = None) -> None:
        """Switch to `state` now, or once `after_bytes` more bytes have come in."""
        new = SimState(state)
        with self._cond:
            if after_bytes is None:
                self._scheduled = None
                self._state = new
                self._entered(new)
            else:
                self._scheduled = (new, self.bytes_received + max(0, after_bytes))
        when = "" if after_bytes is None else f" after {after_bytes} more bytes"
        log.info("virtual printer: %s%s", new.value, when)

    @property
    def tickets(self) -> list[Receipt]:
        with self._cond:
            return list(self._tickets)

    def wait_for_tickets(self, count: int, timeout: float = 5.0) -> list[Receipt]:
        """The first `count` receipts; TimeoutError when fewer arrived in time."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._tickets) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"{len(self._tickets)} of {count} receipts after {timeout:g} s"
                    )
                self._cond.wait(left)
            return list(self._tickets[:count])

    def start_tcp(self, host: str = "127.0.0.1", port: int = 0) -> tuple[str, int]:
        """Listen on host:port (0: any free port); returns the address."""
        listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        try:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, port))
            listener.listen(4)
            listener.settimeout(POLL_S)
        except OSError:
            listener.close()
            raise
        self._listener = listener
        address = listener.getsockname()[:2]
        self._spawn(self._accept_loop, f"sim-tcp-{address[1]}")
        return str(address[0]), int(address[1])

    def start_pty(self) -> str:
        """A serial pty; returns the path a client opens (like /dev/ttyUSB0)."""
        master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no CR/LF translation: a clean 8-bit line
        flags = fcntl.fcntl(master, fcntl.F_GETFL)
        fcntl.fcntl(master, fcntl.F_SETFL, flags | os.O_NONBLOCK)
        self._pty = (master, slave)  # holding the slave keeps the master alive between clients
        path = os.ttyname(slave)
        self._spawn(lambda: self._pty_loop(master, path), "sim-pty")
        return path

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        for sock in list(self._sockets):
            sock.close()
        self._sockets.clear()
        if self._pty is not None:
            for fd in self._pty:
                os.close(fd)
            self._pty = None

    def __enter__(self) -> VirtualPrinter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- loops ------------------------------------------------------------------------

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        listener = self._listener
        assert listener is not None
        while not self._stop.is_set():
            try:
                conn, peer = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(POLL_S)
            self._sockets.add(conn)
            name = f"tcp {peer[0]}:{peer[1]}"
            self._spawn(lambda c=conn, n=name: self._tcp_loop(c, n), f"sim-{name}")  # type: ignore[misc]

    def _tcp_loop(self, conn: socket.socket, name: str) -> None:
        def reply(data: bytes) -> None:
            with contextlib.suppress(OSError):  # the client left: nobody to answer
                conn.sendall(data)

        session = self._open_session(name, reply)
        try:
            while not self._stop.is_set():
                size = self._chunk(session)
                if size == 0:
                    self._stop.wait(POLL_S)
                    continue
                try:
                    data = conn.recv(size)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                self._receive(session, data)
        finally:
            self._end(session)
            self._sockets.discard(conn)
            conn.close()

    def _pty_loop(self, master: int, path: str) -> None:
        def reply(data: bytes) -> None:
            with contextlib.suppress(OSError):  # nobody reads the pty and it is full
                os.write(master, data)

        session = self._open_session(f"pty {path}", reply)
        while not self._stop.is_set():
            size = self._chunk(session)
            if size == 0:
                self._stop.wait(POLL_S)
                continue
            ready, _, _ = select.select([master], [], [], POLL_S)
            if not ready:
                continue
            try:
                data = os.read(master, size)
            except BlockingIOError:
                continue
            except OSError:
                break
            if data:
                self._receive(session, data)
        self._end(session)

    def _chunk(self, session: _Session) -> int:
        """How many bytes to read next: 0 means don't read now."""
        state = self._state
        if state is SimState.SILENT:
            return min(4096, session.silent_budget)
        if state is SimState.SLOW:
            size = max(1, self.slow_bps // 20)
            time.sleep(size / self.slow_bps)
            return size
        return 65536

    # --- bytes to paper ---------------------------------------------------------------

    def _receive(self, session: _Session, data: bytes) -> None:
        session.chunk_at = time.perf_counter()
        while data:
            with self._cond:
                scheduled = self._scheduled
                if scheduled is not None and self.bytes_received >= scheduled[1]:
                    self._scheduled = None
                    self._state = scheduled[0]
                    self._entered(scheduled[0])
                    scheduled = None
                limit = len(data) if scheduled is None else scheduled[1] - self.bytes_received
                part, data = data[:limit], data[limit:]
                self.bytes_received += len(part)
                state = self._state
            if state is SimState.SILENT:
                session.silent_budget = max(0, session.silent_budget - len(part))
                continue  # swallowed: a hung printer neither prints nor answers
            for cmd in session.decoder.feed(part):
                self._command(session, cmd, state)

    def _entered(self, state: SimState) -> None:
        if state is SimState.SILENT:  # each stream may still take a few bytes, then hangs
            for session in self._live:
                session.silent_budget = self.silent_after

    def _command(self, session: _Session, cmd: Command, state: SimState) -> None:
        if cmd.name in ("status", "transmit_status"):
            if cmd.name == "status":
                self.status_queries += 1
            answer = status_reply(cmd, state)
            if answer is not None:
                session.reply(answer)
            return
        if cmd.name == "unknown":
            self.garbled += 1
            log.debug("%s: skipped garbled bytes %s", session.source, cmd.raw[:16].hex(" "))
            return
        if state in DISCARDING:
            if cmd.name != "init":
                self.discarded += 1
                session.damaged = True
            return
        if session.damaged:  # paper ran out mid-sheet: what was on it is lost
            session.paper.discard()
            session.damaged = False
        if cmd.name == "cut":
            sheet = session.paper.cut()
            if not sheet.empty:
                self._finish(session, sheet)
            return
        session.paper.apply(cmd)

    def _finish(self, session: _Session, sheet: Sheet) -> None:
        at = session.chunk_at
        with self._cond:
            index = self._index
            self._index += 1
        stem = self.out_dir / f"receipt-{index:04d}"
        png, txt = stem.with_suffix(".png"), stem.with_suffix(".txt")
        txt.write_text("\n".join(sheet.listing) + "\n", encoding="utf-8")
        if self.save_png:
            render(sheet, self.width_dots).save(png)
        receipt = Receipt(
            index=index,
            text_lines=tuple(sheet.text_lines),
            listing=tuple(sheet.listing),
            qr_codes=tuple(sheet.qr_codes),
            images=tuple(sheet.images),
            png=png,
            txt=txt,
            source=session.source,
            received_at=at,
        )
        log.info("%s: receipt %d, %d lines -> %s", session.source, index, len(sheet.rows), png)
        with self._cond:
            self._tickets.append(receipt)
            self._cond.notify_all()

    def _open_session(self, source: str, reply: Callable[[bytes], None]) -> _Session:
        session = _Session(source, self.width_dots, reply)
        with self._cond:
            session.silent_budget = self.silent_after
            self._live.add(session)
        return session

    def _end(self, session: _Session) -> None:
        with self._cond:
            self._live.discard(session)
        rest = session.decoder.flush()
        if rest:
            self.garbled += 1
            log.debug("%s: %d bytes of an unfinished command dropped", session.source, len(rest))

    def _first_index(self) -> int:
        numbers = [int(p.stem.split("-")[-1]) for p in self.out_dir.glob("receipt-[0-9]*.txt")]
        return max(numbers, default=0) + 1
