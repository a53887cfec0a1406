"""The ticket a counter shows: the action's answer until the live state agrees, or a while."""

from __future__ import annotations

import datetime as dt

from desk.viewmodels.holding import Holding, same_holding
from queue_server.shared import wire
from queue_server.shared.vocab import TicketState

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def ticket(tid: str, state: TicketState = TicketState.CALLED, **kw: object) -> wire.Ticket:
    return wire.Ticket.model_validate(
        {
            "id": tid,
            "number": tid.upper(),
            "branch": "dokk1",
            "service": "pas",
            "state": state,
            "language": "da",
            "issued_at": NOW,
            "status_url": "http://127.0.0.1/t",
            **kw,
        }
    )


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_an_answer_outranks_a_live_state_that_has_not_caught_up() -> None:
    clock = Clock()
    h = Holding(patience_s=3.0, clock=clock)
    p1 = ticket("p1", reason="walk-in, waited 3 min")
    assert h.answered(p1, live=None) and h.ticket == p1
    assert not h.follow(None) and h.ticket == p1  # the event is on its way
    live = ticket("p1")  # the event: no reason, but the desk remembers it
    assert not h.follow(live)  # it agrees: nothing to redraw
    assert h.ticket is not None and h.ticket.reason == "walk-in, waited 3 min"
    assert h.follow(None) and h.ticket is None  # from now on the live state rules


def test_the_live_state_wins_after_the_patience() -> None:
    clock = Clock()
    h = Holding(patience_s=3.0, clock=clock)
    h.answered(ticket("p1"), live=None)
    clock.t += 2
    assert not h.overdue and not h.follow(None)
    clock.t += 2
    assert h.overdue and h.follow(None) and h.ticket is None


def test_a_fresh_snapshot_and_leaving() -> None:
    h = Holding(clock=Clock())
    h.answered(ticket("p1"), live=None)
    h.trust_live()
    assert h.follow(ticket("p2")) and h.ticket is not None and h.ticket.id == "p2"
    assert h.clear() and h.ticket is None and not h.clear()


def test_same_holding_compares_id_state_and_recalls() -> None:
    a = ticket("p1")
    assert same_holding(a, a.model_copy(update={"reason": "x"}))
    assert not same_holding(a, a.model_copy(update={"recalls": 1}))
    assert not same_holding(a, a.model_copy(update={"state": TicketState.SERVING}))
    assert same_holding(None, None) and not same_holding(a, None)
