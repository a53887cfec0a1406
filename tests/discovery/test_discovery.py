"""Discovery (zeroconf) and device pairing, each in a network namespace the test creates.

mDNS multicasts; on the host it would reach real networks. The scenarios therefore run in
`unshare --net` with only loopback up. Where namespaces are not allowed, they skip and say so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCENARIO = Path(__file__).with_name("netns_scenario.py")
SETUP = "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo"


def netns_available() -> str | None:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "needs unshare (util-linux) and ip (iproute2)"
    probe = subprocess.run(
        ["unshare", "--net", "--", "sh", "-c", SETUP], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return f"cannot create a network namespace here: {probe.stderr.strip()}"
    return None


REASON = netns_available()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"mDNS tests: {REASON}")


def run_in_netns(scenario: str) -> dict[str, Any]:
    proc = subprocess.run(
        [
            "unshare",
            "--net",
            "--",
            "sh",
            "-c",
            f'{SETUP} && exec "$0" "$1" "$2"',
            sys.executable,
            str(SCENARIO),
            scenario,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, f"scenario failed:\n{proc.stdout}\n{proc.stderr}"
    result: dict[str, Any] = json.loads(lines[-1].removeprefix("RESULT "))
    return result


def test_two_servers_each_device_finds_its_branch() -> None:
    seen = run_in_netns("two_servers")
    assert seen["dokk1"] == "http://127.0.0.1:18101"
    assert seen["gellerup"] == "http://127.0.0.1:18102"
    assert seen["dokk1_branches"] == ["dokk1"]
    assert "no DinTur server for branch 'viby'" in seen["missing"]
    assert "several DinTur servers answered" in seen["ambiguous"]


def test_pair_by_code_then_revoke_stops_the_device() -> None:
    seen = run_in_netns("pair_and_revoke")
    [code] = seen["codes"]  # one code shown; the second start reused the stored token
    assert len(code) == 7 and code[3] == "-"
    assert seen["issued"] == 201 and seen["same_token"] is True
    assert seen["after_revoke"] == 401 and seen["after_revoke_code"] == "unauthorized"
    assert seen["stored_mode"] == "0o600"
