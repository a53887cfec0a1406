"""A display's first start: it shows a pairing code until an admin approves, then runs."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickView

from queue_server.client.qt_pairing import obtain_device
from tests.support.servers import LiveServer


def test_pairing_page_shows_code_and_returns_the_approved_token(
    app_server: LiveServer,
    qapp: QGuiApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    shots: list[str] = []

    def on_page(view: QQuickView, what: str) -> None:
        if "-" in what and len(what) == 7 and not shots:  # the code is on screen
            path = Path(os.environ.get("DINTUR_SHOTS", tmp_path)) / "pairing-display-da.png"
            view.grabWindow().save(str(path))
            shots.append(str(path))

    approver = app_server.approve_next_device()
    got = obtain_device(
        qapp,
        role="display",
        branch="dokk1",
        server=app_server.url,
        token=None,
        windowed=True,
        on_page=on_page,
    )
    approver.join(timeout=30)
    assert got is not None
    url, token = got
    assert url == app_server.url
    r = httpx.get(
        f"{url}/api/v1/branches/dokk1", headers={"Authorization": f"Bearer {token}"}, timeout=5
    )
    assert r.status_code == 200
    assert shots and Path(shots[0]).stat().st_size > 1000
    # the next start finds the stored token and shows no code
    again = obtain_device(
        qapp, role="display", branch="dokk1", server=app_server.url, token=None, windowed=True
    )
    assert again == (app_server.url, token)
