"""Transaction codes, form types and timeliness (rules.md sections H and I)."""

from __future__ import annotations

from collections.abc import Iterator

from form4gen.form.codes import EXERCISE_CODES
from form4gen.form.models import Filing
from form4gen.form.regulation import RELEASE_33_11138_EFFECTIVE
from form4gen.rules.registry import Context, Violation, rule
from form4gen.rules.walk import Row, transactions

GIFTS_ON_FORM4_SINCE = RELEASE_33_11138_EFFECTIVE
# The A/D code each transaction code implies (F4I Instruction 8); None: it depends on the table.
_EXPECTED_AD = {"P": "A", "S": "D", "F": "D", "D": "D", "E": "D", "H": "D", "U": "D"}


def _coding_path(row: Row) -> tuple[object, ...]:
    return (*row.path, "transaction_coding")


@rule(
    "COD-J-FOOTNOTE",
    "error",
    fix="Add a footnote to the row that describes the transaction.",
    source="Form 4 Instruction 8 (code J); OTS §3.6.10",
)
def code_j_explained(filing: Filing, context: Context) -> Iterator[Violation]:
    """A code J ("other acquisition or disposition") line carries a footnote describing it.

    J is the code for what no other code covers, and the form's instructions require the
    nature of the transaction to be explained.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: J}
            transaction_amounts: {shares: 1000, price_per_share: 0, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].transaction_coding
    Message: code J and no footnote

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: J, footnote: distribution}
            transaction_amounts: {shares: 1000, price_per_share: 0, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          distribution: Pro rata distribution by a limited partnership to its partners, for no consideration.
    """
    for row in transactions(filing):
        if row.code == "J" and not row.footnote_ids():
            yield Violation(f"{row.label} has code J and no footnote describing the transaction", _coding_path(row))


@rule(
    "COD-TABLE",
    "warning",
    fix="Report expirations and cancellations of derivative positions in Table II.",
    source="Form 4 Instruction 8 (codes E and H)",
)
def code_fits_table(filing: Filing, context: Context) -> Iterator[Violation]:
    """Codes E and H (expiration of a derivative position) are used in Table II only.

    E and H describe the expiration or cancellation of a derivative position; a non-derivative
    security in Table I does not expire.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: H}
            transaction_amounts: {shares: 1000, price_per_share: 0, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].transaction_coding
    Message: uses code H, which belongs in Table II

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    for row in transactions(filing):
        if row.code in ("E", "H") and not row.is_derivative:
            yield Violation(f"{row.label} uses code {row.code}, which belongs in Table II", _coding_path(row))


@rule(
    "COD-AD-CONSIST",
    "warning",
    fix="Check the transaction code and the (A)/(D) column: one of them is probably wrong.",
    source="Form 4 Instruction 8 (code meanings)",
)
def code_matches_direction(filing: Filing, context: Context) -> Iterator[Violation]:
    """The (A) or (D) column agrees with the transaction code.

    A purchase (P) acquires, a sale (S), tax withholding (F), disposition to the issuer (D),
    expiration (E, H) or tender (U) disposes.  An exercise or conversion (M, C, O, X) disposes
    of the derivative in Table II and acquires the underlying in Table I.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].transaction_amounts.acquired_disposed_code
    Message: code S with (A); expected (D)

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    for row in transactions(filing):
        expected = _EXPECTED_AD.get(row.code or "")
        if row.code in EXERCISE_CODES:
            expected = "D" if row.is_derivative else "A"
        if expected and row.acquired_disposed and row.acquired_disposed != expected:
            yield Violation(
                f"{row.label}: code {row.code} with ({row.acquired_disposed}); expected ({expected})",
                (*row.path, "transaction_amounts", "acquired_disposed_code"),
            )


@rule(
    "COD-GIFT",
    "error",
    fix="Report the gift on a Form 4 within two business days, as a form type 4 line.",
    source="Release 33-11138; Rule 16a-3(g) as amended",
    since=GIFTS_ON_FORM4_SINCE,
)
def gift_dispositions_on_form4(filing: Filing, context: Context) -> Iterator[Violation]:
    """A gift given away (code G, disposed) on or after 2023-02-27 is a Form 4 line, not deferred.

    Since Release 33-11138, bona fide gifts of securities disposed of must be reported on Form 4
    within two business days; only gifts received may still wait for Form 5.  A G/(D) line
    marked form type 5 defers what may no longer be deferred.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: G, form_type: 5}
            transaction_amounts: {shares: 500, price_per_share: 0, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9500}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].transaction_coding.form_type
    Message: marked form type 5 (deferred)

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: G}
            transaction_amounts: {shares: 500, price_per_share: 0, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9500}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    for row in transactions(filing):
        date = row.transaction_date
        if row.code == "G" and row.acquired_disposed == "D" and row.form_type == "5" and date and date >= GIFTS_ON_FORM4_SINCE:
            yield Violation(f"{row.label}: gift of {date} disposed of, marked form type 5 (deferred)", (*_coding_path(row), "form_type"))


_FORM5_ELIGIBLE_ONLY = ("P", "S", "M", "F", "A", "D")


@rule(
    "COD-5ON4",
    "warning",
    fix="Mark the line form type 4 unless it really is a Form 5 transaction reported early (V).",
    source="OTS §4.3.8.2; Rule 16a-3(a), (f)",
)
def voluntary_line_plausible(filing: Filing, context: Context) -> Iterator[Violation]:
    """A line reported early on Form 4 (form type 5, the V column) is a Form 5 kind of transaction.

    Form type 5 on a Form 4 says "this could have waited for Form 5": small acquisitions (L),
    gifts received, some transfers by will.  Purchases, sales, exercises, withholding and grants
    are due on Form 4 and cannot be "voluntary".

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P, form_type: 5}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].transaction_coding.form_type
    Message: code P marked as reported early

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: L, form_type: 5}
            transaction_amounts: {shares: 10, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 10010}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    if filing.form != "4":
        return
    for row in transactions(filing):
        if row.form_type == "5" and row.code in _FORM5_ELIGIBLE_ONLY:
            yield Violation(f"{row.label}: code {row.code} marked as reported early (form type 5)", (*_coding_path(row), "form_type"))


