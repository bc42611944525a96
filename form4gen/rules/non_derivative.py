"""Table I amounts and dates (rules.md section J; the deemed execution date applies to both
tables)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from form4gen.form.calendar import add_business_days
from form4gen.form.holdings import HoldingKey, balance_after
from form4gen.form.models import Filing
from form4gen.rules.registry import Context, Violation, rule
from form4gen.rules.walk import Row, holding_of, rows, transactions


@rule(
    "ND-SHARES",
    "warning",
    fix="Enter the number of securities the transaction moved.",
    source="XSD NUMBER_WITH_FOOTNOTE; practice",
)
def shares_not_zero(filing: Filing, context: Context) -> Iterator[Violation]:
    """A transaction moves a number of securities other than zero.

    Column 4 (Table I) and column 5 (Table II) give the amount acquired or disposed of.  A
    transaction of zero is usually a placeholder left in a draft.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 0, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 10000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].transaction_amounts.shares
    Message: moves 0 securities

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 10001}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    for row in transactions(filing):
        shares = row.row.transaction_amounts.shares
        if shares is not None and shares.value is not None and shares.value == 0:
            yield Violation(f"{row.label} moves 0 securities", (*row.path, "transaction_amounts", "shares"))


@rule(
    "ND-DEEMED",
    "warning",
    fix="Give a deemed execution date only for Rule 16a-3(g)(2)/(3) trades: after the trade date, within 3 business days.",
    source="Rule 16a-3(g)(2)-(3)",
)
def deemed_date_in_window(filing: Filing, context: Context) -> Iterator[Violation]:
    """A deemed execution date (column 2A) is not before the trade date nor over three business days after.

    Rule 16a-3(g)(2) and (3) let a plan or discretionary trade count from the day the insider
    learned of it, but no later than the third business day after the trade.  A deemed date
    before the trade, or later than that, is wrong (one equal to the trade date changes nothing).

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            deemed_execution_date: 2026-04-13
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].deemed_execution_date
    Message: 3 business days after the trade

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            deemed_execution_date: 2026-04-08
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    for row in transactions(filing):
        deemed = row.row.deemed_execution_date
        trade = row.transaction_date
        if deemed is None or deemed.value is None or trade is None:
            continue
        latest = add_business_days(trade, 3)
        if deemed.value < trade:
            yield Violation(f"{row.label}: deemed execution date {deemed.value} is before the trade date {trade}", (*row.path, "deemed_execution_date"))
        elif deemed.value > latest:
            yield Violation(
                f"{row.label}: deemed execution date {deemed.value} is later than {latest}, 3 business days after the trade",
                (*row.path, "deemed_execution_date"),
            )


_SHARE_TITLE = re.compile(r"\b(common|ordinary|class [a-z] (stock|shares)|stock|shares)\b", re.IGNORECASE)
_DOLLAR_TITLE = re.compile(r"\b(note|notes|debenture|bond|interest|units? of limited|loan)\b", re.IGNORECASE)


@rule(
    "ND-VALUE-USE",
    "warning",
    fix="Give the number of shares owned following the transaction, not a dollar value.",
    source="Form 4 Table I column 5",
)
def value_only_for_dollar_holdings(filing: Filing, context: Context) -> Iterator[Violation]:
    """A holding of shares is given in shares, not as a dollar value.

    ``valueOwnedFollowingTransaction`` is for securities measured in dollars (notes, interests);
    on common stock it usually means a price was typed where a share count belongs.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {value_owned_following_transaction: 112750}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].post_transaction_amounts.value_owned_following_transaction
    Message: gives a dollar value owned

    Passes::

        non_derivative_table:
          - security_title: 5% Convertible Senior Notes due 2030
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {value_owned_following_transaction: 112750}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    for row in rows(filing):
        if row.is_derivative:
            continue
        post = row.row.post_transaction_amounts
        if post is None or post.value_owned_following_transaction is None:
            continue
        if _SHARE_TITLE.search(row.title) and not _DOLLAR_TITLE.search(row.title):
            yield Violation(
                f"{row.label} ({row.title!r}) gives a dollar value owned, not shares",
                (*row.path, "post_transaction_amounts", "value_owned_following_transaction"),
            )


def _shares(field: Any) -> Decimal | None:
    return field.value if field is not None and field.value is not None else None


@rule(
    "ND-RUNNING",
    "warning",
    fix="Make each line's 'owned following' figure the previous balance plus or minus this line's shares.",
    source="SEC Section 16 FAQ (2003) Q1",
)
def running_balance(filing: Filing, context: Context) -> Iterator[Violation]:
    """Table I's "owned following" figures run from line to line.

    Within one class of security and one form of ownership, each line's column 5 is the
    previous line's figure plus the shares acquired or minus the shares disposed of.  A jump
    means a line is missing or a figure is wrong.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 500, price_per_share: 10.30, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 12000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[1].post_transaction_amounts.shares_owned_following_transaction
    Message: 11000 + 500 = 11500

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 500, price_per_share: 10.30, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11500}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    groups: dict[HoldingKey, list[Row]] = defaultdict(list)
    for row in transactions(filing):
        if not row.is_derivative:
            groups[holding_of(filing, row)].append(row)
    for lines in groups.values():
        previous: Decimal | None = None
        for row in lines:
            amounts = row.row.transaction_amounts
            moved = _shares(amounts.shares)
            after = _shares(row.row.post_transaction_amounts.shares_owned_following_transaction)
            direction = row.acquired_disposed
            expected = balance_after(previous, moved, direction) if previous is not None else None
            if expected is not None and after is not None and after != expected:
                yield Violation(
                    f"{row.label}: {previous} {'+' if direction == 'A' else '-'} {moved} = {expected}, but {after} is reported as owned following",
                    (*row.path, "post_transaction_amounts", "shares_owned_following_transaction"),
                )
            previous = after
