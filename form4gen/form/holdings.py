"""What one holding is: the security's title and the form of ownership (direct, or indirect with
its nature); in Table II also the exercise price and expiration date, since options of one title
with different terms are different holdings.  Titles and natures are compared without regard to
case and spacing.

This module is the one definition: the ledger, the draft carry-forward (``holdings_before``)
and the rules that follow balances import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from form4gen.form.models import DerivativeHolding, DerivativeTransaction


def shares_text(value: Decimal) -> str:
    """1,234 or 1,234.5 (never 1.2E+3)."""
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value.normalize():,f}"


def norm_text(text: str | None) -> str:
    return " ".join((text or "").lower().split())


@dataclass(frozen=True, order=True)
class HoldingKey:
    title: str
    ownership: str  # D or I
    nature: str = ""
    exercise_price: str = ""  # Table II only
    expiration: str = ""  # Table II only

    @property
    def label(self) -> str:
        form = "direct" if self.ownership == "D" else f"indirect, {self.nature}"
        terms = f" at {self.exercise_price}, expiring {self.expiration}" if self.exercise_price or self.expiration else ""
        return f"{self.title}{terms} ({form})"


def key_of_row(row: Any) -> HoldingKey:
    nature = row.ownership_nature
    key = HoldingKey(
        norm_text(row.security_title.value),
        nature.direct_or_indirect_ownership.value or "",
        norm_text(nature.nature_of_ownership.value if nature.nature_of_ownership else ""),
    )
    if isinstance(row, (DerivativeTransaction, DerivativeHolding)):
        price = row.conversion_or_exercise_price.value
        expires = row.expiration_date.value
        key = HoldingKey(key.title, key.ownership, key.nature, str(price.normalize()) if price is not None else "", expires.isoformat() if expires else "")
    return key


def holdings_key(entry: dict[str, Any]) -> HoldingKey:
    """The holding of a ``holdings_before`` entry of a draft."""
    return HoldingKey(
        norm_text(str(entry.get("security_title") or "")),
        str(entry.get("ownership") or "D"),
        norm_text(str(entry.get("nature") or "")),
        str(Decimal(str(entry["exercise_price"])).normalize()) if entry.get("exercise_price") is not None else "",
        str(entry.get("expiration_date") or ""),
    )
