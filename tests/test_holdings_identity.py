"""What one holding is (form4gen.form.holdings), decided once and used alike by the draft
carry-forward, XF-CARRY, ND-RUNNING, TBL-CLASS-LINES and the ledger: two trusts both written
"By Trust" and told apart by footnotes are two holdings."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner

from form4gen import InputError, check, load, to_xml
from form4gen.cli import main
from form4gen.form.holdings import HoldingKey, balance_after, continuing, key_of_row, opening_balance
from form4gen.prepare.ledger import replay
from form4gen.rules.examples import example_filing

AS_OF = datetime.date(2026, 4, 7)
TWO_TRUSTS = """
holdings_before:
  - {security_title: Common Stock, ownership: I, nature: By Trust, nature_footnotes: [smith], shares: 500}
  - {security_title: Common Stock, ownership: I, nature: By Trust, nature_footnotes: [jones], shares: 8000}
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding: {code: S}
    transaction_amounts: {shares: 100, price_per_share: 10.25, acquired_disposed_code: D}
    ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: {value: By Trust, footnotes: [smith]}}
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding: {code: S}
    transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
    ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: {value: By Trust, footnotes: [jones]}}
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding: {code: S}
    transaction_amounts: {shares: 50, price_per_share: 10.30, acquired_disposed_code: D}
    ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: {value: By Trust, footnotes: [smith]}}
footnotes:
  smith: Held by the Smith Family Trust, of which the reporting person is trustee.
  jones: Held by the Jones Trust, of which the reporting person's spouse is trustee.
"""


def _figures(filing):
    return [r.post_transaction_amounts.shares_owned_following_transaction.value for r in filing.non_derivative_table]


def test_a_draft_carries_each_trust_forward_on_its_own():
    filing = example_filing(TWO_TRUSTS)
    assert _figures(filing) == [Decimal(400), Decimal(7000), Decimal(350)]
    rules = {f.rule for f in check(filing, as_of=AS_OF).findings}
    assert not rules & {"XF-CARRY", "ND-RUNNING", "TBL-ORDER"}, rules


def test_one_unmarked_opening_balance_for_two_trusts_is_refused():
    shared = TWO_TRUSTS.replace(
        "  - {security_title: Common Stock, ownership: I, nature: By Trust, nature_footnotes: [smith], shares: 500}\n"
        "  - {security_title: Common Stock, ownership: I, nature: By Trust, nature_footnotes: [jones], shares: 8000}\n",
        "  - {security_title: Common Stock, ownership: I, nature: By Trust, shares: 8500}\n",
    )
    with pytest.raises(InputError) as caught:
        example_filing(shared)
    assert "holdings_before: one opening balance of common stock (indirect, by trust) stands for 2 holdings told apart by footnotes" in caught.value.render()


def test_an_unmarked_opening_balance_still_serves_one_footnoted_holding():
    """Drafts written before footnotes counted keep working."""
    one = TWO_TRUSTS.split(
        "  - security_title: Common Stock\n    transaction_date: 2026-04-06\n    transaction_coding: {code: S}\n    transaction_amounts: {shares: 1000"
    )[0]
    one = one.replace(
        "nature_footnotes: [smith], shares: 500}\n  - {security_title: Common Stock, ownership: I, nature: By Trust, nature_footnotes: [jones], shares: 8000}",
        "shares: 500}",
    )
    one += "footnotes:\n  smith: Held by the Smith Family Trust.\n"
    assert _figures(example_filing(one)) == [Decimal(400)]


def test_a_footnote_that_names_no_draft_footnote_is_refused():
    with pytest.raises(InputError) as caught:
        example_filing(TWO_TRUSTS.replace("nature_footnotes: [jones]", "nature_footnotes: [jonas]"))
    assert "holdings_before[1].nature_footnotes: no footnote named 'jonas'" in caught.value.render()


def test_xf_carry_compares_each_trust_with_its_own_opening_balance():
    wrong = TWO_TRUSTS.replace(
        "    transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}\n",
        "    transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}\n"
        "    post_transaction_amounts: {shares_owned_following_transaction: 7400}\n",
    )
    findings = [f for f in check(example_filing(wrong), as_of=AS_OF).findings if f.rule == "XF-CARRY"]
    assert [(f.location, f.message) for f in findings] == [
        ("non_derivative_table[1].post_transaction_amounts", "Table I row 2 reports 7,400 owned following; the balance carried forward gives 7,000")
    ]


def test_tbl_class_lines_tells_footnoted_trusts_apart():
    holdings = """
