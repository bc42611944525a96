"""Business days and the due dates of Forms 3, 4 and 5.

A business day is Monday to Friday except U.S. federal holidays, with a holiday that falls on a
weekend observed on the nearest weekday (Regulation S-T Rules 11 and 12).  The federal holidays
come from the maintained ``holidays`` package; closures the user configures (a national day of
mourning, say) are added.  A Form 3, 4 or 5 transmitted by 10 p.m. Eastern time on a business
day is filed that day (Regulation S-T Rule 13(a)(4)).
"""

from __future__ import annotations

import datetime
import importlib.util
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

EASTERN = ZoneInfo("America/New_York")
FILING_CUTOFF = datetime.time(22, 0)  # 10 p.m. Eastern
FORM3_DAYS = 10  # Rule 16a-3(a): within 10 days after becoming an insider
FORM5_DAYS = 45  # Rule 16a-3(f): within 45 days after the issuer's fiscal year end
FORM4_BUSINESS_DAYS = 2  # Rule 16a-3(g)(1): before the end of the second business day
DEEMED_DATE_LIMIT = 3  # Rule 16a-3(g)(2)-(3): the deemed date is at most the third business day
# The latest date a filing's dates may be: every due date counted from it still falls within the
# calendar, which ends on 9999-12-31.  A later date is a typo (and a due date past the end of the
# calendar cannot be written).
LATEST_DATE = datetime.date(9998, 12, 31)


class PastTheCalendar(ValueError):
    """A due date would fall after 9999-12-31, the last day Python's calendar has."""

    def __init__(self, day: datetime.date):
        self.day = day
        super().__init__(
            f"{day.isoformat()} is too late a date: its due date would fall after 9999-12-31, the calendar's last day; "
            f"check the year (form4gen takes dates up to {LATEST_DATE.isoformat()})"
        )


def _next_day(day: datetime.date, start: datetime.date) -> datetime.date:
    try:
        return day + datetime.timedelta(days=1)
    except OverflowError:
        raise PastTheCalendar(start) from None


@cache
def _united_states() -> Any:
    """The ``holidays`` package's United States calendar class, loaded when a date is first
    computed.  ``holidays.US`` goes through ``holidays.countries``, which imports every
    country's module (about 300, some 70 ms); the United States module alone takes 4 ms, so it
    is loaded by itself, and through the package if that ever fails."""
    import holidays

    try:
        path = Path(holidays.__file__).parent / "countries" / "united_states.py"
        spec = importlib.util.spec_from_file_location("form4gen._united_states_holidays", path)
        if spec is None or spec.loader is None:
            raise ImportError(path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.UnitedStates
    except Exception:  # a later holidays that lays its files out otherwise
        return holidays.US


@cache
def federal_holidays(year: int) -> dict[datetime.date, str]:
    """The federal holidays of a year, observed days included, with their names."""
    return dict(_united_states()(years=year, observed=True))


def is_business_day(day: datetime.date, closures: Iterable[datetime.date] = ()) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year) and day not in set(closures)


def add_business_days(day: datetime.date, count: int, closures: Iterable[datetime.date] = ()) -> datetime.date:
    """The ``count``-th business day after ``day`` (``day`` itself need not be one)."""
    closed = set(closures)
    current = day
    while count > 0:
        current = _next_day(current, day)
        if is_business_day(current, closed):
            count -= 1
    return current


def next_business_day_on_or_after(day: datetime.date, closures: Iterable[datetime.date] = ()) -> datetime.date:
    """A period that ends on a weekend, holiday or closure ends on the next business day."""
    closed = set(closures)
    start = day
    while not is_business_day(day, closed):
        day = _next_day(day, start)
    return day


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
        start = min(deemed_execution_date, add_business_days(transaction_date, DEEMED_DATE_LIMIT, closed))
    return add_business_days(start, FORM4_BUSINESS_DAYS, closed)


def form3_due(event_date: datetime.date, closures: Iterable[datetime.date] = ()) -> datetime.date:
    """Form 3 is due within 10 days after the event that makes the person an insider."""
    return next_business_day_on_or_after(_plus_days(event_date, FORM3_DAYS), closures)


def form5_due(fiscal_year_end: datetime.date, closures: Iterable[datetime.date] = ()) -> datetime.date:
    """Form 5 is due within 45 days after the issuer's fiscal year end."""
    return next_business_day_on_or_after(_plus_days(fiscal_year_end, FORM5_DAYS), closures)


def _plus_days(day: datetime.date, days: int) -> datetime.date:
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        raise PastTheCalendar(day) from None


def due_date(
    form: str,
    day: datetime.date,
    *,
    deemed: datetime.date | None = None,
    closures: Iterable[datetime.date] = (),
) -> datetime.date:
    """The due date of a Form ``form`` ("3", "4" or "5") for the event, trade or fiscal year end ``day``."""
    if form == "3":
        return form3_due(day, closures)
    if form == "5":
        return form5_due(day, closures)
    if form == "4":
        return form4_due(day, deemed, closures)
    raise ValueError(f"form must be 3, 4 or 5, not {form!r}")


def cutoff(due: datetime.date) -> datetime.datetime:
    """The last moment a filing due that day can be transmitted: 10 p.m. Eastern."""
    return datetime.datetime.combine(due, FILING_CUTOFF, tzinfo=EASTERN)
