"""Broker fills -> Form 4 lines at a weighted average price, under the SEC staff's 2008 relief
(no-action letter to the Society of Corporate Secretaries, 25 June 2008).

Fills may share a line when they are open-market purchases or sales (code P or S) of the same
security on the same day, with the same code and the same form of ownership, and every price
on the line lies within a $1 range.  A wider spread becomes several lines, each within $1 (the
fewest such lines: each starts at the lowest price not yet on a line).  The line shows the
weighted average price to four decimals, and a footnote gives the range of prices and the
undertaking to provide the details of each sale on request.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path

from form4gen.form import spec
from form4gen.form.aggregation import AGGREGABLE_CODES, MAX_SPREAD, PRICE_PLACES
from form4gen.form.errors import InputError, Problem

REQUIRED_COLUMNS = ("date", "code", "shares", "price", "ownership")
OPTIONAL_COLUMNS = ("nature", "security_title")
DEFAULT_TITLE = "Common Stock"


@dataclass(frozen=True)
class Fill:
    """One execution reported by the broker (a row of the CSV file)."""

    row: int
    date: datetime.date
    code: str
    shares: Decimal
    price: Decimal
    ownership: str  # D or I
    nature: str = ""  # the nature of indirect ownership, for I
    security_title: str = DEFAULT_TITLE

    @property
    def key(self) -> tuple[object, ...]:
        """Fills with the same key may share a line."""
        return (self.date, self.code, self.ownership, self.nature, self.security_title)


@dataclass(frozen=True)
class Line:
    """A Form 4 Table I line made of one or more fills."""

    fills: tuple[Fill, ...]

    @property
    def first(self) -> Fill:
        return self.fills[0]

    @property
    def shares(self) -> Decimal:
        return sum((f.shares for f in self.fills), Decimal(0))

    @property
    def low(self) -> Decimal:
        return min(f.price for f in self.fills)

    @property
    def high(self) -> Decimal:
        return max(f.price for f in self.fills)

    @property
    def price(self) -> Decimal:
        """The weighted average price, to four decimals (the exact price when all are equal)."""
        if self.low == self.high:
            return self.low
        total = sum((f.shares * f.price for f in self.fills), Decimal(0))
        return (total / self.shares).quantize(PRICE_PLACES, rounding=ROUND_HALF_EVEN)

    @property
    def is_aggregated(self) -> bool:
        return self.low != self.high

    @property
    def footnote(self) -> str:
        """The footnote the relief asks for: the range and the undertaking."""
        verb = "purchased" if self.first.code == "P" else "sold"
        return (
            f"The price reported in Column 4 is a weighted average price. These shares were {verb} in "
            f"multiple transactions at prices ranging from {money(self.low)} to {money(self.high)}, inclusive. "
            "The reporting person undertakes to provide to the issuer, any security holder of the issuer, "
            "or the staff of the Securities and Exchange Commission, upon request, full information "
            f"regarding the number of shares {verb} at each separate price within the range set forth "
            "in this footnote."
        )


def money(value: Decimal) -> str:
    """$1,234.50 and $10.1234: at least two decimals, as written beyond that."""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return f"${value:,.{places}f}"


def _lines_of(group: list[Fill]) -> list[Line]:
    ordered = sorted(group, key=lambda f: (f.price, f.row))
    lines: list[list[Fill]] = []
    for fill in ordered:
        if lines and fill.price - lines[-1][0].price <= MAX_SPREAD:
            lines[-1].append(fill)
        else:
            lines.append([fill])
    return [Line(tuple(sorted(line, key=lambda f: f.row))) for line in lines]


def aggregate(fills: Iterable[Fill]) -> list[Line]:
    """Group fills into lines: by day, code, ownership and security, each within a $1 range.
    Lines come in date order, then in the order of their first fill in the file."""
    groups: dict[tuple[object, ...], list[Fill]] = defaultdict(list)
    for fill in fills:
        if fill.code not in AGGREGABLE_CODES:
            raise ValueError(f"row {fill.row}: code {fill.code} is not an open-market purchase or sale")
        groups[fill.key].append(fill)
    lines = [line for group in groups.values() for line in _lines_of(group)]
    return sorted(lines, key=lambda line: (line.first.date, line.first.row))


# --- reading the CSV -------------------------------------------------------------------------


_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "").replace("$", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _comma_problem(column: str, text: str) -> str | None:
    """Why a comma in a number is refused: only a thousands grouping (1,050 or 12,345,678.5) is
    read, and said nothing about; 10,50 (a decimal comma) or 1,05 is never guessed at."""
    bare = text.strip().lstrip("$").strip()
    if "," not in bare or _GROUPED.fullmatch(bare):
        return None
    whole, _, fraction = bare.rpartition(",")
    if bare.count(",") == 1 and "." not in bare and whole.lstrip("+-").isdigit() and fraction.isdigit() and len(fraction) <= 2:
        dotted = f"{whole.replace(',', '')}.{fraction}"
        return f"{text.strip()!r}: a comma is not a decimal point; write {dotted}"
    example = "1,050 or 1050" if column == "shares" else "1,050.25 or 1050.25"
    return (
        f"{text.strip()!r}: a comma is read only as a thousands separator, between groups of three digits ({example}); "
        "write the number that way, with a point (.) for decimals"
    )


def _amount(row: dict[str, str], column: str, bad: Callable[[str, str], None], *, low_message: str, zero_allowed: bool) -> Decimal | None:
    """A column's number (shares or price), or None after reporting why it is not one."""
    raw = row.get(column) or ""
    number = _decimal(raw)
    comma = _comma_problem(column, raw)
    if comma:
        bad(column, comma)
    elif number is None:
        bad(column, f"{row.get(column)!r} is not a number")
    elif number < 0 or (number == 0 and not zero_allowed):
        bad(column, f"{row.get(column)!r}: {low_message}")
    elif number.as_tuple().exponent < -spec.DECIMAL_FRACTION_DIGITS:  # type: ignore[operator]
        bad(column, f"{row.get(column)!r} has more than {spec.DECIMAL_FRACTION_DIGITS} decimals")
    else:
        return number
    return None


