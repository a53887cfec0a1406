"""The problem collector: a TOML table being read, with its file, key path and problems.

Readers take the keys they know (`get`, `string`, `names`, ...) and `done()` names every key
nobody asked for. `check` runs the same readers on one plain value (a dict, list or string
as TOML would give it), so a value from elsewhere meets the rules and messages of the files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..domain.site import Names
from .problems import Invalid, Problem, Where

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
LANG = re.compile(r"^[a-z]{2,3}$")
T = TypeVar("T")


class Table:
    """A TOML table being read: remembers its file and key path, collects problems."""

    def __init__(self, problems: list[Problem], file: str, data: dict[str, Any], path: str = ""):
        self.problems, self.file, self.data, self.path = problems, file, data, path
        self.seen: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.key(name) if name else self.path, message))

    def get(
        self,
        name: str,
        kind: type[T] | tuple[type, ...],
        what: str,
        default: Any = None,
        required: bool = False,
    ) -> Any:
        self.seen.add(name)
        if name not in self.data:
            if required:
                self.problem(name, f"missing; expected {what}")
            return default
        value = self.data[name]
        # bool is an int in Python; a TOML `true` is never a number here
        if isinstance(value, bool) and kind is not bool:
            self.problem(name, f"expected {what}, got {value!r}")
            return default
        if not isinstance(value, kind):
            self.problem(name, f"expected {what}, got {type(value).__name__} {value!r}")
            return default
        return value

    def table(self, name: str, required: bool = False) -> Table | None:
        value = self.get(name, dict, "a table", required=required)
        return None if value is None else Table(self.problems, self.file, value, self.key(name))

    def string(self, name: str, required: bool = False, default: str | None = None) -> str | None:
        value = self.get(name, str, "a string", default=default, required=required)
        if isinstance(value, str) and required and not value.strip():
            self.problem(name, "must not be empty")
        return value  # type: ignore[no-any-return]

    def ident(self, name: str, required: bool = True) -> str | None:
        value = self.string(name, required=required)
        if value is not None and not ID.match(value):
            self.problem(name, f"{value!r} is not a valid id (a-z, 0-9 and '-', max 40)")
            return None
        return value

    def number(self, name: str, minimum: float, default: float | None) -> float | None:
        value = self.get(name, (int, float), "a number", default=default)
        if value is not None and value is not default and value <= minimum:
            self.problem(name, f"must be greater than {minimum:g}, got {value}")
            return default
        return None if value is None else float(value)

    def names(self, name: str, need: Iterable[str] = ("da",), required: bool = True) -> Names:
        t = self.table(name, required=required)
        if t is None:
            return {}
        out: Names = {}
        for lang, text in t.data.items():
            if not LANG.match(lang):
                t.problem(lang, "is not a language code (like da, en, ar)")
            elif not isinstance(text, str) or not text.strip():
                t.problem(lang, "expected a non-empty string")
            else:
                out[lang] = text.strip()
        for lang in need:
            if lang not in t.data:
                t.problem(lang, f"missing; every text needs {', '.join(need)}")
        return out

    def done(self) -> None:
        """Report keys nobody asked for: usually a typo that would silently do nothing."""
        for name in self.data:
            if name not in self.seen:
                self.problem(name, "unknown key")


def check(raw: object, where: Where, read: Callable[[Table, str], T]) -> T | Invalid:
    """What `read` makes of `raw` read as key `where.key` of file `where.file`, or every
    problem it found. `None` stands for an absent key (TOML has no null)."""
    problems: list[Problem] = []
    value = read(Table(problems, where.file, {} if raw is None else {where.key: raw}), where.key)
    return Invalid(tuple(problems)) if problems else value


def parse_names(
    raw: object, where: Where, need: Iterable[str] = ("da",), required: bool = True
) -> Names | Invalid:
    """A text per language (a name, a notice): `{"da": ..., "en": ...}` with every `need`."""
    return check(raw, where, lambda t, key: t.names(key, need=need, required=required))
