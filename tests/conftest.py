"""Shared fixtures: headless Qt, a real server on loopback, SQLite and PostgreSQL."""

from __future__ import annotations

import os
import tempfile

# before anything imports Qt: no display here, and Qt aborts the process without one
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="dintur-cache-"))

pytest_plugins = ["tests.support.servers"]
