"""What one holding is, and how a line moves its balance: the one definition.

**A holding** is what one balance is kept for:

- the security's title;
- the form of ownership: direct (D) or indirect (I) with the nature of indirect ownership;
- the footnotes marked on the ownership form or its nature, *by their text*: two trusts both
  written "By Trust" and told apart by footnotes ("held by the Smith Family Trust", "held by
  the Jones Trust") are two holdings.  The text, not the footnote's number, is what identifies
  the holder: F1 in one filing may be F3 in the next;
- in Table II, the exercise price and the expiration date, since options of one title with
  different terms are different holdings.

Titles, natures and footnote texts are compared without regard to case and spacing.

**A line's balance step**: a transaction acquires (A) or disposes of (D) its shares, so the
balance after it is the balance before plus or minus them (:func:`balance_after`); a holding
line states its balance.

The ledger (``prepare.ledger``), the draft carry-forward (``drafts.carry_forward``), XF-CARRY,
ND-RUNNING, TBL-ORDER and TBL-CLASS-LINES all use these, and nothing else decides either.

**Opening balances that name no footnotes.** A draft's ``holdings_before`` entry names the
footnotes of its nature with ``nature_footnotes: [name, ...]``.  An entry without them stands
for the holding of its title, ownership and nature whatever footnotes its lines carry
(:func:`opening_balance`), so that drafts written before footnotes counted keep working; where
two holdings share that entry, the draft is told to give each its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from form4gen.form.models import DerivativeHolding, DerivativeTransaction


def shares_text(value: Decimal) -> str:
    """1,234 or 1,234.5 (never 1.2E+3)."""
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value.normalize():,f}"


def norm_text(text: str | None) -> str:
    """Case and spacing folded: how titles, natures and footnote texts are compared."""
    return " ".join((text or "").lower().split())


def price_text(price: Decimal | None) -> str:
    """An exercise price as a holding's term: ``1.9`` for 1.90 (trailing zeros do not count)."""
    return str(price.normalize()) if price is not None else ""


@dataclass(frozen=True, order=True)
class HoldingKey:
    title: str
    ownership: str  # D or I
    nature: str = ""
    exercise_price: str = ""  # Table II only
    expiration: str = ""  # Table II only
    marks: tuple[str, ...] = ()  # the texts of the footnotes on the ownership form and nature

    @property
    def unmarked(self) -> HoldingKey:
        """The same holding without its footnotes (what a ``holdings_before`` entry that names
        none stands for)."""
        return replace(self, marks=()) if self.marks else self

    @property
    def label(self) -> str:
        form = "direct" if self.ownership == "D" else f"indirect, {self.nature}"
        terms = f" at {self.exercise_price}, expiring {self.expiration}" if self.exercise_price or self.expiration else ""
        noted = "".join(f"; footnote {_short(text)!r}" for text in self.marks)
        return f"{self.title}{terms} ({form}{noted})"


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def nature_marks(row: Any) -> list[str]:
    """The footnote ids marked on a row's ownership form and nature of ownership."""
    nature = row.ownership_nature
    marks: list[str] = []
    for part in (nature.direct_or_indirect_ownership, nature.nature_of_ownership):
        if part is not None and part.footnotes:
            marks.extend(part.footnotes)
    return marks


def key_of_row(row: Any, footnote_text: Callable[[str], str | None] | None = None) -> HoldingKey:
    """The holding of a row of either table.  ``footnote_text`` gives a footnote's text from its
    id (``Filing.footnote_text``); without it the ids themselves are compared."""
    nature = row.ownership_nature
    ids = nature_marks(row)
    marks = tuple(sorted({norm_text((footnote_text(i) if footnote_text else None) or i) for i in ids}))
    price = expires = ""
    if isinstance(row, DerivativeTransaction | DerivativeHolding):
        price = price_text(row.conversion_or_exercise_price.value)
        expiry = row.expiration_date.value
        expires = expiry.isoformat() if expiry else ""
    return HoldingKey(
        norm_text(row.security_title.value),
        nature.direct_or_indirect_ownership.value or "",
        norm_text(nature.nature_of_ownership.value if nature.nature_of_ownership else ""),
        price,
        expires,
        marks,
    )


def holdings_key(entry: Mapping[str, Any], footnotes: Mapping[str, Any] | None = None) -> HoldingKey:
    """The holding of a ``holdings_before`` entry of a draft; ``footnotes`` are the draft's
    footnotes by name, for the entry's ``nature_footnotes``."""
    names = entry.get("nature_footnotes") or []
    if isinstance(names, str):
        names = [names]
    texts = footnotes or {}
    return HoldingKey(
        norm_text(str(entry.get("security_title") or "")),
        str(entry.get("ownership") or "D"),
        norm_text(str(entry.get("nature") or "")),
        price_text(Decimal(str(entry["exercise_price"]))) if entry.get("exercise_price") is not None else "",
        str(entry.get("expiration_date") or ""),
        tuple(sorted({norm_text(str(texts.get(name, name))) for name in names})),
    )


def opening_balance(opening: Mapping[HoldingKey, Decimal], key: HoldingKey) -> Decimal | None:
    """The opening balance of ``key``: its own entry, or else the entry of the same holding
    that names no footnotes (see the module's docstring)."""
    if key in opening:
        return opening[key]
    return opening.get(key.unmarked) if key.marks else None


def shared_openings(keys: Iterable[HoldingKey], opening: Mapping[HoldingKey, Decimal]) -> dict[HoldingKey, list[HoldingKey]]:
    """Entries that name no footnotes but stand for two or more holdings told apart by footnotes."""
    users: dict[HoldingKey, set[HoldingKey]] = {}
    for key in keys:
        if key not in opening and key.marks and key.unmarked in opening:
            users.setdefault(key.unmarked, set()).add(key)
    return {entry: sorted(found) for entry, found in users.items() if len(found) > 1}


def continuing(known: Iterable[HoldingKey], key: HoldingKey, taken: Iterable[HoldingKey] = ()) -> HoldingKey:
    """The holding ``key`` continues, across filings: itself when it is known; else a known
    holding of the same title, ownership and nature, so that a footnote reworded (or added, or
    dropped) from one filing to the next does not start a new balance: the only one, or, where
    the footnotes tell several apart, the one whose footnote reads clearly most like this one
    (at least 75% alike, and 10 points ahead of the next).  Otherwise ``key`` is new.
    ``taken``: holdings that other lines of the same filing already continue (within one
    filing the footnotes always tell holders apart)."""
    known = list(known)
    if key in known:
        return key
    busy = set(taken)
    same = [k for k in known if k.unmarked == key.unmarked and k not in busy]
    if len(same) == 1:
        return same[0]
    if len(same) > 1 and key.marks:
        from difflib import SequenceMatcher

        text = " ".join(key.marks)
        scored = sorted(((SequenceMatcher(None, text, " ".join(k.marks)).ratio(), k) for k in same), reverse=True)
        best, runner_up = scored[0][0], scored[1][0]
        if best >= 0.75 and best - runner_up >= 0.1:
            return scored[0][1]
    return key


def balance_after(balance: Decimal, shares: Decimal | None, acquired_disposed: str | None) -> Decimal | None:
    """The balance after a transaction of ``shares`` acquired (A) or disposed of (D); None when
    the line does not say which, or how many."""
    if shares is None or acquired_disposed not in ("A", "D"):
        return None
    return balance + shares if acquired_disposed == "A" else balance - shares
