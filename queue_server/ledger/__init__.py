"""The ledger: the one place storage changes (see `core` for its parts)."""

from .core import Ledger, utcnow
from .uow import SYSTEM, Actor, Published, UnitOfWork

__all__ = ["SYSTEM", "Actor", "Ledger", "Published", "UnitOfWork", "utcnow"]