def _fill_from_row(number: int, row: dict[str, str], problems: list[Problem]) -> Fill | None:
    def bad(column: str, message: str) -> None:
        problems.append(Problem(f"row {number}, {column}", message, number))

    before = len(problems)
    try:
        day = datetime.date.fromisoformat((row.get("date") or "").strip())
    except ValueError:
        bad("date", f"{row.get('date')!r} is not a date (YYYY-MM-DD)")
        day = datetime.date.min
    code = (row.get("code") or "").strip().upper()
    if code not in AGGREGABLE_CODES:
        bad("code", f"{row.get('code')!r}: only open-market purchases (P) and sales (S) are aggregated")
    shares = _amount(row, "shares", bad, low_message="the number of shares must be more than 0", zero_allowed=False)
    price = _amount(row, "price", bad, low_message="a price cannot be negative", zero_allowed=True)
    ownership = (row.get("ownership") or "").strip().upper()
    nature = (row.get("nature") or "").strip()
    if ownership not in ("D", "I"):
        bad("ownership", f"{row.get('ownership')!r}: expected D (direct) or I (indirect)")
    elif ownership == "I" and not nature:
        bad("nature", "an indirect (I) fill needs the nature of ownership, e.g. By Trust")
    elif ownership == "D" and nature:
        bad("nature", f"a direct (D) fill has no nature of ownership, not {nature!r}")
    title = (row.get("security_title") or "").strip() or DEFAULT_TITLE
    if len(problems) > before:
        return None
    assert shares is not None and price is not None
    return Fill(number, day, code, shares, price, ownership, nature, title)


