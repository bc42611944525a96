"""The holdings ledger: what a reporting owner holds of each class, in each form of ownership,
line after line and filing after filing.

A balance is kept per *holding*: the security's title and the form of ownership (direct, or
indirect with its nature); in Table II also the exercise price and expiration date, since
options of one title with different terms are different holdings.  Each transaction moves the
balance by its shares; each line's "owned following" figure should equal the balance after it.

* :func:`replay` runs a series of filings of one owner and issuer in date order and compares
  every reported figure with the balance carried forward (the agreement rate).
* :func:`closing_balances` gives the last balance of each holding, which ``form4gen holdings``
  writes as the ``holdings_before`` section of a new draft.
* :func:`fill_post_amounts` computes the figures a draft leaves out, from ``holdings_before``.

Adjustments that are not reported on Form 4 (a stock split) are entered with the date and the
ratio, applied to the balances of that title, and recorded in the replay.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from form4gen.errors import Problem
from form4gen.models import DerivativeHolding, DerivativeTransaction, Filing


def shares_text(value: Decimal) -> str:
    """1,234 or 1,234.5 (never 1.2E+3)."""
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value.normalize():,f}"


def _norm(text: str | None) -> str:
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
        _norm(row.security_title.value),
        nature.direct_or_indirect_ownership.value or "",
        _norm(nature.nature_of_ownership.value if nature.nature_of_ownership else ""),
    )
    if isinstance(row, (DerivativeTransaction, DerivativeHolding)):
        price = row.conversion_or_exercise_price.value
        expires = row.expiration_date.value
        key = HoldingKey(key.title, key.ownership, key.nature, str(price.normalize()) if price is not None else "", expires.isoformat() if expires else "")
    return key


@dataclass(frozen=True)
class Adjustment:
    """A change no Form 4 reports, such as a stock split: balances of ``title`` on and after
    ``date`` are multiplied by ``ratio`` (2 for a 2-for-1 split)."""

    date: datetime.date
    title: str
    ratio: Decimal
    note: str = ""


@dataclass
class Comparison:
    source: str
    label: str  # "Table I row 3"
    key: HoldingKey
    day: datetime.date | None
    expected: Decimal | None  # the balance carried forward, None when the holding is new
    reported: Decimal | None

    @property
    def agrees(self) -> bool:
        return self.expected is not None and self.reported is not None and self.expected == self.reported

    @property
    def explanation(self) -> str:
        if self.expected is None or self.reported is None or self.agrees:
            return ""
        if self.expected != 0 and self.reported != 0:
            ratio = self.reported / self.expected
            for whole in (2, 3, 4, 5, 10, 20):
                if ratio == whole or ratio == Decimal(1) / whole:
                    return f"off by a factor of {ratio.normalize()}: a stock split or reverse split not entered as an adjustment"
        difference = self.reported - self.expected
        return f"off by {shares_text(difference)}: lines not reported in these filings (or reported late), or a figure that does not run"


@dataclass
class Replay:
    comparisons: list[Comparison] = field(default_factory=list)
    applied: list[Adjustment] = field(default_factory=list)
    balances: dict[HoldingKey, Decimal] = field(default_factory=dict)
    titles: dict[HoldingKey, tuple[str, str]] = field(default_factory=dict)  # as last written: title, nature

    @property
    def compared(self) -> list[Comparison]:
        return [c for c in self.comparisons if c.expected is not None and c.reported is not None]

    @property
    def agreement(self) -> float:
        compared = self.compared
        return sum(c.agrees for c in compared) / len(compared) if compared else 1.0


def _post(row: Any) -> Decimal | None:
    post = getattr(row, "post_transaction_amounts", None)
    shares = post.shares_owned_following_transaction if post else None
    return shares.value if shares is not None else None


def _rows_in_order(filing: Filing) -> list[tuple[str, Any]]:
    rows = []
    for table, label in (("non_derivative_table", "Table I"), ("derivative_table", "Table II")):
        for index, row in enumerate(getattr(filing, table)):
            day = getattr(row, "transaction_date", None)
            rows.append(((day.value if day else None) or filing.period_of_report, table, index, f"{label} row {index + 1}", row))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [(label, row) for _, _, _, label, row in rows]


def replay(filings: Iterable[Filing], adjustments: Iterable[Adjustment] = ()) -> Replay:
    """Run the filings (one owner, one issuer) in date order, comparing each reported figure
    with the balance carried forward, then carrying the reported figure on."""
    out = Replay()
    pending = sorted(adjustments, key=lambda a: a.date)
    ordered = sorted(
        (f for f in filings if not f.is_amendment),
        key=lambda f: (f.period_of_report, f.signed_on or f.period_of_report, f.source or ""),
    )
    for filing in ordered:
        for label, row in _rows_in_order(filing):
            day_field = getattr(row, "transaction_date", None)
            day = day_field.value if day_field else filing.period_of_report
            while pending and day is not None and pending[0].date <= day:
                adjustment = pending.pop(0)
                for key in list(out.balances):
                    if key.title == _norm(adjustment.title):
                        out.balances[key] *= adjustment.ratio
                out.applied.append(adjustment)
            key = key_of_row(row)
            nature = row.ownership_nature.nature_of_ownership
            out.titles[key] = (row.security_title.value or "", (nature.value or "") if nature else "")
            before = out.balances.get(key)
            expected = before
            amounts = getattr(row, "transaction_amounts", None)
            if amounts is not None and before is not None:
                moved = amounts.shares.value if amounts.shares is not None and amounts.shares.value is not None else None
                direction = amounts.acquired_disposed_code.value if amounts.acquired_disposed_code else None
                if moved is None or direction not in ("A", "D"):
                    expected = None
                else:
                    expected = before + moved if direction == "A" else before - moved
            reported = _post(row)
            out.comparisons.append(Comparison(filing.source or "", label, key, day, expected, reported))
            if reported is not None:
                out.balances[key] = reported
            elif expected is not None:
                out.balances[key] = expected
    return out


def closing_balances(filings: Iterable[Filing], adjustments: Iterable[Adjustment] = ()) -> dict[HoldingKey, Decimal]:
    return dict(sorted(replay(filings, adjustments).balances.items()))


# --- drafts: holdings_before -------------------------------------------------------------------


def _key_of_data(row: dict[str, Any]) -> HoldingKey | None:
    def value(field_value: Any) -> Any:
        return field_value.get("value") if isinstance(field_value, dict) else field_value

    nature = row.get("ownership_nature") or {}
    if not isinstance(nature, dict):
        return None
    key = HoldingKey(
        _norm(str(value(row.get("security_title")) or "")),
        str(value(nature.get("direct_or_indirect_ownership")) or ""),
        _norm(str(value(nature.get("nature_of_ownership")) or "")),
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


def holdings_key(entry: dict[str, Any]) -> HoldingKey:
    return HoldingKey(
        _norm(str(entry.get("security_title") or "")),
        str(entry.get("ownership") or "D"),
        _norm(str(entry.get("nature") or "")),
        str(Decimal(str(entry["exercise_price"])).normalize()) if entry.get("exercise_price") is not None else "",
        str(entry.get("expiration_date") or ""),
    )


def fill_post_amounts(
    data: dict[str, Any], lines: dict[tuple[Any, ...], int], opening: dict[HoldingKey, Decimal] | None = None
) -> list[Problem]:
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
                    "has no post_transaction_amounts and holdings_before has no opening balance for "
                    f"{key.label if key else 'its holding'}",
                    lines.get((table, index)),
                )
            )
            continue
        row["post_transaction_amounts"] = {"shares_owned_following_transaction": balance}
        balances[key] = balance
    return problems
