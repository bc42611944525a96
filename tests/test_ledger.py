"""The holdings ledger: a real owner-and-issuer series from the corpus replayed line by line,
figures computed for a draft from holdings_before, and ``form4gen holdings``."""

from __future__ import annotations

import datetime
import shutil
from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import CORPUS, requires_shared

from form4gen import InputError, check, parse_xml
from form4gen.cli import main
from form4gen.prepare.ledger import Adjustment, replay
from form4gen.rules.examples import example_filing

MUSK, TESLA = "0001494730", "0001318605"
TESLA_SPLITS = [
    Adjustment(datetime.date(2020, 8, 31), "Common Stock", Decimal(5), "5-for-1 split"),
    Adjustment(datetime.date(2022, 8, 25), "Common Stock", Decimal(3), "3-for-1 split"),
]


def _series():
    filings = []
    for path in sorted(CORPUS.glob(f"{TESLA}_*.xml")):
        try:
            filing = parse_xml(path)
        except InputError:
            continue
        if [o.cik for o in filing.reporting_owners] == [MUSK]:
            filings.append(filing)
    return filings


@requires_shared
def test_a_real_series_replays_line_by_line():
    """Elon Musk's Tesla filings in the corpus, 2012 to 2022: every reported "owned following"
    figure against the balance carried forward.  The corpus does not hold every filing of the
    series, so some figures jump: each is explained."""
    filings = _series()
    assert len(filings) >= 40
    plain = replay(filings)
    adjusted = replay(filings, TESLA_SPLITS)
    print(f"\nTesla / Musk: {len(filings)} filings, {len(adjusted.compared)} figures compared")
    print(f"agreement without the splits {plain.agreement:.1%}, with them {adjusted.agreement:.1%}")
    for c in adjusted.compared:
        if not c.agrees:
            print(f"  {c.source.rsplit('/', 1)[-1]} {c.label} {c.day}: expected {c.expected}, reported {c.reported}: {c.explanation}")
            assert c.explanation
    assert adjusted.agreement >= 0.96 and adjusted.agreement > plain.agreement
    split_jumps = [c for c in plain.compared if "factor of 5" in c.explanation]
    assert split_jumps and not [c for c in adjusted.compared if "factor of" in c.explanation]
    assert [a.note for a in adjusted.applied] == ["5-for-1 split", "3-for-1 split"]


DRAFT = """
holdings_before:
  - {security_title: Common Stock, ownership: D, shares: 10000}
  - {security_title: Common Stock, ownership: I, nature: By Trust, shares: 500}
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding: {code: P}
    transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
    ownership_nature: {direct_or_indirect_ownership: D}
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding: {code: S}
    transaction_amounts: {shares: 250.5, price_per_share: 10.30, acquired_disposed_code: D}
    ownership_nature: {direct_or_indirect_ownership: D}
  - security_title: Common Stock
    ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: By Trust}
"""


def test_a_draft_gets_its_figures_from_holdings_before():
    filing = example_filing(DRAFT)
    figures = [r.post_transaction_amounts.shares_owned_following_transaction.value for r in filing.non_derivative_table]
    assert figures == [Decimal(11000), Decimal("10749.5"), Decimal(500)]
    assert check(filing, as_of=datetime.date(2026, 4, 7)).findings == []


def test_a_line_with_neither_figure_nor_opening_balance_is_an_input_error():
    with pytest.raises(InputError) as caught:
        example_filing(DRAFT.replace("  - {security_title: Common Stock, ownership: I, nature: By Trust, shares: 500}\n", ""))
    assert (
        "non_derivative_table[2]: has no post_transaction_amounts and holdings_before has no opening balance for common stock (indirect, by trust)"
        in caught.value.render()
    )


@requires_shared
def test_holdings_command_carries_the_balances_into_a_draft(tmp_path):
    folder = tmp_path / "musk"
    folder.mkdir()
    for path in CORPUS.glob(f"{TESLA}_*.xml"):
        shutil.copy(path, folder)
    runner = CliRunner()
    result = runner.invoke(
        main, ["holdings", str(folder), "--owner", MUSK, "--split", "2020-08-31:Common Stock:5-for-1", "--split", "2022-08-25:Common Stock:3-for-1"]
    )
    assert result.exit_code == 0, result.output
    assert "% agree" in result.output and "closing balances:" in result.output
    result = runner.invoke(
        main, ["holdings", str(folder), "--owner", MUSK, "--split", "2020-08-31:Common Stock:5-for-1", "--split", "2022-08-25:Common Stock:3-for-1", "--yaml"]
    )
    assert result.exit_code == 0, result.output
    assert "Adjustments applied: 2020-08-31 Common Stock split 5-for-1; 2022-08-25 Common Stock split 3-for-1" in result.output
    from form4gen.rules.examples import merge, parse_yaml

    before = parse_yaml(result.output)["holdings_before"]
    direct = next(e for e in before if e["ownership"] == "D" and e["security_title"] == "Common Stock")
    draft = parse_yaml(DRAFT)
    draft["holdings_before"] = before
    draft["non_derivative_table"] = draft["non_derivative_table"][:2]
    from form4gen.drafts.load import filing_from_data
    from form4gen.rules.examples import example_data

    data = merge(example_data(""), draft)
    filing = filing_from_data(data, "<draft>")
    assert filing.non_derivative_table[0].post_transaction_amounts.shares_owned_following_transaction.value == Decimal(str(direct["shares"])) + 1000
    bad = runner.invoke(main, ["holdings", str(folder), "--owner", MUSK, "--split", "yesterday"])
    assert bad.exit_code == 2 and "DATE:TITLE:RATIO" in bad.output
    none = runner.invoke(main, ["holdings", str(folder), "--owner", "999"])
    assert none.exit_code == 2 and "no filing of owner 999" in none.output
