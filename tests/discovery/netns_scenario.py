"""Discovery and pairing scenarios, run INSIDE a private network namespace.

test_discovery.py starts this with `unshare --net`; it brings up only `lo` with multicast,
so mDNS never touches the host's interfaces. Prints one JSON line with what it saw.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from queue_server.client.discovery import DiscoveryError, discover  # noqa: E402
from queue_server.client.pairing import device_token  # noqa: E402

LO = ["127.0.0.1"]


def server(config: Path, port: int, db: Path, log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "dintur.cli", "server", "--config", str(config)]
    cmd += ["--database-url", f"sqlite:///{db}", "--port", str(port), "--log-level", "warning"]
    cmd += ["--advertise", "--advertise-address", "127.0.0.1"]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"server on {port} did not start: {log.read_text()}")


def admin(db: Path, *args: str) -> str:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "dintur.cli",
            "admin",
            "--database-url",
            f"sqlite:///{db}",
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return out.stdout


def two_servers(tmp: Path) -> dict[str, object]:
    """Two servers for different branches: each device finds the one with its branch."""
    only_gellerup, only_dokk1 = tmp / "gellerup-site", tmp / "dokk1-site"
    for site, other in ((only_gellerup, "dokk1"), (only_dokk1, "gellerup")):
        subprocess.run(["cp", "-r", str(ROOT / "config" / "demo"), str(site)], check=True)
        (site / "branches" / f"{other}.toml").unlink()
    a = server(only_dokk1, 18101, tmp / "a.db", tmp / "a.log")
    b = server(only_gellerup, 18102, tmp / "b.db", tmp / "b.log")
    try:
        time.sleep(2.0)  # name probing takes ~1.6 s
        t0 = time.monotonic()
        for_dokk1 = discover("dokk1", timeout=5, interfaces=LO)
        for_gellerup = discover("gellerup", timeout=5, interfaces=LO)
        took = time.monotonic() - t0
        try:
            discover("viby", timeout=2, interfaces=LO)
            missing = "found"
        except DiscoveryError as exc:
            missing = str(exc)
        try:
            discover(None, timeout=3, interfaces=LO)
            ambiguous = "found"
        except DiscoveryError as exc:
            ambiguous = str(exc)
        return {
            "dokk1": for_dokk1.url,
            "dokk1_branches": list(for_dokk1.branches),
            "gellerup": for_gellerup.url,
            "missing": missing,
            "ambiguous": ambiguous,
            "seconds": round(took, 3),
        }
    finally:
        for p in (a, b):
            p.terminate()
            p.wait(timeout=10)


def pair_and_revoke(tmp: Path) -> dict[str, object]:
    """A new kiosk discovers the server, pairs by code, works, and is stopped by a revoke."""
    db = tmp / "p.db"
    proc = server(ROOT / "config" / "demo", 18103, db, tmp / "p.log")
    try:
        time.sleep(2.0)
        found = discover("dokk1", timeout=5, interfaces=LO)
        codes: list[str] = []

        def approve(code: str) -> None:
            codes.append(code)
            listed = admin(db, "devices", "list")
            assert code in listed, listed
            admin(db, "devices", "approve", code.lower())  # case and dash do not matter

        folder = tmp / "creds"
        token = device_token(
            found.url, "kiosk", "dokk1", "kiosk-1", approve, folder=folder, poll_s=0.2, timeout_s=20
        )
        headers = {"Authorization": f"Bearer {token}"}
        issued = httpx.post(
            f"{found.url}/api/v1/tickets",
            headers=headers,
            json={"branch": "dokk1", "service": "pas"},
        ).status_code
        # the next start reuses the stored token: no new code
        again = device_token(
            found.url,
            "kiosk",
            "dokk1",
            "kiosk-1",
            lambda c: codes.append("unexpected " + c),
            folder=folder,
        )
        listed = admin(db, "devices", "list")
        token_id = next(
            line.split()[0]
            for line in listed.splitlines()
            if "kiosk-1" in line and "paired" in line
        )
        admin(db, "devices", "revoke", token_id)
        after = httpx.post(
            f"{found.url}/api/v1/tickets",
            headers=headers,
            json={"branch": "dokk1", "service": "pas"},
        )
        return {
            "codes": codes,
            "issued": issued,
            "same_token": again == token,
            "after_revoke": after.status_code,
            "after_revoke_code": after.json().get("code"),
            "stored_mode": oct((next((folder).iterdir())).stat().st_mode & 0o777),
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    scenario = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        result = {"two_servers": two_servers, "pair_and_revoke": pair_and_revoke}[scenario](
            Path(tmp)
        )
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
