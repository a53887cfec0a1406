"""Load and validate a site folder of TOML files (see config/FORMAT.md) into a `Site`.

Every problem in every file is collected before failing, so an administrator fixes a
config in one pass; each names the file, the dotted key and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .domain.site import (
    WEEKDAYS,
    Branch,
    BranchService,
    Counter,
    Group,
    Guide,
    Names,
    Service,
    Site,
    TimeRange,
    WeeklyHours,
)

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
LANG = re.compile(r"^[a-z]{2,3}$")
HHMM = re.compile(r"^(\d{2}):(\d{2})$")
MIN_STEPS, MAX_STEPS = 3, 6
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"


class ConfigError(Exception):
    """The site folder is not valid; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"invalid site configuration ({len(problems)} problems):\n{lines}")


class _Table:
    """A TOML table being read: remembers its file and key path, collects problems."""

    def __init__(self, problems: list[Problem], file: str, data: dict[str, Any], path: str = ""):
        self.problems, self.file, self.data, self.path = problems, file, data, path
        self.seen: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.key(name) if name else self.path, message))

    def get(
        self,
        name: str,
        kind: type[T] | tuple[type, ...],
        what: str,
        default: Any = None,
        required: bool = False,
    ) -> Any:
        self.seen.add(name)
        if name not in self.data:
            if required:
                self.problem(name, f"missing; expected {what}")
            return default
        value = self.data[name]
        # bool is an int in Python; a TOML `true` is never a number here
        if isinstance(value, bool) and kind is not bool:
            self.problem(name, f"expected {what}, got {value!r}")
            return default
        if not isinstance(value, kind):
            self.problem(name, f"expected {what}, got {type(value).__name__} {value!r}")
            return default
        return value

    def table(self, name: str, required: bool = False) -> _Table | None:
        value = self.get(name, dict, "a table", required=required)
        return None if value is None else _Table(self.problems, self.file, value, self.key(name))

    def string(self, name: str, required: bool = False, default: str | None = None) -> str | None:
        value = self.get(name, str, "a string", default=default, required=required)
        if isinstance(value, str) and required and not value.strip():
            self.problem(name, "must not be empty")
        return value  # type: ignore[no-any-return]

    def ident(self, name: str, required: bool = True) -> str | None:
        value = self.string(name, required=required)
        if value is not None and not ID.match(value):
            self.problem(name, f"{value!r} is not a valid id (a-z, 0-9 and '-', max 40)")
            return None
        return value

    def number(self, name: str, minimum: float, default: float | None) -> float | None:
        value = self.get(name, (int, float), "a number", default=default)
        if value is not None and value is not default and value <= minimum:
            self.problem(name, f"must be greater than {minimum:g}, got {value}")
            return default
        return None if value is None else float(value)

    def names(self, name: str, need: Iterable[str] = ("da",), required: bool = True) -> Names:
        t = self.table(name, required=required)
        if t is None:
            return {}
        out: Names = {}
        for lang, text in t.data.items():
            if not LANG.match(lang):
                t.problem(lang, "is not a language code (like da, en, ar)")
            elif not isinstance(text, str) or not text.strip():
                t.problem(lang, "expected a non-empty string")
            else:
                out[lang] = text.strip()
        for lang in need:
            if lang not in t.data:
                t.problem(lang, f"missing; every text needs {', '.join(need)}")
        return out

    def done(self) -> None:
        """Report keys nobody asked for: usually a typo that would silently do nothing."""
        for name in self.data:
            if name not in self.seen:
                self.problem(name, "unknown key")


