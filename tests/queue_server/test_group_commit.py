"""SQLite group commit: writes share commits, yet each stands or falls on its own."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from queue_server.db.engine import open_database
from queue_server.db.migrate import upgrade
from queue_server.db.models import BranchSeqRow


def test_concurrent_writes_each_durable_and_a_failure_undoes_only_itself(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    upgrade(url)
    db = open_database(url)
    done: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(12)

    def writer(n: int) -> None:
        barrier.wait()
        try:
            with db.write() as s:
                s.add(BranchSeqRow(branch=f"b{n}", last_seq=n))
                s.flush()
                if n % 4 == 0:
                    raise ValueError("this write changes its mind")
        except ValueError:
            return
        # the block returned: the row must already be readable by anyone (committed)
        with db.read() as s:
            assert s.get(BranchSeqRow, f"b{n}") is not None
        with lock:
            done.append(f"b{n}")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    db.dispose()

    fresh = open_database(url)  # a new connection sees exactly the acknowledged writes
    with fresh.read() as s:
        stored = set(s.scalars(select(BranchSeqRow.branch)))
        assert s.scalar(select(func.count()).select_from(BranchSeqRow)) == len(stored)
    fresh.dispose()
    assert stored == set(done) == {f"b{n}" for n in range(12) if n % 4}


def test_a_duplicate_key_fails_its_write_not_the_batch(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    upgrade(url)
    db = open_database(url)
    with db.write() as s:
        s.add(BranchSeqRow(branch="dokk1", last_seq=1))
    with pytest.raises(Exception, match="UNIQUE"), db.write() as s:
        s.add(BranchSeqRow(branch="dokk1", last_seq=2))
        s.flush()
    with db.write() as s:
        s.add(BranchSeqRow(branch="viby", last_seq=3))
    with db.read() as s:
        assert dict(s.execute(select(BranchSeqRow.branch, BranchSeqRow.last_seq)).all()) == {
            "dokk1": 1,
            "viby": 3,
        }
    db.dispose()
