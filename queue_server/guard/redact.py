"""No secret in a log line: tokens, pairing secrets and citizens' status links are cut out
of every record this process logs (ours, uvicorn's access log, libraries'), whatever the
handler, by wrapping the log record factory once."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from typing import Any

HIDDEN = "[hidden]"
_PATTERNS = (
    # ?token=… &secret=… in a query string (old clients still put tokens there)
    (re.compile(r"(?i)([?&](?:token|secret|access_token)=)[^&\s\"']+"), rf"\g<1>{HIDDEN}"),
    # the citizen's own link: /t/<token>, /api/v1/status/<token>[/…]
    (re.compile(r"(/t/|/api/v1/status/)[A-Za-z0-9_-]{8,}"), rf"\g<1>{HIDDEN}"),
    # Authorization: Bearer …, and the bearer subprotocol of the events socket
    (re.compile(r"(?i)(bearer[\s.]+)[A-Za-z0-9._~+/-]+=*"), rf"\g<1>{HIDDEN}"),
    # a DinTur token anywhere else
    (re.compile(r"\bdt_[A-Za-z0-9_-]{16,}"), HIDDEN),
)
_installed = False
_lock = threading.Lock()


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _clean(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


def install() -> None:
    """Redact every log record from now on (idempotent, process-wide)."""
    global _installed
    with _lock:
        if _installed:
            return
        make: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = make(*args, **kwargs)
            if isinstance(record.msg, str):
                record.msg = redact(record.msg)
            if isinstance(record.args, tuple):
                record.args = tuple(_clean(a) for a in record.args)
            elif isinstance(record.args, dict):
                record.args = {k: _clean(v) for k, v in record.args.items()}
            return record

        logging.setLogRecordFactory(factory)
        _installed = True
