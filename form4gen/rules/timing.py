"""Deadlines (rules.md sections I and R): the XML has no lateness marker, so lateness is worked
out from the dates.  The signature date stands in for the filing date; a report transmitted by
10 p.m. Eastern on a business day is filed that day (Regulation S-T Rule 13(a)(4))."""

from __future__ import annotations

from collections.abc import Iterator

from form4gen.form.calendar import form3_due, form4_due, form5_due
from form4gen.form.models import Filing
from form4gen.rules.registry import Context, Violation, rule
from form4gen.rules.walk import transactions


@rule(
    "TIM-LATE",
    "warning",
    fix="File at once; the issuer must disclose the late report under Item 405 of Regulation S-K.",
    source="Rule 16a-3(g)(1)-(3); Regulation S-T Rule 13(a)(4); Regulation S-K Item 405",
)
def form4_on_time(filing: Filing, context: Context) -> Iterator[Violation]:
    """A Form 4 is signed by the second business day after each transaction it reports.

    Form 4 is due before the end of the second business day after the trade (after the deemed
    execution date for Rule 16a-3(g)(2)/(3) trades, at most three business days after the
    trade).  Business days exclude weekends and federal holidays.  The XML has no lateness
    marker: the signature date stands in for the filing date, and a late line is reported for
    the issuer's Item 405 disclosure.  Lines reported early (form type 5) are not due yet.

    Fails::

        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-10}

    Reported on: non_derivative_table[0].transaction_date
    Message: was due by 2026-04-08

    Passes::

        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-08}
    """
    signed = filing.signed_on
    if filing.document_type != "4" or signed is None:
        return
    for row in transactions(filing):
        if row.transaction_date is None or row.form_type == "5":
            continue
        deemed = row.row.deemed_execution_date.value if row.row.deemed_execution_date else None
        due = form4_due(row.transaction_date, deemed, context.closures)
        if signed > due:
            yield Violation(
                f"{row.label} ({row.code} on {row.transaction_date}) was due by {due}; signed {signed}",
                (*row.path, "transaction_date"),
            )


@rule(
    "TIM-F3",
    "warning",
    fix="File at once; the issuer must disclose the late report under Item 405 of Regulation S-K.",
    source="Rule 16a-3(a); Exchange Act §16(a)(2)(A); Regulation S-K Item 405",
)
def form3_on_time(filing: Filing, context: Context) -> Iterator[Violation]:
    """A Form 3 is signed within 10 days of the event that made the person an insider.

    Box 2 of a Form 3 (periodOfReport) is the date of the event requiring the statement; the
    form is due within 10 days (a due date on a weekend or holiday moves to the next business
    day).  The signature date stands in for the filing date.

    Fails::

        document_type: 3
        aff10b5one: ~
        non_derivative_table:
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-20}

    Reported on: period_of_report
    Message: was due by 2026-04-16

    Passes::

        document_type: 3
        aff10b5one: ~
        non_derivative_table:
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-16}
    """
    signed = filing.signed_on
    if filing.document_type != "3" or signed is None:
        return
    due = form3_due(filing.period_of_report, context.closures)
    if signed > due:
        yield Violation(f"Form 3 for the event of {filing.period_of_report} was due by {due}; signed {signed}", ("period_of_report",))


@rule(
    "TIM-F5",
    "warning",
    fix="File at once; the issuer must disclose the late report under Item 405 of Regulation S-K.",
    source="Rule 16a-3(f); Regulation S-K Item 405",
)
def form5_on_time(filing: Filing, context: Context) -> Iterator[Violation]:
    """A Form 5 is signed within 45 days after the fiscal year end it covers.

    Form 5 is due on or before the 45th day after the issuer's fiscal year end (periodOfReport);
    a due date on a weekend or holiday moves to the next business day.

    Fails::

        document_type: 5
        period_of_report: 2025-12-31
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2025-11-15
            transaction_coding: {code: G, form_type: 5}
            transaction_amounts: {shares: 100, price_per_share: 0, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 1100}
            ownership_nature: {direct_or_indirect_ownership: D}
        signatures:
          - {name: /s/ Jane Doe, date: 2026-02-20}

    Reported on: period_of_report
    Message: was due by 2026-02-17

    Passes::

        document_type: 5
        period_of_report: 2025-12-31
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2025-11-15
            transaction_coding: {code: G, form_type: 5}
            transaction_amounts: {shares: 100, price_per_share: 0, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 1100}
            ownership_nature: {direct_or_indirect_ownership: D}
        signatures:
          - {name: /s/ Jane Doe, date: 2026-02-13}
    """
    signed = filing.signed_on
    if filing.document_type != "5" or signed is None:
        return
    due = form5_due(filing.period_of_report, context.closures)
    if signed > due:
        yield Violation(f"Form 5 for the fiscal year ended {filing.period_of_report} was due by {due}; signed {signed}", ("period_of_report",))
