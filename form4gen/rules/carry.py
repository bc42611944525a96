"""Carrying balances forward from earlier filings (rules.md section S)."""

from __future__ import annotations

from collections.abc import Iterator

from form4gen.form.holdings import HoldingKey, balance_after, key_of_row, opening_balance, shares_text
from form4gen.form.models import Filing
from form4gen.rules.registry import Context, Violation, rule
from form4gen.rules.walk import rows


@rule(
    "XF-CARRY",
    "warning",
    fix="Start from the last balance reported (form4gen holdings gives it), or enter the adjustment that explains the difference.",
    source="SEC Section 16 FAQ (2003) Q1; practice",
)
def carried_forward(filing: Filing, context: Context) -> Iterator[Violation]:
    """The first figure of each holding carries forward the balance reported before.

    A draft's ``holdings_before`` holds the last balances reported (``form4gen holdings``
    builds them from earlier filings).  The first line of each holding should be that balance
    plus or minus its shares (a holding line: the balance itself); a difference means a line
    missing from this or an earlier report, or an event such as a split to record.

    Fails::

        holdings_before:
          - {security_title: Common Stock, ownership: D, shares: 10000}
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 12000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].post_transaction_amounts
    Message: the balance carried forward gives 11,000

    Passes::

        holdings_before:
          - {security_title: Common Stock, ownership: D, shares: 10000}
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    opening = filing.holdings_before
    if not opening:
        return
    seen: set[HoldingKey] = set()
    ordered = sorted(rows(filing), key=lambda r: (r.transaction_date or filing.period_of_report, r.table, r.index))
    for row in ordered:
        key = key_of_row(row.row, filing.footnote_text)
        expected = opening_balance(opening, key)
        if key in seen or expected is None:
            continue
        seen.add(key)
        post = row.row.post_transaction_amounts
        reported = post.shares_owned_following_transaction.value if post and post.shares_owned_following_transaction else None
        if row.is_transaction:
            shares = row.row.transaction_amounts.shares
            expected = balance_after(expected, shares.value if shares else None, row.acquired_disposed)
            if expected is None:
                continue
        if reported is not None and reported != expected:
            yield Violation(
                f"{row.label} reports {shares_text(reported)} owned following; the balance carried forward gives {shares_text(expected)}",
                (*row.path, "post_transaction_amounts"),
            )
