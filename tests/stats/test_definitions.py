"""The rules of docs/statistics.md one at a time, and the document saying them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from queue_server.config import load_site
from queue_server.settings import REPO_CONFIG
from queue_server.stats import cells, definitions, facts
from queue_server.stats.facts import Call, TicketFacts, VisitRole, day_cells, visit_role
from queue_server.stats.rows import FIELDS, row_of
from tests.stats.test_known_day import QUOTES

DOC = Path(__file__).resolve().parents[2] / "docs" / "statistics.md"
SITE = load_site(REPO_CONFIG / "demo")
T0 = dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def ticket(tid: str, **kw: object) -> TicketFacts:
    base: dict[str, object] = dict(
        id=tid,
        service="pas",
        state="done",
        counter="dokk1-1",
        paperless=False,
        priority=2,
        arrived_at=at(0),
        issued_at=at(0),
        started_at=None,
        finished_at=None,
        recalls=0,
        transferred_from=None,
    )
    base.update(kw)
    return TicketFacts(**base)  # type: ignore[arg-type]


def test_the_document_says_what_the_tests_quote() -> None:
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    for name, quote in QUOTES.items():
        assert quote in text, f"docs/statistics.md lost the {name} definition: {quote!r}"
    for field in FIELDS:
        assert f"`{field}`" in text, f"docs/statistics.md does not define {field}"


@pytest.mark.parametrize(
    ("waits", "p50", "p90"),
    [
        ([], None, None),
        ([45], 45, 45),  # capped at the maximum
        ([10, 20, 30, 40], 30, 40),  # all in the first bin (≤ 30 s) but the last
        ([100, 200, 300, 400, 500, 600, 700, 800, 900, 4000], 540, 900),  # 500 is in (480, 540]
        ([11000, 12000], 12000, 12000),  # above 3 h: the maximum
    ],
)
def test_percentiles_are_upper_bin_edges_of_the_nearest_rank(
    waits: list[int], p50: int | None, p90: int | None
) -> None:
    hist = [0] * definitions.BINS
    for w in waits:
        hist[definitions.bin_of(w)] += 1
    top = max(waits, default=0)
    assert definitions.percentile(hist, 50, top) == p50
    assert definitions.percentile(hist, 90, top) == p90


def test_bins_are_inclusive_at_their_upper_edge() -> None:
    assert definitions.bin_of(0) == definitions.bin_of(30) == 0
    assert definitions.bin_of(31) == 1
    assert definitions.bin_of(10800) == len(definitions.EDGES) - 1
    assert definitions.bin_of(10801) == len(definitions.EDGES)
    assert definitions.seconds(at(0), at(0) + dt.timedelta(seconds=59.999)) == 59


def test_a_wait_target_is_read_in_one_place() -> None:
    assert definitions.wait_target_s(SITE.services["pas"]) is None  # not configured yet
    assert definitions.wait_target_s(SimpleNamespace(target_wait_min=15)) == 900  # type: ignore[arg-type]


def test_within_target_counts_waits_at_or_under_the_target(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facts, "wait_target_s", lambda service: 600)
    tickets = [
        ticket("a", calls=(Call(at(10), "dokk1-1"),)),  # exactly 600 s: within
        ticket("b", calls=(Call(at(10.02), "dokk1-1"),)),  # 601 s: not
    ]
    cell = cells.merged(day_cells(SITE, "dokk1", T0.date(), tickets).rows().values())
    row = row_of("pas", "Pas", cell)
    assert (row.target_n, row.within_target, row.within_target_share) == (2, 1, 0.5)


def test_a_ticket_transferred_before_any_call_waits_from_arrival() -> None:
    first = ticket("a", state="transferred", finished_at=at(5))
    moved = ticket(
        "b",
        service="korekort",
        issued_at=at(5),
        transferred_from="a",
        calls=(Call(at(20), "dokk1-2"),),
        finished_at=at(25),
    )
    tickets = {"a": first, "b": moved}
    assert visit_role(first, tickets) is VisitRole.NOT_CALLED
    assert visit_role(moved, tickets) is VisitRole.FIRST_CALL
    cell = cells.merged(day_cells(SITE, "dokk1", T0.date(), list(tickets.values())).rows().values())
    row = row_of("", "", cell)
    assert (row.issued, row.transferred, row.served) == (1, 1, 1)
    assert (row.wait_n, row.wait_max_s, row.transfer_wait_n) == (1, 1200, 0)


def test_counter_time_ends_at_the_counters_next_call() -> None:
    # a call left open while the counter already called someone else (a future model)
    a = ticket("a", state="serving", calls=(Call(at(0), "dokk1-1"),))
    b = ticket(
        "b", arrived_at=at(1), issued_at=at(1), calls=(Call(at(7), "dokk1-1"),), finished_at=at(9)
    )
    cell = cells.merged(day_cells(SITE, "dokk1", T0.date(), [a, b]).rows().values())
    row = row_of("", "", cell)
    assert (row.calls, row.counter_time_max_s, row.counter_time_mean_s) == (2, 420, 270.0)
    assert row.open == 1


def test_calibration_measures_how_far_outside_the_promise() -> None:
    early = ticket("a", promise=(600, 900), calls=(Call(at(5), "dokk1-1"),))
    inside = ticket("b", promise=(0, 300), calls=(Call(at(5), "dokk1-1"),))
    late = ticket("c", promise=(0, 300), calls=(Call(at(15), "dokk1-1"),))
    unpromised = ticket("d", calls=(Call(at(1), "dokk1-1"),))
    cell = cells.merged(
        day_cells(SITE, "dokk1", T0.date(), [early, inside, late, unpromised]).rows().values()
    )
    row = row_of("", "", cell)
    assert (row.calibration_n, row.calibration_inside, row.calibration_inside_share) == (
        3,
        1,
        0.3333,
    )
    assert (row.calibration_early, row.calibration_early_mean_s) == (1, 300.0)
    assert (row.calibration_late, row.calibration_late_mean_s) == (1, 600.0)


def test_the_migration_makes_the_cells_the_code_knows(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, inspect

    from queue_server.db.migrate import upgrade
    from queue_server.stats.tables import CELLS, DAYS

    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    engine = create_engine(url)
    found = inspect(engine)
    assert [c["name"] for c in found.get_columns("stats_cells")] == [c.name for c in CELLS.columns]
    assert [c["name"] for c in found.get_columns("stats_days")] == [c.name for c in DAYS.columns]
    assert "ix_tickets_branch_day" in {i["name"] for i in found.get_indexes("tickets")}
    engine.dispose()


@pytest.mark.parametrize(
    ("start", "end", "whole", "parts"),
    [
        ("2026-03-01", "2026-03-31", ("2026-03-01", "2026-03-01"), []),
        ("2026-03-10", "2026-03-20", None, [("2026-03-10", "2026-03-20")]),
        (
            "2026-01-15",
            "2026-04-10",
            ("2026-02-01", "2026-03-01"),
            [("2026-01-15", "2026-01-31"), ("2026-04-01", "2026-04-10")],
        ),
        ("2025-12-01", "2026-11-30", ("2025-12-01", "2026-11-01"), []),
        ("2026-02-02", "2026-03-31", ("2026-03-01", "2026-03-01"), [("2026-02-02", "2026-02-28")]),
    ],
)
def test_a_period_reads_whole_months_from_the_month_table(
    start: str, end: str, whole: tuple[str, str] | None, parts: list[tuple[str, str]]
) -> None:
    from queue_server.stats.query import _months

    d = dt.date.fromisoformat
    got_whole, got_parts = _months(d(start), d(end))
    assert got_whole == (None if whole is None else (d(whole[0]), d(whole[1])))
    assert got_parts == [(d(a), d(b)) for a, b in parts]
