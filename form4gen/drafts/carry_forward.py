"""Balances carried forward in a draft: the "owned following" figures a draft leaves out,
computed from its ``holdings_before`` section through each line in date order.

What one holding is, and how a line moves its balance, are defined once in
:mod:`form4gen.form.holdings`; this module applies them to a draft before it is validated,
while footnotes are still named.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from form4gen.drafts.draft import OpeningBalance
from form4gen.form.errors import Problem
from form4gen.form.holdings import HoldingKey, balance_after, holdings_key, norm_text, opening_balance, price_text, shared_openings
from form4gen.form.tables import TABLES


def _value(field_value: Any) -> Any:
    return field_value.get("value") if isinstance(field_value, dict) else field_value


def _names(field_value: Any) -> list[str]:
    """The footnote names on a value written as a mapping (``footnotes: [...]`` or ``footnote:``)."""
    if not isinstance(field_value, dict):
        return []
    names = field_value.get("footnotes") or []
    one = field_value.get("footnote")
    listed = [names] if isinstance(names, str) else list(names) if isinstance(names, list) else []
    return [str(n) for n in [*listed, *([one] if one else [])]]


def _decimal(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError):
        return None
    return number if number.is_finite() else None


def key_of_draft_row(row: dict[str, Any], footnotes: Mapping[str, Any]) -> HoldingKey | None:
    """The holding of a draft's row (see :func:`form4gen.form.holdings.key_of_row`)."""
    nature = row.get("ownership_nature") or {}
    if not isinstance(nature, dict):
        return None
    names = _names(nature.get("direct_or_indirect_ownership")) + _names(nature.get("nature_of_ownership"))
    price = expires = ""
    if "conversion_or_exercise_price" in row:
        number = _decimal(_value(row.get("conversion_or_exercise_price")))
        price = price_text(number)
        expiry = _value(row.get("expiration_date"))
        expires = str(expiry) if expiry else ""
    return HoldingKey(
        norm_text(str(_value(row.get("security_title")) or "")),
        str(_value(nature.get("direct_or_indirect_ownership")) or ""),
        norm_text(str(_value(nature.get("nature_of_ownership")) or "")),
        price,
        expires,
        tuple(sorted({norm_text(str(footnotes.get(name, name))) for name in names})),
    )


def _rows_by_date(data: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    rows: list[tuple[str, str, int, dict[str, Any]]] = []
    for table in TABLES:
        for index, row in enumerate(data.get(table) or []):
            if isinstance(row, dict):
                rows.append((str(_value(row.get("transaction_date")) or ""), table, index, row))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [(table, index, row) for _, table, index, row in rows]


def _openings(before: list[OpeningBalance], footnotes: Mapping[str, Any], lines: dict[tuple[Any, ...], int]) -> dict[HoldingKey, Decimal] | Problem:
    balances: dict[HoldingKey, Decimal] = {}
    for index, entry in enumerate(before):
        missing = [n for n in entry.nature_footnotes if n not in footnotes]
        if missing:
            message = f"no footnote named {missing[0]!r} (name one of the draft's footnotes)"
            where = lines.get(("holdings_before", index, "nature_footnotes"), lines.get(("holdings_before", index)))
            return Problem(f"holdings_before[{index}].nature_footnotes", message, where)
        balances[holdings_key(entry.as_entry(), footnotes)] = entry.shares
    return balances


def fill_post_amounts(
    data: dict[str, Any],
    lines: dict[tuple[Any, ...], int],
    before: list[OpeningBalance] | None,
    opening: dict[HoldingKey, Decimal] | None = None,
    footnotes: Mapping[str, Any] | None = None,
) -> list[Problem]:
    """Compute the "owned following" figures a draft leaves out, from its ``holdings_before``
    (``before``, typed), in place: per holding, in date order, through each line.  A line without a figure and
    without an opening balance for its holding is a problem, and so is one opening balance
    that two holdings told apart by footnotes would share.  ``opening`` receives the opening
    balances, for the check that carries them forward (XF-CARRY); ``footnotes`` are the
    draft's footnotes by name."""
    if before is None:
        return []
    notes = footnotes or {}
    found = _openings(before, notes, lines)
    if isinstance(found, Problem):
        return [found]
    if opening is not None:
        opening.update(found)
    rows = _rows_by_date(data)
    keys = {(table, index): key_of_draft_row(row, notes) for table, index, row in rows}
    problems = [
        Problem(
            "holdings_before",
            f"one opening balance of {entry.label} stands for {len(users)} holdings told apart by footnotes; give each its own entry with nature_footnotes",
            lines.get(("holdings_before",)),
        )
        for entry, users in shared_openings((k for k in keys.values() if k), found).items()
    ]
    balances: dict[HoldingKey, Decimal] = {}
    for table, index, row in rows:
        key = keys[(table, index)]
        balance = (balances[key] if key in balances else opening_balance(found, key)) if key else None
        amounts = row.get("transaction_amounts")
        if isinstance(amounts, dict) and balance is not None:
            balance = balance_after(balance, _decimal(_value(amounts.get("shares"))), _value(amounts.get("acquired_disposed_code")))
        if "post_transaction_amounts" in row:
            post = row["post_transaction_amounts"]
            figure = _decimal(_value(post.get("shares_owned_following_transaction"))) if isinstance(post, dict) else None
            if key is not None and figure is not None:
                balances[key] = figure
            continue
        if balance is None or key is None:
            problems.append(
                Problem(
                    f"{table}[{index}]",
                    f"has no post_transaction_amounts and holdings_before has no opening balance for {key.label if key else 'its holding'}",
                    lines.get((table, index)),
                )
            )
            continue
        row["post_transaction_amounts"] = {"shares_owned_following_transaction": balance}
        balances[key] = balance
    return problems
