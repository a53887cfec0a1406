"""The headless demo's closing summary: tickets, waits, and how far the server's wait
estimates were off (as JSON)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter as Tally
from typing import Any

from queue_server.client import ApiClient
from queue_server.domain.site import Site

from .model import Run, SimClock
from .printing import Printers


def summary(
    site: Site,
    url: str,
    admin: str,
    run: Run,
    printers: Printers,
    clock: SimClock,
    minutes: float,
    speed: float,
    start: dt.datetime,
    branches: list[Any],
) -> dict[str, Any]:
    waits: list[float] = []
    errors: list[float] = []
    within = beyond = 0
    widths: list[float] = []
    per_service: dict[str, list[tuple[float, bool]]] = {}
    states: Tally[str] = Tally()
    per_branch: Tally[str] = Tally()
    with ApiClient(url, admin, timeout=10) as api:
        for item in run.issued:
            t = api.ticket(item.ticket.id)
            states[t.state] += 1
            per_branch[t.branch] += 1
            if t.called_at is None:
                continue
            wait = (t.called_at - t.issued_at).total_seconds()
            waits.append(wait)
            est = item.ticket.estimated_wait  # what the ticket was promised at issue
            if est is not None:
                error = (est.low_s + est.high_s) / 2 - wait
                inside = est.low_s <= wait <= est.high_s
                errors.append(error)
                within += inside
                beyond += wait > est.high_s + 600
                widths.append(est.high_s - est.low_s)
                per_service.setdefault(t.service, []).append((error, inside))
    served = states["done"] + states["serving"]
    return {
        "site": site.name,
        "simulated_start": start.isoformat(),
        "simulated_minutes": minutes,
        "speed": speed,
        "branches": sorted(per_branch),
        "tickets_issued": len(run.issued),
        "tickets_by_branch": dict(per_branch),
        "printed": sum(1 for i in run.issued if i.printed),
        "paperless": sum(1 for i in run.issued if i.printed is None),
        "print_failures": run.print_failures,
        "served": served,
        "no_shows": states["no_show"],
        "still_waiting": states["waiting"],
        "states": dict(states),
        "wait_min": {
            "mean": in_minutes(statistics.fmean(waits)) if waits else None,
            "p90": in_minutes(quantile(waits, 0.9)) if waits else None,
            "max": in_minutes(max(waits)) if waits else None,
        },
        "prediction": {
            "tickets": len(errors),
            "mean_abs_error_min": in_minutes(statistics.fmean(abs(e) for e in errors))
            if errors
            else None,
            "bias_min": in_minutes(statistics.fmean(errors)) if errors else None,
            "within_range_pct": round(100 * within / len(errors), 1) if errors else None,
            "beyond_high_10min_pct": round(100 * beyond / len(errors), 1) if errors else None,
            "mean_width_min": in_minutes(statistics.fmean(widths)) if widths else None,
            "by_service": {
                sv: {
                    "tickets": len(rows),
                    "within_range_pct": round(100 * sum(i for _, i in rows) / len(rows), 1),
                    "bias_min": in_minutes(statistics.fmean(e for e, _ in rows)),
                }
                for sv, rows in sorted(per_service.items())
            },
        },
        "errors": dict(run.errors),
        "ticket_pngs": printers.png_count(),
    }


def in_minutes(seconds: float) -> float:
    return round(seconds / 60, 1)


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
