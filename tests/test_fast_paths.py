"""The shortcuts taken for speed (issue 6) give what the general code gives: the reader's and
the writer's shortcut for footnoted values, source lines worked out only when a message needs
one, the walks kept per filing, and the case-folded price patterns."""

from __future__ import annotations

import datetime

import pytest
from conftest import corpus_files, requires_shared

from form4gen import check, parse_xml, to_xml
from form4gen.form import spec
from form4gen.rules.examples import example_filing
from form4gen.rules.prices import price_ranges
from form4gen.xml.read import _lines_of, _Reader, parse_tree
from form4gen.xml.read import _plan_of as reader_plan
from form4gen.xml.write import _plan_of as writer_plan


@requires_shared
def test_the_readers_shortcut_reads_what_the_general_reader_reads():
    """Recording lines turns the shortcut off, so the two readings can be compared."""
    compared = 0
    for path in corpus_files():
        root = parse_tree(path.read_bytes(), str(path), strict=False)
        kind = (root.findtext("documentType") or "").strip()
        tree = spec.document_tree(kind).type
        try:
            quick = _Reader(str(path), kind, lines=False).read(tree, root)
        except Exception as exc:  # the browser-altered file: both must refuse it alike
            with pytest.raises(type(exc)):
                _Reader(str(path), kind, lines=True).read(tree, root)
            continue
        assert quick == _Reader(str(path), kind, lines=True).read(tree, root), path.name
        compared += 1
    assert compared >= 460
    assert sum(reader_plan(t).shortcut is not None for t in _complex_types()) >= 10  # the shortcut exists


def _complex_types():
    seen: dict[int, spec.Complex] = {}

    def walk(t: spec.Complex) -> None:
        if id(t) not in seen:
            seen[id(t)] = t
            for e in spec.elements_of(t):
                if isinstance(e.type, spec.Complex):
                    walk(e.type)

    for kind in spec.DOCUMENT_TYPES:
        walk(spec.document_tree(kind).type)
    return list(seen.values())


@requires_shared
def test_the_writers_shortcut_writes_what_the_general_writer_writes(monkeypatch):
    filings = []
    for path in corpus_files()[::4]:
        try:
            filings.append(parse_xml(path))
        except Exception:
            continue
    quick = [to_xml(f) for f in filings]
    shortcuts = [plan for plan in map(writer_plan, _complex_types()) if plan.shortcut]
    assert len(shortcuts) >= 10
    for plan in shortcuts:
        monkeypatch.setattr(plan, "shortcut", None)
    assert [to_xml(f) for f in filings] == quick


@requires_shared
def test_source_lines_worked_out_late_are_the_lines_of_the_fields():
    path = corpus_files()[0]
    filing = parse_xml(path)
    assert filing.provenance.lines_pending is not None  # nothing worked out yet
    text = path.read_text().splitlines()
    line = filing.source_line(("issuer", "cik"))
    assert "<issuerCik>" in text[line - 1]
    row_line = filing.source_line(("non_derivative_table", 0, "transaction_amounts", "shares", "value"))
    if filing.non_derivative_table:
        assert "<value>" in text[row_line - 1] or "<transactionShares>" in text[row_line - 1]
    root = parse_tree(path.read_bytes(), str(path))
    assert filing.provenance.lines == _lines_of(root, str(path), filing.document_type)


def test_a_filing_changed_between_two_checks_is_judged_afresh():
    """The rows and marks kept for one check are forgotten when the next begins, even for the
    same filing object."""
    filing = example_filing("{}")  # the small Form 4 of the rules' examples: one purchase, held directly
    day = datetime.date(2026, 4, 7)
    assert check(filing, as_of=day).ok
    row = filing.non_derivative_table[0].model_copy(deep=True)
    row.ownership_nature.direct_or_indirect_ownership.value = "I"
    filing.non_derivative_table = [row]  # new rows: the old walk of this filing must not be served
    assert [f.rule for f in check(filing, as_of=day).errors] == ["NAT-I"]


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("prices ranging from $10.01 to $10.92, inclusive", [("10.01", "10.92")]),
        ("FROM $1,000.50 THROUGH $1,001.25", [("1000.50", "1001.25")]),
        ("between 10.01 and 10.50", [("10.01", "10.50")]),
        ("between $ 9 and $10", [("9", "10")]),
        ("shares 1,000 to 2,000", []),  # no dollar sign and no cents: not prices
        ("from $12.00 to $11.00", []),  # high before low
        ("İstanbul office: $5.10-$5.90", [("5.10", "5.90")]),  # lower-casing changes the length before it
    ],
)
def test_price_ranges(text, ranges):
    from decimal import Decimal

    assert list(price_ranges(text)) == [(Decimal(a), Decimal(b)) for a, b in ranges]
