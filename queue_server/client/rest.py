"""REST calls of API v1, typed with the wire schema."""

from __future__ import annotations

from typing import Any

import httpx

from ..shared import wire
from .errors import ApiError, ServerUnreachable


class ApiClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)
        self.token = token

    @property
    def token(self) -> str | None:
        return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        self._token = value
        if value:
            self._http.headers["Authorization"] = f"Bearer {value}"
        else:
            self._http.headers.pop("Authorization", None)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- calls ------------------------------------------------------------------------

    def health(self) -> wire.Health:
        return wire.Health.model_validate(self._request("GET", "/healthz"))

    def login(self, username: str, password: str) -> wire.TokenInfo:
        body = wire.Login(username=username, password=password).model_dump()
        info = wire.TokenInfo.model_validate(self._request("POST", "/api/v1/auth/login", json=body))
        self.token = info.token
        return info

    def branches(self) -> list[wire.BranchInfo]:
        return [wire.BranchInfo.model_validate(b) for b in self._request("GET", "/api/v1/branches")]

    def branch(self, branch: str) -> wire.BranchInfo:
        return wire.BranchInfo.model_validate(self._request("GET", f"/api/v1/branches/{branch}"))

    def queue(self, branch: str) -> wire.QueueSnapshot:
        return wire.QueueSnapshot.model_validate(
            self._request("GET", f"/api/v1/branches/{branch}/queue")
        )

    def issue(
        self, branch: str, service: str, language: str = "da", paperless: bool = False
    ) -> wire.Ticket:
        body = wire.IssueTicket(
            branch=branch, service=service, language=language, paperless=paperless
        )
        return self._ticket("POST", "/api/v1/tickets", json=body.model_dump())

    def ticket(self, ticket_id: str) -> wire.Ticket:
        return self._ticket("GET", f"/api/v1/tickets/{ticket_id}")

    def call_next(self, counter: str, services: list[str] | None = None) -> wire.Ticket | None:
        """The next ticket under the call policy; `services` narrows to some of the
        counter's own. None when nobody waits."""
        body = {"json": {"services": services}} if services is not None else {}
        data = self._request("POST", f"/api/v1/counters/{counter}/call-next", **body)
        return None if data is None else wire.Ticket.model_validate(data)

    def call(self, counter: str, ticket_id: str) -> wire.Ticket:
        return self._ticket("POST", f"/api/v1/counters/{counter}/call", json={"ticket": ticket_id})

    def act(self, ticket_id: str, action: str) -> wire.Ticket:
        """action: recall, start, finish, done (start if only called, then finish),
        no-show or cancel."""
        return self._ticket("POST", f"/api/v1/tickets/{ticket_id}/{action}")

    def transfer(
        self, ticket_id: str, *, service: str | None = None, counter: str | None = None
    ) -> wire.Ticket:
        body = wire.Transfer(service=service, counter=counter).model_dump(exclude_none=True)
        return self._ticket("POST", f"/api/v1/tickets/{ticket_id}/transfer", json=body)

    def pair_start(self, role: str, branch: str, name: str) -> wire.PairStarted:
        """A new device asks to join (no token needed); it shows the code it gets."""
        body = wire.PairRequest.model_validate({"role": role, "branch": branch, "name": name})
        return wire.PairStarted.model_validate(
            self._request("POST", "/api/v1/pairing", json=body.model_dump())
        )

    def pair_collect(self, secret: str) -> wire.PairState:
        body = wire.PairCollect(secret=secret).model_dump()
        return wire.PairState.model_validate(
            self._request("POST", "/api/v1/pairing/collect", json=body)
        )

    def status(self, status_token: str) -> wire.Ticket:
        return self._ticket("GET", f"/api/v1/status/{status_token}")

    # --- plumbing ---------------------------------------------------------------------

    def _ticket(self, method: str, path: str, **kw: Any) -> wire.Ticket:
        return wire.Ticket.model_validate(self._request(method, path, **kw))

    def _request(self, method: str, path: str, **kw: Any) -> Any:
        try:
            r = self._http.request(method, path, **kw)
        except httpx.TransportError as exc:
            raise ServerUnreachable(f"{self.base_url} did not answer: {exc}") from exc
        if r.status_code == 204:
            return None
        if r.status_code >= 400:
            try:
                problem = r.json()
                raise ApiError(r.status_code, str(problem["code"]), str(problem["detail"]))
            except (ValueError, KeyError, TypeError):
                raise ApiError(r.status_code, "http_error", r.text[:200]) from None
        try:
            return r.json()
        except ValueError as exc:
            raise ApiError(
                r.status_code, "bad_response", "the server's answer was not JSON"
            ) from exc

    # --- counter sessions (desk) ------------------------------------------------------

    def claim(self, counter: str) -> wire.CounterInfo:
        """Sit down at a counter; ApiError 409 `counter_taken` when someone else holds it."""
        return self._counter("POST", f"/api/v1/counters/{counter}/claim")

    def release(self, counter: str) -> wire.CounterInfo:
        return self._counter("POST", f"/api/v1/counters/{counter}/release")

    def pause(self, counter: str, reason: str) -> wire.CounterInfo:
        """reason: break, phone, admin or other; colleagues see it."""
        return self._counter("POST", f"/api/v1/counters/{counter}/pause", json={"reason": reason})

    def resume(self, counter: str) -> wire.CounterInfo:
        return self._counter("POST", f"/api/v1/counters/{counter}/resume")

    def _counter(self, method: str, path: str, **kw: Any) -> wire.CounterInfo:
        return wire.CounterInfo.model_validate(self._request(method, path, **kw))

    # --- guides and device health (kiosk) ---------------------------------------------

    def guides(self) -> list[wire.GuideInfo]:
        """The site's self-service guides (any token)."""
        return [wire.GuideInfo.model_validate(g) for g in self._request("GET", "/api/v1/guides")]

    def guide_outcome(self, guide_id: str, branch: str, outcome: str) -> None:
        """How a guide ended at a kiosk: self_served, ticket or printed."""
        body = wire.GuideOutcome.model_validate({"branch": branch, "outcome": outcome})
        self._request("POST", f"/api/v1/guides/{guide_id}/outcome", json=body.model_dump())

    def report_health(
        self, device_id: str, status: str, detail: str = "", kind: str = "printer"
    ) -> wire.DeviceHealth:
        """A device's printer status: ok, paper_low, paper_out, cover_open, offline, unknown."""
        body = wire.DeviceHealthReport.model_validate(
            {"kind": kind, "status": status, "detail": detail}
        )
        return wire.DeviceHealth.model_validate(
            self._request("PUT", f"/api/v1/devices/{device_id}/health", json=body.model_dump())
        )
