"""Rule 10b5-1 trading plans (rules.md section P; Release 33-11138)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from form4gen.form.models import Filing
from form4gen.form.regulation import PLAN_CHECKBOX_REQUIRED_FROM, RELEASE_33_11138_EFFECTIVE
from form4gen.rules.registry import Context, Violation, rule
from form4gen.rules.walk import dates_in, transactions

# "10b5-1", "10b5‑1" (non-breaking hyphen), "10b-5-1", "10b5 1"
PLAN_MENTION = re.compile(r"10b-?5[\s\-\u2010-\u2015]?1", re.IGNORECASE)
_NEGATED = re.compile(r"\bnot\b[^.]{0,60}" + PLAN_MENTION.pattern, re.IGNORECASE)
COOLING_OFF_OFFICERS = datetime.timedelta(days=90)
COOLING_OFF_OTHERS = datetime.timedelta(days=30)


def plan_texts(filing: Filing) -> list[tuple[str | None, str]]:
    """(footnote id or None for remarks, text) for every text that mentions a 10b5-1 plan."""
    out: list[tuple[str | None, str]] = [(n.id, n.text) for n in filing.footnotes if PLAN_MENTION.search(n.text)]
    if filing.remarks and PLAN_MENTION.search(filing.remarks):
        out.append((None, filing.remarks))
    return out


@rule(
    "PLAN-ADOPTION",
    "error",
    fix="Add a footnote: 'The transactions were effected under a Rule 10b5-1 trading plan adopted on <date>.'",
    source="Release 33-11138; Form 4 General Instruction 10",
    since=PLAN_CHECKBOX_REQUIRED_FROM,
)
def plan_adoption_date(filing: Filing, context: Context) -> Iterator[Violation]:
    """When the Rule 10b5-1 box is checked, a footnote gives the plan's adoption date.

    Since 1 April 2023 the form asks, with the box, for the date the plan was adopted, in the
    Explanation of Responses.

    Fails::

        aff10b5one: true
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S, footnote: plan}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          plan: Sold under a Rule 10b5-1 trading plan.

    Reported on: aff10b5one
    Message: the plan footnote gives no date

    Passes::

        aff10b5one: true
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S, footnote: plan}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          plan: Sold under a Rule 10b5-1 trading plan adopted on November 14, 2025.
    """
    if not filing.aff10b5one or filing.form == "3":
        return
    texts = plan_texts(filing)
    if not any(dates_in(text) for _, text in texts):
        said = "no footnote mentions the plan" if not texts else "the plan footnote gives no date"
        yield Violation(f"the Rule 10b5-1 box is checked but {said} (adoption date)", ("aff10b5one",))


@rule(
    "PLAN-CONSIST",
    "warning",
    fix="Check the Rule 10b5-1 box if any reported transaction was made under the plan.",
    source="Release 33-11138; Form 4 General Instruction 10",
    since=PLAN_CHECKBOX_REQUIRED_FROM,
)
def plan_box_matches_footnotes(filing: Filing, context: Context) -> Iterator[Violation]:
    """The Rule 10b5-1 box is checked when a footnote says a trade was made under a plan.

    A footnote saying the transactions were effected under a 10b5-1 plan, with the box left
    unchecked, contradicts itself (the box covers every plan intended to satisfy Rule
    10b5-1(c), including those adopted before 2023).

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S, footnote: plan}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          plan: Sold under a Rule 10b5-1 trading plan adopted on November 14, 2025.

    Reported on: aff10b5one
    Message: the box is not checked

    Passes::

        aff10b5one: true
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S, footnote: plan}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          plan: Sold under a Rule 10b5-1 trading plan adopted on November 14, 2025.
    """
    if filing.aff10b5one or filing.form == "3":
        return
    for footnote_id, text in plan_texts(filing):
        if footnote_id is not None and not _NEGATED.search(text):
            yield Violation(f"footnote {footnote_id} mentions a Rule 10b5-1 plan but the box is not checked", ("aff10b5one",))
            return


@rule(
    "PLAN-COOLOFF",
    "warning",
    fix="Check the plan's adoption date: trades in the cooling-off period lose the Rule 10b5-1 defence.",
    source="Release 33-11138 (Rule 10b5-1(c)(1)(ii)(B))",
    since=RELEASE_33_11138_EFFECTIVE,
)
def plan_cooling_off(filing: Filing, context: Context) -> Iterator[Violation]:
    """A plan trade comes after the plan's cooling-off period.

    For directors and officers the cooling-off period runs at least 90 days from adoption (up
    to 120 days, depending on the next 10-Q or 10-K); for other persons, 30 days.  A trade
    sooner than that, under a plan the footnote dates, falls outside the affirmative defence.

    Fails::

        aff10b5one: true
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S, footnote: plan}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          plan: Sold under a Rule 10b5-1 trading plan adopted on January 15, 2026.

    Reported on: non_derivative_table[0].transaction_date
    Message: 81 days after the plan date

    Passes::

        aff10b5one: true
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S, footnote: plan}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          plan: Sold under a Rule 10b5-1 trading plan adopted on November 14, 2025.
    """
    if not filing.aff10b5one:
        return
    insiders = any(o.relationship.is_director or o.relationship.is_officer for o in filing.reporting_owners)
    period = COOLING_OFF_OFFICERS if insiders else COOLING_OFF_OTHERS
    plans = {footnote_id: text for footnote_id, text in plan_texts(filing) if footnote_id}
    for row in transactions(filing):
        day = row.transaction_date
        notes = [plans[i] for i in sorted(row.footnote_ids()) if i in plans]
        if day is None or row.code not in ("P", "S") or not notes:
            continue
        adopted = max((d for text in notes for d in dates_in(text) if d <= day), default=None)
        if adopted is not None and day < adopted + period:
            yield Violation(
                f"{row.label} on {day} is {(day - adopted).days} days after the plan date {adopted} (cooling-off at least {period.days} days)",
                (*row.path, "transaction_date"),
            )