@rule(
    "COD-SWAP",
    "warning",
    fix="Confirm an equity swap is involved and footnote the instrument; otherwise set equity_swap_involved false.",
    source="Form 4 Instruction 8 (code K)",
)
def swap_explained(filing: Filing, context: Context) -> Iterator[Violation]:
    """A line marked as involving an equity swap (K) says what the instrument is.

    ``equitySwapInvolved`` prints "K" next to the code: the transaction involved an equity swap
    or similar instrument.  It is rare and easily ticked by mistake; real ones are explained.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S, equity_swap_involved: true}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].transaction_coding.equity_swap_involved
    Message: equity swap (K) with no footnote

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: S, equity_swap_involved: true, footnote: swap}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
            post_transaction_amounts: {shares_owned_following_transaction: 9000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          swap: Shares delivered to settle a cash-settled equity swap with Example Bank.
    """
    for row in transactions(filing):
        coding = row.row.transaction_coding
        if coding and coding.equity_swap_involved and not row.footnote_ids():
            yield Violation(f"{row.label} is marked as involving an equity swap (K) with no footnote", (*_coding_path(row), "equity_swap_involved"))


@rule(
    "TML-F4",
    "error",
    fix="On a Form 4 leave timeliness empty; only an early-reported Form 5 line (form type 5) may say E.",
    source="OTS §3.6.9, §4.3.8.2",
)
def form4_timeliness(filing: Filing, context: Context) -> Iterator[Violation]:
    """On Form 4, timeliness is empty, or E on a line reported early (form type 5).

    A Form 4 line is on time by definition; "L" (late) does not exist on a Form 4, and "E" is
    only for a Form 5 transaction reported early.  EDGAR suspends any other value.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_timeliness: L
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}

    Reported on: non_derivative_table[0].transaction_timeliness
    Message: timeliness 'L' on a form type 4 line

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: L, form_type: 5}
            transaction_timeliness: E
            transaction_amounts: {shares: 10, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 10010}
            ownership_nature: {direct_or_indirect_ownership: D}
    """
    if filing.form != "4":
        return
    for row in transactions(filing):
        value = row.timeliness
        if value and not (value == "E" and row.form_type == "5"):
            yield Violation(f"{row.label}: timeliness {value!r} on a form type {row.form_type} line of a Form 4", (*row.path, "transaction_timeliness"))


@rule(
    "TML-F5",
    "error",
    fix="On a Form 5 leave timeliness empty, or L for a late line.",
    source="OTS §4.3.8.3",
)
def form5_timeliness(filing: Filing, context: Context) -> Iterator[Violation]:
    """On Form 5, timeliness is empty or L (late); never E.

    "Early" has no meaning on the Form 5 itself; EDGAR suspends it.

    Fails::

        document_type: 5
        period_of_report: 2026-12-31
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: G, form_type: 5}
            transaction_timeliness: E
            transaction_amounts: {shares: 100, price_per_share: 0, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 1100}
            ownership_nature: {direct_or_indirect_ownership: D}
        signatures:
          - {name: /s/ Jane Doe, date: 2027-01-15}

    Reported on: non_derivative_table[0].transaction_timeliness
    Message: timeliness 'E' on a Form 5

    Passes::

        document_type: 5
        period_of_report: 2026-12-31
        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: G, form_type: 5}
            transaction_amounts: {shares: 100, price_per_share: 0, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 1100}
            ownership_nature: {direct_or_indirect_ownership: D}
        signatures:
          - {name: /s/ Jane Doe, date: 2027-01-15}
    """
    if filing.form != "5":
        return
    for row in transactions(filing):
        if row.timeliness == "E":
            yield Violation(f"{row.label}: timeliness 'E' on a Form 5", (*row.path, "transaction_timeliness"))
