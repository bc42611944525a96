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

# A message lists at most this many problems (or unknown names) and says how many more there are.
MAX_PROBLEMS = 20
NAMES_SHOWN = 5


@dataclass(frozen=True)
class Problem:
    location: str  # a field path such as reporting_owners[0].address.zip_code, or an XML path
    message: str
    line: int | None = None


class InputError(Exception):
    """The input cannot be used: ``source`` names the file, ``problems`` say where and why."""

    def __init__(self, source: str, problems: Iterable[Problem]):
        self.source = source
        self.problems = _at_most(list(problems))
        super().__init__(self.render())

    def render(self) -> str:
        lines = []
        for p in self.problems:
            where = f"{self.source}:{p.line}" if p.line else self.source
            field = f" {p.location}:" if p.location else ""
            lines.append(f"{where}:{field} {p.message}")
        return "\n".join(lines)


def _at_most(problems: list[Problem]) -> list[Problem]:
    """The first problems and a line saying how many more: never thousands of lines."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem("", f"and {rest:,} more problems not listed here: fix the ones above and run it again")]


def some_names(names: list[str]) -> str:
    """``a, b, c, d, e and 4,995 more``: a message never lists thousands of names."""
    shown = ", ".join(names[:NAMES_SHOWN])
    rest = len(names) - NAMES_SHOWN
    return f"{shown} and {rest:,} more" if rest > 0 else shown


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
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"):
        reason = str((error.get("ctx") or {}).get("error", ""))
        if "outside expected range" in reason:
            return "is not a date that exists (check the day and the month): write a real date as YYYY-MM-DD, for example 2018-10-12"
        return "is not a date: write it as YYYY-MM-DD, for example 2018-10-12"
    if kind == "finite_number":
        return "is not a number: write the amount in digits, for example 1.90"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message[0].lower() + message[1:] if message else kind


def problems_from_validation(exc: ValidationError, lines: dict[tuple[Any, ...], int] | None = None) -> list[Problem]:
    """Pydantic errors as Problems; ``lines`` maps field paths to source lines (longest prefix wins).

    The input value is never repeated: it could be a secret."""
    problems = []
    unknown: dict[tuple[Any, ...], list[str]] = {}  # keys that are not fields, by the part they are in
    errors = exc.errors(include_input=False, include_url=False)
    for error in errors:
        loc = _clean_loc(error["loc"])
        if error["type"] == "extra_forbidden" and loc:
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
    for error in errors:
        loc = _clean_loc(error["loc"])
        names = unknown.get(loc[:-1], []) if error["type"] == "extra_forbidden" and loc else []
        if len(names) > NAMES_SHOWN:
            if str(loc[-1]) != names[0]:
                continue  # said once, for the whole part
            where = field_path(loc[:-1])
            message = (
                f"{len(names):,} keys are not fields of {'this part of the form' if where else 'the form'}: "
                f"{some_names(names)}; check their spelling against the README, or remove them"
            )
            problems.append(Problem(where, message, _line(loc, lines)))
            continue
        problems.append(Problem(field_path(loc), _message(error), _line(loc, lines)))
    return problems


def _line(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int] | None) -> int | None:
    for n in range(len(loc), -1, -1):
        if lines and loc[:n] in lines:
            return lines[loc[:n]]
    return None
