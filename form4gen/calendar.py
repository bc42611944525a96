"""Business days and Form 4 due dates.

A business day is Monday to Friday except U.S. federal holidays, with a holiday that falls on a
weekend observed on the nearest weekday (Regulation S-T Rules 11 and 12).  The federal holidays
come from the maintained ``holidays`` package; closures the user configures are added.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Iterable

import holidays


@cache
def _federal(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.US(years=year, observed=True).keys())


def is_business_day(day: datetime.date, closures: Iterable[datetime.date] = ()) -> bool:
    return day.weekday() < 5 and day not in _federal(day.year) and day not in set(closures)


def add_business_days(day: datetime.date, count: int, closures: Iterable[datetime.date] = ()) -> datetime.date:
    """The ``count``-th business day after ``day`` (``day`` itself need not be one)."""
    closed = set(closures)
    current = day
    while count > 0:
        current += datetime.timedelta(days=1)
        if is_business_day(current, closed):
            count -= 1
    return current


def form4_due(
    transaction_date: datetime.date,
    deemed_execution_date: datetime.date | None = None,
    closures: Iterable[datetime.date] = (),
) -> datetime.date:
    """Form 4 is due before the end of the second business day after the execution date
    (Rule 16a-3(g)(1)), or after the deemed execution date under Rule 16a-3(g)(2)/(3), which is
    no later than the third business day after the trade."""
    closed = set(closures)
    start = transaction_date
    if deemed_execution_date is not None and deemed_execution_date > transaction_date:
        start = min(deemed_execution_date, add_business_days(transaction_date, 3, closed))
    return add_business_days(start, 2, closed)
