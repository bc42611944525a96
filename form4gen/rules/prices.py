"""Prices and weighted-average aggregation under the SEC staff's 2008 relief (rules.md section N).

A line aggregating several trades says so in a footnote ("weighted average price"); these rules
read that footnote: its price range and its undertaking to give per-price details on request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from form4gen.form.aggregation import MAX_SPREAD
from form4gen.form.aggregation import WEIGHTED_AVERAGE_CODES as WAVG_CODES
from form4gen.form.models import Filing
from form4gen.rules.registry import Context, Violation, rule
from form4gen.rules.walk import Row, memo, text_of_row_footnotes, transactions

# The patterns read lower-cased text (IGNORECASE makes Python's re several times slower on
# footnotes of a few kilobytes).
_WEIGHTED = re.compile(r"weighted[\s-]+average")
# "the 60-day volume-weighted average price" sets an award or a vesting condition: not aggregation
_VWAP = re.compile(r"volume[\s-]+weighted[\s-]+average")
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
# A range starts at its first number (a "$" before it is looked for separately: an optional
# group at the start of a pattern makes the search try every character).
_RANGE = re.compile(rf"{_NUMBER}\s*(?:to|through|and|-|–|—)\s*(\$\s?)?{_NUMBER}")
_DOLLAR_BEFORE = re.compile(r"\$\s?$")
_UNDERTAKING = re.compile(r"(?:upon|on|at|by) (?:the )?(?:written )?request|full information|will provide|undertakes? to provide|agrees? to provide")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


@lru_cache(maxsize=128)  # the texts of one filing's lines (they repeat from line to line)
def price_ranges(text: str) -> tuple[tuple[Decimal, Decimal], ...]:
    """The price ranges a footnote gives ("from $10.01 to $10.92"): pairs written with a dollar
    sign or with cents, low first."""
    out = []
    lowered = text.lower()
    for m in _RANGE.finditer(lowered):
        dollar = m.group(2) or _DOLLAR_BEFORE.search(lowered, max(0, m.start() - 2), m.start())
        low, high = _decimal(m.group(1)), _decimal(m.group(3))
        if low is None or high is None or not (dollar or "." in m.group(1) + m.group(3)):
            continue
        if low > high:
            continue
        out.append((low, high))
    return tuple(out)


# Words without which the undertaking regex cannot match: looked for first, at C speed.
_UNDERTAKING_WORDS = ("request", "full information", "provide")


def _undertakes(text: str) -> bool:
    """Whether a footnote undertakes to provide the per-price details on request."""
    lowered = text.lower()
    return any(w in lowered for w in _UNDERTAKING_WORDS) and _UNDERTAKING.search(lowered) is not None


def _aggregated(filing: Filing) -> list[tuple[Row, str]]:
    """Transaction lines whose footnotes speak of a weighted average price (worked out once
    per filing for the three rules that read them)."""

    def compute() -> list[tuple[Row, str]]:
        out: list[tuple[Row, str]] = []
        if not any("weighted" in note.text.lower() for note in filing.footnotes):
            return out  # the common case: no footnote speaks of an average
        for row in transactions(filing):
            text = text_of_row_footnotes(filing, row)
            lowered = text.lower()
            if "weighted" in lowered and _WEIGHTED.search(_VWAP.sub("", lowered)):
                out.append((row, text))
        return out

    return memo("weighted-average", filing, compute)


def _price(row: Row) -> Decimal | None:
    price = row.row.transaction_amounts.price_per_share
    return price.value if price is not None else None


def _price_path(row: Row) -> tuple[object, ...]:
    return (*row.path, "transaction_amounts", "price_per_share")


@rule(
    "PRC-WAVG-FN",
    "warning",
    fix="Give the range of prices and undertake to provide full details of each sale on request.",
    source="SEC staff no-action letter to the Society of Corporate Secretaries (25 June 2008)",
)
def weighted_average_footnote(filing: Filing, context: Context) -> Iterator[Violation]:
    """A weighted-average price is footnoted with its price range and the undertaking.

    The staff's 2008 relief lets same-day open-market trades share one line at the weighted
    average price only if a footnote gives the range of prices and undertakes to provide, on
    request of the SEC staff, the issuer or a security holder, the number of shares traded at
    each price.  It is a warning, not an error: the figures reported are not wrong and EDGAR
    does not read footnotes (many accepted filings omit the range or the undertaking), but
    without them the line does not have the relief's cover.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: {value: 10.4512, footnote: wavg}, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          wavg: The price reported is a weighted average price.

    Reported on: non_derivative_table[0].transaction_amounts.price_per_share
    Message: does not give the price range

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: {value: 10.4512, footnote: wavg}, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          wavg: >-
            The price reported is a weighted average price. These shares were sold in multiple
            transactions at prices ranging from $10.20 to $10.75, inclusive. The reporting person
            undertakes to provide to the SEC staff, the issuer or any security holder, upon request,
            full information regarding the number of shares sold at each separate price.
    """
    for row, text in _aggregated(filing):
        missing = []
        if not price_ranges(text):
            missing.append("the price range")
        if not _undertakes(text):
            missing.append("the undertaking to provide details on request")
        if missing:
            yield Violation(f"{row.label}: the weighted-average footnote does not give {' or '.join(missing)}", _price_path(row))


@rule(
    "PRC-WAVG-MATH",
    "error",
    fix="Recompute the weighted average (sum of shares x price / shares) or correct the range.",
    source="SEC staff no-action letter (25 June 2008)",
)
def weighted_average_in_range(filing: Filing, context: Context) -> Iterator[Violation]:
    """A weighted-average price lies inside the range its footnote gives.

    An average of prices cannot fall outside their range: if it does, the price or the range
    is wrong.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: {value: 11.05, footnote: wavg}, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          wavg: Weighted average price; prices ranged from $10.20 to $10.75. Details upon request.

    Reported on: non_derivative_table[0].transaction_amounts.price_per_share
    Message: outside the footnoted range

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: {value: 10.4512, footnote: wavg}, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          wavg: Weighted average price; prices ranged from $10.20 to $10.75. Details upon request.
    """
    for row, text in _aggregated(filing):
        price, ranges = _price(row), price_ranges(text)
        if price is None or not ranges:
            continue
        if not any(low <= price <= high for low, high in ranges):
            shown = "; ".join(f"${low} to ${high}" for low, high in ranges)
            yield Violation(f"{row.label}: weighted average ${price} is outside the footnoted range {shown}", _price_path(row))


@rule(
    "PRC-WAVG-ELIG",
    "error",
    fix="Aggregate only open-market trades (P, S, or an F sell-to-cover) within a $1 range; split wider ranges into lines.",
    source="SEC staff no-action letter (25 June 2008)",
)
def weighted_average_eligible(filing: Filing, context: Context) -> Iterator[Violation]:
    """Only open-market trades within a $1 price range are aggregated.

    The 2008 relief covers same-day, same-code open-market transactions (P or S, and tax
    withholding sold to cover in the market, F) whose prices lie within a $1 range.  Grants,
    exercises or conversions are not aggregated, and a wider spread is reported on several
    lines, each within $1.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: {value: 10.90, footnote: wavg}, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          wavg: Weighted average price; prices ranged from $10.20 to $11.75. Details upon request.

    Reported on: non_derivative_table[0].transaction_amounts.price_per_share
    Message: span more than $1

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: {value: 10.90, footnote: wavg}, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          wavg: Weighted average price; prices ranged from $10.40 to $11.40. Details upon request.
    """
    for row, text in _aggregated(filing):
        if row.code not in WAVG_CODES:
            yield Violation(f"{row.label}: code {row.code} is not an open-market trade to aggregate", _price_path(row))
            continue
        price, ranges = _price(row), price_ranges(text)
        mine = [r for r in ranges if price is not None and r[0] <= price <= r[1]] or ranges[:1]
        for low, high in mine:
            if high - low > MAX_SPREAD:
                yield Violation(f"{row.label}: prices from ${low} to ${high} span more than $1", _price_path(row))
