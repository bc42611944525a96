"""The filing, in the form's own words.

(A little over 400 lines: one model per part of the document, kept together so that the models
read in the order of the XML, as spec.py does.)

One Pydantic model per part of the ownership document (spec v5.5 section 3.5).  Fields are
declared in the order the elements appear in the XML; ``form4gen.form.spec`` maps each element to the
field it fills, and a test keeps the two in step.  Lengths, patterns and code lists come from
``form4gen.form.spec`` and ``form4gen.form.codes``.

Values that the form lets carry footnote marks are :class:`Footnoted` objects: a ``value`` and
the ``footnotes`` (ids such as ``"F1"``) attached to it.  Share counts and prices are
``Decimal``; dates are ``datetime.date``.  The CCC is a ``SecretStr``: it never shows in a
``repr``, a dump or an error message.
"""

from __future__ import annotations

import datetime
import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    SecretStr,
    StringConstraints,
    Tag,
    ValidationInfo,
    model_validator,
)

from form4gen.form import calendar, codes, spec
from form4gen.form.errors import some_names
from form4gen.form.provenance import NONE, Provenance

DocumentType = Literal[spec.DOCUMENT_TYPES]  # type: ignore[valid-type]
TransactionCode = Literal[tuple(codes.TRANSACTION_CODES)]  # type: ignore[valid-type]
AcquiredDisposed = Literal[tuple(codes.ACQUIRED_DISPOSED_CODES)]  # type: ignore[valid-type]
DirectOrIndirect = Literal[tuple(codes.OWNERSHIP_FORMS)]  # type: ignore[valid-type]
Timeliness = Literal[tuple(codes.TIMELINESS_CODES)]  # type: ignore[valid-type]
TransactionFormType = Literal[spec.TRANSACTION_FORM_TYPES]  # type: ignore[valid-type]
LateHoldingFormType = Literal[spec.LATE_HOLDING_FORM_TYPES]  # type: ignore[valid-type]

_FOOTNOTE_ID = re.compile(f"^{spec.FOOTNOTE_ID_PATTERN}$")


def _text(element: str, *, min_length: int = 0) -> Any:
    return Annotated[str, StringConstraints(min_length=min_length, max_length=spec.MAX_LENGTH[element])]


Amount = Annotated[
    Decimal,
    Field(
        ge=0,
        le=Decimal(spec.DECIMAL_MAX),
        max_digits=spec.DECIMAL_TOTAL_DIGITS,
        decimal_places=spec.DECIMAL_FRACTION_DIGITS,
    ),
]
Cik = Annotated[str, StringConstraints(min_length=1, max_length=spec.MAX_LENGTH["issuerCik"], pattern=f"^{spec.CIK_PATTERN}$")]
SecurityTitleText = _text("securityTitle", min_length=1)


def _on_the_calendar(value: date) -> date:
    """A date the form's due dates can be counted from (a year-9999 date is a typo)."""
    if value > calendar.LATEST_DATE:
        raise ValueError(
            f"{value.isoformat()} is too late a date: due dates counted from it would fall after 9999-12-31, "
            f"the calendar's last day; check the year (form4gen takes dates up to {calendar.LATEST_DATE.isoformat()})"
        )
    return value


# The dates due dates and lateness are counted from (the exercise and expiration dates are not).
CalendarDate = Annotated[date, AfterValidator(_on_the_calendar)]


class FootnoteNumbering:
    """Turns the user's footnote names into F1, F2, ... in order of first reference.

    Passed as validation context by the input loader; models validate their fields in document
    order, so the first name met is the first footnote of the document."""

    def __init__(self, names: list[str]):
        self.defined = set(names)
        self.ids: dict[str, str] = {}

    def id_for(self, name: str) -> str:
        if name not in self.defined:
            known = some_names(sorted(self.defined)) or "none are defined"
            raise ValueError(f"footnote {name!r} is not defined under 'footnotes' (defined: {known})")
        if name not in self.ids:
            self.ids[name] = f"F{len(self.ids) + 1}"
        return self.ids[name]


def _footnote_ref(value: str, info: ValidationInfo) -> str:
    numbering = (info.context or {}).get("footnote_numbering")
    if numbering is not None:
        return numbering.id_for(value)
    if not _FOOTNOTE_ID.match(value):
        raise ValueError(f"a footnote id is F followed by 1 to 99 (F1 ... F99), not {value!r}")
    return value


