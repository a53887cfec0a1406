"""branches/<id>.toml: a branch's names, hours, the services it offers and its counters."""

from __future__ import annotations

import datetime as dt

from ..domain.site import Branch, BranchService, Service, WeeklyHours
from .counters import read_counters
from .dates import read_dates, read_timezone
from .hours import read_special, read_week, within
from .table import ID, Table


def read_branch(
    t: Table,
    bid: str,
    site_tz: str,
    holidays: frozenset[dt.date],
    services: dict[str, Service] | None,
) -> Branch:
    """`services` is None when services.toml could not be read: then ids go unchecked."""
    if not ID.match(bid):
        t.problem("", f"file name {bid!r} is not a valid branch id (a-z, 0-9 and '-')")
    tz = read_timezone(t, "timezone") or site_tz
    always = t.get("always_open", bool, "true or false", default=False)
    closed = holidays | frozenset(read_dates(t, "closed"))
    special = read_special(t, "special")
    days = read_week(t, "hours")
    if not always and days is not None and not any(days) and not special:
        t.problem("hours", "the branch is never open (set [hours] or always_open = true)")
    hours = WeeklyHours(days=days or ((),) * 7, closed_dates=closed, extra=special, always=always)
    offered = _offered(t, hours, services)
    counters = read_counters(t, {o.service for o in offered})
    branch = Branch(
        id=bid,
        names=t.names("names"),
        timezone=tz,
        hours=hours,
        services=tuple(offered),
        counters=tuple(counters),
        info=t.names("info", required=False),
        address=t.string("address") or "",
    )
    t.done()
    return branch


def _offered(
    t: Table, hours: WeeklyHours, services: dict[str, Service] | None
) -> list[BranchService]:
    """`[services.<id>]`: what the branch offers, each with the branch's hours or its own."""
    offered: list[BranchService] = []
    offered_t = t.table("services", required=True)
    if offered_t is None:
        return offered
    for sid in offered_t.data:
        o = offered_t.table(sid)
        if o is None:
            continue
        if services is not None and sid not in services:
            offered_t.problem(sid, "no such service in services.toml")
        own = read_week(o, "hours")
        own_hours = (
            hours
            if own is None
            else WeeklyHours(
                days=own, closed_dates=hours.closed_dates, extra=within(hours.extra, own)
            )
        )
        offered.append(BranchService(service=sid, hours=own_hours))
        o.done()
    if not offered:
        offered_t.problem("", "the branch offers no services")
    return offered
