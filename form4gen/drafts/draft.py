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
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError, ValidationInfo, field_validator, model_validator

from form4gen.drafts.plans import FOOTNOTE_PREFIX
from form4gen.form import spec
from form4gen.form.errors import Problem, problems_from_validation
from form4gen.form.models import (
    CalendarDate,
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    PostTransactionAmounts,
    row_kind,
)

if TYPE_CHECKING:  # the pydantic mypy plugin resolves the inherited fields' types in this module
    from form4gen.form.models import SecurityTitleText, Timeliness  # noqa: F401
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


# --- the form's fields as a draft writes them ----------------------------------------------------
#
# A draft's rows are the Filing's rows with two differences: a transaction's "owned following"
# may be left out (it is carried forward from holdings_before), and a transaction may name the
# Rule 10b5-1 plan it was made under (``plan: 2025-plan``), which puts the plan's footnote on its
# transaction code.  Footnote names are numbered F1, F2, ... as the draft is validated (the
# validation context's FootnoteNumbering), so the plan's footnote takes its number where the
# line is.


def _plan_footnote_on_code(data: Any, info: ValidationInfo) -> Any:
    """``plan: NAME`` puts the plan's footnote on the line's transaction code (before the
    fields are validated, so that it is numbered where it stands)."""
    if not isinstance(data, dict) or not data.get("plan"):
        return data
    plans = (info.context or {}).get("plans") or {}
    name, coding = str(data["plan"]), data.get("transaction_coding")
    if name not in plans or not isinstance(coding, dict):
        return data  # the plan field says what is wrong
    footnote = FOOTNOTE_PREFIX + name
    refs = coding.get("footnotes") or coding.get("footnote") or []
    refs = [refs] if isinstance(refs, str) else list(refs)
    coding = {k: v for k, v in coding.items() if k not in ("footnote", "footnotes")}
    coding["footnotes"] = [*refs, *([footnote] if footnote not in refs else [])]
    return {**data, "transaction_coding": coding}


def _named_plan(value: str | None, info: ValidationInfo) -> str | None:
    if value is None:
        return None
    plans = (info.context or {}).get("plans") or {}
    if value not in plans:
        known = ", ".join(sorted(plans)) or "none are named under 'plans'"
        raise ValueError(f"plan {value!r} is not named under 'plans' ({known})")
    if info.data.get("transaction_coding") is None:
        raise ValueError("a line made under a plan needs its transaction_coding (code)")
    return value


class DraftNonDerivativeTransaction(NonDerivativeTransaction):
    post_transaction_amounts: PostTransactionAmounts | None = None  # type: ignore[assignment]
    plan: str | None = None

    _plan_footnote = model_validator(mode="before")(_plan_footnote_on_code)
    _plan_named = field_validator("plan")(_named_plan)


class DraftDerivativeTransaction(DerivativeTransaction):
    post_transaction_amounts: PostTransactionAmounts | None = None  # type: ignore[assignment]
    plan: str | None = None

    _plan_footnote = model_validator(mode="before")(_plan_footnote_on_code)
    _plan_named = field_validator("plan")(_named_plan)


DraftNonDerivativeRow = Annotated[
    Annotated[DraftNonDerivativeTransaction, Tag("transaction")] | Annotated[NonDerivativeHolding, Tag("holding")],
    Discriminator(row_kind),
]
DraftDerivativeRow = Annotated[
    Annotated[DraftDerivativeTransaction, Tag("transaction")] | Annotated[DerivativeHolding, Tag("holding")],
    Discriminator(row_kind),
]


class DraftFiling(Filing):
    """The form's fields of a draft: a :class:`Filing` whose box 3 may be left out on Form 4
    (it is the earliest transaction's date) and whose rows are draft rows."""

    period_of_report: CalendarDate | None = None  # type: ignore[assignment]
    non_derivative_table: Annotated[list[DraftNonDerivativeRow], Field(max_length=spec.MAX_TABLE_ROWS)] = Field(default_factory=list)  # type: ignore[assignment]
    derivative_table: Annotated[list[DraftDerivativeRow], Field(max_length=spec.MAX_TABLE_ROWS)] = Field(default_factory=list)  # type: ignore[assignment]

    def planned(self) -> bool:
        """Whether any line names the plan it was made under."""
        return any(getattr(row, "plan", None) for row in (*self.non_derivative_table, *self.derivative_table))
