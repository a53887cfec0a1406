"""A branch's `[[counters]]`: ids, names, zones and the services each one serves."""

from __future__ import annotations

from collections.abc import Collection

from ..domain.site import Counter
from .problems import Invalid, Where
from .table import Table, check


def read_counters(t: Table, offered: Collection[str]) -> list[Counter]:
    """The branch's counters; `offered` are the ids of the services the branch offers."""
    counters: list[Counter] = []
    raw = t.get("counters", list, "a list of [[counters]] tables", default=[])
    seen: set[str] = set()
    for i, item in enumerate(raw):
        key = f"counters[{i}]"
        if not isinstance(item, dict):
            t.problem(key, "expected a table")
            continue
        c = Table(t.problems, t.file, item, t.key(key))
        cid = c.ident("id")
        if cid is not None and cid in seen:
            c.problem("id", f"counter {cid!r} appears twice")
        serves = read_counter_services(c, "services", offered)
        zone = c.ident("zone", required=False)
        names = c.names("names")
        c.done()
        if cid is not None:
            seen.add(cid)
            counters.append(Counter(id=cid, names=names, services=serves, zone=zone))
    if not counters:
        t.problem("counters", "the branch has no counters")
    return counters


def read_counter_services(t: Table, name: str, offered: Collection[str]) -> tuple[str, ...]:
    serves = t.get(name, list, "a list of service ids", default=[], required=True)
    for sid in serves:
        if sid not in offered:
            t.problem(name, f"{sid!r} is not offered at this branch")
    if not serves:
        t.problem(name, "a counter must serve at least one service")
    return tuple(serves)


def check_counter_services(
    raw: object, where: Where, offered: Collection[str]
) -> tuple[str, ...] | Invalid:
    """A counter's service set: a non-empty list of ids, each offered at its branch."""
    return check(raw, where, lambda t, key: read_counter_services(t, key, offered))
