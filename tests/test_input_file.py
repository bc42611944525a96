"""Input files: YAML and JSON in the form's own words, named footnotes, clear errors."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLE

from form4gen import InputError, load, to_xml

MINIMAL = """\
document_type: 4
issuer: {cik: "320193", trading_symbol: AAPL}
reporting_owners:
  - cik: "1214156"
    relationship: {is_officer: true, officer_title: CFO}
aff10b5one: true
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2024-05-03
    transaction_coding: {code: S}
    transaction_amounts:
      shares: 1000
      price_per_share: {value: 183.355, footnotes: [wavg]}
      acquired_disposed_code: D
    post_transaction_amounts: {shares_owned_following_transaction: 5000.5}
    ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: {value: By Trust, footnotes: [trust]}}
  - security_title: {value: Common Stock, footnotes: [plan]}
    transaction_date: 2024-05-02
    transaction_coding: {code: S}
    transaction_amounts: {shares: 10, price_per_share: 3.35, acquired_disposed_code: D}
    post_transaction_amounts: {shares_owned_following_transaction: 4990.5}
    ownership_nature: {direct_or_indirect_ownership: D}
footnotes:
  plan: The sales were made under a Rule 10b5-1 trading plan adopted on 2023-11-01.
  trust: Held by the family trust.
  wavg: Weighted average; prices ranged from $183.00 to $183.80.
signatures:
  - {name: "/s/ Jane Roe, attorney-in-fact", date: 2024-05-06}
