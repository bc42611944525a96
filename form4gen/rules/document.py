"""The document as a whole: box 3, the amendment date, an empty report (rules.md section C)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from form4gen.form.models import Filing
from form4gen.form.period import earliest_required
from form4gen.rules.registry import Context, Violation, XmlDocument, rule
from form4gen.rules.walk import transactions
from form4gen.rules.xml_format import supplied


def earliest_required_transaction(filing: Filing) -> datetime.date | None:
    """Box 3 of a Form 4 (:func:`form4gen.form.period.earliest_required`) for a filing."""
    return earliest_required((r.transaction_date, r.form_type) for r in transactions(filing) if r.transaction_date)


@rule(
    "DOC-POR-F4",
    "error",
    fix="Set period_of_report (box 3) to the earliest transaction date, or leave it out and form4gen sets it.",
    source="OTS App. C; Form 4 box 3",
)
def period_is_earliest_transaction(filing: Filing, context: Context) -> Iterator[Violation]:
    """On a Form 4, box 3 (periodOfReport) is the date of the earliest transaction required to be reported.

    EDGAR does not compare them, but box 3 is "Date of Earliest Transaction Required to be
    Reported": any other date misstates the form, and deadlines and Item 405 reviews are read
    from it.  Lines reported early (form type 5, the V column) are not required yet and do not
    count.  An amendment keeps the original's box 3, so only original Form 4s are checked.

    Fails::

        period_of_report: 2026-04-05

    Reported on: period_of_report
    Message: is not the earliest transaction date 2026-04-06

    Passes::

        period_of_report: 2026-04-06
    """
    if filing.document_type != "4":
        return
    earliest = earliest_required_transaction(filing)
    if earliest is not None and earliest != filing.period_of_report:
        yield Violation(
            f"periodOfReport {filing.period_of_report} is not the earliest transaction date {earliest}",
            ("period_of_report",),
        )


@rule(
    "DOC-POR-F5",
    "warning",
    fix="Set period_of_report to the issuer's fiscal year end that the Form 5 covers.",
    source="OTS App. D; Rule 16a-3(f)",
)
def form5_period_is_year_end(filing: Filing, context: Context) -> Iterator[Violation]:
    """On a Form 5, no transaction is dated after periodOfReport (the fiscal year end).

    A Form 5 reports the fiscal year that ends on its periodOfReport; a transaction after that
    date belongs on a Form 4 or next year's Form 5.

    Fails::

        document_type: 5
        period_of_report: 2025-12-31
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-01-15
            transaction_coding: {code: G, form_type: 5}
            transaction_amounts: {shares: 100, price_per_share: 0, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 1100}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].transaction_date
    Message: after the fiscal year end 2025-12-31

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
    """
    if filing.form != "5":
        return
    for row in transactions(filing):
        if row.transaction_date and row.transaction_date > filing.period_of_report:
            yield Violation(
                f"{row.label} is dated {row.transaction_date}, after the fiscal year end {filing.period_of_report}",
                (*row.path, "transaction_date"),
            )


@rule(
    "DOC-POR-FUTURE",
    "warning",
    fix="Check the dates: a Form 4 or 5 reports what has happened by the day it is signed.",
    source="Rule 16a-3(g); Exchange Act §16(a)(2)",
)
def dates_not_after_signature(filing: Filing, context: Context) -> Iterator[Violation]:
    """On Forms 4 and 5, box 3 and the transaction dates are not after the signature date.

    A report cannot be signed before the transactions it reports.  (A Form 3 may be signed
    before its event, for example ahead of an IPO's effectiveness, and is not checked.)

    Fails::

        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-05}

    Reported on: period_of_report
    Message: is after the signature date 2026-04-05

    Passes::

        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-07}
    """
    signed = filing.signed_on
    if filing.form == "3" or signed is None:
        return
    if filing.period_of_report > signed:
        yield Violation(f"periodOfReport {filing.period_of_report} is after the signature date {signed}", ("period_of_report",))
    for row in transactions(filing):
        if row.transaction_date and row.transaction_date > signed:
            yield Violation(
                f"{row.label} transaction date {row.transaction_date} is after the signature date {signed}",
                (*row.path, "transaction_date"),
            )


@rule(
    "DOC-ORIG-SANE",
    "warning",
    fix="Set date_of_original_submission to the EDGAR filing date of the report being amended.",
    source="OTS App. C box 4; practice",
)
def original_date_is_plausible(filing: Filing, context: Context) -> Iterator[Violation]:
    """An amendment's date of original submission lies between box 3 and the signature date.

    Box 4, "If Amendment, Date of Original Filed", is the date the amended report was filed:
    not before the period it reports, and not after the amendment itself is signed.

    Fails::

        document_type: 4/A
        date_of_original_submission: 2026-04-03

    Reported on: date_of_original_submission
    Message: is before periodOfReport

    Passes::

        document_type: 4/A
        date_of_original_submission: 2026-04-07
    """
    original = filing.date_of_original_submission
    if original is None or not filing.is_amendment:
        return
    if original < filing.period_of_report:
        yield Violation(
            f"dateOfOriginalSubmission {original} is before periodOfReport {filing.period_of_report}",
            ("date_of_original_submission",),
        )
    signed = filing.signed_on
    if signed is not None and original > signed:
        yield Violation(
            f"dateOfOriginalSubmission {original} is after the amendment's signature date {signed}",
            ("date_of_original_submission",),
        )


@rule(
    "DOC-NONEMPTY",
    "error",
    fix="Add the transaction(s) being reported, or tick not_subject_to_section16 if that is why you file.",
    source="OTS §4.3, §4.3.3-4, §5",
)
def reports_a_transaction(filing: Filing, context: Context) -> Iterator[Violation]:
    """A Form 4 or 5 (or amendment) reports at least one transaction.

    EDGAR suspends a Form 4 or 5 with no transaction in Table I or Table II, unless the
    "no longer subject to Section 16" box is checked.  Holdings alone are not a Form 4.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table
    Message: reports no transaction

    Passes::

        not_subject_to_section16: true
        non_derivative_table:
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    if filing.form == "3" or filing.not_subject_to_section16:
        return
    if not any(True for _ in transactions(filing)):
        yield Violation(f"this Form {filing.document_type} reports no transaction", ("non_derivative_table",))


