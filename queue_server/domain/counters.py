"""Counters: which tickets a counter may call, whether it is free, and what calling the
next one does to the ticket it holds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..shared.vocab import AT_COUNTER, Action, ProblemCode, TicketState
from .errors import CounterMismatch, NotFound, Rejected
from .site import Branch, Counter, Site
from .tickets import finish_steps


def find_counter(site: Site, counter_id: str) -> tuple[Branch, Counter]:
    found = site.counter(counter_id)
    if found is None:
        raise NotFound(f"unknown counter {counter_id!r}", code=ProblemCode.UNKNOWN_COUNTER)
    return found


def narrowed(counter: Counter, services: Sequence[str] | None) -> tuple[str, ...]:
    """The services a call-next looks at: the counter's own, or the given few of them."""
    if services is None:
        return counter.services
    strange = [sid for sid in services if sid not in counter.services]
    if strange or not services:
        raise CounterMismatch(
            f"counter {counter.id} serves {', '.join(counter.services)}, "
            f"not {', '.join(strange) or 'nothing'}",
            code=ProblemCode.COUNTER_NOT_SERVING,
        )
    return tuple(services)


def check_may_call(
    branch: Branch,
    counter: Counter,
    *,
    number: str,
    ticket_branch: str,
    service: str,
    for_counter: str | None,
) -> None:
    """A counter calls tickets of its branch, of its services or sent to it."""
    if ticket_branch != branch.id:
        raise CounterMismatch(
            f"ticket {number} is at {ticket_branch}, counter {counter.id} at {branch.id}",
            code=ProblemCode.COUNTER_WRONG_BRANCH,
        )
    if service not in counter.services and for_counter != counter.id:
        raise CounterMismatch(
            f"counter {counter.id} does not serve {service}", code=ProblemCode.COUNTER_NOT_SERVING
        )


def counter_taken(counter_id: str, holder: str) -> Rejected:
    return Rejected(f"counter {counter_id} is held by {holder}", code=ProblemCode.COUNTER_TAKEN)


@dataclass(frozen=True)
class Seat:
    """Who holds a counter and whether they are on a pause (None: nobody holds it)."""

    holder: str
    paused: str | None = None


def check_free(counter_id: str, seat: Seat | None, actor_name: str) -> None:
    """Calls at a counter someone else holds, or that is paused, are refused."""
    if seat is None:
        return
    if seat.holder != actor_name:
        raise counter_taken(counter_id, seat.holder)
    if seat.paused is not None:
        raise Rejected(
            f"counter {counter_id} is paused ({seat.paused}); resume first",
            code=ProblemCode.COUNTER_PAUSED,
        )


def check_holder(counter_id: str | None, seat: Seat | None, actor_name: str, admin: bool) -> None:
    """A ticket at a counter someone holds is moved on by that caseworker (or an admin),
    not by a colleague at another desk."""
    if counter_id is None or seat is None or admin or seat.holder == actor_name:
        return
    raise counter_taken(counter_id, seat.holder)


def release_steps(held: Iterable[tuple[str, TicketState]]) -> list[tuple[str, Action]]:
    """What calling the next does to the tickets a counter holds: each is finished (a
    called one is started first), so the counter is free again."""
    steps: list[tuple[str, Action]] = []
    for ticket_id, state in held:
        if state in AT_COUNTER:
            steps += [(ticket_id, action) for action in finish_steps(state)]
    return steps
