"""The OpenAPI document says what the API really does: bearer tokens, and errors as
`application/problem+json` with their status codes (FastAPI alone declared neither)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from ..shared import wire

#: operations anyone may call (no token): a citizen's own ticket, pairing, login
PUBLIC = (
    ("post", "/api/v1/pairing"),
    ("post", "/api/v1/pairing/collect"),
    ("post", "/api/v1/auth/login"),
    ("get", "/api/v1/status/{token}"),
    ("post", "/api/v1/status/{token}/cancel"),
    ("get", "/healthz"),
)
ERRORS = {
    "400": "malformed JSON, or a request that cannot be",
    "401": "no token, or an unknown, revoked or expired one",
    "403": "the token may not do this (role or branch)",
    "404": "no such branch, service, counter, ticket, …",
    "409": "not allowed now: closed, full, taken, or the ticket moved on meanwhile",
    "413": "the body is too large",
    "422": "a field is wrong (named in `errors`)",
    "429": "too many attempts: wait `Retry-After` seconds",
}
PUBLIC_ERRORS = ("400", "404", "409", "413", "422", "429")


def install(app: FastAPI) -> None:
    def schema() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, routes=app.routes)
        components = doc.setdefault("components", {})
        components.setdefault("securitySchemes", {})["bearer"] = {
            "type": "http",
            "scheme": "bearer",
            "description": "a device token (pairing) or a staff login token",
        }
        components.setdefault("schemas", {})["Problem"] = wire.Problem.model_json_schema()
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path, operations in doc.get("paths", {}).items():
            for method, operation in operations.items():
                public = (method, path) in PUBLIC or not path.startswith("/api/")
                if not public:
                    operation["security"] = [{"bearer": []}]
                responses = operation.setdefault("responses", {})
                for status, why in ERRORS.items():
                    if public and status not in PUBLIC_ERRORS:
                        continue
                    responses[status] = {"description": why, "content": problem}
        app.openapi_schema = doc
        return doc

    app.openapi = schema  # type: ignore[method-assign]
