"""Hardening 1, 11: logins are throttled and bounded, staff tokens expire and log out."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from queue_server import auth
from queue_server.api.thread import free_port
from queue_server.guard.throttle import Busy, Hashing, LoginThrottle, RateLimited
from queue_server.settings import Settings
from tests.support.servers import DEMO_CONFIG, LiveServer, start_server

PASSWORD = "correct horse battery"


def test_five_failures_lock_the_user_and_the_address_out_and_the_lock_grows() -> None:
    now = [1000.0]
    throttle = LoginThrottle(free=5, window_s=900, base_lock_s=30, clock=lambda: now[0])
    for _ in range(4):
        throttle.check("mette", "10.0.0.1")
        throttle.failed("mette", "10.0.0.1")
    throttle.check("mette", "10.0.0.1")  # four failures: still free
    throttle.failed("mette", "10.0.0.1")
    with pytest.raises(RateLimited) as locked:
        throttle.check("mette", "10.0.0.9")  # the username is locked from anywhere
    assert locked.value.retry_after_s == 30
    with pytest.raises(RateLimited):
        throttle.check("anna", "10.0.0.1")  # and the address for any username
    throttle.check("anna", "10.0.0.2")
    now[0] += 31
    throttle.check("mette", "10.0.0.9")
    throttle.failed("mette", "10.0.0.9")  # one more failure: the lock doubles
    with pytest.raises(RateLimited) as longer:
        throttle.check("mette", "10.0.0.9")
    assert longer.value.retry_after_s == 60
    now[0] += 61
    throttle.succeeded("mette", "10.0.0.9")
    throttle.check("mette", "10.0.0.1")


def test_at_most_two_passwords_are_hashed_at_once() -> None:
    hashing = Hashing(slots=2, queue=8, wait_s=5)
    running, most, lock = [0], [0], threading.Lock()

    def slow() -> bool:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return True

    threads = [threading.Thread(target=hashing.run, args=(slow,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    hashing.close()
    assert most[0] == 2
    busy = Hashing(slots=1, queue=0, wait_s=5)
    gate = threading.Event()
    blocker = threading.Thread(target=busy.run, args=(lambda: gate.wait(5),))
    blocker.start()
    time.sleep(0.05)
    with pytest.raises(Busy):  # no queue left: refused at once, never an unbounded pile
        busy.run(lambda: True)
    gate.set()
    blocker.join()
    busy.close()


def test_an_unknown_user_costs_the_same_hash_as_a_wrong_password(server: LiveServer) -> None:
    auth.add_staff(
        server.db, username="mette", password=PASSWORD, role="caseworker", branch="dokk1"
    )
    hashed: list[str] = []

    def counting(verify):  # type: ignore[no-untyped-def]
        hashed.append("x")
        return verify()

    for name in ("mette", "nobody"):
        with pytest.raises(auth.AuthError):
            auth.login(server.db, name, "wrong password", hashing=counting)
    assert hashed == ["x", "x"]


def test_repeated_wrong_logins_get_429_and_then_even_the_right_password_waits(
    server: LiveServer,
) -> None:
    auth.add_staff(server.db, username="bo", password=PASSWORD, role="caseworker", branch="dokk1")
    with httpx.Client(base_url=server.url) as c:
        codes = [
            c.post("/api/v1/auth/login", json={"username": "bo", "password": "nope nope"})
            for _ in range(8)
        ]
        assert [r.status_code for r in codes[:5]] == [401] * 5
        assert all(r.status_code == 429 for r in codes[5:])
        assert (
            codes[5].json()["code"] == "rate_limited" and int(codes[5].headers["Retry-After"]) > 0
        )
        right = c.post("/api/v1/auth/login", json={"username": "bo", "password": PASSWORD})
        assert right.status_code == 429  # locked out: no password is checked now


@pytest.fixture
def short_logins(tmp_path: Path) -> Iterator[LiveServer]:
    port = free_port()
    live = start_server(
        Settings(
            config_dir=DEMO_CONFIG,
            database_url=f"sqlite:///{tmp_path / 'short.db'}",
            public_url=f"http://127.0.0.1:{port}",
            staff_token_lifetime=dt.timedelta(seconds=1),
        ),
        port,
    )
    yield live
    live.stop()


def test_a_staff_login_expires_and_logout_revokes_it(short_logins: LiveServer) -> None:
    server = short_logins
    auth.add_staff(server.db, username="ida", password=PASSWORD, role="admin", branch="dokk1")
    with httpx.Client(base_url=server.url) as c:
        tokens = [
            c.post("/api/v1/auth/login", json={"username": "ida", "password": PASSWORD}).json()[
                "token"
            ]
            for _ in range(2)
        ]
        me = [{"Authorization": f"Bearer {t}"} for t in tokens]
        assert c.get("/api/v1/auth/me", headers=me[0]).status_code == 200
        assert c.post("/api/v1/auth/logout", headers=me[0]).status_code == 204
        assert c.get("/api/v1/auth/me", headers=me[0]).status_code == 401
        assert c.get("/api/v1/auth/me", headers=me[1]).status_code == 200  # the other login
        time.sleep(1.2)
        late = c.get("/api/v1/auth/me", headers=me[1])
        assert late.status_code == 401 and "expired" in late.json()["detail"]
    # a device token (pairing, the CLI) does not expire
    device = auth.create_token(server.db, role="kiosk", branch="dokk1")
    assert auth.authenticate(server.db, device).role == "kiosk"
