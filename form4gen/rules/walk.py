"""Ways through a filing that many rules share: the rows of both tables, the footnote marks
attached anywhere, the dates of the transactions.  Paths are model paths such as
``("non_derivative_table", 0, "transaction_amounts", "price_per_share")``."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple

from pydantic import BaseModel

from form4gen.form.holdings import HoldingKey, key_of_row
from form4gen.form.models import (
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    Footnoted,
    HoldingCoding,
    NonDerivativeTransaction,
    TransactionCoding,
)
from form4gen.form.tables import TABLES, row_label


class Row(NamedTuple):
    table: str  # "non_derivative_table" or "derivative_table"
    index: int  # type: ignore[assignment]  # the field shadows tuple.index(), which nothing here calls
    row: Any

    @property
    def path(self) -> tuple[Any, ...]:
        return (self.table, self.index)

    @property
    def is_transaction(self) -> bool:
        return isinstance(self.row, (NonDerivativeTransaction, DerivativeTransaction))

    @property
    def is_derivative(self) -> bool:
        return isinstance(self.row, (DerivativeTransaction, DerivativeHolding))

    @property
    def label(self) -> str:
        """'Table I row 2' (rows counted from 1, as a reader counts them)."""
        return row_label(self.table, self.index)

    @property
    def code(self) -> str | None:
        coding = getattr(self.row, "transaction_coding", None)
        return getattr(coding, "code", None)

    @property
    def form_type(self) -> str | None:
        coding = getattr(self.row, "transaction_coding", None)
        return getattr(coding, "form_type", None)

    @property
    def timeliness(self) -> str:
        field = getattr(self.row, "transaction_timeliness", None)
        return (field.value or "").strip() if field else ""

    @property
    def nature_text(self) -> str:
        """Column 7 (Table I) / 11 (Table II): the nature of indirect ownership, or ''."""
        nature = self.row.ownership_nature.nature_of_ownership
        return (nature.value or "").strip() if nature else ""

    @property
    def acquired_disposed(self) -> str | None:
        amounts = getattr(self.row, "transaction_amounts", None)
        code = amounts.acquired_disposed_code if amounts else None
        return code.value if code else None

    @property
    def transaction_date(self) -> datetime.date | None:
        value = getattr(self.row, "transaction_date", None)
        return value.value if value else None

    @property
    def title(self) -> str:
        return self.row.security_title.value or ""

    def footnote_ids(self) -> set[str]:
        """Every footnote mark anywhere on the row."""
        return _row_marks(self.row)


def rows(filing: Filing) -> tuple[Row, ...]:
    """Every row of Table I, then of Table II."""
    return memo("rows", filing, lambda: tuple(Row(t, i, row) for t in TABLES for i, row in enumerate(getattr(filing, t))))


def transactions(filing: Filing) -> tuple[Row, ...]:
    return memo("transactions", filing, lambda: tuple(r for r in rows(filing) if r.is_transaction))


def holdings(filing: Filing) -> tuple[Row, ...]:
    return memo("holdings", filing, lambda: tuple(r for r in rows(filing) if not r.is_transaction))


def footnote_marks(model: Any, path: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], list[str]]]:
    """(path, footnote ids) for every value or coding that carries footnote marks."""
    out: list[tuple[tuple[Any, ...], list[str]]] = []
    _collect_marks(model, path, out)
    return out


_CODINGS = (TransactionCoding, HoldingCoding)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(cls.model_fields)  # type: ignore[attr-defined]
    return names


def _collect_marks(model: Any, path: tuple[Any, ...], out: list[tuple[tuple[Any, ...], list[str]]]) -> None:
    if isinstance(model, list):
        for index, item in enumerate(model):
            if isinstance(item, (BaseModel, list)):
                _collect_marks(item, (*path, index), out)
        return
    if isinstance(model, (Footnoted, *_CODINGS)):  # footnotes, and otherwise plain values
        if model.footnotes:
            out.append((path, list(model.footnotes)))
        return
    if isinstance(model, BaseModel):
        values = model.__dict__
        for name in _field_names(type(model)):
            value = values[name]
            if value is None:
                continue
            if isinstance(value, Footnoted):  # the common case, without a call
                if value.footnotes:
                    out.append(((*path, name), list(value.footnotes)))
            elif isinstance(value, BaseModel) or (isinstance(value, list) and value):
                _collect_marks(value, (*path, name), out)


# Many rules walk the same rows and marks of the same filing.  The walks are kept on the check
# that asks for them: each check opens its own store (:func:`walks_of_one_check`), held in a
# context variable, so that two checks in two threads never see each other's walks and a
# store dies with its check.  Outside a check nothing is kept.


class _Walks:
    __slots__ = ("memo", "row_marks")

    def __init__(self) -> None:
        self.memo: dict[str, tuple[Any, Any]] = {}
        self.row_marks: dict[int, tuple[Any, list[tuple[tuple[Any, ...], list[str]]], set[str]]] = {}


_CURRENT: ContextVar[_Walks | None] = ContextVar("form4gen_walks", default=None)


@contextmanager
def walks_of_one_check() -> Iterator[None]:
    """The walks of the rules run inside this block are shared, and forgotten at its end."""
    token = _CURRENT.set(_Walks())
    try:
        yield
    finally:
        _CURRENT.reset(token)


def memo(name: str, subject: Any, compute: Any) -> Any:
    walks = _CURRENT.get()
    if walks is None:
        return compute()
    held = walks.memo.get(name)
    if held is not None and held[0] is subject:
        return held[1]
    value = compute()
    walks.memo[name] = (subject, value)
    return value


def all_footnote_marks(filing: Filing) -> list[tuple[tuple[Any, ...], list[str]]]:
    """(path, footnote ids) of every mark in the tables of the filing."""
    return memo("marks", filing, lambda: [(row.path + path, refs) for row in rows(filing) for path, refs in _row_walk(row.row)[0]])


# Each row is walked once for its marks, whether a rule asks for the row's marks or the filing's.


def _row_walk(row: Any) -> tuple[list[tuple[tuple[Any, ...], list[str]]], set[str]]:
    walks = _CURRENT.get()
    held = walks.row_marks.get(id(row)) if walks is not None else None
    if held is not None and held[0] is row:
        return held[1], held[2]
    marks = footnote_marks(row, ())
    ids = {ref for _, refs in marks for ref in refs}
    if walks is not None:
        walks.row_marks[id(row)] = (row, marks, ids)
    return marks, ids


def _row_marks(row: Any) -> set[str]:
    return _row_walk(row)[1]


def holding_of(filing: Filing, row: Row) -> HoldingKey:
    """The holding a row belongs to (:func:`form4gen.form.holdings.key_of_row`), once per check."""
    return memo(f"holding {row.table} {row.index}", filing, lambda: key_of_row(row.row, filing.footnote_text))


def text_of_row_footnotes(filing: Filing, row: Row) -> str:
    return " ".join(filing.footnote_text(i) or "" for i in sorted(row.footnote_ids()))


_MONTHS = {
    m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"))
}
_DATE_PATTERNS = (
    re.compile(r"\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}(?:\d{2})?)\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})\b"),
)


def dates_in(text: str) -> list[datetime.date]:
    """The calendar dates written in a footnote ("March 5, 2024", "3/5/2024", "2024-03-05")."""
    found = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            month_text = m.group("month")
            if month_text.isdigit():
                month = int(month_text)
            else:
                month = next((n for name, n in _MONTHS.items() if name.startswith(month_text.lower()[:3])), 0)
            year = int(m.group("year"))
            if year < 100:
                year += 2000
            try:
                found.append(datetime.date(year, month, int(m.group("day"))))
            except ValueError:
                continue
    return found
