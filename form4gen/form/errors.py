"""Errors about unusable input: which file, which field (and line), what was expected.

They never carry the offending value of a secret field, and never a traceback: the CLI prints
``InputError`` as lines of ``file:line: field: message`` and exits with code 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError

_UNION_TAGS = {"transaction", "holding"}


@dataclass(frozen=True)
class Problem:
    location: str  # a field path such as reporting_owners[0].address.zip_code, or an XML path
    message: str
    line: int | None = None


class InputError(Exception):
    """The input cannot be used: ``source`` names the file, ``problems`` say where and why."""

    def __init__(self, source: str, problems: Iterable[Problem]):
        self.source = source
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self) -> str:
        lines = []
        for p in self.problems:
            where = f"{self.source}:{p.line}" if p.line else self.source
            field = f" {p.location}:" if p.location else ""
            lines.append(f"{where}:{field} {p.message}")
        return "\n".join(lines)


def field_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _UNION_TAGS:
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _clean_loc(loc: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(p for p in loc if p not in _UNION_TAGS)


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a field of this part of the form"
    if kind == "union_tag_invalid":
        return "is not a row of this table"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message[0].lower() + message[1:] if message else kind


def problems_from_validation(exc: ValidationError, lines: dict[tuple[Any, ...], int] | None = None) -> list[Problem]:
    """Pydantic errors as Problems; ``lines`` maps field paths to source lines (longest prefix wins).

    The input value is never repeated: it could be a secret."""
    problems = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = _clean_loc(error["loc"])
        line = None
        if lines:
            for n in range(len(loc), -1, -1):
                if loc[:n] in lines:
                    line = lines[loc[:n]]
                    break
        problems.append(Problem(field_path(loc), _message(error), line))
    return problems
