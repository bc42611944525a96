"""Numbers and dates as EDGAR prints them on the rendered Forms 3, 4 and 5.

EDGAR's rendering (its ownership stylesheets) shows:

* a date as ``MM/DD/YYYY``;
* zero as ``0``;
* a number with thousands separators and at most four decimals, trailing zeros dropped; except
  that a number written with exactly one decimal gets two (``1.5`` shows as ``1.50``), so the
  figure depends on how the value was written, which a ``Decimal`` remembers;
* a price with a dollar sign in front.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from form4gen.form.aggregation import PRICE_PLACES


def edgar_date(day: datetime.date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


def edgar_number(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == 0:
        return "0"
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if decimals == 1:
        return f"{value:,.2f}"
    text = f"{value.quantize(PRICE_PLACES):,.4f}"
    return text.rstrip("0").rstrip(".")


def edgar_price(value: Decimal | None) -> str:
    return f"${edgar_number(value)}" if value is not None else ""
