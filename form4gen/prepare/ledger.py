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

Adjustments that are not reported on Form 4 (a stock split) are entered with the date and the
ratio, applied to the balances of that title, and recorded in the replay.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from form4gen.form.holdings import HoldingKey, balance_after, continuing, key_of_row, nature_marks, norm_text, shares_text
from form4gen.form.models import Filing
from form4gen.form.tables import TABLES, row_label


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
    notes: dict[HoldingKey, tuple[str, ...]] = field(default_factory=dict)  # the nature's footnotes as last written

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
    for table in TABLES:
        for index, row in enumerate(getattr(filing, table)):
            day = getattr(row, "transaction_date", None)
            rows.append(((day.value if day else None) or filing.period_of_report, table, index, row_label(table, index), row))
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
        resolved: dict[HoldingKey, HoldingKey] = {}  # the holdings of this filing's lines, as written -> as carried
        for label, row in _rows_in_order(filing):
            day_field = getattr(row, "transaction_date", None)
            day = day_field.value if day_field else filing.period_of_report
            while pending and day is not None and pending[0].date <= day:
                adjustment = pending.pop(0)
                for key in list(out.balances):
                    if key.title == norm_text(adjustment.title):
                        out.balances[key] *= adjustment.ratio
                out.applied.append(adjustment)
            written = key_of_row(row, filing.footnote_text)
            if written not in resolved:
                resolved[written] = continuing(out.balances, written, taken=[k for w, k in resolved.items() if w != written])
            key = resolved[written]
            nature = row.ownership_nature.nature_of_ownership
            out.titles[key] = (row.security_title.value or "", (nature.value or "") if nature else "")
            if written.marks:
                texts = {norm_text(filing.footnote_text(i) or i): filing.footnote_text(i) or i for i in nature_marks(row)}
                out.notes[key] = tuple(texts[text] for text in written.marks)
            before = out.balances.get(key)
            expected = before
            amounts = getattr(row, "transaction_amounts", None)
            if amounts is not None and before is not None:
                moved = amounts.shares.value if amounts.shares is not None else None
                direction = amounts.acquired_disposed_code.value if amounts.acquired_disposed_code else None
                expected = balance_after(before, moved, direction)
            reported = _post(row)
            out.comparisons.append(Comparison(filing.source or "", label, key, day, expected, reported))
            if reported is not None:
                out.balances[key] = reported
            elif expected is not None:
                out.balances[key] = expected
    return out


def of_owner(filings: Iterable[Filing], owner_cik: str, issuer_cik: str | None = None) -> list[Filing]:
    """The filings in which ``owner_cik`` reports (for ``issuer_cik`` when given); CIKs are
    compared without their leading zeros."""
    owner = owner_cik.lstrip("0")
    issuer = issuer_cik.lstrip("0") if issuer_cik else None
    return [f for f in filings if any(o.cik.lstrip("0") == owner for o in f.reporting_owners) and (issuer is None or f.issuer.cik.lstrip("0") == issuer)]


def holdings_before(result: Replay, balances: dict[HoldingKey, Decimal]) -> tuple[list[dict[str, object]], dict[str, str]]:
    """The closing balances as a draft's ``holdings_before`` entries, with the footnotes their
    ``nature_footnotes`` name (the ones that tell holdings of one nature apart)."""
    entries: list[dict[str, object]] = []
    footnotes: dict[str, str] = {}
    for key, shares in balances.items():
        title, nature = result.titles.get(key, (key.title, key.nature))
        entry: dict[str, object] = {"security_title": title, "ownership": key.ownership}
        if key.nature:
            entry["nature"] = nature
        if key.marks:
            names = []
            for text in result.notes.get(key, key.marks):
                name = next((n for n, t in footnotes.items() if t == text), f"holder-{len(footnotes) + 1}")
                footnotes[name] = text
                names.append(name)
            entry["nature_footnotes"] = names
        if key.exercise_price:
            entry["exercise_price"] = Decimal(key.exercise_price)
        if key.expiration:
            entry["expiration_date"] = datetime.date.fromisoformat(key.expiration)
        entry["shares"] = shares
        entries.append(entry)
    return entries, footnotes


def closing_balances(filings: Iterable[Filing], adjustments: Iterable[Adjustment] = ()) -> dict[HoldingKey, Decimal]:
    return dict(sorted(replay(filings, adjustments).balances.items()))


__all__ = ["Adjustment", "Comparison", "HoldingKey", "Replay", "closing_balances", "holdings_before", "key_of_row", "of_owner", "replay", "shares_text"]