"""


def write(tmp_path: Path, text: str, name: str = "filing.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_footnotes_are_numbered_in_order_of_first_reference(tmp_path):
    filing = load(write(tmp_path, MINIMAL))
    # wavg is met first (row 1 price), then trust (row 1 nature), then plan (row 2 title)
    assert [(n.id, n.text.split()[0]) for n in filing.footnotes] == [("F1", "Weighted"), ("F2", "Held"), ("F3", "The")]
    row1, row2 = filing.non_derivative_table
    assert row1.transaction_amounts.price_per_share.footnotes == ["F1"]
    assert row1.ownership_nature.nature_of_ownership.footnotes == ["F2"]
    assert row2.security_title.footnotes == ["F3"]


def test_numbers_are_exact_decimals_and_dates_are_dates(tmp_path):
    filing = load(write(tmp_path, MINIMAL))
    row1, row2 = filing.non_derivative_table
    assert row1.transaction_amounts.price_per_share.value == Decimal("183.355")
    assert row2.transaction_amounts.price_per_share.value == Decimal("3.35")
    assert isinstance(row1.post_transaction_amounts.shares_owned_following_transaction.value, Decimal)
    assert row1.transaction_date.value == date(2024, 5, 3)
    assert "<value>183.355</value>" in to_xml(filing)


def test_defaults_the_form_fills_in(tmp_path):
    filing = load(write(tmp_path, MINIMAL))
    assert filing.period_of_report == date(2024, 5, 2)  # box 3: the earliest transaction
    coding = filing.non_derivative_table[0].transaction_coding
    assert (coding.form_type, coding.code, coding.equity_swap_involved) == ("4", "S", False)


def test_json_input_is_the_same_structure(tmp_path):
    import ruamel.yaml

    data = ruamel.yaml.YAML(typ="safe").load(MINIMAL)
    text = json.dumps(data, default=str).replace('"183.355"', "183.355")
    filing = load(write(tmp_path, text, "filing.json"))
    assert filing.non_derivative_table[0].transaction_amounts.price_per_share.value == Decimal("183.355")
    assert to_xml(filing) == to_xml(load(write(tmp_path, MINIMAL)))


def test_an_error_names_file_field_line_and_expectation(tmp_path):
    text = MINIMAL.replace("transaction_coding: {code: S}\n    transaction_amounts:\n", "transaction_coding: {code: K}\n    transaction_amounts:\n", 1)
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load(path)
    problem = caught.value.problems[0]
    assert caught.value.source == str(path)
    assert problem.location == "non_derivative_table[0].transaction_coding.code"
    assert problem.line == 10
    assert "'S'" in problem.message and "'P'" in problem.message  # lists what is expected
    assert f"{path}:10: non_derivative_table[0].transaction_coding.code:" in caught.value.render()


def test_an_undefined_footnote_name_is_reported(tmp_path):
    path = write(tmp_path, MINIMAL.replace("footnotes: [trust]", "footnotes: [trusts]"))
    with pytest.raises(InputError) as caught:
        load(path)
    problem = caught.value.problems[0]
    assert "'trusts' is not defined" in problem.message
    assert problem.location.startswith("non_derivative_table[0].ownership_nature.nature_of_ownership.footnotes")
    assert problem.line == 16


def test_negative_shares_and_long_titles_are_refused(tmp_path):
    path = write(tmp_path, MINIMAL.replace("shares: 1000", "shares: -5").replace("- security_title: Common Stock", "- security_title: " + "X" * 61))
    with pytest.raises(InputError) as caught:
        load(path)
    locations = {p.location for p in caught.value.problems}
    assert "non_derivative_table[0].transaction_amounts.shares.value" in locations
    assert "non_derivative_table[0].security_title.value" in locations


def test_a_ccc_in_the_input_file_is_refused_without_echoing_it(tmp_path):
    path = write(tmp_path, MINIMAL.replace('cik: "1214156"', 'cik: "1214156"\n    ccc: "ab#12345"'))
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.problems[0].location == "reporting_owners[0].ccc"
    assert caught.value.problems[0].line == 5
    assert "ab#12345" not in caught.value.render()


def test_missing_10b5_1_box_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as caught:
        load(write(tmp_path, MINIMAL.replace("aff10b5one: true\n", "")))
    assert caught.value.problems[0].location == "aff10b5one"


def test_invalid_yaml_names_the_line(tmp_path):
    with pytest.raises(InputError) as caught:
        load(write(tmp_path, "document_type: 4\nissuer: [\n"))
    assert caught.value.problems[0].line == 3
    assert "not valid YAML" in caught.value.problems[0].message


def test_unknown_keys_are_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        load(write(tmp_path, MINIMAL.replace("aff10b5one: true", "aff10b5one: true\nremark: oops")))
    assert caught.value.problems[0].location == "remark"
    assert "not a field" in caught.value.problems[0].message


def test_the_example_loads():
    filing = load(EXAMPLE)
    assert filing.document_type == "4"


def test_a_transaction_row_missing_its_date_is_reported_as_a_transaction(tmp_path):
    text = MINIMAL.replace("    transaction_date: 2024-05-03\n", "")
    with pytest.raises(InputError) as caught:
        load(write(tmp_path, text))
    assert [p.location for p in caught.value.problems] == ["non_derivative_table[0].transaction_date"]


@pytest.mark.parametrize("key, value", [("reporting_owners", "5"), ("non_derivative_table", "5"), ("derivative_table", "true")])
def test_a_list_given_as_a_scalar_is_an_input_error_not_a_crash(tmp_path, key, value):
    from form4gen.rules.examples import BASE

    path = tmp_path / "draft.yaml"
    text = (
        re.sub(rf"^{key}:\n(  .*\n)*", f"{key}: {value}\n", BASE, flags=re.MULTILINE)
        if re.search(rf"^{key}:", BASE, re.MULTILINE)
        else BASE + f"{key}: {value}\n"
    )
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load(path)
    assert key in caught.value.render()


def test_more_owners_or_rows_than_one_filing_takes_are_refused_with_what_to_do():
    from form4gen.drafts.load import filing_from_data
    from form4gen.rules.examples import example_data

    data = example_data("")
    data["non_derivative_table"] = data["non_derivative_table"] * 31
    owner = data["reporting_owners"][0]
    data["reporting_owners"] = [dict(owner, cik=str(1000000 + i)) for i in range(11)]
    with pytest.raises(InputError) as caught:
        filing_from_data(data, "big.yaml")
    text = caught.value.render()
    assert "reporting_owners: 11 reporting owners; one joint filing takes at most 10" in text
    assert "non_derivative_table: 31 rows; Table I of one filing takes at most 30" in text
