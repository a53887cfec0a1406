"""Desk fixtures: no thread a desk test starts (event streams, tasks) outlives it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.threads import no_new_threads


@pytest.fixture(autouse=True)
def no_thread_leaks() -> Iterator[None]:
    with no_new_threads(5, ignore=("dintur-server", "asyncio")):
        yield
