"""Which waiting ticket a counter gets next (design.md §3), and the reason it shows."""

from __future__ import annotations

import datetime as dt
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from queue_server.domain.policy import Choice, Priority, Waiting, choose, eligible, order

NOW = dt.datetime(2024, 10, 27, 11, 0, tzinfo=dt.UTC)
WEIGHTS = {"pas": 1.0, "koer": 2.0, "dig": 0.5}


def ago(minutes: float) -> dt.datetime:
    return NOW - dt.timedelta(minutes=minutes)


def w(
    id: str,
    service: str = "pas",
    minutes: float = 0,
    priority: Priority = Priority.WALK_IN,
    for_counter: str | None = None,
) -> Waiting:
    return Waiting(id, service, ago(minutes), priority, for_counter)


def pick(
    tickets: list[Waiting],
    services: tuple[str, ...] = ("pas", "koer", "dig"),
    counter: str = "c1",
    weights: dict[str, float] = WEIGHTS,
) -> Waiting | None:
    choice = choose(tickets, counter_id=counter, services=services, now=NOW, weights=weights)
    return None if choice is None else choice.ticket


# --- examples -------------------------------------------------------------------------


def test_nobody_waiting_gives_none() -> None:
    assert choose([], counter_id="c1", services=["pas"], now=NOW, weights=WEIGHTS) is None


def test_appointment_before_transferred_before_walk_in() -> None:
    walk_in = w("a", minutes=90)
    transferred = w("b", minutes=5, priority=Priority.TRANSFERRED)
    appointment = w("c", minutes=0, priority=Priority.APPOINTMENT)
    assert pick([walk_in, transferred, appointment]) == appointment
    assert pick([walk_in, transferred]) == transferred
    assert pick([walk_in]) == walk_in


def test_priority_class_beats_any_weight() -> None:
    heavy_walk_in = w("a", "koer", minutes=300)
    light_transferred = w("b", "dig", minutes=1, priority=Priority.TRANSFERRED)
    assert pick([heavy_walk_in, light_transferred]) == light_transferred


def test_oldest_first_within_a_service() -> None:
    tickets = [w("x", minutes=3), w("y", minutes=12), w("z", minutes=7)]
    assert pick(tickets) == tickets[1]
    assert [t.id for t in order(tickets, NOW, WEIGHTS)] == ["y", "z", "x"]


def test_weight_multiplies_the_wait_between_services() -> None:
    pas = w("p", "pas", minutes=10)  # 10 min × 1
    koer = w("k", "koer", minutes=6)  # 6 min × 2 = 12
    assert pick([pas, koer]) == koer
    koer_newer = w("k", "koer", minutes=4)  # 8 < 10
    assert pick([pas, koer_newer]) == pas
    dig = w("d", "dig", minutes=18)  # 18 × 0.5 = 9 < 10
    assert pick([pas, dig]) == pas


def test_without_weights_the_oldest_is_first_across_services() -> None:
    pas, koer = w("p", "pas", minutes=10), w("k", "koer", minutes=6)
    assert pick([pas, koer], weights={}) == pas


def test_equal_weighted_wait_goes_to_the_earlier_arrival_then_the_lower_id() -> None:
    pas = w("p", "pas", minutes=10)  # 10 × 1
    dig = w("z", "dig", minutes=20)  # 20 × 0.5 = 10, but arrived earlier (and has a later id)
    assert pick([pas, dig]) == dig
    twins = [w("t2", minutes=5), w("t1", minutes=5), w("t3", minutes=5)]
    assert pick(twins) == twins[1]


def test_only_the_counters_services_are_eligible() -> None:
    pas, koer = w("p", "pas", minutes=1), w("k", "koer", minutes=60)
    assert pick([pas, koer], services=("pas",)) == pas
    assert pick([koer], services=("pas",)) is None
    assert eligible([pas, koer], "c1", ["dig"]) == []


def test_a_ticket_transferred_to_a_counter_waits_for_that_counter_only() -> None:
    for_c2 = w("t", minutes=30, priority=Priority.TRANSFERRED, for_counter="c2")
    walk_in = w("a", minutes=1)
    assert pick([for_c2, walk_in], counter="c1") == walk_in
    assert pick([for_c2], counter="c1") is None
    assert pick([for_c2, walk_in], counter="c2") == for_c2


def test_a_ticket_for_a_counter_still_needs_a_service_it_serves() -> None:
    for_c2 = w("t", "dig", minutes=30, priority=Priority.TRANSFERRED, for_counter="c2")
    assert eligible([for_c2], "c2", ["pas"]) == []


def test_reason_names_the_class_the_wait_the_weight_and_the_queue() -> None:
    tickets = [
        w("k", "koer", minutes=12.5),
        w("p", "pas", minutes=3),
        w("t", "pas", minutes=1, priority=Priority.TRANSFERRED),
        w("c", "pas", minutes=0, priority=Priority.APPOINTMENT),
        w("other", "pas", minutes=99, for_counter="c9"),
    ]

    def at_c1(queue: list[Waiting]) -> Choice | None:
        return choose(queue, counter_id="c1", services=["pas", "koer"], now=NOW, weights=WEIGHTS)

    first = at_c1(tickets)
    assert first is not None and first.ticket.id == "c"
    assert first.reason == "appointment due, waited 0 min; 3 more waiting for this counter"
    second = at_c1(tickets[:3])
    assert second is not None
    assert second.reason == "transferred here, waited 1 min; 2 more waiting for this counter"
    third = at_c1(tickets[:2])
    assert third is not None
    assert third.reason == (
        "walk-in, waited 12 min, service weight 2; 1 more waiting for this counter"
    )
    alone = choose(tickets[1:2], counter_id="c1", services=["pas"], now=NOW, weights=WEIGHTS)
    assert alone is not None and alone.reason == "walk-in, waited 3 min"


