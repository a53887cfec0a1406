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

from ..shared.vocab import ProblemCode


class DomainError(Exception):
    code: str = ProblemCode.DOMAIN_ERROR

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code


class NotFound(DomainError):
    code: str = ProblemCode.NOT_FOUND


class Rejected(DomainError):
    code: str = ProblemCode.REJECTED


class ServiceClosed(Rejected):
    code: str = ProblemCode.SERVICE_CLOSED


class ServiceFull(Rejected):
    code: str = ProblemCode.SERVICE_FULL


class NotOffered(Rejected):
    code: str = ProblemCode.SERVICE_NOT_OFFERED


class CounterMismatch(Rejected):
    code: str = ProblemCode.COUNTER_MISMATCH


class InvalidTransition(DomainError):
    code: str = ProblemCode.INVALID_TRANSITION
