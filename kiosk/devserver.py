"""A queue server of the kiosk's own, for the demo and the screenshots.

Runs `dintur server` in a child process on a temporary SQLite database on 127.0.0.1 and
mints a kiosk token with `dintur admin token` (queue_server.auth.create_token) for it.
Only a server the kiosk started itself gets a token this way; any other needs --token.
"""

from __future__ import annotations

import contextlib
import ctypes
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

CLI = [sys.executable, "-m", "dintur.cli"]


class ServerFailed(Exception):
    pass


def _die_with_parent() -> None:
    """In the child: end when the kiosk ends, even if it is killed (Linux)."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class OwnServer:
    config_dir: Path
    branch: str
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="dintur-kiosk-")))
    port: int = field(default_factory=free_port)
    token: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.folder / 'kiosk.db'}"

    def mint_token(self, role: str = "kiosk") -> str:
        out = subprocess.run(
            [*CLI, "admin", "--database-url", self.database_url, "token", "--role", role]
            + ([] if role == "admin" else ["--branch", self.branch])
            + ["--label", f"{role} (kiosk demo)"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if out.returncode != 0:
            raise ServerFailed(f"could not make a {role} token: {out.stderr.strip()[-300:]}")
        return out.stdout.strip().splitlines()[-1]

    def start(self, timeout: float = 30.0) -> OwnServer:
        if not self.token:
            self.token = self.mint_token()  # also creates and migrates the database
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [
                *CLI,
                "server",
                "--config",
                str(self.config_dir),
                "--database-url",
                self.database_url,
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"the server stopped at once; see {self.folder / 'server.log'}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise ServerFailed(f"the server did not answer within {timeout:g} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
