"""Shared fixtures: headless Qt, a real server on loopback, SQLite and PostgreSQL, and the
thread-leak check every test runs under."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

from tests.support.threads import LONG_LIVED, no_new_threads

# before anything imports Qt: no display here, and Qt aborts the process without one
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="dintur-cache-"))

pytest_plugins = ["tests.support.servers"]


@pytest.fixture(autouse=True)
def no_thread_leaks() -> Iterator[None]:
    """Every thread a test starts (event streams, workers, printers, committers) is gone
    when it ends; a server shared by a module and its worker pools are not the test's."""
    with no_new_threads(5, ignore=LONG_LIVED):
        yield
