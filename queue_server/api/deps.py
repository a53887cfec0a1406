"""Dependencies the routes declare: the ledger, the hub and who is asking.

The trivial ones are coroutines: FastAPI runs a plain function dependency in a worker
thread, and that hop cost more than the lookup itself."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response
from pydantic import BaseModel

from ..auth import AuthError, Principal, authenticate
from ..db.engine import Database
from ..hub.events import EventHub
from ..ledger import Actor, Ledger
from ..settings import Settings


async def get_ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


async def get_hub(request: Request) -> EventHub:
    hub: EventHub = request.app.state.hub
    return hub


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def bearer(header: str | None) -> str:
    if not header:
        raise AuthError("this needs a bearer token (Authorization: Bearer …)")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("the Authorization header must be 'Bearer <token>'")
    return token.strip()


def get_principal(request: Request) -> Principal:
    db: Database = request.app.state.db
    return authenticate(db, bearer(request.headers.get("authorization")))


def as_json(model: BaseModel, status_code: int = 200) -> Response:
    """The model as a JSON response, serialised once. Returning the model itself made
    FastAPI dump it, validate the dump against the response model and dump it again:
    on the busy routes that cost more than the database work. The routes still declare
    `response_model`, so the OpenAPI document is the same."""
    return Response(model.model_dump_json(), status_code, media_type="application/json")


async def get_token(request: Request) -> str:
    """The bearer token, unchecked: the busy routes check it inside their own write."""
    return bearer(request.headers.get("authorization"))


def actor_of(principal: Principal) -> Actor:
    return Actor(principal.role, principal.actor_name)


LedgerDep = Annotated[Ledger, Depends(get_ledger)]
DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
HubDep = Annotated[EventHub, Depends(get_hub)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
TokenDep = Annotated[str, Depends(get_token)]
