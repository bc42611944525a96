"""The rule catalogue against 461 real filings EDGAR accepted, each checked as of its own date.

The goal is no error-level finding on an accepted filing.  Every one that remains is listed
below with the filing named and the reason: in each case the filing itself is wrong under the
form's instructions or the spec (EDGAR does not check those things, or let it through), so the
rule stays an error.  A finding not listed here fails the test: the rule is wrong, or a new
justification must be written.
"""

from __future__ import annotations

from collections import Counter

from conftest import corpus_files, requires_shared

from form4gen import check

JUSTIFIED: dict[tuple[str, str], str] = {
    ("0000019617_open-insider-trader-e01445ac8c5481a36f8504bb5ea10f52_1.xml", "PLAN-ADOPTION"): (
        "JPMorgan Form 4 of 2025-09-02: the Rule 10b5-1 box is checked and the filing has no footnote "
        "at all, so the plan's adoption date that Instruction 10 asks for is missing."
    ),
    ("0000879407_go-edgar-input_1.xml", "PLAN-ADOPTION"): (
        "Arrowhead Form 4 of 2025-12: the footnote says the plan was 'adopted by the Reporting Person' but gives no date."
    ),
    ("0000789019_open-insider-trader-090c28ad092bab465a516fc4c68972d9_1.xml", "DOC-POR-F4"): (
        "Microsoft Form 4: box 3 says 2025-09-02, but the award (code A) it reports is dated 2025-08-31."
    ),
    ("0001232860_open-insider-trader-2913da2a1a3a09dbcf25bf308084e081_1.xml", "DOC-POR-F4"): (
        "Box 3 says 2025-09-29, but both transactions reported are dated 2025-09-25."
    ),
    ("0001318605_0000899243-22-015955_1.xml", "DOC-POR-F4"): (
        "Tesla Form 4 of April 2022: box 3 says 2022-04-26, a day before every transaction it reports (2022-04-27)."
    ),
    ("0001318605_0000899243-21-044235_1.xml", "PRC-WAVG-ELIG"): (
        "Tesla Form 4 of November 2021, Table I row 19: the footnoted range reads '$1,139.920 to $1,1140.890', a typo that states a spread of $10,000."
    ),
    ("0001318605_0000899243-21-047607_1.xml", "PRC-WAVG-MATH"): (
        "Tesla Form 4 of December 2021, Table I row 4: the weighted average $1,005.129 lies outside the range "
        "its footnote gives ($1,005.600 to $1,006.390); one of the two is wrong."
    ),
    ("0001832038_0000899243-22-012864_1.xml", "DOC-NONEMPTY"): (
        "Adagio Therapeutics joint Form 4 of 2022-03-30 reports a holding and no transaction ('not being filed "
        "in connection with the acquisition or disposition of any securities'). Spec v5.5 §4.3.3 says EDGAR "
        "suspends such a Form 4; this one was disseminated all the same. We follow the spec."
    ),
    ("0001443863_springloading_insider_trades-xml_timestamp_1.xml", "XML-SCHEMA"): (
        "Not the document EDGAR accepted: a browser saved it with a <script> element injected as the first "
        "child of <ownershipDocument> (see test_corpus_roundtrip)."
    ),
}


@requires_shared
def test_real_accepted_filings_get_no_unexplained_error():
    files = corpus_files()
    with_errors: dict[str, list[str]] = {}
    warnings: Counter[str] = Counter()
    unexplained = []
    for path in files:
        report = check(path)
        assert report.as_of is not None
        for finding in report.warnings:
            warnings[finding.rule] += 1
        rules_fired = sorted({f.rule for f in report.errors})
        if rules_fired:
            with_errors[path.name] = rules_fired
        for rule_id in rules_fired:
            if (path.name, rule_id) not in JUSTIFIED:
                messages = [f.message for f in report.errors if f.rule == rule_id]
                unexplained.append(f"{path.name} {rule_id}: {messages[0]}")
    print(
        f"\n{len(files)} real accepted filings checked as of their own dates: "
        f"{len(with_errors)} with an error-level finding, all named in JUSTIFIED; "
        f"{len(files) - len(with_errors)} with none"
    )
    print("warnings by rule: " + ", ".join(f"{rule} {n}" for rule, n in warnings.most_common()))
    assert not unexplained, "\n".join(unexplained)
    stale = sorted(k for k in JUSTIFIED if k[1] not in with_errors.get(k[0], []))
    assert not stale, f"justified findings that no longer occur: {stale}"
    assert len(with_errors) == len({name for name, _ in JUSTIFIED})
