"""Rows of Tables I and II, and the ownership columns (rules.md sections G, L and M)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from form4gen.form.holdings import HoldingKey
from form4gen.form.models import Filing
from form4gen.rules.registry import Context, Violation, rule
from form4gen.rules.walk import Row, holding_of, holdings, rows, transactions


@rule(
    "TBL-ORDER",
    "warning",
    fix="Put the lines of each class and ownership form in date order.",
    source="OTS §4.3.3; SEC Section 16 FAQ (2003) Q1",
)
def rows_in_date_order(filing: Filing, context: Context) -> Iterator[Violation]:
    """Lines of the same security and ownership form are in date order.

    EDGAR takes rows in any order, but the "owned following" column is a running balance read
    from top to bottom: out of order, it reads wrong.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-07
            transaction_coding: {code: P}
            transaction_amounts: {shares: 500, price_per_share: 10.30, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11500}
            ownership_nature: {direct_or_indirect_ownership: D}
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-08}

    Reported on: non_derivative_table[1].transaction_date
    Message: comes after Table I row 1

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
          - security_title: Common Stock
            transaction_date: 2026-04-07
            transaction_coding: {code: P}
            transaction_amounts: {shares: 500, price_per_share: 10.30, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11500}
            ownership_nature: {direct_or_indirect_ownership: D}
        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-08}
    """
    last: dict[tuple[Any, ...], Row] = {}
    for row in transactions(filing):
        key = (row.table, holding_of(filing, row))
        before = last.get(key)
        if before and row.transaction_date and before.transaction_date and row.transaction_date < before.transaction_date:
            yield Violation(
                f"{row.label} ({row.transaction_date}) comes after {before.label} ({before.transaction_date})",
                (*row.path, "transaction_date"),
            )
        last[key] = row


@rule(
    "TBL-CLASS-LINES",
    "warning",
    fix="Report each class of security and each form of ownership on one holding line.",
    source="Form 4 face ('Reminder'); General Instructions 4-5",
)
def one_holding_line_per_class(filing: Filing, context: Context) -> Iterator[Violation]:
    """A holding of one class in one form of ownership is reported on one line.

    The form asks for a separate line for each class of security and for direct and each kind
    of indirect ownership; two holding lines for the same class, form and nature split one
    holding in two.

    Fails::

        not_subject_to_section16: true
        non_derivative_table:
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 500}
            ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: By Trust}
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 700}
            ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: By Trust}

    Reported on: non_derivative_table[1]
    Message: repeats the holding of Table I row 1

    Passes::

        not_subject_to_section16: true
        non_derivative_table:
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 500}
            ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: By Trust}
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 700}
            ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: By Spouse}
    """
    seen: dict[HoldingKey, Row] = {}
    for row in holdings(filing):
        if row.is_derivative:
            continue  # options of one title differ by price and dates: several lines are normal
        key = holding_of(filing, row)
        if key in seen:
            yield Violation(f"{row.label} repeats the holding of {seen[key].label} ({row.title!r})", row.path)
        else:
            seen[key] = row


@rule(
    "NAT-I",
    "error",
    fix="Say how the securities are held indirectly, e.g. 'By Spouse' or 'By Trust'.",
    source="OTS §3.3 cm(5)",
)
def indirect_has_nature(filing: Filing, context: Context) -> Iterator[Violation]:
    """Indirect ownership (I) states its nature.

    Column 7, "Nature of Indirect Beneficial Ownership", is required when column 6 says I.
    EDGAR suspends an indirect line without it.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: I}

    Reported on: non_derivative_table[0].ownership_nature.nature_of_ownership
    Message: with no nature of ownership

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: By Spouse}
    """
    for row in rows(filing):
        if row.row.ownership_nature.direct_or_indirect_ownership.value == "I" and not row.nature_text:
            yield Violation(f"{row.label} is owned indirectly (I) with no nature of ownership", (*row.path, "ownership_nature", "nature_of_ownership"))


@rule(
    "NAT-D",
    "error",
    fix="Remove the nature of ownership, or mark the line I (indirect).",
    source="OTS §3.3 cm(5), §5",
)
def direct_has_no_nature(filing: Filing, context: Context) -> Iterator[Violation]:
    """Direct ownership (D) has no nature of indirect ownership.

    Column 7 is for indirect holdings only; EDGAR suspends a direct line that fills it in.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D, nature_of_ownership: By Spouse}

    Reported on: non_derivative_table[0].ownership_nature.nature_of_ownership
    Message: owned directly (D)

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    for row in rows(filing):
        if row.row.ownership_nature.direct_or_indirect_ownership.value == "D" and row.nature_text:
            yield Violation(
                f"{row.label} is owned directly (D) but gives the nature {row.nature_text!r}", (*row.path, "ownership_nature", "nature_of_ownership")
            )
