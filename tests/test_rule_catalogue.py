"""The catalogue covers the research notes: every rule of ../shared/research/rules.md sections B to P
maps to the form4gen rule(s) that enforce it, or says why a single filing cannot decide it.  And
rules apply only on the dates they are in force."""

from __future__ import annotations

import datetime
import re

import pytest
from conftest import SHARED

from form4gen import check, rules
from form4gen.rules.examples import example_filing

RULES_MD = SHARED / "research" / "rules.md"
SCHEMA = "XML-SCHEMA"

# research ID -> form4gen rule IDs (space separated), or None and the reason it is not decidable
COVERAGE: dict[str, str | tuple[None, str]] = {
    # B. XML formatting and data types
    "FMT-DECL": "FMT-DECL XML-SYNTAX",
    "FMT-NOPI": "FMT-NOPI",
    "FMT-NONS": "FMT-NONS",
    "FMT-ORDER": SCHEMA,
    "FMT-NOCOMPRESS": "FMT-NOCOMPRESS",
    "FMT-ONELINE": "FMT-ONELINE",
    "FMT-ESCAPE": "XML-SYNTAX",
    "FMT-BOOL": SCHEMA,
    "FMT-BOOL-RENDER": "FMT-BOOL-RENDER",
    "FMT-DATE": "XML-SCHEMA FMT-DATE-ZONE",
    "FMT-DEC": SCHEMA,
    "FMT-LEN": "XML-SCHEMA FMT-ONELINE",
    "FMT-NA": "FMT-NA",
    # C. Document level
    "DOC-TYPE": SCHEMA,
    "DOC-POR-REQ": SCHEMA,
    "DOC-POR-F4": "DOC-POR-F4",
    "DOC-POR-F3F5": "DOC-POR-F5 TIM-F3",
    "DOC-POR-FUTURE": "DOC-POR-FUTURE",
    "DOC-ORIG": SCHEMA,
    "DOC-ORIG-SANE": "DOC-ORIG-SANE",
    "DOC-NSS-SCOPE": SCHEMA,
    "DOC-NONEMPTY": "DOC-NONEMPTY",
    "DOC-F3-HOLDINGS": "XML-SCHEMA FMT-NA",
    "DOC-SCHEMAVER": "DOC-SCHEMAVER",
    "DOC-10B5-PRESENT": "XML-SCHEMA DOC-10B5-F3",
    "DOC-REMARKS": SCHEMA,
    "DOC-OWNERS": SCHEMA,
    "DOC-SIGS": SCHEMA,
    "DOC-ROWS": SCHEMA,
    # D. Issuer
    "ISS-CIK": "XML-SCHEMA ISS-CIK",
    "ISS-NAME": "ISS-NAME",
    "ISS-SYMBOL": "XML-SCHEMA ISS-SYMBOL",
    "ISS-FOREIGN": SCHEMA,
    "ISS-DRIFT": (None, "compares with an issuer master and earlier filings, not decidable from one filing"),
    # E. Reporting owners
    "OWN-CIK": "XML-SCHEMA OWN-CIK",
    "OWN-CCC": "XML-SCHEMA OWN-CCC",
    "OWN-CCC-SECRET": "OWN-CCC-SECRET",
    "OWN-NAME": "OWN-NAME",
    "OWN-DUP": "OWN-DUP",
    "OWN-ADDR-ALL": "OWN-ADDR-ALL",
    "OWN-ADDR-LEN": "XML-SCHEMA OWN-ADDR-LEN",
    "OWN-STATE": SCHEMA,
    "OWN-NONUS": "OWN-NONUS",
    "OWN-REL-ONE": "OWN-REL-ONE",
    "OWN-OFFICER": "OWN-OFFICER",
    "OWN-OTHER": "OWN-OTHER",
    "OWN-ORPHAN-TEXT": "OWN-ORPHAN-TEXT",
    "OWN-FPI-10PCT": "OWN-FPI-10PCT",
    # F. Signatures and power of attorney
    "SIG-FIELDS": SCHEMA,
    "SIG-PER-OWNER": "SIG-PER-OWNER",
    "SIG-DATE": "SIG-DATE",
    "SIG-RETAIN": (None, "a record-keeping duty of the filer; nothing in the filing shows it"),
    "POA-EX24": "POA-EX24",
    "POA-FORMID": (None, "about signing Form ID, not an ownership filing"),
    # G. Tables and rows
    "TBL-SEPARATE": "PRC-WAVG-ELIG",
    "TBL-TITLE": SCHEMA,
    "TBL-ORDER": "TBL-ORDER",
    "TBL-HOLD-NOCODE": SCHEMA,
    "TBL-CLASS-LINES": "TBL-CLASS-LINES",
    # H. Transaction coding
    "COD-REQ": SCHEMA,
    "COD-FORMTYPE": SCHEMA,
    "COD-PICKLIST": SCHEMA,
    "COD-J-FOOTNOTE": "COD-J-FOOTNOTE",
    "COD-TABLE": "COD-TABLE",
    "COD-AD-CONSIST": "COD-AD-CONSIST",
    "COD-GIFT": "COD-GIFT",
    "COD-5ON4": "COD-5ON4",
    "COD-SWAP": "COD-SWAP",
    # I. Timeliness
    "TML-F4": "TML-F4",
    "TML-F5": "TML-F5",
    "TML-NOFLAG": "TIM-LATE",
    # J. Non-derivative transactions
    "ND-DATE": SCHEMA,
    "ND-DEEMED": "ND-DEEMED",
    "ND-SHARES": "XML-SCHEMA ND-SHARES",
    "ND-PRICE": SCHEMA,
    "ND-AD": SCHEMA,
    "ND-POST": SCHEMA,
    "ND-VALUE-USE": "ND-VALUE-USE",
    "ND-RUNNING": "ND-RUNNING",
    # K. Derivative transactions
    "DV-CEP": SCHEMA,
    "DV-AMOUNTS": SCHEMA,
    "DV-DATES": SCHEMA,
    "DV-DATE-ORDER": "DV-DATE-ORDER",
    "DV-UNDERLYING": SCHEMA,
    "DV-PAIRING": "DV-PAIRING",
    "DV-POST": SCHEMA,
    # L. Holdings
    "HLD-ND": SCHEMA,
    "HLD-DV": SCHEMA,
    "HLD-F4": (None, "needs the owner's holdings from earlier filings (the holdings ledger)"),
    # M. Ownership nature
    "NAT-DI": SCHEMA,
    "NAT-I": "NAT-I",
    "NAT-D": "NAT-D",
    # N. Prices
    "PRC-WAVG-ELIG": "PRC-WAVG-ELIG",
    "PRC-WAVG-FN": "PRC-WAVG-FN",
    "PRC-WAVG-MATH": "PRC-WAVG-MATH",
    "PRC-USD": (None, "the currency a price was paid in is not in the filing"),
    # O. Footnotes and remarks
    "FN-ID": SCHEMA,
    "FN-DUP": SCHEMA,
    "FN-RESOLVE": SCHEMA,
    "FN-UNUSED": "FN-UNUSED",
    "FN-DOUBLE": "FN-DOUBLE",
    "FN-WHERE": SCHEMA,
    "FN-LEN": "FN-LEN",
    "FN-NUMBERING": "FN-NUMBERING",
    "RMK-USE": "RMK-USE",
    # P. Rule 10b5-1
    "PLAN-CHECKBOX": "XML-SCHEMA PLAN-CONSIST",
    "PLAN-ADOPTION": "PLAN-ADOPTION",
    "PLAN-LINES": (None, "which lines were plan trades is known to the filer only"),
    "PLAN-CONSIST": "PLAN-CONSIST",
    "PLAN-COOLOFF": "PLAN-COOLOFF",
}


