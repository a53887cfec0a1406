"""Domain errors: each has a stable `code` the API sends as a problem's `code`.

DomainError
├── NotFound            unknown_branch, unknown_service, unknown_counter, ticket_not_found
├── Rejected            a request that is well-formed but not allowed now
│   ├── ServiceClosed       service_closed
│   ├── ServiceFull         service_full
│   ├── NotOffered          service_not_offered
│   └── CounterMismatch     counter_wrong_branch, counter_not_serving
└── InvalidTransition   invalid_transition (names the state it was and the one asked for)
"""

from __future__ import annotations


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code


class NotFound(DomainError):
    code = "not_found"


class Rejected(DomainError):
    code = "rejected"


class ServiceClosed(Rejected):
    code = "service_closed"


class ServiceFull(Rejected):
    code = "service_full"


class NotOffered(Rejected):
    code = "service_not_offered"


class CounterMismatch(Rejected):
    code = "counter_mismatch"


class InvalidTransition(DomainError):
    code = "invalid_transition"
