"""services.toml: the sub-menu groups and every service of the site."""

from __future__ import annotations

import re

from ..domain.site import Group, Service
from .problems import Invalid, Where
from .table import ID, Table, check


def read_groups(t: Table) -> dict[str, Group]:
    out: dict[str, Group] = {}
    groups = t.table("groups")
    if groups is None:
        return out
    for gid in groups.data:
        g = groups.table(gid)
        if g is None:
            continue
        if not ID.match(gid):
            groups.problem(gid, "is not a valid id (a-z, 0-9 and '-', max 40)")
        out[gid] = Group(id=gid, names=g.names("names"))
        g.done()
    groups.done()
    return out


def read_services(t: Table, groups: dict[str, Group]) -> dict[str, Service]:
    out: dict[str, Service] = {}
    services = t.table("services", required=True)
    if services is None:
        return out
    prefixes: dict[str, str] = {}
    for sid in services.data:
        s = services.table(sid)
        if s is None:
            continue
        if not ID.match(sid):
            services.problem(sid, "is not a valid id (a-z, 0-9 and '-', max 40)")
        prefix = s.string("prefix", required=True) or ""
        if prefix and not re.fullmatch(r"[A-Z]", prefix):
            s.problem("prefix", f"must be one capital letter A-Z, got {prefix!r}")
        elif prefix in prefixes:
            s.problem("prefix", f"{prefix!r} is already used by service {prefixes[prefix]!r}")
        else:
            prefixes[prefix] = sid
        group = s.string("group")
        if group is not None and group not in groups:
            s.problem("group", f"no group {group!r} in [groups]")
        cap = read_cap(s, "cap")
        mean_min = s.number("mean_service_min", 0, 5.0) or 5.0
        out[sid] = Service(
            id=sid,
            prefix=prefix,
            names=s.names("names"),
            weight=s.number("weight", 0, 1.0) or 1.0,
            cap=cap,
            mean_service_s=mean_min * 60,
            guide=s.string("guide"),
            group=group,
            note=s.names("note", required=False),
        )
        s.done()
    if not out:
        services.problem("", "no services defined")
    return out


def read_cap(t: Table, name: str) -> int | None:
    """Most tickets waiting at once per branch; None (no cap) when absent or wrong."""
    cap = t.get(name, int, "a whole number", default=None)
    if cap is not None and cap < 1:
        t.problem(name, f"must be at least 1, got {cap}")
        return None
    return cap  # type: ignore[no-any-return]


def parse_cap(raw: object, where: Where) -> int | Invalid | None:
    """A service's cap: a whole number of at least 1; None (no cap) when absent."""
    return check(raw, where, read_cap)
