"""Drafts of all six document types build into XML that both schemas accept."""

from __future__ import annotations

import pytest
from conftest import SEC_SCHEMAS, sec_schema

from form4gen import check, load, parse_xml, to_xml

HEAD = """\
issuer: {cik: "1000045", trading_symbol: NICK}
reporting_owners:
  - cik: "1599117"
    address: {non_us_address: true, street1: 1 Rue de la Paix, city: Paris, country: I0, zip_code: "75002"}
    relationship: {is_other: true, other_text: Member of 13(d) group}
signatures:
  - {name: /s/ Jean Dupont, date: 2026-04-02}
"""

FORM3 = """\
document_type: {doc}
period_of_report: 2026-03-20
{original}
non_derivative_table:
  - security_title: Common Stock
    post_transaction_amounts: {{shares_owned_following_transaction: 1200}}
    ownership_nature: {{direct_or_indirect_ownership: I, nature_of_ownership: By spouse}}
derivative_table:
  - security_title: Stock Option (right to buy)
    conversion_or_exercise_price: 12.25
    exercise_date: {{footnotes: [vesting]}}
    expiration_date: 2035-03-20
    underlying_security: {{title: Common Stock, shares: 5000}}
    ownership_nature: {{direct_or_indirect_ownership: D}}
footnotes:
  vesting: The option vests in four equal annual installments from 2027-03-20.
"""

FORM5 = """\
document_type: {doc}
period_of_report: 2025-12-31
{original}
aff10b5one: false
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2025-06-01
    transaction_coding: {{code: G}}
    transaction_timeliness: L
    transaction_amounts: {{shares: 100, price_per_share: 0, acquired_disposed_code: A}}
    post_transaction_amounts: {{shares_owned_following_transaction: 1300}}
    ownership_nature: {{direct_or_indirect_ownership: D}}
  - security_title: Preferred Stock
    transaction_coding: {{form_type: "3", footnotes: [late]}}
    post_transaction_amounts: {{shares_owned_following_transaction: 50}}
    ownership_nature: {{direct_or_indirect_ownership: D}}
footnotes:
  late: Held since 2024 and not reported on Form 3.
"""

FORM4 = """\
document_type: {doc}
{original}
aff10b5one: true
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2026-03-30
    transaction_coding: {{code: S, equity_swap_involved: false}}
    transaction_amounts: {{shares: 250, price_per_share: {{value: 41.07, footnotes: [plan]}}, acquired_disposed_code: D}}
    post_transaction_amounts: {{shares_owned_following_transaction: 950}}
    ownership_nature: {{direct_or_indirect_ownership: D}}
footnotes:
  plan: Sold under a Rule 10b5-1 plan adopted on 2025-11-14.
"""


def _draft(template: str, doc: str) -> str:
    original = "date_of_original_submission: 2026-04-03" if doc.endswith("/A") else ""
    return template.format(doc=doc, original=original) + HEAD


@pytest.mark.parametrize(
    "doc, template",
    [("3", FORM3), ("3/A", FORM3), ("4", FORM4), ("4/A", FORM4), ("5", FORM5), ("5/A", FORM5)],
)
def test_every_document_type_builds_schema_valid_xml(tmp_path, doc, template):
    path = tmp_path / "draft.yaml"
    path.write_text(_draft(template, doc))
    filing = load(path)
    assert filing.document_type == doc and filing.is_amendment == doc.endswith("/A")
    text = to_xml(filing)
    assert f"<documentType>{doc}</documentType>" in text
    assert ("<dateOfOriginalSubmission>2026-04-03</dateOfOriginalSubmission>" in text) == doc.endswith("/A")
    assert "<rptOwnerNonUSAddressFlag>1</rptOwnerNonUSAddressFlag>" in text and "<rptOwnerCountry>I0</rptOwnerCountry>" in text
    assert check(filing).ok, check(filing).errors
    assert to_xml(parse_xml(text.encode())) == text  # and it reads back unchanged
    if SEC_SCHEMAS.is_dir():
        assert not list(sec_schema(doc).iter_errors(text))


def test_form5_late_form3_holding_and_timeliness(tmp_path):
    path = tmp_path / "five.yaml"
    path.write_text(_draft(FORM5, "5"))
    text = to_xml(load(path))
    assert "<transactionTimeliness>\n                <value>L</value>" in text
    assert "<transactionFormType>3</transactionFormType>" in text
    assert "<transactionFormType>5</transactionFormType>" in text  # form type defaults to the form


def test_form3_derivative_holding_has_no_post_transaction_amounts(tmp_path):
    path = tmp_path / "three.yaml"
    path.write_text(_draft(FORM3, "3"))
    text = to_xml(load(path))
    holding = text[text.index("<derivativeHolding>") : text.index("</derivativeHolding>")]
    assert "postTransactionAmounts" not in holding
