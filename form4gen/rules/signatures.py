"""Signatures (rules.md section F)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from form4gen.form.models import Filing
from form4gen.rules.registry import Context, Violation, rule
from form4gen.rules.walk import transactions


@rule(
    "SIG-PER-OWNER",
    "warning",
    fix="Add a signature for each reporting person (an attorney-in-fact may sign for several).",
    source="OTS §4.3.7; Rule 16a-3(j); Form 4 General Instruction 5(b)(v)",
)
def signature_for_each_owner(filing: Filing, context: Context) -> Iterator[Violation]:
    """A joint filing is signed by, or for, each reporting person.

    EDGAR does not tie signatures to owners, but each person in a joint or group filing must
    sign it (or have it signed on their behalf).  Fewer signatures than owners usually means
    one is missing.

    Fails::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: true}
          - cik: "0001000002"
            relationship: {is_ten_percent_owner: true}

    Reported on: signatures
    Message: 2 reporting owners but 1 signature(s)

    Passes::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: true}
          - cik: "0001000002"
            relationship: {is_ten_percent_owner: true}
        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-07}
          - {name: "/s/ Jane Doe, manager of Doe Holdings LLC", date: 2026-04-07}
    """
    owners, signatures = len(filing.reporting_owners), len(filing.signatures)
    if signatures < owners:
        yield Violation(f"{owners} reporting owners but {signatures} signature(s)", ("signatures",))


@rule(
    "SIG-DATE",
    "warning",
    fix="Date the signature on or after the last transaction it reports.",
    source="practice (rules.md F-67)",
)
def signature_after_transactions(filing: Filing, context: Context) -> Iterator[Violation]:
    """The signature is dated on or after the last transaction, and not in the future.

    A report signed before the trades it reports, or dated after the day it is checked for
    filing, has a wrong date somewhere.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-08
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        period_of_report: 2026-04-08

    Reported on: signatures[0].date
    Message: before the last transaction

    Passes::

        signatures:
          - {name: /s/ Jane Doe, date: 2026-04-06}
    """
    last = max((r.transaction_date for r in transactions(filing) if r.transaction_date), default=None)
    for index, signature in enumerate(filing.signatures):
        if last is not None and signature.date < last:
            yield Violation(f"signature dated {signature.date}, before the last transaction ({last})", ("signatures", index, "date"))
        elif signature.date > context.as_of:
            yield Violation(f"signature dated {signature.date}, after the check date {context.as_of}", ("signatures", index, "date"))


ATTORNEY_IN_FACT = re.compile(r"attorney[\s-]*in[\s-]*fact|\bPOA\b|power of attorney", re.IGNORECASE)


@rule(
    "POA-EX24",
    "warning",
    fix="Attach the power of attorney (submission.attachments, type EX-24) or declare it filed before (submission.power_of_attorney_previously_filed: true).",
    source="Form 4 General Instruction 7 (signature by attorney-in-fact); OTS §3.6.3 (EX-24)",
)
def power_of_attorney(filing: Filing, context: Context) -> Iterator[Violation]:
    """A signature by an attorney-in-fact comes with the power of attorney, or a note that it was filed before.

    When an attorney-in-fact signs, the power of attorney must be filed as exhibit EX-24 with
    the first filing it supports.  A draft's ``submission`` section attaches it or says it was
    filed before.  (An EDGAR document does not show its attachments, so only drafts are checked.)

    Fails::

        signatures:
          - {name: "/s/ John Smith, attorney-in-fact for Jane Doe", date: 2026-04-07}

    Reported on: signatures[0].name
    Message: no power of attorney (EX-24)

    Passes::

        signatures:
          - {name: "/s/ John Smith, attorney-in-fact for Jane Doe", date: 2026-04-07}
        submission:
          power_of_attorney_previously_filed: true
    """
    if filing.origin != "input":
        return
    info = filing.submission
    if info is not None and info.has_power_of_attorney:
        return
    for index, signature in enumerate(filing.signatures):
        if ATTORNEY_IN_FACT.search(signature.name):
            yield Violation(
                f"{signature.name!r} signs as attorney-in-fact and no power of attorney (EX-24) is attached or declared", ("signatures", index, "name")
            )
            return
