"""The one client the apps share: REST calls and live events with reconnect and resync.

Imports neither SQLAlchemy, FastAPI nor Qt; `qt.py` is the only module that touches Qt.

    ClientError
    ├── ServerUnreachable   no answer (refused, timed out, dropped)
    └── ApiError            the server answered with a problem (has .status, .code, .detail)
"""

from ..shared.state import BranchState
from .errors import ApiError, ClientError, ServerUnreachable
from .events import EventStream
from .rest import ApiClient

__all__ = [
    "ApiClient",
    "ApiError",
    "BranchState",
    "ClientError",
    "EventStream",
    "ServerUnreachable",
]
