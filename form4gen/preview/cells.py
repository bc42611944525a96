"""The cells of the preview's tables: each value as display text with its footnote marks and
the model path of the field it shows, and the rows of Table I and Table II built from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from form4gen.checking.engine import Finding
from form4gen.form.errors import field_path
from form4gen.form.formatting import edgar_date, edgar_number, edgar_price
from form4gen.form.models import DerivativeHolding, DerivativeTransaction, Footnoted, NonDerivativeHolding
from form4gen.preview.columns import Column


@dataclass
class Cell:
    """One value of the form: its display text, footnote marks, and findings placed on it."""

    text: str = ""
    path: str = ""
    marks: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def severity(self) -> str:
        if any(f.severity == "error" for f in self.findings):
            return "error"
        return "warning" if self.findings else ""


@lru_cache(maxsize=4096)  # the same few hundred field paths, filing after filing
def _path(*parts: Any) -> str:
    return field_path(parts)


def _marks(refs: Iterable[str]) -> list[str]:
    return [ref[1:] for ref in refs]


def value_cell(field_value: Footnoted[Any] | None, path: str, fmt: Any = str) -> Cell:
    """A Footnoted field: its formatted value (blank when absent) and its footnote marks."""
    if field_value is None:
        return Cell("", path)
    text = fmt(field_value.value) if field_value.value is not None else ""
    return Cell(text, path, _marks(field_value.footnotes))


@dataclass
class TableView:
    id: str
    title: str
    subtitle: str
    columns: tuple[Column, ...]
    rows: list[RowView]
    anchor: Cell = field(default_factory=lambda: Cell())  # findings on the table as a whole

    @property
    def width(self) -> int:
        return sum(c.span for c in self.columns)

    @property
    def keys(self) -> list[str]:
        """The cell keys of a row, left to right."""
        return [key for c in self.columns for key, _ in c.parts]

    @property
    def lines(self) -> list[tuple[RowView, list[tuple[str, Cell]]]]:
        """Each row with its (key, cell) pairs, left to right, as the template lays them out."""
        keys = self.keys
        return [(row, [(key, row.cells[key]) for key in keys]) for row in self.rows]


@dataclass
class RowView:
    path: str
    cells: dict[str, Cell]
    findings: list[Finding] = field(default_factory=list)  # on the row, not on one cell


def _coding_cells(row: Any, path: str) -> tuple[Cell, Cell]:
    """Column 'Code' (with /K for an equity swap, and the coding's footnote marks) and 'V'."""
    coding = getattr(row, "transaction_coding", None)
    code = getattr(coding, "code", None)
    if coding is None or code is None:
        marks = _marks(coding.footnotes) if coding is not None else []
        return Cell("", _path(path, "transaction_coding"), marks), Cell("", _path(path, "transaction_coding", "form_type"))
    text = code + ("/K" if coding.equity_swap_involved else "")
    timeliness = getattr(row, "transaction_timeliness", None)
    marks = _marks(coding.footnotes) + (_marks(timeliness.footnotes) if timeliness else [])
    return (
        Cell(text, _path(path, "transaction_coding", "code"), marks),
        Cell("V" if coding.form_type == "5" else "", _path(path, "transaction_coding", "form_type")),
    )


def _post_cell(row: Any, path: str) -> Cell:
    post = getattr(row, "post_transaction_amounts", None)
    base = _path(path, "post_transaction_amounts")
    if post is None:
        return Cell("", base)
    if post.shares_owned_following_transaction is not None:
        return value_cell(post.shares_owned_following_transaction, _path(base, "shares_owned_following_transaction"), edgar_number)
    return value_cell(post.value_owned_following_transaction, _path(base, "value_owned_following_transaction"), edgar_price)


def _nature_cells(row: Any, path: str) -> dict[str, Cell]:
    nature = row.ownership_nature
    base = _path(path, "ownership_nature")
    return {
        "ownership": value_cell(nature.direct_or_indirect_ownership, _path(base, "direct_or_indirect_ownership")),
        "nature": value_cell(nature.nature_of_ownership, _path(base, "nature_of_ownership")),
    }


def non_derivative_row(row: Any, index: int) -> RowView:
    path = _path("non_derivative_table", index)
    cells = {"title": value_cell(row.security_title, _path(path, "security_title"))}
    if isinstance(row, NonDerivativeHolding):
        coding = row.transaction_coding
        cells["code"] = Cell("", _path(path, "transaction_coding"), _marks(coding.footnotes) if coding else [])
        cells["v"] = Cell("", path)
        for key in ("date", "deemed", "amount", "acquired_disposed", "price"):
            cells[key] = Cell("", path)
    else:
        amounts = row.transaction_amounts
        base = _path(path, "transaction_amounts")
        cells["date"] = value_cell(row.transaction_date, _path(path, "transaction_date"), edgar_date)
        cells["deemed"] = value_cell(row.deemed_execution_date, _path(path, "deemed_execution_date"), edgar_date)
        cells["code"], cells["v"] = _coding_cells(row, path)
        cells["amount"] = value_cell(amounts.shares, _path(base, "shares"), edgar_number)
        cells["acquired_disposed"] = value_cell(amounts.acquired_disposed_code, _path(base, "acquired_disposed_code"))
        cells["price"] = value_cell(amounts.price_per_share, _path(base, "price_per_share"), edgar_price)
    cells["post"] = _post_cell(row, path)
    cells.update(_nature_cells(row, path))
    return RowView(path, cells)


def derivative_row(row: Any, index: int) -> RowView:
    path = _path("derivative_table", index)
    cells = {
        "title": value_cell(row.security_title, _path(path, "security_title")),
        "exercise_price": value_cell(row.conversion_or_exercise_price, _path(path, "conversion_or_exercise_price"), edgar_price),
        "exercisable": value_cell(row.exercise_date, _path(path, "exercise_date"), edgar_date),
        "expiration": value_cell(row.expiration_date, _path(path, "expiration_date"), edgar_date),
    }
    u = row.underlying_security
    ubase = _path(path, "underlying_security")
    cells["underlying_title"] = value_cell(u.title, _path(ubase, "title"))
    if u.shares is not None:
        cells["underlying_amount"] = value_cell(u.shares, _path(ubase, "shares"), edgar_number)
    else:
        cells["underlying_amount"] = value_cell(u.value, _path(ubase, "value"), edgar_price)
    if isinstance(row, DerivativeTransaction):
        amounts = row.transaction_amounts
        base = _path(path, "transaction_amounts")
        cells["date"] = value_cell(row.transaction_date, _path(path, "transaction_date"), edgar_date)
        cells["deemed"] = value_cell(row.deemed_execution_date, _path(path, "deemed_execution_date"), edgar_date)
        cells["code"], cells["v"] = _coding_cells(row, path)
        if amounts.shares is not None:
            moved = value_cell(amounts.shares, _path(base, "shares"), edgar_number)
        else:
            moved = value_cell(amounts.total_value, _path(base, "total_value"), edgar_price)
        direction = amounts.acquired_disposed_code.value if amounts.acquired_disposed_code else None
        cells["acquired"] = moved if direction == "A" else Cell("", _path(base, "acquired_disposed_code"))
        cells["disposed"] = moved if direction == "D" else Cell("", _path(base, "acquired_disposed_code"))
        cells["price"] = value_cell(amounts.price_per_share, _path(base, "price_per_share"), edgar_price)
    else:
        assert isinstance(row, DerivativeHolding)
        coding = row.transaction_coding
        cells["code"] = Cell("", _path(path, "transaction_coding"), _marks(coding.footnotes) if coding else [])
        for key in ("date", "deemed", "v", "acquired", "disposed", "price"):
            cells[key] = Cell("", path)
    cells["post"] = _post_cell(row, path)
    cells.update(_nature_cells(row, path))
    return RowView(path, cells)
