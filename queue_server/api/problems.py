"""Every error leaves as RFC 9457 problem details with a stable `code`; bad input is never a 500."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..auth import AuthError, Forbidden
from ..domain.errors import DomainError, InvalidTransition, NotFound, Rejected
from ..guard.throttle import Busy, RateLimited
from ..shared.vocab import ProblemCode

log = logging.getLogger("dintur.api")

STATUS_OF: list[tuple[type[Exception], int]] = [
    (RateLimited, 429),
    (Busy, 503),
    (NotFound, 404),
    (InvalidTransition, 409),
    (Rejected, 409),
    (DomainError, 400),
]


def problem(
    status: int,
    code: str,
    detail: str,
    title: str | None = None,
    retry_after: int | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title or code.replace("_", " "),
        "status": status,
        "code": code,
        "detail": detail,
        **extra,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return JSONResponse(
        body, status_code=status, media_type="application/problem+json", headers=headers
    )


def _validation_detail(exc: RequestValidationError) -> tuple[str, str, list[dict[str, Any]]]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return ProblemCode.MALFORMED_JSON, "the request body is not valid JSON", []
    lines, fields = [], []
    for e in errors:
        loc = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
        lines.append(f"{loc or 'body'}: {e.get('msg')}")
        fields.append({"field": loc, "problem": e.get("msg")})
    return ProblemCode.INVALID_REQUEST, "; ".join(lines), fields


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        status = next(code for kind, code in STATUS_OF if isinstance(exc, kind))
        retry = exc.retry_after_s if isinstance(exc, RateLimited | Busy) else None
        return problem(status, exc.code, exc.detail, retry_after=retry)

    @app.exception_handler(AuthError)
    async def _auth(_: Request, exc: AuthError) -> JSONResponse:
        return problem(401, exc.code, str(exc))

    @app.exception_handler(Forbidden)
    async def _forbidden(_: Request, exc: Forbidden) -> JSONResponse:
        return problem(403, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        code, detail, fields = _validation_detail(exc)
        status = 400 if code == ProblemCode.MALFORMED_JSON else 422
        return (
            problem(status, code, detail, errors=fields)
            if fields
            else problem(status, code, detail)
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeError | RecursionError):
            # FastAPI's words for a body that is not UTF-8, or JSON nested past all reason
            return problem(400, ProblemCode.MALFORMED_JSON, "the request body is not valid JSON")
        codes = {
            404: ProblemCode.NOT_FOUND,
            405: ProblemCode.METHOD_NOT_ALLOWED,
            413: ProblemCode.BODY_TOO_LARGE,
        }
        return problem(
            exc.status_code, codes.get(exc.status_code, ProblemCode.HTTP_ERROR), str(exc.detail)
        )

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(
            500, ProblemCode.INTERNAL_ERROR, "the server failed; the request changed nothing"
        )
