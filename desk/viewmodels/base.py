"""What the desk's view-models share: screens, typed Qt properties, notices, the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Property, Signal

from queue_server.client import ApiError

from .. import texts

#: a sentence to show: its level (info, ok, warn, error) and its text in a language
Notice = tuple[str, Callable[[str], str]]


class Screen(StrEnum):
    """The desk's three pages."""

    LOGIN = "login"
    COUNTERS = "counters"
    DESK = "desk"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def qproperty(
    kind: type,
    getter: Callable[[Any], Any],
    setter: Callable[[Any, Any], None] | None = None,
    *,
    notify: Signal,
) -> Any:
    """A Qt property (for bindings) that type checkers read as its value: annotate it."""
    if setter is None:
        return Property(kind, getter, notify=notify)
    return Property(kind, getter, setter, notify=notify)


def said(key: str, /, **values: object) -> Callable[[str], str]:
    """A catalogue text, worded when shown (so a language switch rewords it)."""
    return lambda language: texts.tr(key, language, **values)


def is_problem(exc: BaseException, code: str) -> bool:
    """Whether `exc` is the server's answer with problem `code` (a `ProblemCode`)."""
    return isinstance(exc, ApiError) and exc.code == code
