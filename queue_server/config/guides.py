"""guides/<id>.toml: a self-service guide of 3 to 6 steps, in Danish and English."""

from __future__ import annotations

import re

from ..domain.site import Guide, Names, Service
from .table import ID, Table

MIN_STEPS, MAX_STEPS = 3, 6


def read_guide(t: Table, gid: str, services: dict[str, Service] | None) -> Guide:
    """`services` is None when services.toml could not be read: then `service` goes unchecked."""
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
        step = Table(t.problems, t.file, {f"steps[{i}]": item}, t.path)
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
