"""Due dates of Forms 3, 4 and 5: weekends, each federal holiday and its observed day, deemed
execution dates, year ends, configured closures; and ``form4gen deadline``."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from form4gen.cli import main
from form4gen.form.calendar import add_business_days, cutoff, due_date, federal_holidays, form3_due, form4_due, form5_due, is_business_day

D = datetime.date


@pytest.mark.parametrize(
    "trade, due",
    [
        (D(2026, 4, 6), D(2026, 4, 8)),  # Monday -> Wednesday
        (D(2026, 4, 9), D(2026, 4, 13)),  # Thursday -> over the weekend to Monday
        (D(2026, 4, 10), D(2026, 4, 14)),  # Friday -> Tuesday
        (D(2026, 4, 11), D(2026, 4, 14)),  # a Saturday trade: Monday and Tuesday are the two business days
    ],
)
def test_form4_over_weekends(trade, due):
    assert form4_due(trade) == due


# Each federal holiday of 2026 on a weekday: a trade on the business day before it is due on
# the second business day after the holiday, not the first.
HOLIDAYS_2026 = {
    "New Year's Day": D(2026, 1, 1),
    "Martin Luther King Jr. Day": D(2026, 1, 19),
    "Washington's Birthday": D(2026, 2, 16),
    "Memorial Day": D(2026, 5, 25),
    "Juneteenth National Independence Day": D(2026, 6, 19),
    "Independence Day (observed)": D(2026, 7, 3),
    "Labor Day": D(2026, 9, 7),
    "Columbus Day": D(2026, 10, 12),
    "Veterans Day": D(2026, 11, 11),
    "Thanksgiving Day": D(2026, 11, 26),
    "Christmas Day": D(2026, 12, 25),
}


@pytest.mark.parametrize("name", sorted(HOLIDAYS_2026))
def test_form4_around_each_federal_holiday(name):
    holiday = HOLIDAYS_2026[name]
    assert federal_holidays(2026)[holiday] == name
    assert not is_business_day(holiday)
    day_before = holiday - datetime.timedelta(days=1)
    while not is_business_day(day_before):
        day_before -= datetime.timedelta(days=1)
    due = form4_due(day_before)
    assert due == add_business_days(holiday, 2)  # the holiday is not one of the two business days
    without_holiday = day_before + datetime.timedelta(days=2 if day_before.weekday() < 3 else 4)
    assert due > without_holiday


@pytest.mark.parametrize(
    "observed, actual",
    [
        (D(2026, 7, 3), D(2026, 7, 4)),  # Independence Day on a Saturday: Friday off
        (D(2027, 6, 18), D(2027, 6, 19)),  # Juneteenth on a Saturday
        (D(2027, 7, 5), D(2027, 7, 4)),  # Independence Day on a Sunday: Monday off
        (D(2027, 12, 24), D(2027, 12, 25)),  # Christmas on a Saturday
        (D(2027, 12, 31), D(2028, 1, 1)),  # New Year's Day 2028 observed in 2027
        (D(2022, 12, 26), D(2022, 12, 25)),
    ],
)
def test_observed_days_are_not_business_days(observed, actual):
    assert not is_business_day(observed)
    assert actual.weekday() >= 5


def test_year_end():
    assert form4_due(D(2022, 12, 29)) == D(2023, 1, 3)  # Fri 12/30, (Mon 1/2 observed New Year) Tue 1/3
    assert form4_due(D(2022, 12, 30)) == D(2023, 1, 4)
    assert form4_due(D(2027, 12, 29)) == D(2028, 1, 3)  # Thu 12/30, (Fri 12/31 observed) Mon 1/3


def test_deemed_execution_dates():
    trade = D(2026, 4, 6)  # Monday
    assert form4_due(trade, D(2026, 4, 8)) == D(2026, 4, 10)  # two business days after the deemed date
    assert form4_due(trade, D(2026, 4, 20)) == D(2026, 4, 13)  # deemed date capped at the third business day (4/9)
    assert form4_due(trade, D(2026, 4, 6)) == form4_due(trade)  # a deemed date equal to the trade changes nothing
    assert form4_due(trade, D(2026, 4, 1)) == form4_due(trade)  # nor one before it


def test_closures_are_not_business_days():
    national_day_of_mourning = D(2025, 1, 9)
    assert form4_due(D(2025, 1, 7)) == D(2025, 1, 9)
    assert form4_due(D(2025, 1, 7), closures=[national_day_of_mourning]) == D(2025, 1, 10)


def test_form3_and_form5():
    assert form3_due(D(2026, 4, 6)) == D(2026, 4, 16)  # 10 days
    assert form3_due(D(2026, 4, 1)) == D(2026, 4, 13)  # day 10 is a Saturday: Monday
    assert form5_due(D(2025, 12, 31)) == D(2026, 2, 17)  # day 45 is Sat 2/14; Mon 2/16 is a holiday
    assert form5_due(D(2026, 3, 31)) == D(2026, 5, 15)
    assert due_date("5", D(2026, 3, 31)) == form5_due(D(2026, 3, 31))
    with pytest.raises(ValueError):
        due_date("8", D(2026, 3, 31))


def test_cutoff_is_10_pm_eastern():
    assert cutoff(D(2026, 7, 6)).isoformat() == "2026-07-06T22:00:00-04:00"  # daylight time
    assert cutoff(D(2026, 1, 5)).isoformat() == "2026-01-05T22:00:00-05:00"  # standard time


def _run(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    import os

    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["deadline", *args])
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def test_deadline_command(tmp_path):
    assert _run("2026-07-01", cwd=tmp_path) == (0, "2026-07-06\n")
    assert _run("2026-07-01", "--time", cwd=tmp_path) == (0, "2026-07-06T22:00:00-04:00\n")
    assert _run("2026-04-06", "--deemed", "2026-04-08", cwd=tmp_path) == (0, "2026-04-10\n")
    assert _run("2025-12-31", "--form", "5", cwd=tmp_path) == (0, "2026-02-17\n")
    assert _run("2026-04-06", "--form", "3", cwd=tmp_path) == (0, "2026-04-16\n")
    assert _run("2025-01-07", "--closed", "2025-01-09", cwd=tmp_path) == (0, "2025-01-10\n")
    (tmp_path / "form4gen.toml").write_text("closures = [2025-01-09]\n")
    assert _run("2025-01-07", cwd=tmp_path) == (0, "2025-01-10\n")
    code, out = _run("2026-04-06", "--form", "3", "--deemed", "2026-04-08", cwd=tmp_path)
    assert code == 2 and "Form 4 only" in out
    code, out = _run("06/04/2026", cwd=tmp_path)
    assert code == 2 and "Traceback" not in out
    (tmp_path / "form4gen.toml").write_text('closures = ["January 9"]\n')
    code, out = _run("2025-01-07", cwd=tmp_path)
    assert code == 2 and "is not a date" in out


def test_the_late_filing_rule_honours_configured_closures():
    from form4gen import check
    from form4gen.rules.examples import example_filing

    filing = example_filing(
        """
period_of_report: 2025-01-07
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2025-01-07
    transaction_coding: {code: P}
    transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
    post_transaction_amounts: {shares_owned_following_transaction: 11000}
    ownership_nature: {direct_or_indirect_ownership: D}
signatures:
  - {name: /s/ Jane Doe, date: 2025-01-10}
"""
    )
    assert [f.rule for f in check(filing).warnings] == ["TIM-LATE"]  # due 2025-01-09 without the closure
    assert check(filing, closures=[D(2025, 1, 9)]).warnings == []  # the national day of mourning


def test_the_united_states_calendar_loaded_alone_is_the_packages():
    """form.calendar loads holidays' United States module by itself (to start fast); its
    holidays are exactly holidays.US's, 1990 to 2040."""
    import holidays

    from form4gen.form import calendar

    for year in range(1990, 2041):
        assert calendar.federal_holidays(year) == dict(holidays.US(years=year, observed=True)), year
