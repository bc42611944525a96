"""examples/cellectar-2018-10-12.yaml reproduces the Form 4 in ../shared/seed/."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from conftest import EXAMPLE, SEED, requires_shared, sec_schema

from form4gen import check, load, to_xml


def test_the_example_says_what_the_seed_says():
    filing = load(EXAMPLE)
    assert (filing.document_type, filing.period_of_report) == ("4", date(2018, 10, 12))
    assert (filing.issuer.name, filing.issuer.trading_symbol) == ("Cellectar Biosciences, Inc.", "CLRB")
    (owner,) = filing.reporting_owners
    assert owner.name == "CARUSO JAMES V"
    assert (owner.address.street1, owner.address.street2) == ("C/O CELLECTAR BIOSCIENCES, INC.", "3301 AGRICULTURE DRIVE")
    assert (owner.address.city, owner.address.state, owner.address.zip_code) == ("MADISON", "WI", "53716")
    rel = owner.relationship
    assert (rel.is_director, rel.is_officer, rel.officer_title) == (True, True, "President and CEO")
    assert not rel.is_ten_percent_owner and not rel.is_other
    assert filing.non_derivative_table == []
    (grant,) = filing.derivative_table
    assert grant.security_title.value == "Stock Option (right to buy)"
    assert grant.transaction_coding.code == "A"
    assert grant.transaction_amounts.shares.value == Decimal(150000)
    assert grant.transaction_amounts.acquired_disposed_code.value == "A"
    assert grant.underlying_security.title.value == "Common Stock"
    assert grant.underlying_security.shares.value == Decimal(150000)
    (note,) = filing.footnotes
    assert grant.exercise_date.footnotes == [note.id] == ["F1"]
    assert "definitive grant of 70,950 shares" in note.text and "contingent grant of 79,050 shares" in note.text
    (signature,) = filing.signatures
    assert signature.name == "/s/ Christina Blakley, attorney-in-fact for James V. Caruso"
    assert signature.date == date(2018, 10, 15)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w',.;:()-]+", text)


@requires_shared
def test_the_footnote_is_word_for_word_the_seed():
    seed = " ".join(p.read_text(encoding="utf-8") for p in SEED.glob("*.txt"))
    note = load(EXAMPLE).footnotes[0].text
    seed_words = _words(seed)
    start = seed_words.index("This")
    # the seed's text extraction put the footnote mark "(1)" inside the sentence; it is not part of it
    expected = [w for w in seed_words[start : start + len(_words(note)) + 1] if w != "(1)"]
    assert _words(note) == expected


def test_the_placeholders_are_declared():
    head = EXAMPLE.read_text(encoding="utf-8").split("document_type")[0]
    assert "PLACEHOLDERS" in head and "CIK" in head and "exercise price" in head and "expiration date" in head


@requires_shared
def test_the_built_example_is_valid_for_the_sec_schema():
    text = to_xml(load(EXAMPLE))
    assert not list(sec_schema("4").iter_errors(text))
    assert check(load(EXAMPLE)).ok
