"""check() is safe to call from many threads at once: what the rules share for one filing lives
on that check and dies with it (form4gen.rules.walk.walks_of_one_check)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from conftest import corpus_files, requires_shared

from form4gen import check, parse_xml


def _findings(report):
    return [(f.rule, f.severity, f.message, f.location, f.line) for f in report.findings]


@requires_shared
def test_200_documents_checked_from_8_threads_give_the_sequential_findings():
    paths = corpus_files()[:200]
    assert len(paths) == 200
    filings = []
    for path in paths:
        try:
            filings.append(parse_xml(path))
        except Exception:  # the corpus holds a few unreadable documents on purpose
            continue
    # both kinds of check: the document (XML rules and schema) and the filing model
    sequential = [_findings(check(p)) for p in paths] + [_findings(check(f)) for f in filings]
    assert any(sequential), "the corpus gives some findings, so a mix-up could show"
    work = [("xml", p) for p in paths] + [("model", f) for f in filings]
    work = work * 3  # many checks in flight at once, in a different order in every thread
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda item: _findings(check(item[1])), work))
    expected = sequential * 3
    mismatched = [i for i, (a, b) in enumerate(zip(results, expected, strict=False)) if a != b]
    assert not mismatched, f"{len(mismatched)} check(s) differ from the sequential run, e.g. item {mismatched[:5]}"
