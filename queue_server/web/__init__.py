"""The server's web pages: the waiting-room board (`/display/{branch}`), the citizen's ticket
page (`/t/{token}`), their live feeds and static files. Plain HTML/JS/CSS, no build step.

`router` is imported lazily, so `queue_server.shared.board` (pure, shared with the Qt display)
costs no FastAPI import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import APIRouter

    router: APIRouter

__all__ = ["router"]


def __getattr__(name: str) -> object:
    if name == "router":
        from .routes import router

        return router
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
