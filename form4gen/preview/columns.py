"""The columns of Table I and Table II on Forms 3, 4 and 5, as the forms print them: the
numbered heading, and under it the sub-columns, each naming the row cell it shows (a key of
:class:`form4gen.preview.view.RowView.cells`)."""

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


def _table1_4_5(form: str) -> tuple[Column, ...]:
    """Table I of Forms 4 and 5: Form 5 has no V column and counts at the fiscal year end."""
    code = Column("3. Transaction Code (Instr. 8)", (("code", "Code"), ("v", "V"))) if form == "4" else _one("code", "3. Transaction Code (Instr. 8)")
    post = "Following Reported Transaction(s)" if form == "4" else "at end of Issuer's Fiscal Year"
    return (
        _one("title", "1. Title of Security (Instr. 3)"),
        _one("date", f"2. Transaction Date {DATE}"),
        _one("deemed", f"2A. Deemed Execution Date, if any {DATE}"),
        code,
        Column(
            "4. Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5)",
            (("amount", "Amount"), ("acquired_disposed", "(A) or (D)"), ("price", "Price")),
        ),
        _one("post", f"5. Amount of Securities Beneficially Owned {post} (Instr. 3 and 4)"),
        _one("ownership", "6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)"),
        _one("nature", "7. Nature of Indirect Beneficial Ownership (Instr. 4)"),
    )


_EXERCISE = Column(f"Date Exercisable and Expiration Date {DATE}", (("exercisable", "Date Exercisable"), ("expiration", "Expiration Date")))
_UNDERLYING = (("underlying_title", "Title"), ("underlying_amount", "Amount or Number of Shares"))


def _table2_4_5(form: str) -> tuple[Column, ...]:
    """Table II of Forms 4 and 5 (the same differences as in Table I)."""
    code = Column("4. Transaction Code (Instr. 8)", (("code", "Code"), ("v", "V"))) if form == "4" else _one("code", "4. Transaction Code (Instr. 8)")
    post = "Following Reported Transaction(s)" if form == "4" else "at End of Issuer's Fiscal Year"
    return (
        _one("title", "1. Title of Derivative Security (Instr. 3)"),
        _one("exercise_price", "2. Conversion or Exercise Price of Derivative Security"),
        _one("date", f"3. Transaction Date {DATE}"),
        _one("deemed", f"3A. Deemed Execution Date, if any {DATE}"),
        code,
        Column(
            "5. Number of Derivative Securities Acquired (A) or Disposed of (D) (Instr. 3, 4, and 5)",
            (("acquired", "(A)"), ("disposed", "(D)")),
        ),
        Column("6. " + _EXERCISE.heading, _EXERCISE.parts),
        Column("7. Title and Amount of Underlying Securities (Instr. 3 and 4)", _UNDERLYING),
        _one("price", "8. Price of Derivative Security (Instr. 5)"),
        _one("post", f"9. Number of Derivative Securities Beneficially Owned {post} (Instr. 4)"),
        _one("ownership", "10. Ownership Form of Derivative Security: Direct (D) or Indirect (I) (Instr. 4)"),
        _one("nature", "11. Nature of Indirect Beneficial Ownership (Instr. 4)"),
    )


_TABLE1 = {
    "4": _table1_4_5("4"),
    "5": _table1_4_5("5"),
    "3": (
        _one("title", "1. Title of Security (Instr. 4)"),
        _one("post", "2. Amount of Securities Beneficially Owned (Instr. 4)"),
        _one("ownership", "3. Ownership Form: Direct (D) or Indirect (I) (Instr. 5)"),
        _one("nature", "4. Nature of Indirect Beneficial Ownership (Instr. 5)"),
    ),
}

_TABLE2 = {
    "4": _table2_4_5("4"),
    "5": _table2_4_5("5"),
    "3": (
        _one("title", "1. Title of Derivative Security (Instr. 4)"),
        Column("2. " + _EXERCISE.heading, _EXERCISE.parts),
        Column("3. Title and Amount of Securities Underlying Derivative Security (Instr. 4)", _UNDERLYING),
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
    return _TABLE1[form]


def table2_columns(form: str) -> tuple[Column, ...]:
    return _TABLE2[form]