def load_site(folder: str | Path) -> Site:
    """The validated site in `folder`; raises ConfigError listing every problem."""
    root = Path(folder)
    problems: list[Problem] = []
    if not root.is_dir():
        raise ConfigError([Problem(str(root), "", "site folder not found")])

    def read(path: Path) -> _Table | None:
        rel = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
        try:
            with path.open("rb") as f:
                return _Table(problems, rel, tomllib.load(f))
        except FileNotFoundError:
            problems.append(Problem(rel, "", "file missing"))
        except tomllib.TOMLDecodeError as e:
            problems.append(Problem(rel, "", f"not valid TOML: {e}"))
        except (OSError, UnicodeDecodeError) as e:
            problems.append(Problem(rel, "", f"cannot read: {e}"))
        return None

    site_t = read(root / "site.toml")
    services_t = read(root / "services.toml")
    name, tz, holidays = "", "Europe/Copenhagen", frozenset[dt.date]()
    languages: tuple[str, ...] = ("da",)
    if site_t is not None:
        name = site_t.string("name", required=True) or ""
        langs = site_t.get("languages", list, "a list of language codes", default=["da"])
        languages = tuple(x for x in langs if isinstance(x, str) and LANG.match(x))
        if len(languages) != len(langs) or "da" not in languages or len(set(langs)) != len(langs):
            site_t.problem("languages", "must be distinct language codes and include 'da'")
        tz = _timezone(site_t, "timezone") or tz
        holidays = frozenset(_dates(site_t, "holidays"))
        site_t.done()

    groups: dict[str, Group] = {}
    services: dict[str, Service] = {}
    if services_t is not None:
        groups = _groups(services_t)
        services = _services(services_t, groups)
        services_t.done()

    # with services.toml unreadable, don't bury its one problem under "no such service"s
    known = services if services_t is not None else None
    guides: dict[str, Guide] = {}
    for path in sorted((root / "guides").glob("*.toml")):
        t = read(path)
        if t is not None:
            guide = _guide(t, path.stem, known)
            if guide is not None:
                guides[guide.id] = guide

    branches: dict[str, Branch] = {}
    counter_files: dict[str, str] = {}
    branch_paths = sorted((root / "branches").glob("*.toml"))
    if not branch_paths:
        problems.append(Problem(f"{root.name}/branches", "", "no branch files (*.toml)"))
    for path in branch_paths:
        t = read(path)
        if t is not None:
            branch = _branch(t, path.stem, tz, holidays, known)
            if branch is None:
                continue
            branches[branch.id] = branch
            for c in branch.counters:
                if c.id in counter_files:
                    t.problem(
                        "counters",
                        f"counter id {c.id!r} is also used in "
                        f"{counter_files[c.id]}; counter ids are site-wide",
                    )
                counter_files[c.id] = t.file

    for service in services.values():
        if service.guide is not None and service.guide not in guides:
            problems.append(
                Problem(
                    f"{root.name}/services.toml",
                    f"services.{service.id}.guide",
                    f"no guide {service.guide!r} in guides/",
                )
            )

    if problems:
        raise ConfigError(problems)
    return Site(
        name=name,
        languages=languages,
        services=services,
        branches=branches,
        guides=guides,
        groups=groups,
    )


def _groups(t: _Table) -> dict[str, Group]:
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


def _services(t: _Table, groups: dict[str, Group]) -> dict[str, Service]:
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
        cap = s.get("cap", int, "a whole number", default=None)
        if cap is not None and cap < 1:
            s.problem("cap", f"must be at least 1, got {cap}")
            cap = None
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


def _branch(
    t: _Table,
    bid: str,
    site_tz: str,
    holidays: frozenset[dt.date],
    services: dict[str, Service] | None,
) -> Branch | None:
    if not ID.match(bid):
        t.problem("", f"file name {bid!r} is not a valid branch id (a-z, 0-9 and '-')")
    tz = _timezone(t, "timezone") or site_tz
    always = t.get("always_open", bool, "true or false", default=False)
    closed = holidays | frozenset(_dates(t, "closed"))
    special = _special(t)
    days = _week(t.table("hours"))
    if not always and days is not None and not any(days) and not special:
        t.problem("hours", "the branch is never open (set [hours] or always_open = true)")
    hours = WeeklyHours(days=days or ((),) * 7, closed_dates=closed, extra=special, always=always)

    offered: list[BranchService] = []
    offered_t = t.table("services", required=True)
    if offered_t is not None:
        for sid in offered_t.data:
            o = offered_t.table(sid)
            if o is None:
                continue
            if services is not None and sid not in services:
                offered_t.problem(sid, "no such service in services.toml")
            own = _week(o.table("hours"))
            own_hours = (
                hours
                if own is None
                else WeeklyHours(days=own, closed_dates=closed, extra=_within(special, own))
            )
            offered.append(BranchService(service=sid, hours=own_hours))
            o.done()
        if not offered:
            offered_t.problem("", "the branch offers no services")
    offered_ids = {o.service for o in offered}

    counters: list[Counter] = []
    raw = t.get("counters", list, "a list of [[counters]] tables", default=[])
    seen: set[str] = set()
    for i, item in enumerate(raw):
        key = f"counters[{i}]"
        if not isinstance(item, dict):
            t.problem(key, "expected a table")
            continue
        c = _Table(t.problems, t.file, item, t.key(key))
        cid = c.ident("id")
        if cid is not None and cid in seen:
            c.problem("id", f"counter {cid!r} appears twice")
        serves = c.get("services", list, "a list of service ids", default=[], required=True)
        for sid in serves:
            if sid not in offered_ids:
                c.problem("services", f"{sid!r} is not offered at this branch")
        if not serves:
            c.problem("services", "a counter must serve at least one service")
        zone = c.ident("zone", required=False)
        names = c.names("names")
        c.done()
        if cid is not None:
            seen.add(cid)
            counters.append(Counter(id=cid, names=names, services=tuple(serves), zone=zone))
    if not counters:
        t.problem("counters", "the branch has no counters")

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


