"""Weighted-average aggregation of broker fills (SEC staff relief of 25 June 2008): property
tests with hypothesis, the CSV reader's errors by row, and ``form4gen aggregate``."""

from __future__ import annotations

import datetime
import itertools
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from form4gen import InputError, check
from form4gen.cli import main
from form4gen.drafts.load import filing_from_data
from form4gen.prepare.aggregate import MAX_SPREAD, Fill, aggregate, lines_as_input, read_fills
from form4gen.rules.examples import example_data
from form4gen.rules.prices import price_ranges

DAY = datetime.date(2026, 4, 6)

prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("250"), places=4, allow_nan=False, allow_infinity=False)
shares = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("100000"), places=4, allow_nan=False, allow_infinity=False)


@st.composite
def fill_lists(draw):
    count = draw(st.integers(min_value=1, max_value=40))
    code = draw(st.sampled_from(["P", "S"]))
    out = []
    for row in range(2, count + 2):
        day = DAY + datetime.timedelta(days=draw(st.integers(min_value=0, max_value=2)))
        ownership = draw(st.sampled_from(["D", "I"]))
        out.append(Fill(row, day, code, draw(shares), draw(prices), ownership, "By Trust" if ownership == "I" else ""))
    return out


@settings(max_examples=300, deadline=None)
@given(fill_lists())
def test_weighted_average_properties(fills):
    lines = aggregate(fills)
    # every fill is on exactly one line, and the shares add up
    assert sorted(f.row for line in lines for f in line.fills) == sorted(f.row for f in fills)
    assert sum(line.shares for line in lines) == sum(f.shares for f in fills)
    for line in lines:
        # no line spans more than $1; one day, one code, one ownership per line
        assert line.high - line.low <= MAX_SPREAD
        assert len({f.key for f in line.fills}) == 1
        # the price lies in the range, and is the weighted average to 4 decimals
        assert line.low <= line.price <= line.high
        exact = sum(f.shares * f.price for f in line.fills) / line.shares
        assert line.price == (line.low if line.low == line.high else exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN))
        assert -line.price.as_tuple().exponent <= 4
        if line.is_aggregated:
            # the footnote gives the range, which holds the price
            assert (line.low, line.high) in price_ranges(line.footnote)
            assert "upon request" in line.footnote
    # lines of one day, code and ownership are as few as $1 ranges allow: no two can merge
    by_key: dict[tuple[object, ...], list] = {}
    for line in lines:
        by_key.setdefault(line.first.key, []).append(line)
    for group in by_key.values():
        group.sort(key=lambda line: line.low)
        for before, after in itertools.pairwise(group):
            assert after.low - before.low > MAX_SPREAD


def test_generated_lines_satisfy_the_price_rules():
    fills = [
        Fill(2, DAY, "S", Decimal(100), Decimal("10.20"), "D"),
        Fill(3, DAY, "S", Decimal(250), Decimal("10.75"), "D"),
        Fill(4, DAY, "S", Decimal(50), Decimal("11.35"), "D"),
        Fill(5, DAY, "S", Decimal(300), Decimal("10.40"), "D"),
    ]
    lines = aggregate(fills)
    assert [(line.shares, line.price, line.low, line.high) for line in lines] == [
        (Decimal(650), Decimal("10.5038"), Decimal("10.20"), Decimal("10.75")),
        (Decimal(50), Decimal("11.35"), Decimal("11.35"), Decimal("11.35")),
    ]
    data = example_data("")
    data.update(lines_as_input(lines, {"D": Decimal(10000)}))
    report = check(filing_from_data(data, "<aggregate>"), as_of=datetime.date(2026, 4, 7))
    assert [f.rule for f in report.findings] == []
    assert [r.post_transaction_amounts.shares_owned_following_transaction.value for r in filing_from_data(data, "x").non_derivative_table] == [
        Decimal(9350),
        Decimal(9300),
    ]


def test_csv_errors_are_reported_by_row(tmp_path):
    path = tmp_path / "fills.csv"
    path.write_text(
        "date,code,shares,price,ownership,nature\n"
        "2026-04-06,S,100,10.20,D,\n"
        "2026-04-06,F,100,10.20,D,\n"  # 3: not P or S
        "2026-04-06,S,-5,10.20,D,\n"  # 4: negative shares
        "2026-04-06,S,abc,10.20,D,\n"  # 5: not a number
        "06/04/2026,S,100,10.123456,D,\n"  # 6: bad date, too many decimals
        "2026-04-06,S,100,10.20,I,\n"  # 7: indirect without its nature
    )
    with pytest.raises(InputError) as caught:
        read_fills(path)
    lines = [(p.line, p.location) for p in caught.value.problems]
    assert lines == [(3, "row 3, code"), (4, "row 4, shares"), (5, "row 5, shares"), (6, "row 6, date"), (6, "row 6, price"), (7, "row 7, nature")]
    path.write_text("date,code,shares,ownership\n2026-04-06,S,100,D\n")
    with pytest.raises(InputError, match=r"missing column.*price"):
        read_fills(path)


def test_aggregate_command(tmp_path):
    path = tmp_path / "fills.csv"
    path.write_text("date,code,shares,price,ownership\n2026-04-06,P,100,5.10,D\n2026-04-06,P,300,5.50,D\n")
    result = CliRunner().invoke(main, ["aggregate", str(path), "--owned-before", "D=1000"])
    assert result.exit_code == 0, result.output
    assert "value: 5.4" in result.output and "shares_owned_following_transaction: 1400" in result.output
    assert "ranging from $5.10 to $5.50, inclusive" in result.output
    out = tmp_path / "lines.yaml"
    assert CliRunner().invoke(main, ["aggregate", str(path), "-o", str(out)]).exit_code == 0
    assert CliRunner().invoke(main, ["aggregate", str(path), "-o", str(out)]).exit_code == 2  # no overwrite
    bad = CliRunner().invoke(main, ["aggregate", str(path), "--owned-before", "X=5"])
    assert bad.exit_code == 2 and "expected D=AMOUNT" in bad.output
    (tmp_path / "bad.csv").write_text("date,code,shares,price,ownership\n2026-04-06,P,100,5.10,Q\n")
    broken = CliRunner().invoke(main, ["aggregate", str(tmp_path / "bad.csv")])
    assert broken.exit_code == 2 and "bad.csv:2: row 2, ownership" in broken.output and "Traceback" not in broken.output
