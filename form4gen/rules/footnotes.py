"""Footnotes (Explanation of Responses) and remarks (rules.md section O).  Footnote ids, their
uniqueness and references to undefined footnotes are part of the schema (XML-SCHEMA: FN-ID,
FN-DUP, FN-RESOLVE, FN-WHERE); a draft names its footnotes and form4gen numbers them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from form4gen.form import spec
from form4gen.form.amendment import REMARK_PLACEHOLDER
from form4gen.form.models import Filing
from form4gen.rules.registry import Context, Violation, XmlDocument, rule
from form4gen.rules.walk import all_footnote_marks


@rule(
    "FN-UNUSED",
    "error",
    fix="Refer to the footnote from the value it explains, or delete it.",
    source="OTS §5",
)
def footnotes_referenced(filing: Filing, context: Context) -> Iterator[Violation]:
    """Every footnote is referred to at least once.

    EDGAR suspends (not merely warns about) a filing that defines a footnote no element refers
    to.

    Fails::

        footnotes:
          spare: This footnote is never referred to.

    Reported on: footnotes[0]
    Message: never referred to

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: {value: 10.25, footnote: spare}, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          spare: This footnote is referred to from the price.
    """
    used = {ref for _, refs in all_footnote_marks(filing) for ref in refs}
    for index, note in enumerate(filing.footnotes):
        if note.id not in used:
            yield Violation(f"footnote {note.id} is never referred to", ("footnotes", index))


@rule(
    "FN-DOUBLE",
    "error",
    fix="Refer to the footnote once from that value.",
    source="OTS §4.3.6, §5",
)
def footnote_once_per_value(filing: Filing, context: Context) -> Iterator[Violation]:
    """A value refers to the same footnote at most once.

    EDGAR suspends an element that carries the same ``footnoteId`` twice.

    Fails::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: {value: 10.25, footnotes: [note, note]}, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          note: Purchased in the open market.

    Reported on: non_derivative_table[0].transaction_amounts.price_per_share
    Message: referred to 2 times from one value

    Passes::

        non_derivative_table:
          - security_title: Common Stock
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: {value: 10.25, footnotes: [note]}, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          note: Purchased in the open market.
    """
    for path, refs in all_footnote_marks(filing):
        if len(refs) == len(set(refs)):
            continue  # the common case: no mark repeated
        for footnote_id, count in Counter(refs).items():
            if count > 1:
                yield Violation(f"footnote {footnote_id} is referred to {count} times from one value", path)


@rule(
    "FN-LEN",
    "error",
    fix="Write the footnote's text, or remove the footnote and its references.",
    source="OTS §3.5 (footnote: 1 to 1000 characters)",
)
def footnote_has_text(filing: Filing, context: Context) -> Iterator[Violation]:
    """A footnote has text, at most 1,000 characters.

    An empty explanation explains nothing, and the element table limits a footnote to 1,000
    characters.

    Fails::

        non_derivative_table:
          - security_title: {value: Common Stock, footnote: blank}
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          blank: "   "

    Reported on: footnotes[0]
    Message: has no text

    Passes::

        non_derivative_table:
          - security_title: {value: Common Stock, footnote: blank}
            transaction_date: 2026-04-06
            transaction_coding: {code: P}
            transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
            post_transaction_amounts: {shares_owned_following_transaction: 11000}
            ownership_nature: {direct_or_indirect_ownership: D}
        footnotes:
          blank: Includes 200 shares held in an individual retirement account.
    """
    for index, note in enumerate(filing.footnotes):
        if not note.text.strip():
            yield Violation(f"footnote {note.id} has no text", ("footnotes", index))
        elif len(note.text) > spec.MAX_LENGTH["footnote"]:
            yield Violation(f"footnote {note.id} is {len(note.text)} characters (limit {spec.MAX_LENGTH['footnote']})", ("footnotes", index))


@rule(
    "RMK-USE",
    "warning",
    fix="Say in remarks (or a footnote) what the amendment corrects.",
    source="practice; NASPP 'Correcting Form 4 Mistakes'",
)
def amendment_explained(filing: Filing, context: Context) -> Iterator[Violation]:
    """An amendment explains what it corrects.

    A 3/A, 4/A or 5/A speaks as of the original; without a remark or footnote saying what
    changed, readers cannot tell the correction from a new report.

    Fails::

        document_type: 4/A
        date_of_original_submission: 2026-04-07

    Reported on: remarks
    Message: no footnote explaining the amendment

    Passes::

        document_type: 4/A
        date_of_original_submission: 2026-04-07
        remarks: This amendment corrects the number of shares purchased, misstated in the original.
    """
    if filing.is_amendment and not (filing.remarks or "").strip() and not filing.footnotes:
        yield Violation(f"this {filing.document_type} has no remarks and no footnote explaining the amendment", ("remarks",))


@rule(
    "RMK-PLACEHOLDER",
    "error",
    fix="Replace the placeholder in remarks with what the amendment corrects.",
    source="practice; form4gen amend",
)
def amendment_placeholder_replaced(filing: Filing, context: Context) -> Iterator[Violation]:
    """The placeholder remark that ``form4gen amend`` writes has been replaced.

    ``form4gen amend`` starts an amendment with a bracketed placeholder in remarks so that the
    explanation cannot be forgotten; filed as it is, the amendment would publish the placeholder.

    Fails::

        document_type: 4/A
        date_of_original_submission: 2026-04-07
        remarks: "[form4gen: say what this amendment corrects, and remove the lines it does not change]"

    Reported on: remarks
    Message: placeholder form4gen amend wrote

    Passes::

        document_type: 4/A
        date_of_original_submission: 2026-04-07
        remarks: This amendment corrects the price of the purchase reported on April 6, 2026.
    """
    if filing.remarks and REMARK_PLACEHOLDER in filing.remarks:
        yield Violation("remarks still hold the placeholder form4gen amend wrote", ("remarks",))


@rule(
    "FN-NUMBERING",
    "warning",
    kind="xml",
    fix="Renumber the footnotes F1, F2, ... in the order they are first referred to (form4gen does).",
    source="practice (rules.md O-120)",
)
def footnotes_in_order(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """Footnotes are numbered in the order the form first refers to them.

    Readers go down the tables and expect (1) before (2).  EDGAR does not care.

    Fails::

        <ownershipDocument><securityTitle><value>Common Stock</value><footnoteId id="F2"/></securityTitle>
        <transactionDate><value>2026-04-06</value><footnoteId id="F1"/></transactionDate></ownershipDocument>

    Reported on: the document
    Message: in the order F2, F1

    Passes::

        <ownershipDocument><securityTitle><value>Common Stock</value><footnoteId id="F1"/></securityTitle>
        <transactionDate><value>2026-04-06</value><footnoteId id="F2"/></transactionDate></ownershipDocument>
    """
    seen: list[str] = []
    for node in document.root.iter("footnoteId") if document.root is not None else ():
        mark = node.get("id")
        if mark and mark not in seen:
            seen.append(mark)
    expected = [f"F{n}" for n in range(1, len(seen) + 1)]
    if seen and seen != expected:
        yield Violation(f"footnotes are first referred to in the order {', '.join(seen[:8])}{' ...' if len(seen) > 8 else ''}", line=None)
