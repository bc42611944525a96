"""Balances carried forward in a draft: the "owned following" figures a draft leaves out,
computed from its ``holdings_before`` section through each line in date order."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from form4gen.form.errors import Problem
from form4gen.form.holdings import HoldingKey, holdings_key, norm_text


def _key_of_data(row: dict[str, Any]) -> HoldingKey | None:
    def value(field_value: Any) -> Any:
        return field_value.get("value") if isinstance(field_value, dict) else field_value

    nature = row.get("ownership_nature") or {}
    if not isinstance(nature, dict):
        return None
    key = HoldingKey(
        norm_text(str(value(row.get("security_title")) or "")),
        str(value(nature.get("direct_or_indirect_ownership")) or ""),
        norm_text(str(value(nature.get("nature_of_ownership")) or "")),
    )
    if "conversion_or_exercise_price" in row:
        price = value(row.get("conversion_or_exercise_price"))
        expires = value(row.get("expiration_date"))
        key = HoldingKey(
            key.title,
            key.ownership,
            key.nature,
            str(Decimal(str(price)).normalize()) if price is not None else "",
            str(expires) if expires else "",
        )
    return key


def fill_post_amounts(data: dict[str, Any], lines: dict[tuple[Any, ...], int], opening: dict[HoldingKey, Decimal] | None = None) -> list[Problem]:
    """Compute the "owned following" figures a draft leaves out, from its ``holdings_before``
    (in place): per holding, in date order, through each line.  A line without a figure and
    without an opening balance for its holding is a problem.  ``opening`` receives the opening
    balances, for the check that carries them forward (XF-CARRY)."""
    before = data.pop("holdings_before", None)
    if before is None:
        return []
    if not isinstance(before, list) or not all(isinstance(e, dict) and "shares" in e for e in before):
        return [Problem("holdings_before", "expected a list of {security_title, ownership, nature, shares}", lines.get(("holdings_before",)))]
    balances: dict[HoldingKey, Decimal] = {}
    for entry in before:
        try:
            balances[holdings_key(entry)] = Decimal(str(entry["shares"]))
        except (ArithmeticError, ValueError):
            return [Problem("holdings_before", f"{entry.get('shares')!r} is not a number of shares", lines.get(("holdings_before",)))]
    if opening is not None:
        opening.update(balances)
    rows: list[tuple[Any, str, int, dict[str, Any]]] = []
    for table in ("non_derivative_table", "derivative_table"):
        for index, row in enumerate(data.get(table) or []):
            if isinstance(row, dict):
                day = row.get("transaction_date")
                day = day.get("value") if isinstance(day, dict) else day
                rows.append((str(day or ""), table, index, row))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    problems = []
    for _, table, index, row in rows:
        key = _key_of_data(row)
        amounts = row.get("transaction_amounts")
        balance = balances.get(key) if key else None
        if isinstance(amounts, dict) and balance is not None:
            shares = amounts.get("shares")
            shares = shares.get("value") if isinstance(shares, dict) else shares
            code = amounts.get("acquired_disposed_code")
            code = code.get("value") if isinstance(code, dict) else code
            try:
                moved = Decimal(str(shares))
            except (ArithmeticError, ValueError):
                moved = None
            balance = None if moved is None or code not in ("A", "D") else (balance + moved if code == "A" else balance - moved)
        if "post_transaction_amounts" in row:
            post = row["post_transaction_amounts"]
            figure = post.get("shares_owned_following_transaction") if isinstance(post, dict) else None
            figure = figure.get("value") if isinstance(figure, dict) else figure
            try:
                if key is not None and figure is not None:
                    balances[key] = Decimal(str(figure))
            except (ArithmeticError, ValueError):
                pass
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