@rule(
    "DOC-10B5-F3",
    "warning",
    fix="Leave aff10b5one out of a Form 3.",
    source="OTS v5.5 §3.5 (aff10b5One is NA on Form 3)",
)
def no_plan_box_on_form3(filing: Filing, context: Context) -> Iterator[Violation]:
    """A Form 3 does not carry the Rule 10b5-1 box.

    A Form 3 reports holdings, not transactions; the element table marks ``aff10b5One`` "NA"
    for it.  The schema tolerates it, but it means nothing there.

    Fails::

        document_type: 3
        aff10b5one: false
        non_derivative_table:
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: aff10b5one
    Message: on a Form 3

    Passes::

        document_type: 3
        aff10b5one: ~
        non_derivative_table:
          - security_title: Common Stock
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    if filing.form == "3" and filing.aff10b5one is not None:
        yield Violation(f"aff10b5One is given ({filing.aff10b5one}) on a Form 3", ("aff10b5one",))


@rule(
    "DOC-SCHEMAVER",
    "warning",
    kind="xml",
    fix="Leave schemaVersion out: EDGAR stamps the version itself.",
    source="OTS §4.3; XSD annotation",
)
def no_schema_version(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """A submission does not carry schemaVersion.

    EDGAR warns, discards the value (warning again if it is stale) and stamps the current
    version on the document of record.  A document that still holds a CCC is a submission;
    one stamped by EDGAR without a CCC is its disseminated copy and is not checked.

    Fails::

        <ownershipDocument><schemaVersion>X0508</schemaVersion><reportingOwner><reportingOwnerId>
        <rptOwnerCik>0001000001</rptOwnerCik><rptOwnerCcc>abcd#123</rptOwnerCcc>
        </reportingOwnerId></reportingOwner></ownershipDocument>

    Reported on: /ownershipDocument/schemaVersion
    Message: EDGAR discards it

    Passes::

        <ownershipDocument><reportingOwner><reportingOwnerId>
        <rptOwnerCik>0001000001</rptOwnerCik><rptOwnerCcc>abcd#123</rptOwnerCcc>
        </reportingOwnerId></reportingOwner></ownershipDocument>
    """
    for node in supplied(document, ("schemaVersion",)):
        yield Violation(
            f"schemaVersion {(node.text or '').strip()!r} is given; EDGAR discards it", line=node.sourceline, xml_path="/ownershipDocument/schemaVersion"
        )
