"""Table II: derivative securities (rules.md section K).  The value-or-footnote requirements of
DV-CEP, DV-DATES, DV-UNDERLYING and DV-AMOUNTS are part of the schema (XML-SCHEMA)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from form4gen.form.codes import EXERCISE_CODES
from form4gen.form.models import Filing
from form4gen.rules.registry import Context, Violation, rule
from form4gen.rules.walk import Row, rows, transactions


@rule(
    "DV-DATE-ORDER",
    "warning",
    fix="Check the dates: a derivative cannot become exercisable after it expires.",
    source="practice (rules.md K-99)",
)
def exercisable_before_expiry(filing: Filing, context: Context) -> Iterator[Violation]:
    """A derivative's date exercisable is not after its expiration date.

    Column 6 gives "Date Exercisable" and "Expiration Date"; reversed, they usually mean the two
    were swapped.

    Fails::

        non_derivative_table: []
        derivative_table:
          - security_title: Stock Option (right to buy)
            conversion_or_exercise_price: 10.00
            transaction_date: 2026-04-06
            transaction_coding: {code: A}
            transaction_amounts: {shares: 1000, price_per_share: 0, acquired_disposed_code: A}
            exercise_date: 2036-03-02
            expiration_date: 2027-03-02
            underlying_security: {title: Common Stock, shares: 1000}
            post_transaction_amounts: {shares_owned_following_transaction: 1000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: derivative_table[0].exercise_date
    Message: after it expires

    Passes::

        non_derivative_table: []
        derivative_table:
          - security_title: Stock Option (right to buy)
            conversion_or_exercise_price: 10.00
            transaction_date: 2026-04-06
            transaction_coding: {code: A}
            transaction_amounts: {shares: 1000, price_per_share: 0, acquired_disposed_code: A}
            exercise_date: 2027-03-02
            expiration_date: 2036-03-02
            underlying_security: {title: Common Stock, shares: 1000}
            post_transaction_amounts: {shares_owned_following_transaction: 1000}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    for row in rows(filing):
        if not row.is_derivative:
            continue
        exercisable, expires = row.row.exercise_date.value, row.row.expiration_date.value
        if exercisable and expires and exercisable > expires:
            yield Violation(f"{row.label}: exercisable {exercisable}, after it expires {expires}", (*row.path, "exercise_date"))


@rule(
    "DV-PAIRING",
    "warning",
    fix="Report the shares received on exercise or conversion in Table I, same date and code.",
    source="Form 4 Instruction 8 (codes M, C, O, X); practice",
)
def exercise_has_table1_line(filing: Filing, context: Context) -> Iterator[Violation]:
    """An exercise or conversion in Table II has its acquisition of the underlying in Table I.

    Exercising an option (M, X, O) or converting a security (C) disposes of the derivative in
    Table II and acquires the underlying shares, which Table I reports on the same date with the
    same code.  (The amounts may differ: a net exercise delivers fewer shares.)

    Fails::

        non_derivative_table: []
        derivative_table:
          - security_title: Stock Option (right to buy)
            conversion_or_exercise_price: 5.00
            transaction_date: 2026-04-06
            transaction_coding: {code: M}
            transaction_amounts: {shares: 1000, price_per_share: 0, acquired_disposed_code: D}
            exercise_date: 2024-03-02
            expiration_date: 2034-03-02
            underlying_security: {title: Common Stock, shares: 1000}
            post_transaction_amounts: {shares_owned_following_transaction: 0}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: derivative_table[0].transaction_coding
    Message: has no Table I acquisition with code M

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: M}
            transaction_amounts: {shares: 1000, price_per_share: 5.00, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        derivative_table:
          - security_title: Stock Option (right to buy)
            conversion_or_exercise_price: 5.00
            transaction_date: 2026-04-06
            transaction_coding: {code: M}
            transaction_amounts: {shares: 1000, price_per_share: 0, acquired_disposed_code: D}
            exercise_date: 2024-03-02
            expiration_date: 2034-03-02
            underlying_security: {title: Common Stock, shares: 1000}
            post_transaction_amounts: {shares_owned_following_transaction: 0}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    received: dict[tuple[object, ...], Decimal] = defaultdict(Decimal)
    for row in transactions(filing):
        shares = row.row.transaction_amounts.shares
        if not row.is_derivative and row.code in EXERCISE_CODES and row.acquired_disposed == "A":
            received[(row.code, row.transaction_date)] += shares.value if shares and shares.value is not None else 0
    exercised: dict[tuple[object, ...], list[Row]] = defaultdict(list)
    for row in transactions(filing):
        if row.is_derivative and row.code in EXERCISE_CODES and row.acquired_disposed == "D":
            exercised[(row.code, row.transaction_date)].append(row)
    for (code, day), derivative_rows in exercised.items():
        if (code, day) not in received:
            first = derivative_rows[0]
            yield Violation(
                f"{first.label}: code {code} on {day} has no Table I acquisition with code {code} that day",
                (*first.path, "transaction_coding"),
            )
