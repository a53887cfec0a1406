"""The kiosk's side of the server, Qt-free: every call answers, none raises.

Runs on worker threads. Branch info and guides from the last good answer are kept (in
memory and on disk), so a kiosk that loses the server, or starts without it, still shows
its services and guides; with no cache at all the guides come from a local site folder.
Branch info is fetched at start and after a resync only: the live events carry the rest.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from queue_server.client import ApiClient, ApiError, ServerUnreachable
from queue_server.shared import wire
from queue_server.shared.i18n import pick_name
from queue_server.shared.vocab import DeviceStatus, GuideOutcomeKind, ProblemCode

from .cache import JsonCache
from .guides import KioskGuide, guides_from_json
from .local_site import LocalSite
from .outcomes import Closed, Full, GuidePrinted, Issued, IssueOutcome, Refused, Unreachable
from .output import TicketOutput, can_print
from .printing import ticket_print_from_wire

log = logging.getLogger("dintur.kiosk.backend")


@dataclass(frozen=True)
class Fetched:
    """Branch info and guides, and whether they came from the server just now."""

    branch: wire.BranchInfo | None
    guides: list[KioskGuide]
    live: bool


class KioskBackend:
    def __init__(
        self,
        api: ApiClient,
        branch: str,
        *,
        device_id: str,
        output: TicketOutput,
        cache: JsonCache,
        local: LocalSite,
    ) -> None:
        self.api = api
        self.branch_id = branch
        self.device_id = device_id
        self.output = output
        self.cache = cache
        self.local = local
        self._outbox: list[
            tuple[str, GuideOutcomeKind]
        ] = []  # guide outcomes the server has not taken
        self._lock = threading.Lock()
        self._reported: DeviceStatus | None = None

    # --- reading ----------------------------------------------------------------------

    def cached_branch(self) -> wire.BranchInfo | None:
        data = self.cache.load("branch")
        if data is None:
            return None
        try:
            return wire.BranchInfo.model_validate(data)
        except ValueError:
            return None

    def cached_guides(self) -> list[KioskGuide]:
        cached = guides_from_json(self.cache.load("guides"))
        return cached or list(self.local.guides)

    def fetch(self) -> Fetched:
        """Branch info and guides from the server; the kept ones when it can't answer."""
        try:
            info = self.api.branch(self.branch_id)
        except (ServerUnreachable, ApiError) as exc:
            log.info("branch info not fetched: %s", exc)
            return Fetched(self.cached_branch(), self.cached_guides(), live=False)
        self.cache.save("branch", info.model_dump(mode="json"))
        try:
            guides = [KioskGuide.from_json(g.model_dump()) for g in self.api.guides()]
            self.cache.save("guides", [g.to_json() for g in guides])
        except (ServerUnreachable, ApiError) as exc:
            log.info("guides not fetched: %s", exc)
            guides = self.cached_guides()
        return Fetched(info, guides, live=True)

    # --- issuing ----------------------------------------------------------------------

    def issue(
        self,
        service: str,
        language: str,
        *,
        paperless: bool,
        branch_info: wire.BranchInfo | None,
    ) -> IssueOutcome:
        """Ask for a ticket and, unless paperless, print it."""
        try:
            ticket = self.api.issue(self.branch_id, service, language, paperless=paperless)
        except ServerUnreachable as exc:
            return Unreachable(str(exc))
        except ApiError as exc:
            known = _service(branch_info, service)
            if exc.code == ProblemCode.SERVICE_CLOSED:
                return Closed(
                    service,
                    known.opens_at if known else None,
                    list(known.open_elsewhere) if known else [],
                )
            if exc.code == ProblemCode.SERVICE_FULL:
                return Full(service)
            log.warning("ticket refused: %s %s", exc.code, exc.detail)
            return Refused(exc.code, exc.detail)
        if paperless or not self.output.available:
            return Issued(ticket, paperless=True, printed=False, printer_status=self.output.status)
        printed, status = self._print(ticket, branch_info)
        return Issued(ticket, paperless=False, printed=printed, printer_status=status)

    def _print(
        self, ticket: wire.Ticket, info: wire.BranchInfo | None
    ) -> tuple[bool, DeviceStatus]:
        if info is None:  # the screens offer no service before the branch is known
            log.warning("ticket %s not printed: the branch is not known", ticket.number)
            return False, self.output.status
        known = _service(info, ticket.service)
        names = dict(known.names) if known else {"da": ticket.service}
        note = pick_name(known.note, ticket.language) if known else ""
        branch_name = pick_name(info.names, ticket.language, self.branch_id)
        try:
            job = ticket_print_from_wire(
                ticket, branch_name, names, note or None, timezone=info.timezone
            )
        except ValueError as exc:
            log.warning("ticket %s cannot be laid out: %s", ticket.number, exc)
            return False, self.output.status
        result = self.output.print_ticket(job)
        if not result.printed:
            log.warning("ticket %s not printed: %s", ticket.number, result.error)
        return result.printed, DeviceStatus(result.status)

    def print_guide(self, guide: KioskGuide, language: str) -> GuidePrinted:
        if not self.output.available:
            return GuidePrinted(False, DeviceStatus.UNKNOWN)
        result = self.output.print_guide(guide, language)
        return GuidePrinted(result.printed, DeviceStatus(result.status))

    def printer_ready(self) -> bool:
        return self.output.available and can_print(self.output.status)

    # --- reports ----------------------------------------------------------------------

    def guide_outcome(self, guide_id: str, outcome: GuideOutcomeKind) -> None:
        """Count how a guide ended; kept and sent later when the server is away."""
        outcome = GuideOutcomeKind(outcome)  # ValueError for anything else
        with self._lock:
            self._outbox.append((guide_id, outcome))
        self.flush()

    def flush(self) -> None:
        """Send the guide outcomes the server has not taken yet."""
        with self._lock:
            pending, self._outbox = self._outbox, []
        for i, (guide_id, outcome) in enumerate(pending):
            try:
                self.api.guide_outcome(guide_id, self.branch_id, outcome)
            except ServerUnreachable:
                with self._lock:
                    self._outbox = pending[i:] + self._outbox
                return
            except ApiError as exc:  # not retried: the server will not change its mind
                log.warning("guide outcome %s/%s refused: %s", guide_id, outcome, exc)

    @property
    def pending_outcomes(self) -> int:
        with self._lock:
            return len(self._outbox)

    def report_health(self, status: DeviceStatus | None = None, *, force: bool = False) -> bool:
        """Tell the server the printer's status (when it changed, or `force`)."""
        if not self.output.available:
            return False
        status = status or self.output.status
        if status == self._reported and not force:
            return True
        quiet = status in (DeviceStatus.OK, DeviceStatus.UNKNOWN)
        detail = "" if quiet else f"printer {status.replace('_', ' ')}"
        try:
            self.api.report_health(self.device_id, status, detail)
        except (ServerUnreachable, ApiError) as exc:
            log.info("printer health %s not reported: %s", status, exc)
            return False
        self._reported = status
        return True

    def poll_printer(self) -> DeviceStatus:
        status = self.output.poll()
        self.report_health(status)
        return status


def _service(info: wire.BranchInfo | None, service_id: str) -> wire.ServiceInfo | None:
    if info is None:
        return None
    return next((s for s in info.services if s.id == service_id), None)
