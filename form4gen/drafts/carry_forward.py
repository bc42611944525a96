"""Balances carried forward in a draft: the "owned following" figures a draft leaves out,
computed from its ``holdings_before`` entries through each line in date order.

What one holding is, and how a line moves its balance, are defined once in
:mod:`form4gen.form.holdings`; this module applies them to a validated draft
(:class:`form4gen.drafts.draft.DraftFiling`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from form4gen.drafts.draft import DraftFiling, OpeningBalance
from form4gen.form.errors import Problem
from form4gen.form.holdings import HoldingKey, balance_after, holdings_key, key_of_row, opening_balance, shared_openings
from form4gen.form.tables import TABLES

Lines = dict[tuple[Any, ...], int]


@dataclass
class CarriedForward:
    opening: dict[HoldingKey, Decimal] = field(default_factory=dict)  # for XF-CARRY
    figures: dict[tuple[str, int], Decimal] = field(default_factory=dict)  # (table, index) -> owned following
    problems: list[Problem] = field(default_factory=list)


def _openings(before: list[OpeningBalance], footnotes: Mapping[str, Any], lines: Lines) -> dict[HoldingKey, Decimal] | Problem:
    balances: dict[HoldingKey, Decimal] = {}
    for index, entry in enumerate(before):
        missing = [n for n in entry.nature_footnotes if n not in footnotes]
        if missing:
            message = f"no footnote named {missing[0]!r} (name one of the draft's footnotes)"
            where = lines.get(("holdings_before", index, "nature_footnotes"), lines.get(("holdings_before", index)))
            return Problem(f"holdings_before[{index}].nature_footnotes", message, where)
        balances[holdings_key(entry.as_entry(), footnotes)] = entry.shares
    return balances


def _rows_by_date(draft: DraftFiling) -> list[tuple[str, int, Any]]:
    rows = []
    for table in TABLES:
        for index, row in enumerate(getattr(draft, table)):
            day = getattr(row, "transaction_date", None)
            rows.append((str(day.value) if day is not None and day.value else "", table, index, row))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [(table, index, row) for _, table, index, row in rows]


def _figure(row: Any) -> Decimal | None:
    post = row.post_transaction_amounts
    shares = post.shares_owned_following_transaction if post is not None else None
    return shares.value if shares is not None else None


def carry_forward(
    draft: DraftFiling,
    before: list[OpeningBalance] | None,
    footnotes: Mapping[str, Any],
    footnote_text: Callable[[str], str | None],
    lines: Lines,
) -> CarriedForward:
    """The figures for the lines that leave "owned following" out, per holding, in date order,
    from the opening balances ``before`` (``footnotes``: the draft's footnotes by name, for
    the entries' ``nature_footnotes``; ``footnote_text``: a footnote's text from its id, for
    the lines' marks).  A line without a figure and without an opening balance for its holding
    is a problem, and so is one opening balance that two holdings told apart by footnotes would
    share."""
    out = CarriedForward()
    if before is None:
        return out
    found = _openings(before, footnotes, lines)
    if isinstance(found, Problem):
        out.problems.append(found)
        return out
    out.opening = found
    rows = _rows_by_date(draft)
    keys = {(table, index): key_of_row(row, footnote_text) for table, index, row in rows}
    out.problems += [
        Problem(
            "holdings_before",
            f"one opening balance of {entry.label} stands for {len(users)} holdings told apart by footnotes; give each its own entry with nature_footnotes",
            lines.get(("holdings_before",)),
        )
        for entry, users in shared_openings(keys.values(), found).items()
    ]
    balances: dict[HoldingKey, Decimal] = {}
    for table, index, row in rows:
        key = keys[(table, index)]
        balance = balances[key] if key in balances else opening_balance(found, key)
        amounts = getattr(row, "transaction_amounts", None)
        if amounts is not None and balance is not None:
            shares = amounts.shares.value if amounts.shares is not None else None
            code = amounts.acquired_disposed_code.value if amounts.acquired_disposed_code is not None else None
            balance = balance_after(balance, shares, code)
        if row.post_transaction_amounts is not None:
            figure = _figure(row)
            if figure is not None:
                balances[key] = figure
            continue
        if balance is None:
            out.problems.append(
                Problem(
                    f"{table}[{index}]",
                    f"has no post_transaction_amounts and holdings_before has no opening balance for {key.label}",
                    lines.get((table, index)),
                )
            )
            continue
        out.figures[(table, index)] = balance
        balances[key] = balance
    return out
