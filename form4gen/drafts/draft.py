"""What a draft says beyond the form's own fields, as typed models: its footnotes by name, its
Rule 10b5-1 plans, the opening balances its "owned following" figures are carried forward from,
and the submission section for the EDGAR envelope.

:func:`draft_sections` validates them first, each problem named by field and line; the form's
fields are then validated by :class:`form4gen.form.models.Filing` once the draft has been
compiled (footnote names numbered, plan footnotes added, figures carried forward).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from form4gen.form.errors import Problem, problems_from_validation
from form4gen.xml.envelope import SubmissionInfo

Lines = dict[tuple[Any, ...], int]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Plan(_Part):
    """A Rule 10b5-1 trading plan named in the draft: ``2025-plan: {adopted: 2025-11-14}``."""

    adopted: datetime.date


class OpeningBalance(_Part):
    """A ``holdings_before`` entry: the balance of one holding before the draft's lines
    (:mod:`form4gen.form.holdings` says what one holding is)."""

    security_title: str
    ownership: Literal["D", "I"] = "D"
    nature: str | None = None
    nature_footnotes: list[str] = Field(default_factory=list)
    exercise_price: Decimal | None = None
    expiration_date: datetime.date | None = None
    shares: Decimal

    @field_validator("nature_footnotes", mode="before")
    @classmethod
    def _one_name(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("shares", "exercise_price")
    @classmethod
    def _finite(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and not value.is_finite():
            raise ValueError("is not a number of shares")
        return value

    def as_entry(self) -> dict[str, Any]:
        """The entry as :func:`form4gen.form.holdings.holdings_key` reads it."""
        return self.model_dump(exclude_none=True)


class DraftSections(BaseModel):
    model_config = ConfigDict(extra="ignore")  # the form's fields are the Filing's to validate

    footnotes: dict[str, str] = Field(default_factory=dict)
    plans: dict[str, Plan] = Field(default_factory=dict)
    holdings_before: list[OpeningBalance] | None = None
    submission: SubmissionInfo | None = None


# What each section is, said when the section cannot be read at all (the first problem of it).
_EXPECTED = {
    "footnotes": "expected a mapping of footnote names to their text",
    "plans": "expected {adopted: YYYY-MM-DD} (the date the plan was adopted)",
    "holdings_before": "expected a list of {security_title, ownership, nature, shares}",
}


def _problem(problem: Problem, loc: tuple[Any, ...]) -> Problem:
    section = loc[0] if loc else ""
    if section == "submission":
        return problem
    if section == "footnotes" and len(loc) > 1:
        return Problem(f"footnotes.{loc[1]}", "expected the footnote's text", problem.line)
    if section == "plans" and len(loc) > 1:
        return Problem(f"plans.{loc[1]}", _EXPECTED["plans"], problem.line)
    if section == "holdings_before" and len(loc) > 2:
        return problem  # a field of one entry: the field and the model's own message
    if section in _EXPECTED:
        return Problem(str(section), _EXPECTED[str(section)], problem.line)
    return problem


def draft_sections(data: dict[str, Any], lines: Lines) -> tuple[DraftSections | None, list[Problem]]:
    """The draft's own sections, typed, or the problems that stop them being read."""
    try:
        return DraftSections.model_validate(data), []
    except ValidationError as exc:
        problems = problems_from_validation(exc, lines)
        locs = [tuple(error["loc"]) for error in exc.errors()]
        found: list[Problem] = []
        for problem, loc in zip(problems, locs, strict=False):
            mapped = _problem(problem, loc)
            if mapped not in found and not any(p.location == mapped.location and mapped.location in _EXPECTED for p in found):
                found.append(mapped)
        return None, found
