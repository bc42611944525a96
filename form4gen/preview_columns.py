"""The columns of Table I and Table II on Forms 3, 4 and 5, as the forms print them: the
numbered heading, and under it the sub-columns, each naming the row cell it shows (a key of
:class:`form4gen.preview_view.RowView.cells`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    heading: str
    parts: tuple[tuple[str, str], ...]  # (cell key, sub-heading); a single part has no sub-heading

    @property
    def span(self) -> int:
        return len(self.parts)


def _one(key: str, heading: str) -> Column:
    return Column(heading, ((key, ""),))


DATE = "(Month/Day/Year)"

_TABLE1_TRANSACTIONS = {
    "4": (
        _one("title", "1. Title of Security (Instr. 3)"),
        _one("date", f"2. Transaction Date {DATE}"),
        _one("deemed", f"2A. Deemed Execution Date, if any {DATE}"),
        Column("3. Transaction Code (Instr. 8)", (("code", "Code"), ("v", "V"))),
        Column(
            "4. Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5)",
            (("amount", "Amount"), ("acquired_disposed", "(A) or (D)"), ("price", "Price")),
        ),
        _one("post", "5. Amount of Securities Beneficially Owned Following Reported Transaction(s) (Instr. 3 and 4)"),
        _one("ownership", "6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)"),
        _one("nature", "7. Nature of Indirect Beneficial Ownership (Instr. 4)"),
    ),
    "5": (
        _one("title", "1. Title of Security (Instr. 3)"),
        _one("date", f"2. Transaction Date {DATE}"),
        _one("deemed", f"2A. Deemed Execution Date, if any {DATE}"),
        _one("code", "3. Transaction Code (Instr. 8)"),
        Column(
            "4. Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5)",
            (("amount", "Amount"), ("acquired_disposed", "(A) or (D)"), ("price", "Price")),
        ),
        _one("post", "5. Amount of Securities Beneficially Owned at end of Issuer's Fiscal Year (Instr. 3 and 4)"),
        _one("ownership", "6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)"),
        _one("nature", "7. Nature of Indirect Beneficial Ownership (Instr. 4)"),
    ),
    "3": (
        _one("title", "1. Title of Security (Instr. 4)"),
        _one("post", "2. Amount of Securities Beneficially Owned (Instr. 4)"),
        _one("ownership", "3. Ownership Form: Direct (D) or Indirect (I) (Instr. 5)"),
        _one("nature", "4. Nature of Indirect Beneficial Ownership (Instr. 5)"),
    ),
}

_EXERCISE = Column(f"Date Exercisable and Expiration Date {DATE}", (("exercisable", "Date Exercisable"), ("expiration", "Expiration Date")))
_UNDERLYING = ("Title", "Amount or Number of Shares")

_TABLE2 = {
    "4": (
        _one("title", "1. Title of Derivative Security (Instr. 3)"),
        _one("exercise_price", "2. Conversion or Exercise Price of Derivative Security"),
        _one("date", f"3. Transaction Date {DATE}"),
        _one("deemed", f"3A. Deemed Execution Date, if any {DATE}"),
        Column("4. Transaction Code (Instr. 8)", (("code", "Code"), ("v", "V"))),
        Column(
            "5. Number of Derivative Securities Acquired (A) or Disposed of (D) (Instr. 3, 4, and 5)",
            (("acquired", "(A)"), ("disposed", "(D)")),
        ),
        Column("6. " + _EXERCISE.heading, _EXERCISE.parts),
        Column(
            "7. Title and Amount of Underlying Securities (Instr. 3 and 4)",
            (("underlying_title", _UNDERLYING[0]), ("underlying_amount", _UNDERLYING[1])),
        ),
        _one("price", "8. Price of Derivative Security (Instr. 5)"),
        _one("post", "9. Number of Derivative Securities Beneficially Owned Following Reported Transaction(s) (Instr. 4)"),
        _one("ownership", "10. Ownership Form of Derivative Security: Direct (D) or Indirect (I) (Instr. 4)"),
        _one("nature", "11. Nature of Indirect Beneficial Ownership (Instr. 4)"),
    ),
    "5": (
        _one("title", "1. Title of Derivative Security (Instr. 3)"),
        _one("exercise_price", "2. Conversion or Exercise Price of Derivative Security"),
        _one("date", f"3. Transaction Date {DATE}"),
        _one("deemed", f"3A. Deemed Execution Date, if any {DATE}"),
        _one("code", "4. Transaction Code (Instr. 8)"),
        Column(
            "5. Number of Derivative Securities Acquired (A) or Disposed of (D) (Instr. 3, 4, and 5)",
            (("acquired", "(A)"), ("disposed", "(D)")),
        ),
        Column("6. " + _EXERCISE.heading, _EXERCISE.parts),
        Column(
            "7. Title and Amount of Underlying Securities (Instr. 3 and 4)",
            (("underlying_title", _UNDERLYING[0]), ("underlying_amount", _UNDERLYING[1])),
        ),
        _one("price", "8. Price of Derivative Security (Instr. 5)"),
        _one("post", "9. Number of Derivative Securities Beneficially Owned at End of Issuer's Fiscal Year (Instr. 4)"),
        _one("ownership", "10. Ownership Form of Derivative Security: Direct (D) or Indirect (I) (Instr. 4)"),
        _one("nature", "11. Nature of Indirect Beneficial Ownership (Instr. 4)"),
    ),
    "3": (
        _one("title", "1. Title of Derivative Security (Instr. 4)"),
        Column("2. " + _EXERCISE.heading, _EXERCISE.parts),
        Column(
            "3. Title and Amount of Securities Underlying Derivative Security (Instr. 4)",
            (("underlying_title", _UNDERLYING[0]), ("underlying_amount", _UNDERLYING[1])),
        ),
        _one("exercise_price", "4. Conversion or Exercise Price of Derivative Security"),
        _one("ownership", "5. Ownership Form of Derivative Security: Direct (D) or Indirect (I) (Instr. 5)"),
        _one("nature", "6. Nature of Indirect Beneficial Ownership (Instr. 5)"),
    ),
}

TABLE_TITLES = {
    "non_derivative": {
        "3": "Table I - Non-Derivative Securities Beneficially Owned",
        "4": "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
        "5": "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    },
    "derivative": {
        "3": "Table II - Derivative Securities Beneficially Owned",
        "4": "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned",
        "5": "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    },
}


def table1_columns(form: str) -> tuple[Column, ...]:
    return _TABLE1_TRANSACTIONS[form]


def table2_columns(form: str) -> tuple[Column, ...]:
    return _TABLE2[form]