def test_a_service_missing_from_weights_counts_as_weight_1() -> None:
    new = w("n", "new", minutes=10)
    pas = w("p", "pas", minutes=9)
    choice = choose([new, pas], counter_id="c1", services=["pas", "new"], now=NOW, weights=WEIGHTS)
    assert choice is not None and choice.ticket == new
    assert "weight" not in choice.reason


# --- properties -----------------------------------------------------------------------

SERVICES = ("pas", "koer", "dig")
COUNTERS = ("c1", "c2", "c3")

waiting = st.builds(
    Waiting,
    id=st.text("abcdef0123", min_size=1, max_size=4),
    service=st.sampled_from(SERVICES),
    arrived_at=st.integers(0, 4 * 3600).map(lambda s: NOW - dt.timedelta(seconds=s)),
    priority=st.sampled_from(Priority),
    for_counter=st.one_of(st.none(), st.sampled_from(COUNTERS)),
)
queues = st.lists(waiting, max_size=25, unique_by=lambda t: t.id)
counter_services = st.sets(st.sampled_from(SERVICES), min_size=1).map(sorted)
weights_s = st.fixed_dictionaries({s: st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0]) for s in SERVICES})


def weighted(t: Waiting, weights: dict[str, float]) -> float:
    return (NOW - t.arrived_at).total_seconds() * weights[t.service]


@settings(max_examples=150)
@given(queues, st.sampled_from(COUNTERS), counter_services, weights_s)
def test_choose_follows_the_policy(
    tickets: list[Waiting], counter: str, services: list[str], weights: dict[str, float]
) -> None:
    choice = choose(tickets, counter_id=counter, services=services, now=NOW, weights=weights)
    mine = [t for t in tickets if t.service in services and t.for_counter in (None, counter)]
    if not mine:
        assert choice is None
        return
    assert choice is not None
    first = choice.ticket
    assert first in mine
    # the best priority class first …
    assert first.priority == min(t.priority for t in mine)
    same_class = [t for t in mine if t.priority == first.priority]
    # … then the longest weighted wait …
    assert weighted(first, weights) == max(weighted(t, weights) for t in same_class)
    # … oldest first within one service, then earliest arrival, then lowest id
    assert first.arrived_at == min(t.arrived_at for t in same_class if t.service == first.service)
    ties = [t for t in same_class if weighted(t, weights) == weighted(first, weights)]
    assert (first.arrived_at, first.id) == min((t.arrived_at, t.id) for t in ties)


@settings(max_examples=100)
@given(queues, st.sampled_from(COUNTERS), counter_services, weights_s, st.randoms())
def test_choice_and_order_do_not_depend_on_the_input_order(
    tickets: list[Waiting],
    counter: str,
    services: list[str],
    weights: dict[str, float],
    rnd: random.Random,
) -> None:
    shuffled = list(tickets)
    rnd.shuffle(shuffled)
    assert order(tickets, NOW, weights) == order(shuffled, NOW, weights)
    a = choose(tickets, counter_id=counter, services=services, now=NOW, weights=weights)
    b = choose(shuffled, counter_id=counter, services=services, now=NOW, weights=weights)
    assert a == b


@settings(max_examples=100)
@given(queues, st.sampled_from(COUNTERS), counter_services, weights_s)
def test_the_reason_says_why(
    tickets: list[Waiting], counter: str, services: list[str], weights: dict[str, float]
) -> None:
    choice = choose(tickets, counter_id=counter, services=services, now=NOW, weights=weights)
    if choice is None:
        return
    first = choice.ticket
    klass = {
        Priority.APPOINTMENT: "appointment due",
        Priority.TRANSFERRED: "transferred here",
        Priority.WALK_IN: "walk-in",
    }[first.priority]
    assert choice.reason.startswith(klass + ", ")
    minutes = int((NOW - first.arrived_at).total_seconds() // 60)
    assert f"waited {minutes} min" in choice.reason
    assert ("service weight" in choice.reason) == (weights[first.service] != 1.0)
    others = len(eligible(tickets, counter, services)) - 1
    more = re.search(r"; (\d+) more waiting for this counter$", choice.reason)
    assert (int(more.group(1)) if more else 0) == others


@given(queues, st.sampled_from(COUNTERS), counter_services)
def test_eligible_keeps_exactly_the_counters_tickets_in_order(
    tickets: list[Waiting], counter: str, services: list[str]
) -> None:
    got = eligible(tickets, counter, services)
    assert got == [t for t in tickets if t in got]
    for t in tickets:
        assert (t in got) == (t.service in services and t.for_counter in (None, counter))
