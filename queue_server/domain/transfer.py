"""Where a transferred ticket goes: another service of the branch, or one counter."""

from __future__ import annotations

from dataclasses import dataclass

from ..shared.vocab import ProblemCode
from .errors import NotFound, NotOffered, Rejected
from .site import Branch, Site


@dataclass(frozen=True)
class Target:
    service: str
    for_counter: str | None  # only this counter calls it


def transfer_target(
    site: Site,
    branch: Branch,
    from_service: str,
    *,
    service: str | None,
    counter: str | None,
    counter_held: bool = True,
) -> Target:
    """The service and counter the ticket waits for next (exactly one of `service` or
    `counter` is given). To a counter, it keeps its service if the counter serves it,
    else takes the counter's first service; a counter nobody holds is refused (the
    citizen would wait for a closed counter, unseen by the others)."""
    if counter is not None:
        target = branch.counter(counter)
        if target is None:
            raise NotFound(
                f"unknown counter {counter!r} at {branch.id}", code=ProblemCode.UNKNOWN_COUNTER
            )
        if not counter_held:
            raise Rejected(
                f"counter {target.id} is closed (nobody holds it); transfer to a service, "
                "or to a counter that is open",
                code=ProblemCode.COUNTER_CLOSED,
            )
        kept = from_service if from_service in target.services else target.services[0]
        return Target(kept, target.id)
    assert service is not None
    if service not in site.services:
        raise NotFound(f"unknown service {service!r}", code=ProblemCode.UNKNOWN_SERVICE)
    if branch.offers(service) is None:
        raise NotOffered(f"{branch.id} does not offer {service}")
    return Target(service, None)
