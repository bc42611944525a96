"""XML out: EDGAR-ready per spec section 4.1, in schema order, from one source of truth."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from conftest import EXAMPLE

from form4gen import check, load, parse_xml, to_xml
from form4gen.form import models, spec
from form4gen.form.spec import Complex


def test_declaration_first_indentation_and_one_value_per_line():
    text = to_xml(load(EXAMPLE))
    assert text.startswith('<?xml version="1.0"?>\n<ownershipDocument>\n')
    for line in text.splitlines()[1:]:
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 4 == 0, line
        if "<value>" in line:
            assert re.fullmatch(r"\s*<value>[^<\n]*</value>", line), line


def test_escaping_and_line_breaks_stay_on_one_line():
    filing = load(EXAMPLE)
    filing.remarks = 'A & B <c> "d"\nsecond line'
    text = to_xml(filing)
    assert "<remarks>A &amp; B &lt;c&gt; &quot;d&quot;&#10;second line</remarks>" in text
    assert parse_xml(text.encode()).remarks == filing.remarks
    assert not check(text.encode()).errors


def test_booleans_are_1_and_0_and_empty_optionals_are_omitted():
    text = to_xml(load(EXAMPLE))
    assert "<isDirector>1</isDirector>" in text and "<aff10b5One>0</aff10b5One>" in text
    assert "isTenPercentOwner" not in text  # not given: omitted, not written empty
    assert "<transactionTimeliness" not in text and "<remarks" not in text and "<nonDerivativeTable" not in text


def test_edgar_filled_elements_are_left_out_of_drafts_and_kept_for_imports():
    filing = load(EXAMPLE)
    draft = to_xml(filing)
    assert "issuerName" not in draft and "rptOwnerName" not in draft and "schemaVersion" not in draft
    assert "<issuerName>Cellectar Biosciences, Inc.</issuerName>" in to_xml(filing, edgar_fields=True)
    imported = parse_xml(to_xml(filing, edgar_fields=True).encode())
    assert "<rptOwnerName>CARUSO JAMES V</rptOwnerName>" in to_xml(imported)


def test_decimals_keep_their_digits_and_never_use_exponents():
    filing = load(EXAMPLE)
    row = filing.derivative_table[0]
    row.transaction_amounts.shares = models.Footnoted[models.Amount](value=Decimal("1E+3"))
    row.conversion_or_exercise_price = models.Footnoted[models.Amount](value=Decimal("12.5000"))
    text = to_xml(filing)
    assert "<value>1000</value>" in text and "<value>12.5000</value>" in text


def test_holdings_and_transactions_keep_their_interleaved_order():
    filing = load(EXAMPLE)
    holding = models.DerivativeHolding.model_validate(
        {
            "security_title": "Warrant",
            "conversion_or_exercise_price": 5,
            "exercise_date": date(2020, 1, 1),
            "expiration_date": date(2030, 1, 1),
            "underlying_security": {"title": "Common Stock", "shares": 10},
            "post_transaction_amounts": {"shares_owned_following_transaction": 10},
            "ownership_nature": {"direct_or_indirect_ownership": "D"},
        }
    )
    filing.derivative_table = [holding, filing.derivative_table[0], holding]
    text = to_xml(filing)
    assert [m for m in re.findall(r"<(derivative(?:Holding|Transaction))>", text)] == [
        "derivativeHolding",
        "derivativeTransaction",
        "derivativeHolding",
    ]
    assert not check(text.encode()).errors


@pytest.mark.parametrize("document_type", spec.DOCUMENT_TYPES)
def test_every_element_maps_to_a_model_field_in_the_same_order(document_type):
    """spec.py and models.py cannot drift: each complex type's attrs are fields of the model that
    holds them, in the same order."""
    row_classes = {
        "nonDerivativeTransaction": models.NonDerivativeTransaction,
        "nonDerivativeHolding": models.NonDerivativeHolding,
        "derivativeTransaction": models.DerivativeTransaction,
        "derivativeHolding": models.DerivativeHolding,
    }
    holders = {
        "OWNERSHIP_DOCUMENT": models.Filing,
        "ISSUER": models.Issuer,
        "REPORTING_ADDRESS": models.Address,
        "REPORTING_RELATIONSHIP": models.Relationship,
        "TRANSACTION_CODING_FOR_4": models.TransactionCoding,
        "TRANSACTION_CODING_FOR_5": models.TransactionCoding,
        "TRANSACTION_CODE_FOR_HOLDING": models.HoldingCoding,
        "NONDERIV_TRANSACT_AMOUNTS": models.TransactionAmounts,
        "DERIV_TRANSACT_NO_FOOT": models.TransactionAmounts,
        "POST_TRANSACTION_AMOUNTS": models.PostTransactionAmounts,
        "OWNERSHIP_NATURE": models.OwnershipNature,
        "UNDERLYING_SECURITY": models.UnderlyingSecurity,
        "SIGNATURE": models.Signature,
        "NONDERIVATIVE_TRANSACTION": models.NonDerivativeTransaction,
        "NONDERIVATIVE_HOLDING": models.NonDerivativeHolding,
        "DERIVATIVE_TRANSACTION": models.DerivativeTransaction,
        "DERIVATIVE_HOLDING": models.DerivativeHolding,
    }
    seen = set()

    def attrs(t: Complex) -> list[str]:
        out = []
        for e in spec.elements_of(t):
            if e.attr is None and isinstance(e.type, Complex):
                out.extend(attrs(e.type))
            elif e.attr not in out:
                out.append(e.attr)
        return out

    def visit(t: Complex) -> None:
        if t.name in seen:
            return
        seen.add(t.name)
        model = holders.get(t.name)
        if model is not None:
            fields = list(model.model_fields)
            names = attrs(t)
            assert all(n in fields for n in names), (t.name, set(names) - set(fields))
            assert names == [f for f in fields if f in names], t.name
        for e in spec.elements_of(t):
            if isinstance(e.type, Complex):
                visit(e.type)

    root = spec.document_tree(document_type)
    visit(root.type)
    for name, cls in row_classes.items():
        assert cls.__name__[0].lower() + cls.__name__[1:] == name
    assert "OWNERSHIP_DOCUMENT" in seen