def _guide(t: _Table, gid: str, services: dict[str, Service] | None) -> Guide | None:
    if not ID.match(gid):
        t.problem("", f"file name {gid!r} is not a valid guide id")
    url = t.string("url", required=True) or ""
    if url and not re.match(r"^https://[^\s/]+\.[^\s/]+", url):
        t.problem("url", f"must be an https:// address, got {url!r}")
    service = t.string("service")
    if service is not None and services is not None and service not in services:
        t.problem("service", f"no such service {service!r} in services.toml")
    raw = t.get("steps", list, "a list of [[steps]] tables", default=[], required=True)
    if not MIN_STEPS <= len(raw) <= MAX_STEPS:
        t.problem("steps", f"a guide has {MIN_STEPS} to {MAX_STEPS} steps, found {len(raw)}")
    steps: list[Names] = []
    for i, item in enumerate(raw):
        # each step is read as if it were a key of its own, so problems say "steps[2].en"
        step = _Table(t.problems, t.file, {f"steps[{i}]": item}, t.path)
        steps.append(step.names(f"steps[{i}]", need=("da", "en")))
    guide = Guide(
        id=gid,
        title=t.names("title", need=("da", "en")),
        summary=t.names("summary", need=("da", "en")),
        steps=tuple(steps),
        url=url,
        service=service,
    )
    t.done()
    return guide


def _within(
    special: tuple[tuple[dt.date, tuple[TimeRange, ...]], ...],
    week: tuple[tuple[TimeRange, ...], ...],
) -> tuple[tuple[dt.date, tuple[TimeRange, ...]], ...]:
    """A branch's special day as it applies to a service with its own hours: only where
    both are open (a short day at the library must not open a desk that is shut that day)."""
    out = []
    for day, ranges in special:
        both = [
            TimeRange(max(a.start, b.start), min(a.end, b.end))
            for a in ranges
            for b in week[day.weekday()]
            if max(a.start, b.start) < min(a.end, b.end)
        ]
        out.append((day, tuple(sorted(both, key=lambda r: r.start))))
    return tuple(out)


def _timezone(t: _Table, name: str) -> str | None:
    tz = t.string(name)
    if tz is None:
        return None
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        t.problem(name, f"unknown time zone {tz!r} (like Europe/Copenhagen)")
        return None
    return tz


def _date(t: _Table, key: str, value: object) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value  # TOML's own local date: 2026-12-24
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    t.problem(key, f"expected a date like 2026-12-24, got {value!r}")
    return None


def _dates(t: _Table, name: str) -> list[dt.date]:
    raw = t.get(name, list, "a list of dates", default=[])
    found = (_date(t, f"{name}[{i}]", v) for i, v in enumerate(raw))
    return [d for d in found if d is not None]


def _special(t: _Table) -> tuple[tuple[dt.date, tuple[TimeRange, ...]], ...]:
    s = t.table("special")
    if s is None:
        return ()
    out = []
    for key, value in s.data.items():
        s.seen.add(key)
        day = _date(s, key, key)
        ranges = _ranges(s, key, value)
        if day is not None and ranges is not None:
            out.append((day, ranges))
    return tuple(sorted(out))


def _week(t: _Table | None) -> tuple[tuple[TimeRange, ...], ...] | None:
    """Weekday table -> 7 tuples of ranges; None when the table is absent."""
    if t is None:
        return None
    days: list[tuple[TimeRange, ...]] = []
    for day in WEEKDAYS:
        t.seen.add(day)
        days.append(_ranges(t, day, t.data[day]) or () if day in t.data else ())
    for key in t.data:
        if key not in WEEKDAYS:
            t.problem(key, f"unknown day; use {', '.join(WEEKDAYS)}")
            t.seen.add(key)
    return tuple(days)


def _ranges(t: _Table, key: str, value: object) -> tuple[TimeRange, ...] | None:
    if value == "closed":
        return ()
    items = value if isinstance(value, list) else [value]
    out: list[TimeRange] = []
    for item in items:
        r = _range(item) if isinstance(item, str) else None
        if r is None:
            t.problem(key, f'expected "HH:MM-HH:MM" (or a list of them, or "closed"), got {item!r}')
            return None
        out.append(r)
    out.sort(key=lambda r: r.start)
    for a, b in itertools.pairwise(out):
        if b.start < a.end:
            t.problem(key, f"time ranges overlap: {_fmt(a)} and {_fmt(b)}")
            return None
    return tuple(out)


def _range(text: str) -> TimeRange | None:
    parts = text.replace(" ", "").split("-")
    if len(parts) != 2:
        return None
    start, end = _clock(parts[0]), _clock(parts[1], end=True)
    if start is None or end is None or not start < end:
        return None
    return TimeRange(start, end)


def _clock(text: str, end: bool = False) -> dt.time | None:
    m = HHMM.match(text)
    if m is None:
        return None
    h, mi = int(m.group(1)), int(m.group(2))
    if end and (h, mi) == (24, 0):
        return dt.time.max
    if h > 23 or mi > 59:
        return None
    return dt.time(h, mi)


def _fmt(r: TimeRange) -> str:
    end = "24:00" if r.end == dt.time.max else r.end.strftime("%H:%M")
    return f"{r.start:%H:%M}-{end}"
