"""The queue as the desk lists it: in the order the server's call policy calls it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from desk import queue
from desk.screenshots import MY_COUNTER, NOW, sample_branch
from queue_server.domain import policy
from queue_server.shared import wire
from queue_server.shared.vocab import Priority, TicketState


def test_serving_some_services_calls_transferred_tickets_first_and_never_anothers() -> None:
    _, state = sample_branch()
    tickets = list(state.tickets.values())

    def line(tickets: list[wire.Ticket], counter: str, serves: list[str]) -> list[wire.Ticket]:
        return queue.for_counter(tickets, counter, serves, state.services, NOW)

    assert [t.number for t in line(tickets, MY_COUNTER, ["pas"])] == [
        "P018",
        "P019",
        "P020",
        "P021",
    ]
    # a transferred ticket, as the server sends it: the transferred class, a new number
    moved = tickets[-1].model_copy(
        update={
            "id": "moved",
            "number": "P099",
            "service": "pas",
            "transferred_from": "t000",
            "priority": Priority.TRANSFERRED,
        }
    )
    assert line([*tickets, moved], MY_COUNTER, ["pas"])[0].number == "P099"
    # transferred to one counter: the others leave it alone
    elsewhere = moved.model_copy(update={"id": "elsewhere", "for_counter": "dokk1-6"})
    assert "elsewhere" not in {t.id for t in line([elsewhere], MY_COUNTER, ["pas"])}
    assert [t.id for t in line([elsewhere], "dokk1-6", [])] == ["elsewhere"]


SERVICES = ("pas", "korekort", "digital-hjaelp")


Line = tuple[list[wire.Ticket], dict[str, wire.ServiceInfo], list[str]]


@st.composite
def waiting_lines(draw: st.DrawFn) -> Line:
    """Waiting tickets of three services with drawn weights, classes, arrivals and
    reservations, and the services the counter serves."""
    serves = draw(st.lists(st.sampled_from(SERVICES), min_size=1, unique=True))
    weights = draw(st.lists(st.sampled_from([0.5, 1.0, 1.5, 3.0]), min_size=3, max_size=3))
    services = {
        sid: wire.ServiceInfo(
            id=sid, prefix=sid[0].upper(), names={}, open_now=True, waiting=0, weight=w
        )
        for sid, w in zip(SERVICES, weights, strict=True)
    }
    n = draw(st.integers(0, 12))
    tickets = []
    for i in range(n):
        arrived = NOW - dt.timedelta(seconds=draw(st.integers(0, 7200)))
        service = draw(st.sampled_from(SERVICES))
        # a ticket sent to a counter is of a service it serves (domain.transfer_target)
        reserved = [None, "dokk1-6", *([MY_COUNTER] if service in serves else [])]
        tickets.append(
            wire.Ticket(
                id=f"t{draw(st.integers(0, 999)):03d}-{i}",
                number=f"X{i:03d}",
                branch="dokk1",
                service=service,
                state=TicketState.WAITING,
                language="da",
                issued_at=arrived + dt.timedelta(seconds=draw(st.integers(0, 600))),
                arrived_at=arrived,
                priority=draw(st.sampled_from(list(Priority))),
                for_counter=draw(st.sampled_from(reserved)),
                status_url="http://127.0.0.1/t",
            )
        )
    return tickets, services, serves


@given(waiting_lines())
def test_the_desks_list_is_the_call_policys_order(drawn: Line) -> None:
    """The server's policy (domain.policy) and the desk's list agree on every line."""
    tickets, services, serves = drawn
    listed = [t.id for t in queue.for_counter(tickets, MY_COUNTER, serves, services, NOW)]
    as_policy = [
        policy.Waiting(t.id, t.service, queue.arrived(t), Priority(t.priority), t.for_counter)
        for t in tickets
    ]
    weights = {sid: s.weight for sid, s in services.items()}
    called = policy.order(policy.eligible(as_policy, MY_COUNTER, serves), NOW, weights)
    assert listed == [w.id for w in called]
