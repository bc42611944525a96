"""The workspace database's tables, as SQLAlchemy 2 models (the schema the migrations in
``migrations/versions`` build; a test keeps the two in step).

- ``audit_log``: append-only, each entry chained to the one before (:mod:`.audit`);
- ``filing_history``: builds, packages, checks of a package (later submissions and statuses),
  with the content hashes of what was written;
- ``ledger_document``, ``ledger_line``, ``ledger_adjustment``: the persisted ledger, everything
  of which can be rebuilt from the filed documents.

Share counts and prices are :class:`~decimal.Decimal`, never float: NUMERIC on PostgreSQL, the
decimal's text on SQLite (whose NUMERIC is a float).  Times are UTC, returned time-zone aware.

Only the database modules import this (and SQLAlchemy): ``form4gen --help`` loads neither.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, MetaData, Numeric, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

# Constraint names the same on every database, so that migrations can name them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

HASH = 64  # a SHA-256, in hex


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal kept exactly: NUMERIC (no fixed scale) on PostgreSQL, text elsewhere.  A float is
    refused rather than rounded."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(asdecimal=True))
        return dialect.type_descriptor(String(64))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, float | bool):
            raise TypeError(f"{value!r}: a share count or price is a Decimal or a string, never a float")
        try:
            number = Decimal(value)
        except (InvalidOperation, TypeError, ValueError):
            raise ValueError(f"{value!r} is not a decimal number") from None
        if not number.is_finite():
            raise ValueError(f"{value!r} is not a finite decimal number")
        return number if dialect.name == "postgresql" else str(number)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value) if not isinstance(value, Decimal) else value


class UTCDateTime(TypeDecorator[datetime.datetime]):
    """A moment in UTC: stored as UTC (naive on SQLite, timestamptz on PostgreSQL), returned
    time-zone aware, to the microsecond."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            raise ValueError(f"{value!r}: a time must be time-zone aware")
        value = value.astimezone(datetime.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=datetime.UTC) if value.tzinfo is None else value.astimezone(datetime.UTC)


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AuditEntry(Base):
    """One change the tool made.  ``id`` is 1, 2, 3... (given by :func:`.audit.record`, not by
    the database, so that a removed entry leaves a gap); ``entry_hash`` is the SHA-256 of the
    entry's canonical fields, ``prev_hash`` included (:func:`.audit.entry_hash`)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    time: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), nullable=False)
    actor: Mapped[str] = mapped_column(Text, nullable=False)
    action: Mapped[str] = mapped_column(Text, nullable=False)
    object: Mapped[str] = mapped_column(Text, nullable=False, index=True)
    hash_before: Mapped[str | None] = mapped_column(String(HASH))
    hash_after: Mapped[str | None] = mapped_column(String(HASH))
    prev_hash: Mapped[str] = mapped_column(String(HASH), nullable=False)
    entry_hash: Mapped[str] = mapped_column(String(HASH), nullable=False, unique=True)


class FilingHistory(Base):
    """A build, package or check of a package (later: submissions and their status)."""

    __tablename__ = "filing_history"
    __table_args__ = (CheckConstraint("mode IN ('test', 'live')", name="mode"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    time: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
    actor: Mapped[str] = mapped_column(Text, nullable=False)
    action: Mapped[str] = mapped_column(String(32), nullable=False)  # build, package, check, ...
    document_type: Mapped[str | None] = mapped_column(String(8))  # 3, 4, 5, 3/A, 4/A, 5/A
    mode: Mapped[str | None] = mapped_column(String(4))  # test or live (a package's submission)
    draft_path: Mapped[str | None] = mapped_column(Text)
    package_path: Mapped[str | None] = mapped_column(Text)
    files: Mapped[dict[str, str]] = mapped_column(JSON, nullable=False, default=dict)  # name -> SHA-256 of what was written
    detail: Mapped[str | None] = mapped_column(Text)


class LedgerDocument(Base):
    """A filed document recorded in the ledger, once (by accession number and by content)."""

    __tablename__ = "ledger_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    accession: Mapped[str | None] = mapped_column(String(20), unique=True)  # 0001234567-25-000001
    content_hash: Mapped[str] = mapped_column(String(HASH), nullable=False, unique=True)
    owner_cik: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    issuer_cik: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    document_type: Mapped[str] = mapped_column(String(8), nullable=False)
    period: Mapped[datetime.date | None] = mapped_column()
    filed: Mapped[datetime.date | None] = mapped_column()
    signed: Mapped[datetime.date | None] = mapped_column()
    original_submission: Mapped[datetime.date | None] = mapped_column()  # an amendment's "date of original submission"
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_document.id", ondelete="SET NULL"))
    source_path: Mapped[str | None] = mapped_column(Text)
    imported: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)


class LedgerLine(Base):
    """One line of a recorded document, with the holding it belongs to (see
    :mod:`form4gen.form.holdings`: title, ownership, nature, the footnote texts marked on them,
    and in Table II the exercise price and expiration)."""

    __tablename__ = "ledger_line"
    __table_args__ = (
        UniqueConstraint("document_id", "form_table", "line_index"),
        CheckConstraint("form_table IN ('non_derivative', 'derivative')", name="form_table"),
        CheckConstraint("ownership IN ('D', 'I')", name="ownership"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("ledger_document.id", ondelete="CASCADE"), nullable=False, index=True)
    form_table: Mapped[str] = mapped_column(String(16), nullable=False)
    line_index: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(12), nullable=False)  # transaction or holding
    title: Mapped[str] = mapped_column(Text, nullable=False)
    ownership: Mapped[str] = mapped_column(String(1), nullable=False)
    nature: Mapped[str] = mapped_column(Text, nullable=False, default="")
    marks: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)  # footnote texts
    exercise_price: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    expiration: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    transaction_date: Mapped[datetime.date | None] = mapped_column()
    transaction_code: Mapped[str | None] = mapped_column(String(2))
    shares: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    acquired_disposed: Mapped[str | None] = mapped_column(String(1))  # A or D
    owned_following: Mapped[Decimal | None] = mapped_column(ExactDecimal())


class LedgerAdjustment(Base):
    """A change no filing reports (a split, a transfer between the owner's own accounts,
    dividend-equivalent units), entered by hand with a note."""

    __tablename__ = "ledger_adjustment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_cik: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    issuer_cik: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    effective: Mapped[datetime.date] = mapped_column(nullable=False)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)  # split, transfer, dividend_equivalent, other
    title: Mapped[str] = mapped_column(Text, nullable=False)
    ownership: Mapped[str] = mapped_column(String(1), nullable=False)
    nature: Mapped[str] = mapped_column(Text, nullable=False, default="")
    marks: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    exercise_price: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    expiration: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    change: Mapped[Decimal | None] = mapped_column(ExactDecimal())  # shares added (negative: removed)
    ratio: Mapped[Decimal | None] = mapped_column(ExactDecimal())  # a split's factor
    note: Mapped[str] = mapped_column(Text, nullable=False)
    actor: Mapped[str] = mapped_column(Text, nullable=False)
    created: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utc_now)
