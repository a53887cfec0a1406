"""Rows as the wire shows them: tickets, counters, device health."""

from __future__ import annotations

from ..db.models import CounterSessionRow, DeviceHealthRow
from ..db.ticket_store import TicketRec
from ..domain.estimate import WaitRange
from ..domain.site import Counter
from ..shared import wire
from ..shared.vocab import DeviceStatus, PauseReason, TicketState


def ticket(
    rec: TicketRec,
    *,
    public_url: str,
    ahead: int | None = None,
    wait: WaitRange | None = None,
    link: bool = False,
) -> wire.Ticket:
    """The ticket; `ahead` and `wait` only mean something while it waits; `link` adds the
    citizen's secret status link (for whoever issued it, and the citizen's own page)."""
    waiting = rec.state == TicketState.WAITING
    return wire.Ticket(
        id=rec.id,
        number=rec.display,
        branch=rec.branch,
        service=rec.service,
        state=TicketState(rec.state),
        language=rec.language,
        paperless=rec.paperless,
        issued_at=rec.issued_at,
        arrived_at=rec.arrived_at,
        priority=rec.priority,
        called_at=rec.called_at,
        started_at=rec.started_at,
        finished_at=rec.finished_at,
        counter=rec.counter,
        recalls=rec.recalls,
        people_ahead=ahead if waiting else None,
        estimated_wait=wire.WaitEstimate(low_s=wait.low_s, high_s=wait.high_s)
        if waiting and wait is not None
        else None,
        status_url=status_link(public_url, rec.status_token) if link else None,
        transferred_from=rec.transferred_from,
        transferred_to=rec.transferred_to,
        for_counter=rec.for_counter,
    )


def status_link(public_url: str, token: str) -> str:
    return f"{public_url}/t/{token}"


def counter_info(c: Counter, held: CounterSessionRow | None) -> wire.CounterInfo:
    return wire.CounterInfo(
        id=c.id,
        names=c.names,
        services=list(c.services),
        zone=c.zone,
        held_by=held.holder if held else None,
        paused=PauseReason(held.paused) if held and held.paused else None,
    )


def device_health(row: DeviceHealthRow) -> wire.DeviceHealth:
    return wire.DeviceHealth(
        device=row.device,
        branch=row.branch,
        kind=row.kind,
        status=DeviceStatus(row.status),
        detail=row.detail,
        updated_at=row.updated_at,
    )