def read_fills(source: str | Path, text: str | None = None) -> list[Fill]:
    """Fills from a CSV file with the columns date, code, shares, price, ownership (and
    optionally nature, security_title).  Every bad row is reported, with its line."""
    name = str(source)
    if text is None:
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(name, [Problem("", f"cannot read the file: {exc}")]) from None
    reader = csv.DictReader(io.StringIO(text))
    written = list(reader.fieldnames or [])
    header = [h.strip().lower() for h in written]
    positions: dict[str, list[int]] = defaultdict(list)
    for position, column in enumerate(header, start=1):
        positions[column].append(position)
    empty = positions.pop("", [])
    if empty:
        raise InputError(
            name, [Problem("header", f"column {empty[0]} has no name; name it ({', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}) or remove it", 1)]
        )
    twice = [
        Problem(
            "header",
            f"the column {column} appears {len(where)} times, at positions {', '.join(map(str, where[:-1]))} and {where[-1]}"
            f" ({', '.join(repr(written[i - 1]) for i in where)}); keep one of them",
            1,
        )
        for column, where in positions.items()
        if len(where) > 1
    ]
    if twice:
        raise InputError(name, twice)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(
            name,
            [
                Problem(
                    "header",
                    f"missing column(s) {', '.join(missing)}; expected {', '.join(REQUIRED_COLUMNS)} (and optionally {', '.join(OPTIONAL_COLUMNS)})",
                    1,
                )
            ],
        )
    unknown = [h for h in header if h not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise InputError(name, [Problem("header", f"unknown column(s) {', '.join(unknown)}", 1)])
    problems: list[Problem] = []
    fills = []
    for raw in reader:
        number = reader.line_num
        row = {(k or "").strip().lower(): (v or "") for k, v in raw.items() if k is not None}
        if None in raw:
            problems.append(Problem(f"row {number}", "more values than columns", number))
            continue
        if not any(v.strip() for v in row.values()):
            continue
        fill = _fill_from_row(number, row, problems)
        if fill is not None:
            fills.append(fill)
    if problems:
        raise InputError(name, problems)
    if not fills:
        raise InputError(name, [Problem("", "no fills in the file", 1)])
    return fills


# --- as input-file lines ------------------------------------------------------------------------


def ownership_key(ownership: str, nature: str = "") -> str:
    """How an opening balance names a form of ownership: "D", or "I:By Trust"."""
    return ownership if ownership == "D" else f"I:{nature}"


def lines_as_input(lines: list[Line], owned_before: dict[str, Decimal] | None = None) -> dict[str, object]:
    """The lines as the ``non_derivative_table`` and ``footnotes`` of an input file.  With
    ``owned_before`` (per ownership key), each line gets the amount owned following it."""
    balances = dict(owned_before or {})
    rows: list[dict[str, object]] = []
    footnotes: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        fill = line.first
        price: object = line.price
        if line.is_aggregated:
            name = f"weighted-average-{number}"
            footnotes[name] = line.footnote
            price = {"value": line.price, "footnote": name}
        nature: dict[str, object] = {"direct_or_indirect_ownership": fill.ownership}
        if fill.nature:
            nature["nature_of_ownership"] = fill.nature
        row: dict[str, object] = {
            "security_title": fill.security_title,
            "transaction_date": fill.date,
            "transaction_coding": {"code": fill.code},
            "transaction_amounts": {
                "shares": line.shares,
                "price_per_share": price,
                "acquired_disposed_code": "A" if fill.code == "P" else "D",
            },
        }
        key = ownership_key(fill.ownership, fill.nature)
        if key in balances:
            balances[key] += line.shares if fill.code == "P" else -line.shares
            row["post_transaction_amounts"] = {"shares_owned_following_transaction": balances[key]}
        row["ownership_nature"] = nature
        rows.append(row)
    out: dict[str, object] = {"non_derivative_table": rows}
    if footnotes:
        out["footnotes"] = footnotes
    return out