FootnoteRef = Annotated[str, AfterValidator(_footnote_ref)]
FootnoteRefs = Annotated[list[FootnoteRef], Field(max_length=spec.MAX_FOOTNOTE_REFERENCES)]

V = TypeVar("V")


class FormModel(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def _one_footnote_shorthand(data: Any) -> Any:
    """``footnote: name`` is short for ``footnotes: [name]``."""
    if isinstance(data, dict) and "footnote" in data and "footnotes" not in data:
        data = {**data}
        one = data.pop("footnote")
        data["footnotes"] = [one] if isinstance(one, str) else one
    return data


class Footnoted(FormModel, Generic[V]):
    """A value of the form with the footnote marks attached to it.

    In an input file the value may be written alone (``price_per_share: 12.5``) or as a mapping
    (``price_per_share: {value: 12.5, footnotes: [weighted-average]}``)."""

    value: V | None = None
    footnotes: FootnoteRefs = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return _one_footnote_shorthand(data)
        if isinstance(data, BaseModel):
            return data
        return {"value": data}


# --- header parts ----------------------------------------------------------------------------


class Issuer(FormModel):
    """Box 2: issuer name and ticker or trading symbol."""

    cik: Cik
    name: _text("issuerName") | None = None  # type: ignore[valid-type]
    trading_symbol: _text("issuerTradingSymbol", min_length=1)  # type: ignore[valid-type]
    foreign_trading_symbol: _text("issuerForeignTradingSymbol") | None = None  # type: ignore[valid-type]


class Address(FormModel):
    """Box 1: the reporting person's address (street, city, state, zip; or a non-US address)."""

    non_us_address: bool | None = None
    street1: _text("rptOwnerStreet1") | None = None  # type: ignore[valid-type]
    street2: _text("rptOwnerStreet2") | None = None  # type: ignore[valid-type]
    city: _text("rptOwnerCity") | None = None  # type: ignore[valid-type]
    non_us_state_territory: _text("rptOwnerNonUSStateTerritory") | None = None  # type: ignore[valid-type]
    state: _text("rptOwnerState") | None = None  # type: ignore[valid-type]  # StateCodeList: checked by the schema
    country: _text("rptOwnerCountry") | None = None  # type: ignore[valid-type]  # CountryCodeList
    zip_code: _text("rptOwnerZipCode") | None = None  # type: ignore[valid-type]
    state_description: _text("rptOwnerStateDescription") | None = None  # type: ignore[valid-type]
    good_address: bool | None = None


class Relationship(FormModel):
    """Box 5: relationship of the reporting person to the issuer."""

    is_director: bool | None = None
    is_officer: bool | None = None
    is_ten_percent_owner: bool | None = None
    is_other: bool | None = None
    officer_title: _text("officerTitle") | None = None  # type: ignore[valid-type]
    other_text: _text("otherText") | None = None  # type: ignore[valid-type]


class ReportingOwner(FormModel):
    """Box 1 and box 5 for one reporting person (a joint filing has up to ten)."""

    cik: Cik
    ccc: Annotated[SecretStr, Field(min_length=spec.CCC_LENGTH, max_length=spec.CCC_LENGTH)] | None = Field(default=None, exclude=True)
    name: _text("rptOwnerName") | None = None  # type: ignore[valid-type]
    address: Address | None = None
    relationship: Relationship


# --- table parts -------------------------------------------------------------------------------


class TransactionCoding(FormModel):
    """Column 3 of Table I / column 4 of Table II: form type (4 or 5; V on the printed form when
    5 on a Form 4), transaction code, and the equity swap flag (K on the printed form)."""

    form_type: TransactionFormType | None = None
    code: TransactionCode | None = None  # type: ignore[valid-type]
    equity_swap_involved: bool | None = None
    footnotes: FootnoteRefs = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return _one_footnote_shorthand(data)


class HoldingCoding(FormModel):
    """On Form 5 only: a holding that should have been reported on Form 3 says form type 3."""

    form_type: LateHoldingFormType | None = None
    footnotes: FootnoteRefs = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return _one_footnote_shorthand(data)


class TransactionAmounts(FormModel):
    """Columns 4 (Table I) / 5 and 8 (Table II): amount, (A) or (D), price."""

    shares: Footnoted[Amount] | None = None
    total_value: Footnoted[Amount] | None = None  # Table II only: a dollar amount instead of shares
    price_per_share: Footnoted[Amount] | None = None
    acquired_disposed_code: Footnoted[AcquiredDisposed] | None = None  # type: ignore[valid-type]


class PostTransactionAmounts(FormModel):
    """Amount of securities beneficially owned following the reported transaction(s)."""

    shares_owned_following_transaction: Footnoted[Amount] | None = None
    value_owned_following_transaction: Footnoted[Amount] | None = None


class OwnershipNature(FormModel):
    """Ownership form, direct (D) or indirect (I), and the nature of indirect beneficial ownership."""

    direct_or_indirect_ownership: Footnoted[DirectOrIndirect]  # type: ignore[valid-type]
    nature_of_ownership: Footnoted[_text("natureOfOwnership")] | None = None  # type: ignore[valid-type]


class UnderlyingSecurity(FormModel):
    """Table II column 7: title and amount of the underlying securities."""

    title: Footnoted[SecurityTitleText]  # type: ignore[valid-type]
    shares: Footnoted[Amount] | None = None
    value: Footnoted[Amount] | None = None


# --- Table I and Table II rows -----------------------------------------------------------------


class NonDerivativeTransaction(FormModel):
    """A Table I line: non-derivative securities acquired or disposed of."""

    security_title: Footnoted[SecurityTitleText]  # type: ignore[valid-type]
    transaction_date: Footnoted[CalendarDate]
    deemed_execution_date: Footnoted[CalendarDate] | None = None
    transaction_coding: TransactionCoding | None = None
    transaction_timeliness: Footnoted[Timeliness] | None = None  # type: ignore[valid-type]
    transaction_amounts: TransactionAmounts
    post_transaction_amounts: PostTransactionAmounts
    ownership_nature: OwnershipNature


class NonDerivativeHolding(FormModel):
    """A Table I line reporting a holding, with no transaction."""

    security_title: Footnoted[SecurityTitleText]  # type: ignore[valid-type]
    transaction_coding: HoldingCoding | None = None
    post_transaction_amounts: PostTransactionAmounts | None = None
    ownership_nature: OwnershipNature


class DerivativeTransaction(FormModel):
    """A Table II line: derivative securities acquired or disposed of (options, warrants, ...)."""

    security_title: Footnoted[SecurityTitleText]  # type: ignore[valid-type]
    conversion_or_exercise_price: Footnoted[Amount]
    transaction_date: Footnoted[CalendarDate]
    deemed_execution_date: Footnoted[CalendarDate] | None = None
    transaction_coding: TransactionCoding | None = None
    transaction_timeliness: Footnoted[Timeliness] | None = None  # type: ignore[valid-type]
    transaction_amounts: TransactionAmounts
    exercise_date: Footnoted[date]
    expiration_date: Footnoted[date]
    underlying_security: UnderlyingSecurity
    post_transaction_amounts: PostTransactionAmounts
    ownership_nature: OwnershipNature


class DerivativeHolding(FormModel):
    """A Table II line reporting a holding, with no transaction."""

    security_title: Footnoted[SecurityTitleText]  # type: ignore[valid-type]
    conversion_or_exercise_price: Footnoted[Amount]
    transaction_coding: HoldingCoding | None = None
    exercise_date: Footnoted[date]
    expiration_date: Footnoted[date]
    underlying_security: UnderlyingSecurity
    post_transaction_amounts: PostTransactionAmounts | None = None  # absent on Form 3
    ownership_nature: OwnershipNature


_TRANSACTION_KEYS = ("transaction_date", "transaction_amounts", "deemed_execution_date", "transaction_timeliness")


def row_kind(row: Any) -> str:
    """A row's kind, for the tables' unions: "transaction" or "holding"."""
    if isinstance(row, dict):
        coding = row.get("transaction_coding")
        has_code = isinstance(coding, dict) and "code" in coding
        return "transaction" if has_code or any(k in row for k in _TRANSACTION_KEYS) else "holding"
    return "holding" if isinstance(row, (NonDerivativeHolding, DerivativeHolding)) else "transaction"


NonDerivativeRow = Annotated[
    Annotated[NonDerivativeTransaction, Tag("transaction")] | Annotated[NonDerivativeHolding, Tag("holding")],
    Discriminator(row_kind),
]
DerivativeRow = Annotated[
    Annotated[DerivativeTransaction, Tag("transaction")] | Annotated[DerivativeHolding, Tag("holding")],
    Discriminator(row_kind),
]

# --- footnotes, signatures, the filing ---------------------------------------------------------


class Footnote(FormModel):
    """An entry of the Explanation of Responses."""

    id: Annotated[str, StringConstraints(pattern=f"^{spec.FOOTNOTE_ID_PATTERN}$")]
    text: str


class Signature(FormModel):
    """Signature of reporting person (a conformed "/s/" signature) and its date."""

    name: _text("signatureName", min_length=1)  # type: ignore[valid-type]
    date: CalendarDate


class Filing(FormModel):
    """An EDGAR ownership document: Form 3, 4 or 5, or an amendment of one."""

    schema_version: Annotated[str, StringConstraints(max_length=spec.SCHEMA_VERSION_LENGTH)] | None = None
    document_type: DocumentType
    period_of_report: CalendarDate
    date_of_original_submission: CalendarDate | None = None
    no_securities_owned: bool | None = None
    not_subject_to_section16: bool | None = None
    form3_holdings_reported: bool | None = None
    form4_transactions_reported: bool | None = None
    issuer: Issuer
    reporting_owners: Annotated[list[ReportingOwner], Field(min_length=1, max_length=spec.MAX_REPORTING_OWNERS)]
    aff10b5one: bool | None = None
    non_derivative_table: Annotated[list[NonDerivativeRow], Field(max_length=spec.MAX_TABLE_ROWS)] = Field(default_factory=list)
    derivative_table: Annotated[list[DerivativeRow], Field(max_length=spec.MAX_TABLE_ROWS)] = Field(default_factory=list)
    footnotes: Annotated[list[Footnote], Field(max_length=spec.MAX_FOOTNOTES)] = Field(default_factory=list)
    remarks: _text("remarks") | None = None  # type: ignore[valid-type]
    signatures: Annotated[list[Signature], Field(min_length=1, max_length=spec.MAX_SIGNATURES)]

    # Where the data came from: "input" (a YAML/JSON file or Python) or "edgar" (an imported
    # XML document).  Elements EDGAR fills in itself are written back only for imported data.
    # Where the filing came from (form4gen.form.provenance), attached by the reader that made it.
    # (Private defaults are None rather than a default_factory: pydantic inspects a factory's
    # signature every time it builds a model, which costs more than reading a small filing.)
    _provenance: Provenance | None = PrivateAttr(default=None)

    def with_provenance(self, provenance: Provenance) -> Filing:
        """Attach where the filing came from (the one way to do so); returns the filing."""
        self._provenance = provenance
        return self

    @property
    def provenance(self) -> Provenance:
        return self._provenance or NONE

    @property
    def form(self) -> str:
        """The form number without the amendment mark: '4' for a 4/A."""
        return self.document_type[0]

    @property
    def is_amendment(self) -> bool:
        return self.document_type in spec.AMENDMENT_TYPES

    @property
    def origin(self) -> str:
        return self.provenance.origin

    @property
    def source(self) -> str | None:
        return self.provenance.source

    @property
    def holdings_before(self) -> dict[Any, Any]:
        """Opening balances per holding (``form4gen.form.holdings.HoldingKey``), from the input file."""
        return self.provenance.holdings_before

    @property
    def submission(self) -> Any:
        """The envelope details from the input file (``form4gen.xml.envelope.SubmissionInfo``)."""
        return self.provenance.submission

    def source_line(self, path: tuple[Any, ...]) -> int | None:
        """The line of a field path in the source file (the nearest enclosing field that has one)."""
        return self.provenance.line_of(path)

    @property
    def signed_on(self) -> datetime.date | None:
        """The latest signature date: the day the report is taken to be filed."""
        return max((s.date for s in self.signatures), default=None)

    def footnote_text(self, footnote_id: str) -> str | None:
        for note in self.footnotes:
            if note.id == footnote_id:
                return note.text
        return None
