from __future__ import annotations


class ClientError(Exception):
    """Root of the client's errors."""


class ServerUnreachable(ClientError):
    """The server did not answer: refused, timed out or dropped."""


class ApiError(ClientError):
    """The server answered with a problem document."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail
