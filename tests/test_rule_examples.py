"""Every rule's documentation: its failing example makes it fire, its passing example does not.

The examples are the ``Fails::`` / ``Passes::`` blocks of each rule's docstring (what
``form4gen rules ID`` shows), so the documentation cannot drift from the code.  Each failing
example says where its finding lands (``Reported on:``: a field path as ``Finding.location``
prints it, ``line N`` of an XML example, or ``the document``) and may quote its message
(``Message:``), and the finding must land exactly there.
"""

from __future__ import annotations

import datetime
import re

import pytest

from form4gen import check, rules
from form4gen.rules.examples import example_filing

ALL = rules.all_rules()


def _run(rule: rules.Rule, text: str, *, only_this_rule: bool = True):
    select = (rule.id,) if only_this_rule else ()
    if text.lstrip().startswith("<"):
        return check(text.encode("utf-8"), select=select, as_of=datetime.date(2026, 3, 20))
    filing = example_filing(text)
    signed = max(s.date for s in filing.signatures)
    return check(filing, select=select, as_of=signed)


def _lands_at(finding, location: str) -> bool:
    """Whether the finding is reported where the example's ``Reported on:`` line says."""
    if location == "the document":
        return finding.location == "" and finding.line is None
    line = re.fullmatch(r"line (\d+)", location)
    if line:
        return finding.line == int(line[1])
    return finding.location == location


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_rule_is_fully_documented(rule):
    assert rule.title and rule.title.endswith("."), "the first docstring line says what the rule requires"
    assert rule.description, "the docstring explains why EDGAR or the form cares"
    assert rule.fix and rule.source
    verdicts = [e.verdict for e in rule.examples]
    assert "fails" in verdicts and "passes" in verdicts
    for example in rule.examples:
        assert "Reported on:" not in example.text and "Message:" not in example.text
    assert "Reported on:" not in rule.description and "Message:" not in rule.description


def test_every_failing_example_says_where_it_is_reported():
    unpinned = [r.id for r in ALL for e in r.examples if e.verdict == "fails" and not e.location]
    assert unpinned == [], f"Fails:: examples with no 'Reported on:' line: {', '.join(unpinned)}"
    pinned_passes = [r.id for r in ALL for e in r.examples if e.verdict == "passes" and (e.location or e.message)]
    assert pinned_passes == [], f"a passing example reports nothing, yet these say where: {', '.join(pinned_passes)}"


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_failing_example_fires_the_rule(rule):
    for example in (e for e in rule.examples if e.verdict == "fails"):
        report = _run(rule, example.text)
        fired = [f for f in report.findings if f.rule == rule.id]
        assert fired, f"{rule.id}: the failing example raised nothing"
        assert all(f.severity == rule.severity and f.message for f in fired)
        if example.location is not None:  # test_every_failing_example_says_where_it_is_reported wants one
            there = [f for f in fired if _lands_at(f, example.location)]
            found = [(f.location, f.line, f.message) for f in fired]
            assert there, f"{rule.id}: nothing reported on {example.location!r}; found {found}"
            if example.message is not None:
                assert any(example.message in f.message for f in there), (
                    f"{rule.id}: no message with {example.message!r} on {example.location!r}; found {found}"
                )


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_passing_example_is_clean(rule):
    for example in (e for e in rule.examples if e.verdict == "passes"):
        report = _run(rule, example.text)
        assert not [f for f in report.findings if f.rule == rule.id], report.findings
        if example.language == "yaml":
            # a passing draft is a filing EDGAR would take: no error from any rule
            full = _run(rule, example.text, only_this_rule=False)
            assert full.errors == [], full.errors


def test_the_base_example_is_clean():
    from form4gen.rules.examples import BASE

    filing = example_filing("")
    report = check(filing, as_of=datetime.date(2026, 4, 7))
    assert report.findings == [], report.findings
    assert "document_type: 4" in BASE
