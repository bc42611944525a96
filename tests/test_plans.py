"""Rule 10b5-1 plans named in the input: the box, the adoption-date footnote, cooling-off."""

from __future__ import annotations

import datetime

import pytest

from form4gen import InputError, check
from form4gen.rules.examples import example_filing

PLAN_ROW = """
aff10b5one: ~
plans:
  2025-plan: {adopted: %s}
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding: {code: S, footnote: sale}
    transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: D}
    post_transaction_amounts: {shares_owned_following_transaction: 9000}
    ownership_nature: {direct_or_indirect_ownership: D}
    plan: 2025-plan
footnotes:
  sale: Sold to cover taxes on the vesting of restricted stock units.
"""


def test_a_plan_line_sets_the_box_and_footnotes_the_adoption_date():
    filing = example_filing(PLAN_ROW % "2025-11-14")
    assert filing.aff10b5one is True
    coding = filing.non_derivative_table[0].transaction_coding
    assert coding.footnotes == ["F1", "F2"]  # the user's footnote first, then the plan's
    assert filing.footnote_text("F2") == (
        "The transaction(s) reported on this line were effected pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on November 14, 2025."
    )
    report = check(filing, as_of=datetime.date(2026, 4, 7))
    assert report.findings == []  # PLAN-ADOPTION finds the date; the cooling-off period is over


def test_a_trade_in_the_cooling_off_period_is_warned():
    filing = example_filing(PLAN_ROW % "2026-02-10")
    (finding,) = check(filing, as_of=datetime.date(2026, 4, 7)).warnings
    assert finding.rule == "PLAN-COOLOFF" and "55 days after the plan date 2026-02-10" in finding.message


@pytest.mark.parametrize(
    "change, message",
    [
        ("    plan: other-plan\n", "plan 'other-plan' is not named under 'plans'"),
        ("aff10b5one: false\n", "aff10b5one: is false, but lines are marked as made under a Rule 10b5-1 plan"),
    ],
)
def test_plan_mistakes_are_input_errors(change, message):
    text = PLAN_ROW % "2025-11-14"
    if change.startswith("    plan"):
        text = text.replace("    plan: 2025-plan\n", change)
    else:
        text = text.replace("aff10b5one: ~\n", change)
    with pytest.raises(InputError) as caught:
        example_filing(text)
    assert message in caught.value.render()


def test_a_plan_needs_its_adoption_date():
    with pytest.raises(InputError, match=r"plans\.2025-plan: expected"):
        example_filing((PLAN_ROW % "2025-11-14").replace("{adopted: 2025-11-14}", "{adopted: soon}"))