not_subject_to_section16: true
non_derivative_table:
  - security_title: Common Stock
    post_transaction_amounts: {shares_owned_following_transaction: 500}
    ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: {value: By Trust, footnotes: [a]}}
  - security_title: Common Stock
    post_transaction_amounts: {shares_owned_following_transaction: 700}
    ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: {value: By Trust, footnotes: [b]}}
footnotes: {a: Held by trust A., b: Held by trust B.}
"""
    assert "TBL-CLASS-LINES" not in {f.rule for f in check(example_filing(holdings), as_of=AS_OF).findings}
    same = holdings.replace("footnotes: {a: Held by trust A., b: Held by trust B.}", "footnotes: {a: Held by trust A., b: Held by  TRUST a.}")
    assert "TBL-CLASS-LINES" in {f.rule for f in check(example_filing(same), as_of=AS_OF).findings}, "the same text (case and spacing aside) is the same holder"


def test_the_ledger_keeps_two_trusts_apart_and_follows_a_reworded_footnote(tmp_path):
    first = example_filing(TWO_TRUSTS)
    later = TWO_TRUSTS.replace("2026-04-06", "2026-05-06").replace(
        "  smith: Held by the Smith Family Trust, of which the reporting person is trustee.\n",
        "  smith: Held by the Smith Family Trust, of which the Reporting Person is the trustee.\n",
    )
    later = later.replace("shares: 500}", "shares: 350}").replace("shares: 8000}", "shares: 7000}")
    second = example_filing(later)
    paths = []
    for index, filing in enumerate((first, second)):
        path = tmp_path / f"f{index}.xml"
        path.write_text(to_xml(filing))
        paths.append(path)
    from form4gen import parse_xml

    result = replay([parse_xml(p) for p in paths])
    assert result.agreement == 1.0 and len(result.compared) == 4
    closing = sorted((k.marks[0][:22], v) for k, v in result.balances.items())
    assert closing == [("held by the jones trus", Decimal(6000)), ("held by the smith fami", Decimal(200))]
    out = CliRunner().invoke(main, ["holdings", str(tmp_path), "--owner", first.reporting_owners[0].cik, "--yaml"])
    assert out.exit_code == 0, out.output
    assert "nature_footnotes: [holder-1]" in out.output or "- holder-1" in out.output
    assert "Held by the Jones Trust" in out.output and "Smith Family Trust" in out.output


def test_the_definitions():
    assert balance_after(Decimal(10), Decimal(3), "A") == 13 and balance_after(Decimal(10), Decimal(3), "D") == 7
    assert balance_after(Decimal(10), None, "A") is None and balance_after(Decimal(10), Decimal(3), None) is None
    plain, marked = HoldingKey("common stock", "I", "by trust"), HoldingKey("common stock", "I", "by trust", marks=("smith",))
    assert opening_balance({plain: Decimal(5)}, marked) == 5 and opening_balance({marked: Decimal(5)}, plain) is None
    other = HoldingKey("common stock", "I", "by trust", marks=("jones",))
    assert continuing([marked], HoldingKey("common stock", "I", "by trust", marks=("smith trust",))) == marked
    assert continuing([marked, other], HoldingKey("common stock", "I", "by trust", marks=("x",))).marks == ("x",)
    assert continuing([marked], other, taken=[marked]) == other
    filing = load_example()
    row = filing.derivative_table[0]
    assert key_of_row(row).exercise_price == "1.9"


def load_example():
    from conftest import EXAMPLE

    return load(EXAMPLE)