def _research_ids(first: str, last: str) -> list[str]:
    ids, section = [], ""
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## ([A-Z])\. ", line)
        if heading:
            section = heading.group(1)
        row = re.match(r"^\| \d+ \| ([A-Z0-9-]+) \|", line)
        if row and first <= section <= last:
            ids.append(row.group(1))
    return ids


@pytest.mark.skipif(not RULES_MD.is_file(), reason=f"needs the research notes in {RULES_MD} (present in CI)")
def test_every_research_rule_of_sections_b_to_p_is_covered_or_explained():
    research = _research_ids("B", "P")
    assert len(research) == 110  # rules 17 to 126
    assert sorted(research) == sorted(COVERAGE)
    for research_id, covered_by in COVERAGE.items():
        if isinstance(covered_by, tuple):
            assert covered_by[0] is None and covered_by[1]
            continue
        for rule_id in covered_by.split():
            assert rules.get(rule_id) is not None, f"{research_id}: no rule {rule_id}"
    own = sum(1 for v in COVERAGE.values() if isinstance(v, str) and v != SCHEMA)
    undecidable = sum(1 for v in COVERAGE.values() if isinstance(v, tuple))
    by_schema = sum(1 for v in COVERAGE.values() if v == SCHEMA)
    print(f"\nrules.md B-P: {len(COVERAGE)} rules; {own} with a catalogue rule, {by_schema} by the schema alone, {undecidable} not decidable from a filing")


def _gift(day: str, signed: str) -> str:
    return f"""
period_of_report: {day}
non_derivative_table:
  - security_title: Common Stock
    transaction_date: {day}
    transaction_coding: {{code: G, form_type: 5}}
    transaction_amounts: {{shares: 500, price_per_share: 0, acquired_disposed_code: D}}
    post_transaction_amounts: {{shares_owned_following_transaction: 9500}}
    ownership_nature: {{direct_or_indirect_ownership: D}}
signatures:
  - {{name: /s/ Jane Doe, date: {signed}}}
"""


def test_rules_apply_only_while_in_force():
    """Deferring a gift to Form 5 was allowed before 2023-02-27 (Release 33-11138)."""
    before = example_filing(_gift("2023-01-16", "2023-01-17"))
    after = example_filing(_gift("2023-03-06", "2023-03-07"))
    assert "COD-GIFT" not in {f.rule for f in check(before).findings}  # as of today: the gift was before
    assert "COD-GIFT" not in {f.rule for f in check(after, as_of=datetime.date(2023, 2, 1)).findings}
    assert "COD-GIFT" in {f.rule for f in check(after).findings}


def test_the_plan_adoption_date_is_required_from_april_2023():
    text = """
aff10b5one: true
signatures:
  - {name: /s/ Jane Doe, date: 2026-04-07}
"""
    filing = example_filing(text)
    assert "PLAN-ADOPTION" in {f.rule for f in check(filing).errors}
    assert "PLAN-ADOPTION" not in {f.rule for f in check(filing, as_of=datetime.date(2023, 3, 31)).findings}
    assert rules.get("PLAN-ADOPTION").since == datetime.date(2023, 4, 1)


def test_the_readme_counts_the_catalogue():
    from conftest import REPO

    assert f"a catalogue of {len(rules.all_rules())} documented rules" in (REPO / "README.md").read_text()
