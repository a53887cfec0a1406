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


def test_submitted_writes_from_the_event_loop_share_commits_and_fail_alone(
    tmp_path: Path,
) -> None:
    """`run_async`: many writes awaited at once; each answer comes only once committed
    (a fresh connection sees it), and a write that raises leaves no trace of itself."""
    import asyncio

    url = f"sqlite:///{tmp_path / 'g.db'}"
    upgrade(url)
    db = open_database(url)

    def add(n: int):  # type: ignore[no-untyped-def]
        def work(s):  # type: ignore[no-untyped-def]
            s.add(BranchSeqRow(branch=f"a{n}", last_seq=n))
            s.flush()
            if n % 5 == 0:
                raise ValueError(f"write {n} changes its mind")
            return n

        return work

    async def main() -> list[object]:
        return await asyncio.gather(  # type: ignore[no-any-return]
            *(db.run_async(add(n)) for n in range(40)), return_exceptions=True
        )

    results = asyncio.run(main())
    db.dispose()
    for n, result in enumerate(results):
        if n % 5 == 0:
            assert isinstance(result, ValueError) and str(result) == f"write {n} changes its mind"
        else:
            assert result == n
    fresh = open_database(url)
    with fresh.read() as s:
        stored = set(s.scalars(select(BranchSeqRow.branch)))
    fresh.dispose()
    assert stored == {f"a{n}" for n in range(40) if n % 5}


def test_a_write_submitted_after_close_is_refused(tmp_path: Path) -> None:
    from queue_server.db.group_commit import CommitFailed

    url = f"sqlite:///{tmp_path / 'g.db'}"
    upgrade(url)
    db = open_database(url)
    db.dispose()
    assert db._group is not None
    future = db._group.submit(lambda s: s.add(BranchSeqRow(branch="late", last_seq=1)))
    with pytest.raises(CommitFailed, match="closed"):
        future.result(timeout=5)
