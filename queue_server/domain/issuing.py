"""May a ticket be issued: the service exists, the branch offers it, it is open, it has room."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..shared.vocab import ProblemCode
from .errors import NotFound, NotOffered, ServiceClosed, ServiceFull
from .hours import is_open, next_opening
from .site import Branch, BranchService, Service, Site


@dataclass(frozen=True)
class Offer:
    """A service as one branch offers it."""

    branch: Branch
    service: Service
    offered: BranchService


def find_branch(site: Site, branch_id: str) -> Branch:
    branch = site.branch(branch_id)
    if branch is None:
        known = ", ".join(sorted(site.branches))
        raise NotFound(
            f"unknown branch {branch_id!r} (known: {known})", code=ProblemCode.UNKNOWN_BRANCH
        )
    return branch


def find_service(site: Site, service_id: str) -> Service:
    service = site.services.get(service_id)
    if service is None:
        raise NotFound(f"unknown service {service_id!r}", code=ProblemCode.UNKNOWN_SERVICE)
    return service


def find_offer(site: Site, branch_id: str, service_id: str) -> Offer:
    """The service at the branch: unknown branch or service, or not offered there, refused."""
    branch = find_branch(site, branch_id)
    service = find_service(site, service_id)
    offered = branch.offers(service.id)
    if offered is None:
        raise NotOffered(f"{branch.id} does not offer {service.id}")
    return Offer(branch, service, offered)


def check_open(offer: Offer, now: dt.datetime) -> None:
    """Refuse a ticket for a service that is closed at the branch now, saying when it opens."""
    tz = offer.branch.tz
    if is_open(offer.offered.hours, now, tz):
        return
    opens = next_opening(offer.offered.hours, now, tz)
    when = f"; it opens {opens.astimezone(tz):%Y-%m-%d %H:%M}" if opens else ""
    raise ServiceClosed(f"{offer.service.id} is closed at {offer.branch.id} now{when}")


def needs_waiting_count(service: Service) -> bool:
    """Whether `check_room` needs the count of waiting tickets (only a capped service)."""
    return service.cap is not None


def check_room(service: Service, waiting: int) -> None:
    """Refuse a ticket when the service's cap of waiting tickets is reached."""
    if service.cap is not None and waiting >= service.cap:
        raise ServiceFull(f"{service.id} has {service.cap} people waiting; try again later")


def is_full(service: Service, waiting: int) -> bool:
    return service.cap is not None and waiting >= service.cap
